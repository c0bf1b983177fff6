"""Each delivered event is resolved like a fresh request.

A WebSocket connection keeps one GraphQL context for its whole life, but an event's
payload (a ``Request`` node and its fields) must be resolved with the viewer as it is now,
with empty DataLoader caches (rows change between events), and without holding a database
connection between events. :func:`per_event` sets that up around each ``yield``; the
subscriptions of one connection take turns (a per-connection lock), since they share the
context.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from resolvers.context import Context
from subscriptions.hub import Delivery

_LOCK_ATTRIBUTE = "_creneau_event_lock"


def _lock_of(context: Context) -> asyncio.Lock:
    lock = getattr(context, _LOCK_ATTRIBUTE, None)
    if lock is None:
        lock = asyncio.Lock()
        setattr(context, _LOCK_ATTRIBUTE, lock)
    return lock


async def per_event(context: Context, source: AsyncIterator[Delivery]) -> AsyncIterator[Delivery]:
    """Yield each delivery with the context refreshed for it (viewer re-read at delivery,
    new loaders), then release its database connection before the next one."""
    lock = _lock_of(context)
    async for delivery in source:
        async with lock:
            context.viewer = delivery.viewer
            context.__dict__.pop("loaders", None)
            try:
                yield delivery
            finally:
                context.__dict__.pop("loaders", None)
                if "db" in context.__dict__:
                    # Shielded: a client leaving mid-close must not cut the rollback short.
                    await asyncio.shield(context.close())
