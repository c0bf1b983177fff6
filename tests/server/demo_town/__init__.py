"""The demo town: idempotent loading, and the facts of the Saint-Ismier guide it must show."""
