"""A closure and a reservation at the same moment (PostgreSQL, two sessions): whichever
commits first, no place is left on the closed day.

The reservation is judged on the calendar it reads first; the closure
(``calendarPeriodCreate``) locks the slots it touches before reading the bookings, and the
reservation reads the calendar again once it holds its slots. Each test holds one
transaction open, starts the other, waits until PostgreSQL shows it waiting for a lock
(``pg_stat_activity``: no sleep, no timing luck), then commits the first. Without the
locks the second never waits: the test fails at that point.

SQLite allows one writer at a time, so its transactions cannot interleave this way: the
tests run on PostgreSQL only (``CRENEAU_TEST_DATABASE_URL``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.bookings.codes import BookingRule
from domain.bookings.reports import NothingRecorded
from domain.calendar.periods import PeriodCreated, create_period
from models import Booking
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.engine import create_session_factory
from tests.domain.bookings.requests._helpers import MONDAY, NOW, ask
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household

LOCK_WAIT_LIMIT = 30.0  # seconds: only reached when the second transaction never waits


@pytest.fixture
def postgres(engine: AsyncEngine) -> AsyncEngine:
    if engine.dialect.name != "postgresql":
        pytest.skip("two interleaved writers need PostgreSQL (CRENEAU_TEST_DATABASE_URL)")
    return engine


async def _town(session: AsyncSession) -> tuple[BookingTown, Household]:
    town = await make_booking_town(session, weekdays=(1,), auto_accept=True, capacity=10)
    house = await make_household(session, town)
    await session.commit()
    return town, house


async def _close_monday(session: AsyncSession, town: BookingTown) -> PeriodCreated:
    return await create_period(
        session,
        tenant_id=town.tenant.id,
        actor_account_id=None,
        school_year_id=town.year.id,
        kind=CalendarPeriodKind.STRIKE,
        label="Grève",
        start=MONDAY,
        end=MONDAY,
        establishment_id=None,
        has_establishment=False,
        now=NOW,
    )


async def _waits_for_a_lock(engine: AsyncEngine, task: asyncio.Task[Any]) -> bool:
    """True once another backend of this database waits for a lock while ``task`` is not
    done; False when ``task`` finishes without ever waiting (or after the limit)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOCK_WAIT_LIMIT
    async with engine.connect() as probe:
        while loop.time() < deadline and not task.done():
            waiting = await probe.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            )
            await probe.rollback()
            if waiting:
                return True
            await asyncio.sleep(0.02)
    return False


async def _monday_statuses(session: AsyncSession, tenant_id: int) -> list[BookingStatus]:
    await session.rollback()  # a new transaction: what the two others committed
    return list(
        await session.scalars(
            select(Booking.status).where(Booking.tenant_id == tenant_id, Booking.date == MONDAY)
        )
    )


async def test_a_reservation_waiting_behind_a_closure_finds_the_day_closed(
    postgres: AsyncEngine, session: AsyncSession
) -> None:
    town, house = await _town(session)
    tenant_id = town.tenant.id
    sessions = create_session_factory(postgres)
    async with sessions() as closing, sessions() as parent:
        await closing.begin()
        await _close_monday(closing, town)  # holds the slot, not committed

        async def reserve() -> object:
            async with parent.begin():
                return await ask(parent, town, house)

        reservation = asyncio.create_task(reserve())
        try:
            assert await _waits_for_a_lock(postgres, reservation), (
                "the reservation did not wait for the closure's lock on the slot"
            )
        finally:
            await closing.commit()
        with pytest.raises(NothingRecorded) as refused:
            await reservation
    [report] = refused.value.lines
    assert report.rule is BookingRule.CLOSED_DAY and "Grève" in report.message
    assert await _monday_statuses(session, tenant_id) == []


async def test_a_closure_waiting_behind_a_reservation_cancels_it(
    postgres: AsyncEngine, session: AsyncSession
) -> None:
    town, house = await _town(session)
    tenant_id = town.tenant.id
    sessions = create_session_factory(postgres)
    async with sessions() as closing, sessions() as parent:
        await parent.begin()
        await ask(parent, town, house)  # a place on Monday, not committed

        async def close() -> PeriodCreated:
            async with closing.begin():
                return await _close_monday(closing, town)

        closure = asyncio.create_task(close())
        try:
            assert await _waits_for_a_lock(postgres, closure), (
                "the closure did not wait for the reservation's lock on the slot"
            )
        finally:
            await parent.commit()
        created = await closure
    assert created.effects.bookings_cancelled == 1
    assert created.effects.families_notified == 1
    assert await _monday_statuses(session, tenant_id) == [BookingStatus.CANCELLED]
