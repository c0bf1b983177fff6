"""Change requests over GraphQL: asked by parents, decided by staff, listed, and out of
reach of others."""
