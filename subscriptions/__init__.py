"""Live updates (GraphQL subscriptions) — the event log readers and broker backends.

Not built yet: the event log table exists (``models.event``) and the WebSocket endpoint is
served on ``/{tenant}/graphql``; the subscriptions themselves, their brokers (in-process,
Redis, PostgreSQL LISTEN/NOTIFY) and their resume-from-cursor logic come with the
live-updates issue.
"""
