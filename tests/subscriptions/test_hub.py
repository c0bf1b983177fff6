"""Delivery through the hub: backlog from a cursor then live events, without gap or
duplicate, even while writers commit during the subscription; every event re-authorized
for the subscriber's viewer as it is now; polling when no wake-up comes."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import insert, select, update

from kernel.viewer import Viewer
from models import Account, Event, Session
from models.base import utcnow
from models.event import EventKind
from models.request import HistoryStep, RequestStatus
from subscriptions.brokers import RedisBroker
from subscriptions.hub import Delivery, Hub
from subscriptions.log import LoggedEvent
from subscriptions.stream import SubscriptionEnded, deliveries
from tests.subscriptions.conftest import World, nothing_within, take, until_subscribed


def requests_only(event: LoggedEvent) -> bool:
    return event.kind in (EventKind.REQUEST_CREATED, EventKind.REQUEST_STATUS_CHANGED)


def _stream(hub: Hub, viewer: Viewer, after: int | None = None):  # type: ignore[no-untyped-def]
    return deliveries(hub, viewer, after=after, accepts=requests_only)


def _subjects(items: list[Delivery]) -> list[int]:
    return [d.event.subject_id for d in items]


async def test_live_events_reach_the_family_and_staff(world: World, hub: Hub) -> None:
    parent = _stream(hub, world.parent)
    staff = _stream(hub, world.staff)
    # Start both (registration happens on the first read).
    first_parent = asyncio.ensure_future(take(parent, 1))
    first_staff = asyncio.ensure_future(take(staff, 1))
    await until_subscribed(hub, 2)
    request_id = await world.request_step()
    (got,) = await first_parent
    assert got.event.subject_id == request_id
    assert got.event.payload["statusLabel"] == "En cours d'instruction"
    assert _subjects(await first_staff) == [request_id]
    await world.request_step(
        step=HistoryStep.DECIDED, status=RequestStatus.ACCEPTED, request_id=request_id
    )
    (decided,) = await take(parent, 1)
    assert decided.event.payload["statusLabel"] == "Acceptée"
    await parent.aclose()
    await staff.aclose()
    assert hub.subscriber_count == 0


async def test_resume_after_a_cursor_replays_then_goes_live_without_gap_or_duplicate(
    world: World, hub: Hub
) -> None:
    first = await world.request_step()
    second = await world.request_step()
    live = _stream(hub, world.parent, after=0)
    replayed = await take(live, 2)
    assert _subjects(replayed) == [first, second]
    cursor = replayed[0].event.seq
    await live.aclose()

    # Disconnected: events happen meanwhile.
    third = await world.request_step()
    resumed = _stream(hub, world.parent, after=cursor)
    assert _subjects(await take(resumed, 2)) == [second, third]

    # Writers keep committing while a new subscriber replays: it gets each exactly once.
    async def write(n: int) -> list[int]:
        return [await world.request_step() for _ in range(n)]

    writers = asyncio.ensure_future(asyncio.gather(write(6), write(6)))
    racing = _stream(hub, world.parent, after=cursor)
    got = await take(racing, 2 + 12, within=30)
    written = sorted(x for batch in await writers for x in batch)
    subjects = _subjects(got)
    assert subjects[:2] == [second, third]
    assert sorted(subjects[2:]) == written
    seqs = [d.event.seq for d in got]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert await nothing_within(racing, 0.5)
    await resumed.aclose()


async def test_other_family_and_other_tenant_receive_nothing(world: World, hub: Hub) -> None:
    other = _stream(hub, world.other_parent, after=0)
    foreign = _stream(hub, world.other_tenant_staff, after=0)
    parent = _stream(hub, world.parent, after=0)
    mine = await world.request_step(world.family)
    theirs = await world.request_step(world.other_family)
    assert _subjects(await take(parent, 1)) == [mine]
    assert _subjects(await take(other, 1)) == [theirs]
    assert await nothing_within(foreign, 0.8)
    assert await nothing_within(parent, 0.5)


async def test_a_guardian_removed_from_the_family_stops_receiving(world: World, hub: Hub) -> None:
    parent = _stream(hub, world.parent, after=0)
    await world.request_step()
    await take(parent, 1)
    async with world.sessions() as session, session.begin():
        await session.execute(
            update(Account).where(Account.id == world.parent.account_id).values(guardian_id=None)
        )
    await world.request_step()
    assert await nothing_within(parent, 1.0)


async def test_a_revoked_session_ends_the_subscription(world: World, hub: Hub) -> None:
    parent = _stream(hub, world.parent, after=0)
    await world.request_step()
    await take(parent, 1)
    async with world.sessions() as session, session.begin():
        await session.execute(
            update(Session).where(Session.id == world.parent.session_id).values(revoked_at=utcnow())
        )
    await world.request_step()
    with pytest.raises(SubscriptionEnded):
        await take(parent, 1)


async def _insert_event_behind_the_hubs_back(world: World) -> int:
    """An event committed without the ORM session hooks: as if by another process."""
    async with world.sessions() as session, session.begin():
        top = await session.scalar(select(Event.seq).order_by(Event.seq.desc()).limit(1))
        seq = (top or 0) + 1000
        await session.execute(
            insert(Event).values(
                tenant_id=world.tenant.id,
                family_id=world.family.id,
                kind=EventKind.REQUEST_CREATED,
                subject_type="Request",
                subject_id=seq,
                payload={"step": "CREATED", "status": "PENDING"},
                occurred_at=utcnow(),
                seq=seq,
            )
        )
    return seq


async def test_without_a_broker_wake_up_the_log_is_polled(world: World) -> None:
    """The broker is down (nothing listens on its port): events from elsewhere still
    arrive, by polling the log at the fallback interval."""
    hub = Hub(world.sessions, RedisBroker("redis://127.0.0.1:1/0"), fallback_poll_s=0.3)
    await hub.start()
    try:
        parent = _stream(hub, world.parent)
        pending = asyncio.ensure_future(take(parent, 1, within=5))
        await until_subscribed(hub, 1)
        assert not hub.broker.healthy
        seq = await _insert_event_behind_the_hubs_back(world)
        (got,) = await pending
        assert got.event.seq == seq
        await parent.aclose()
    finally:
        await hub.stop()
