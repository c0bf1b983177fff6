"""The event log is written in the same transaction as the change it describes: a
rolled-back change leaves no event, a committed one always has its event, numbered by a
cursor in commit order; old events are pruned by ``creneau prune-events``."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select, update

from domain.bookings.capacity import free_place, take_place
from domain.requests.history import record_step
from models import Booking, Event, Request, RequestLine
from models.base import utcnow
from models.booking import BookingStatus
from models.event import EventKind
from models.request import HistoryStep, RequestLineStatus, RequestStatus
from subscriptions.log import decode_cursor, encode_cursor, prune_events, read_events
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.subscriptions.conftest import DAY, World


async def _events(world: World) -> list[Event]:
    async with world.sessions() as session:
        return list(await session.scalars(select(Event).order_by(Event.id)))


async def test_a_committed_request_step_is_logged_with_what_a_client_shows(
    world: World,
) -> None:
    request_id = await world.request_step()
    (event,) = await _events(world)
    assert event.kind is EventKind.REQUEST_CREATED
    assert (event.tenant_id, event.family_id, event.subject_id) == (
        world.tenant.id,
        world.family.id,
        request_id,
    )
    assert event.seq is not None
    assert event.payload["statusLabel"] == "En cours d'instruction"
    assert event.payload["typeLabel"] == "Modification du responsable"
    assert event.payload["step"] == "CREATED"

    await world.request_step(
        step=HistoryStep.DECIDED, status=RequestStatus.ACCEPTED, request_id=request_id
    )
    decided = (await _events(world))[-1]
    assert decided.kind is EventKind.REQUEST_STATUS_CHANGED
    assert decided.payload["statusLabel"] == "Acceptée"
    assert decided.seq is not None and decided.seq > event.seq


async def test_a_rolled_back_change_leaves_no_event(world: World) -> None:
    class Boom(Exception):
        pass

    async def change_then_fail() -> None:
        async with world.sessions() as session, session.begin():
            request = Request(
                tenant_id=world.tenant.id,
                family_id=world.family.id,
                reference=1,
                type="GUARDIAN_CHANGE",
            )
            session.add(request)
            await session.flush()
            record_step(
                session,
                request,
                HistoryStep.CREATED,
                RequestStatus.PENDING,
                actor_account_id=None,
                now=utcnow(),
            )
            await session.flush()
            raise Boom

    with pytest.raises(Boom):
        await change_then_fail()
    assert await _events(world) == []


async def test_bookings_and_decided_lines_are_logged_with_their_child(world: World) -> None:
    async with world.sessions() as session, session.begin():
        establishment = await factories.make_establishment(session, world.tenant)
        year = await factories.make_school_year(session, world.tenant)
        activity = await factories.make_activity(session, establishment, year)
        slot = await factories.make_slot(session, activity)
        child = await ff.make_child(session, world.family)
        request, (line,) = await fr.make_booking_request(session, None, child, slot, [DAY])
    async with world.sessions() as session, session.begin():
        status = await take_place(
            session,
            tenant_id=world.tenant.id,
            child_id=child.id,
            slot_id=slot.id,
            activity_id=activity.id,
            registration_id=None,
            date=DAY,
            now=utcnow(),
        )
        assert status is BookingStatus.RESERVED
        row = await session.get(RequestLine, line.id)
        assert row is not None
        row.status = RequestLineStatus.ACCEPTED
    events = await _events(world)
    kinds = {e.kind: e for e in events}
    booking_event = kinds[EventKind.BOOKING_CHANGED]
    assert booking_event.child_id == child.id
    assert booking_event.family_id == world.family.id
    assert booking_event.payload["status"] == "RESERVED"
    assert booking_event.payload["date"] == DAY.isoformat()
    line_event = kinds[EventKind.REQUEST_LINE_DECIDED]
    assert line_event.payload["requestId"] == request.id
    assert line_event.payload["statusLabel"] == "Acceptée"
    assert all(e.seq is not None for e in events)

    # Re-assigning the same status is not a change; a real one is.
    async with world.sessions() as session, session.begin():
        booking = await session.scalar(select(Booking).where(Booking.child_id == child.id))
        assert booking is not None
        booking.status = BookingStatus.RESERVED
    assert len(await _events(world)) == len(events)
    async with world.sessions() as session, session.begin():
        booking = await session.scalar(select(Booking).where(Booking.child_id == child.id))
        assert booking is not None
        await free_place(session, booking=booking, new_status=BookingStatus.ABSENT, now=utcnow())
    last = (await _events(world))[-1]
    assert last.kind is EventKind.BOOKING_CHANGED
    assert last.payload["status"] == "ABSENT"


async def test_cursors_follow_commit_order_under_concurrent_writers(world: World) -> None:
    """Concurrent transactions get cursors in the order they commit, with no hole a
    reader could skip: every cursor below a visible one is visible too."""

    async def writer(n: int) -> None:
        for _ in range(n):
            await world.request_step()

    await asyncio.gather(*(writer(5) for _ in range(4)))
    events = await _events(world)
    assert len(events) == 20
    seqs = sorted(e.seq for e in events if e.seq is not None)
    assert len(seqs) == 20 and len(set(seqs)) == 20
    async with world.sessions() as session:
        read = await read_events(session, tenant_id=world.tenant.id, after=0, limit=100)
    assert [e.seq for e in read] == seqs


def test_cursors_are_opaque_and_round_trip() -> None:
    cursor = encode_cursor(12345)
    assert "12345" not in cursor
    assert decode_cursor(cursor) == 12345
    assert decode_cursor("not a cursor") is None
    assert decode_cursor(encode_cursor(1)[:-1] + "!") is None


async def test_prune_deletes_old_events_only(world: World) -> None:
    await world.request_step()
    await world.request_step()
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    async with world.sessions() as session, session.begin():
        first = await session.scalar(select(func.min(Event.id)))
        await session.execute(update(Event).where(Event.id == first).values(occurred_at=old))
    async with world.sessions() as session, session.begin():
        deleted = await prune_events(session, before=utcnow() - dt.timedelta(days=30))
    assert deleted == 1
    assert len(await _events(world)) == 1
