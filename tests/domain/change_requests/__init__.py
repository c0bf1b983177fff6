"""Change requests at the domain level: their flow, refusals, types and checked fields."""
