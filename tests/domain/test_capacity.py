"""Places on a slot: reserve while there is room, then the waiting list (or SLOT_FULL);
never more reservations than places, even with many writers at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.bookings.capacity import free_place, take_place
from kernel.results import DomainFailure
from models import Booking, Child
from models.booking import BookingStatus
from models.engine import create_session_factory
from tests.factories.bookings import BookingTown, make_booking_town, make_household
from tests.support.concurrency import gather_bounded, in_flight_limit

MONDAY = dt.date(2026, 12, 7)
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


async def _take(
    session: AsyncSession, town: BookingTown, child: Child, *, now: dt.datetime = NOW
) -> BookingStatus:
    """Take a place on the Monday slot for ``child`` (only its ``id`` is read)."""
    return await take_place(
        session,
        tenant_id=town.tenant.id,
        child_id=child.id,
        slot_id=town.slots[1].id,
        activity_id=town.activity.id,
        registration_id=None,
        date=MONDAY,
        now=now,
    )


async def test_reserves_while_places_remain_then_waiting_list(session: AsyncSession) -> None:
    town = await make_booking_town(session, capacity=2, waiting_list_enabled=True)
    house = await make_household(session, town, children=3)
    statuses = [await _take(session, town, child) for child in house.children]
    assert statuses == [BookingStatus.RESERVED, BookingStatus.RESERVED, BookingStatus.WAITING_LIST]
    waiting = await session.scalar(select(Booking).where(Booking.child_id == house.children[2].id))
    assert waiting is not None and waiting.waiting_since == NOW
    # Idempotent: a reserved child stays reserved, without taking a second place.
    assert await _take(session, town, house.children[0]) is BookingStatus.RESERVED


async def test_slot_capacity_overrides_the_activity_and_none_is_unlimited(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, capacity=None)
    house = await make_household(session, town, children=5)
    assert {await _take(session, town, c) for c in house.children} == {BookingStatus.RESERVED}
    town.slots[1].capacity = 5
    town.activity.capacity = 1
    other = await make_household(session, town)
    assert await _take(session, town, other.children[0]) is BookingStatus.WAITING_LIST


async def test_full_without_waiting_list_is_refused(session: AsyncSession) -> None:
    town = await make_booking_town(session, capacity=1, waiting_list_enabled=False)
    house = await make_household(session, town, children=2)
    assert await _take(session, town, house.children[0]) is BookingStatus.RESERVED
    with pytest.raises(DomainFailure) as raised:
        await _take(session, town, house.children[1])
    assert raised.value.problems[0].code == "SLOT_FULL"
    assert "07/12/2026" in raised.value.problems[0].message


async def test_free_place_then_the_place_can_be_taken_again(session: AsyncSession) -> None:
    town = await make_booking_town(session, capacity=1)
    house = await make_household(session, town, children=2)
    await _take(session, town, house.children[0])
    booking = await session.scalar(select(Booking).where(Booking.child_id == house.children[0].id))
    assert booking is not None
    await free_place(session, booking=booking, new_status=BookingStatus.ABSENT, now=NOW)
    assert booking.status is BookingStatus.ABSENT
    assert await _take(session, town, house.children[1]) is BookingStatus.RESERVED
    with pytest.raises(ValueError, match="cannot set"):
        await free_place(session, booking=booking, new_status=BookingStatus.RESERVED, now=NOW)


async def test_another_tenants_slot_is_not_found(session: AsyncSession) -> None:
    town = await make_booking_town(session, capacity=1)
    other = await make_booking_town(session)
    house = await make_household(session, town)
    with pytest.raises(DomainFailure):
        await take_place(
            session,
            tenant_id=other.tenant.id,
            child_id=house.children[0].id,
            slot_id=town.slots[1].id,
            activity_id=town.activity.id,
            registration_id=None,
            date=MONDAY,
            now=NOW,
        )


async def test_concurrent_writers_never_exceed_capacity(
    session: AsyncSession, engine: AsyncEngine
) -> None:
    town = await make_booking_town(session, capacity=5, waiting_list_enabled=True)
    house = await make_household(session, town, children=40)
    await session.commit()
    sessions = create_session_factory(engine)

    async def one(child_id: int, index: int) -> BookingStatus:
        async with sessions() as own, own.begin():
            child = Child(id=child_id)  # a transient stand-in: only its id is read
            return await _take(own, town, child, now=NOW + dt.timedelta(microseconds=index))

    # As many in flight as the pool keeps connections: all contend, none waits for a
    # connection (tests/support/concurrency.py).
    statuses = await gather_bounded(
        in_flight_limit(engine), (one(c.id, i) for i, c in enumerate(house.children))
    )
    assert statuses.count(BookingStatus.RESERVED) == 5
    assert statuses.count(BookingStatus.WAITING_LIST) == 35
    counts = dict(
        (await session.execute(select(Booking.status, func.count()).group_by(Booking.status))).all()
    )
    assert counts == {BookingStatus.RESERVED: 5, BookingStatus.WAITING_LIST: 35}
