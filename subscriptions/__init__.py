"""Live updates (GraphQL subscriptions): reading the event log, the per-process hub that
fans events out to subscribers, and the brokers that wake hubs across processes.

The event log (``models.event``, written by ``domain.events``) is the source of truth:
a broker only says "tenant T has new events"; every subscriber reads the log from its
cursor, so a lost wake-up delays an event (until the next poll) but never loses it.
"""
