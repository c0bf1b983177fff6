"""One subscription's events: the backlog from its cursor, then the live ones.

No gap, no duplicate: the subscriber registers with the hub *before* reading the backlog
(so nothing committed afterwards can slip between the two), reads the backlog by cursor,
then takes live events, dropping any whose cursor it has already passed.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kernel.viewer import Viewer
from subscriptions.hub import PAGE_SIZE, Accepts, Delivery, Hub, Prepare, SubscriptionEnded
from subscriptions.log import read_events
from subscriptions.viewers import can_see, current_viewers

__all__ = ["SubscriptionEnded", "deliveries"]

REVOKED = "Session expirée ou révoquée : reconnectez-vous."


async def _from_log(
    sessions: async_sessionmaker[AsyncSession], viewer: Viewer, after: int, accepts: Accepts
) -> tuple[list[Delivery], int, Viewer, bool]:
    """One page of the log above ``after``: what the (re-read) viewer may see, the cursor
    reached, the fresh viewer, and whether more pages follow."""
    async with sessions() as session:
        events = await read_events(
            session, tenant_id=viewer.tenant_id, after=after, limit=PAGE_SIZE
        )
        fresh = (
            await current_viewers(
                session, tenant_id=viewer.tenant_id, session_ids=[viewer.session_id or 0]
            )
        ).get(viewer.session_id or 0)
    if fresh is None:
        raise SubscriptionEnded(REVOKED)
    found = [Delivery(e, fresh) for e in events if accepts(e) and can_see(fresh, e)]
    reached = events[-1].seq if events else after
    return found, reached, fresh, len(events) == PAGE_SIZE


async def deliveries(
    hub: Hub,
    viewer: Viewer,
    *,
    after: int | None,
    accepts: Accepts,
    prepare: Prepare | None = None,
) -> AsyncGenerator[Delivery, None]:
    """Every event ``accepts`` takes and the viewer may see, in cursor order: those above
    ``after`` from the log first (none when ``after`` is None), then live ones, forever.

    Raises :class:`SubscriptionEnded` when the viewer's login session is no longer valid.
    """
    subscriber = await hub.subscribe(viewer, accepts, prepare)
    try:
        if after is None:
            # From the feed's cursor: no query per subscription (at worst, a few events
            # committed a moment before subscribing are delivered too).
            last = subscriber.joined_at
        else:
            last = after
            more = True
            while more:
                found, last, subscriber.viewer, more = await _from_log(
                    hub.sessions, subscriber.viewer, last, accepts
                )
                for delivery in found:
                    yield delivery
        while True:
            batch = await subscriber.next_batch()
            if batch is None:  # fell behind: catch up from the log
                more = True
                while more:
                    found, reached, subscriber.viewer, more = await _from_log(
                        hub.sessions, subscriber.viewer, last, accepts
                    )
                    for delivery in found:
                        yield delivery
                    last = reached
                continue
            for delivery in batch:
                if delivery.event.seq <= last:
                    continue
                last = delivery.event.seq
                yield delivery
    finally:
        hub.unsubscribe(subscriber)
