"""Slots: created inside the school year, closed from a date (never deleted once used),
their capacity changed without seating more children than places."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.waiting_list import waiting_queue
from domain.catalogue.capacity_change import change_slot_capacity
from domain.catalogue.common import Actor
from domain.catalogue.occupancy import AffectedDate, AffectedDatesFailure
from domain.catalogue.slots import SlotValues, close_slot, create_slot
from kernel.results import DomainFailure
from models import AuditEntry, Booking, Event, OutboxMessage, Slot
from models.booking import BookingStatus
from models.event import EventKind
from models.request import RequestLineStatus, RequestStatus
from tests.factories import requests as fr
from tests.factories.bookings import BookingTown, make_booking_town, make_household

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)
NEXT_MONDAY = dt.date(2026, 12, 14)
PAST_MONDAY = dt.date(2026, 11, 23)


def _actor(town: BookingTown) -> Actor:
    return Actor(town.tenant.id, None)


async def test_slot_created_inside_the_school_year_without_clash(session: AsyncSession) -> None:
    town = await make_booking_town(session, weekdays=(1,))
    actor = _actor(town)
    slot = await create_slot(
        session,
        actor,
        SlotValues(town.activity.id, 3, dt.time(11, 30), dt.time(13, 30)),
    )
    assert (slot.valid_from, slot.valid_to) == (town.year.start_date, town.year.end_date)
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "slot.created"))
    assert entry is not None and entry.object_id == slot.id
    for values, expected in [
        (
            SlotValues(town.activity.id, 3, dt.time(12), dt.time(14)),
            [("DUPLICATE", ("startTime",))],
        ),
        (
            SlotValues(town.activity.id, 2, dt.time(12), dt.time(11)),
            [("INVALID_TIMES", ("endTime",))],
        ),
        (
            SlotValues(town.activity.id, 2, dt.time(12), dt.time(13), dt.date(2026, 8, 1)),
            [("OUTSIDE_SCHOOL_YEAR", ("validFrom",))],
        ),
        (
            SlotValues(town.activity.id, 2, dt.time(12), dt.time(13), None, dt.date(2027, 8, 1)),
            [("OUTSIDE_SCHOOL_YEAR", ("validTo",))],
        ),
        (
            SlotValues(None, 2, dt.time(12), dt.time(13)),
            [("NOT_FOUND", ("activity",))],
        ),
    ]:
        with pytest.raises(DomainFailure) as refused:
            await create_slot(session, actor, values)
        assert [(p.code, p.field) for p in refused.value.problems] == expected


async def test_closing_a_slot_with_children_lists_their_dates_then_cancels_them(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,), capacity=1)
    slot = town.slots[1]
    house = await make_household(session, town, children=2)
    first, second = house.children
    past = await fr.make_booking(session, first, slot, PAST_MONDAY)
    reserved = await fr.make_booking(session, first, slot, MONDAY)
    waiting = await fr.make_booking(
        session, second, slot, NEXT_MONDAY, status=BookingStatus.WAITING_LIST
    )
    actor = _actor(town)
    with pytest.raises(AffectedDatesFailure) as refused:
        await close_slot(
            session, actor, slot.id, MONDAY, cancel_bookings=False, today=TODAY, now=NOW
        )
    assert refused.value.problems[0].code == "BOOKINGS_EXIST"
    assert refused.value.dates == (
        AffectedDate(MONDAY, 1, 0, None),
        AffectedDate(NEXT_MONDAY, 0, 1, None),
    )
    with pytest.raises(DomainFailure) as past_date:
        await close_slot(
            session, actor, slot.id, PAST_MONDAY, cancel_bookings=True, today=TODAY, now=NOW
        )
    assert past_date.value.problems[0].code == "INVALID_DATE"

    closure = await close_slot(
        session, actor, slot.id, MONDAY, cancel_bookings=True, today=TODAY, now=NOW
    )
    assert closure.slot is not None and closure.slot.valid_to == MONDAY - dt.timedelta(days=1)
    assert {b.id for b in closure.cancelled} == {reserved.id, waiting.id}
    assert reserved.status is BookingStatus.CANCELLED and waiting.status is BookingStatus.CANCELLED
    assert past.status is BookingStatus.RESERVED
    events = list(
        await session.scalars(select(Event).where(Event.kind == EventKind.BOOKING_CHANGED))
    )
    assert {e.subject_id for e in events} >= {reserved.id, waiting.id}
    assert all(e.family_id == house.family.id for e in events)


async def test_a_slot_never_used_closed_from_its_first_day_is_removed(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,))
    actor = _actor(town)
    slot = await create_slot(
        session,
        actor,
        SlotValues(town.activity.id, 3, dt.time(12), dt.time(13), dt.date(2027, 1, 4)),
    )
    closure = await close_slot(
        session, actor, slot.id, dt.date(2027, 1, 4), cancel_bookings=False, today=TODAY, now=NOW
    )
    assert closure.slot is None
    assert await session.scalar(select(Slot).where(Slot.id == slot.id)) is None


async def test_lowering_capacity_below_reservations_is_refused_with_the_dates(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,), capacity=3)
    slot = town.slots[1]
    house = await make_household(session, town, children=3)
    for child in house.children:
        await fr.make_booking(session, child, slot, MONDAY)
    await fr.make_booking(session, house.children[0], slot, NEXT_MONDAY)
    await fr.make_booking(session, house.children[0], slot, PAST_MONDAY)
    await fr.make_booking(session, house.children[1], slot, PAST_MONDAY)
    with pytest.raises(AffectedDatesFailure) as refused:
        await change_slot_capacity(
            session,
            _actor(town),
            slot.id,
            1,
            move_excess_to_waiting_list=False,
            today=TODAY,
            now=NOW,
        )
    assert refused.value.problems[0].code == "CAPACITY_BELOW_RESERVED"
    # The past date is over: only the future one counts.
    assert refused.value.dates == (AffectedDate(MONDAY, 3, 0, 1),)
    assert slot.capacity is None


async def test_excess_goes_to_the_head_of_the_waiting_list_last_booked_first(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,), capacity=3, waiting_list_enabled=True)
    slot = town.slots[1]
    house = await make_household(session, town, children=4)
    a, b, c, d = house.children
    base = dt.datetime(2026, 11, 1, 8, tzinfo=dt.UTC)
    booked = [
        await fr.make_booking(session, child, slot, MONDAY, created_at=base + dt.timedelta(hours=i))
        for i, child in enumerate((a, b, c))
    ]
    already = await fr.make_booking(
        session,
        d,
        slot,
        MONDAY,
        status=BookingStatus.WAITING_LIST,
        waiting_since=base + dt.timedelta(hours=5),
    )
    change = await change_slot_capacity(
        session,
        _actor(town),
        slot.id,
        1,
        move_excess_to_waiting_list=True,
        today=TODAY,
        now=NOW,
    )
    # b and c booked last: they leave their place, and keep their priority.
    assert {m.id for m in change.moved} == {booked[1].id, booked[2].id}
    assert booked[0].status is BookingStatus.RESERVED
    queue = await waiting_queue(session, slot_id=slot.id, date=MONDAY)
    assert [w.id for w in queue] == [booked[1].id, booked[2].id, already.id]
    entry = await session.scalar(
        select(AuditEntry).where(AuditEntry.action == "slot.capacity_changed")
    )
    assert entry is not None and entry.before == {"capacity": None}
    assert entry.after is not None and entry.after["capacity"] == 1


async def test_raising_capacity_promotes_waiting_children_when_the_activity_does(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(
        session,
        weekdays=(1,),
        capacity=1,
        waiting_list_enabled=True,
        auto_promote_waiting_list=True,
    )
    slot = town.slots[1]
    house = await make_household(session, town, children=3)
    await fr.make_booking(session, house.children[0], slot, MONDAY)
    waiting = [
        await fr.make_booking(
            session,
            child,
            slot,
            MONDAY,
            status=BookingStatus.WAITING_LIST,
            waiting_since=NOW - dt.timedelta(hours=3 - i),
        )
        for i, child in enumerate(house.children[1:])
    ]
    change = await change_slot_capacity(
        session,
        _actor(town),
        slot.id,
        2,
        move_excess_to_waiting_list=False,
        today=TODAY,
        now=NOW,
    )
    assert [b.id for b in change.promoted] == [waiting[0].id]
    statuses = {
        b.id: b.status
        for b in await session.scalars(select(Booking).where(Booking.slot_id == slot.id))
    }
    assert statuses[waiting[0].id] is BookingStatus.RESERVED
    assert statuses[waiting[1].id] is BookingStatus.WAITING_LIST


async def test_the_same_capacity_changes_nothing_and_records_nothing(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,), capacity=3)
    slot = town.slots[1]
    change = await change_slot_capacity(
        session,
        _actor(town),
        slot.id,
        None,
        move_excess_to_waiting_list=False,
        today=TODAY,
        now=NOW,
    )
    assert change.slot.capacity is None and change.moved == [] and change.promoted == []
    assert await session.scalar(select(AuditEntry.id)) is None


async def test_closing_refuses_the_dates_still_asked_for_or_waiting_and_mails_the_family(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, weekdays=(1,), capacity=1, waiting_list_enabled=True)
    slot = town.slots[1]
    house = await make_household(session, town, children=2)
    first, second = house.children
    reserved = await fr.make_booking(session, first, slot, MONDAY)
    waiting = await fr.make_booking(
        session, second, slot, MONDAY, status=BookingStatus.WAITING_LIST
    )
    _, (waiting_line,) = await fr.make_booking_request(
        session, house.account, second, slot, [MONDAY], status=RequestStatus.ACCEPTED
    )
    waiting_line.status = RequestLineStatus.WAITING_LIST
    waiting_line.booking_id = waiting.id
    pending_request, (pending_line,) = await fr.make_booking_request(
        session, house.account, first, slot, [NEXT_MONDAY]
    )
    await session.flush()
    actor = Actor(town.tenant.id, house.account.id)
    with pytest.raises(AffectedDatesFailure) as refused:
        await close_slot(
            session, actor, slot.id, MONDAY, cancel_bookings=False, today=TODAY, now=NOW
        )
    assert refused.value.dates == (
        AffectedDate(MONDAY, 1, 1, None, 0),
        AffectedDate(NEXT_MONDAY, 0, 0, None, 1),
    )
    mails_before = await session.scalar(select(func.count()).select_from(OutboxMessage))
    closure = await close_slot(
        session, actor, slot.id, MONDAY, cancel_bookings=True, today=TODAY, now=NOW
    )
    assert {b.id for b in closure.cancelled} == {reserved.id, waiting.id}
    await session.refresh(pending_line)
    await session.refresh(waiting_line)
    await session.refresh(pending_request)
    assert pending_line.status is RequestLineStatus.REFUSED
    assert waiting_line.status is RequestLineStatus.REFUSED
    assert pending_line.message is not None and "ne fonctionne plus" in pending_line.message
    assert pending_request.status is RequestStatus.REFUSED
    assert {reserved.status, waiting.status} == {BookingStatus.CANCELLED}
    mails_after = await session.scalar(select(func.count()).select_from(OutboxMessage))
    assert mails_after is not None and mails_before is not None
    assert mails_after >= mails_before + 2
