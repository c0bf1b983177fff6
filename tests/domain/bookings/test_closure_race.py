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

from domain.bookings.capacity import lock_slots
from domain.bookings.codes import BookingRule
from domain.bookings.decisions.decide import accept_request
from domain.bookings.reports import NothingRecorded
from domain.calendar.periods import PeriodCreated, create_period
from kernel.results import DomainFailure
from models import Booking
from models.account import Role
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.engine import create_session_factory
from tests.domain.bookings.requests._helpers import MONDAY, NOW, ask
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household
from tests.factories.catalogue import make_account

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


async def _pending_request(session: AsyncSession) -> tuple[BookingTown, int, int]:
    """A town whose activity waits for staff, a pending Monday request and an agent."""
    town = await make_booking_town(session, weekdays=(1,), auto_accept=False, capacity=10)
    house = await make_household(session, town)
    agent = await make_account(session, town.tenant, email="agent@example.fr", role=Role.STAFF)
    asked = await ask(session, town, house)
    await session.commit()
    return town, asked.request.id, agent.id


async def test_a_staff_acceptance_waiting_behind_a_closure_finds_the_day_closed(
    postgres: AsyncEngine, session: AsyncSession
) -> None:
    town, request_id, agent_id = await _pending_request(session)
    sessions = create_session_factory(postgres)
    async with sessions() as closing, sessions() as staff:
        await closing.begin()
        await _close_monday(closing, town)  # holds the slot, not committed

        async def accept() -> object:
            async with staff.begin():
                return await accept_request(
                    staff,
                    tenant_id=town.tenant.id,
                    request_id=request_id,
                    line_ids=None,
                    account_id=agent_id,
                    message=None,
                    now=NOW,
                )

        acceptance = asyncio.create_task(accept())
        try:
            assert await _waits_for_a_lock(postgres, acceptance), (
                "the decision did not wait for the closure's lock on the slot"
            )
        finally:
            await closing.commit()
        # The closure refused the pending date meanwhile: nothing is left to accept.
        with pytest.raises(DomainFailure):
            await acceptance
    assert await _monday_statuses(session, town.tenant.id) == []


async def test_a_closure_waiting_behind_a_staff_acceptance_cancels_the_place(
    postgres: AsyncEngine, session: AsyncSession
) -> None:
    town, request_id, agent_id = await _pending_request(session)
    sessions = create_session_factory(postgres)
    async with sessions() as closing, sessions() as staff:
        await staff.begin()
        await accept_request(
            staff,
            tenant_id=town.tenant.id,
            request_id=request_id,
            line_ids=None,
            account_id=agent_id,
            message=None,
            now=NOW,
        )  # a place on Monday, not committed

        async def close() -> PeriodCreated:
            async with closing.begin():
                return await _close_monday(closing, town)

        closure = asyncio.create_task(close())
        try:
            assert await _waits_for_a_lock(postgres, closure), (
                "the closure did not wait for the decision's lock on the slot"
            )
        finally:
            await staff.commit()
        created = await closure
    assert created.effects.bookings_cancelled == 1
    assert await _monday_statuses(session, town.tenant.id) == [BookingStatus.CANCELLED]


async def _until_waiting(engine: AsyncEngine, count: int, tasks: list[asyncio.Task[Any]]) -> bool:
    """True once ``count`` backends of this database wait for a lock (no task done)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOCK_WAIT_LIMIT
    async with engine.connect() as probe:
        while loop.time() < deadline and not any(task.done() for task in tasks):
            waiting = await probe.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            )
            await probe.rollback()
            if waiting >= count:
                return True
            await asyncio.sleep(0.02)
    return False


async def test_a_decision_queued_behind_a_closure_never_deadlocks_with_it(
    postgres: AsyncEngine, session: AsyncSession
) -> None:
    """The closure is first in the slot's queue, the decision second: the decision must not
    hold its request while it waits for the slot, or the closure — which refuses the
    request's pending date — waits for it in turn (PostgreSQL then aborts one: deadlock)."""
    town, request_id, agent_id = await _pending_request(session)
    sessions = create_session_factory(postgres)
    async with sessions() as gate, sessions() as closing, sessions() as staff:
        await gate.begin()
        await lock_slots(gate, [slot.id for slot in town.slots.values()])

        async def close() -> PeriodCreated:
            async with closing.begin():
                return await _close_monday(closing, town)

        async def accept() -> object:
            async with staff.begin():
                return await accept_request(
                    staff,
                    tenant_id=town.tenant.id,
                    request_id=request_id,
                    line_ids=None,
                    account_id=agent_id,
                    message=None,
                    now=NOW,
                )

        closure = asyncio.create_task(close())
        try:
            assert await _until_waiting(postgres, 1, [closure])
            acceptance = asyncio.create_task(accept())
            assert await _until_waiting(postgres, 2, [closure, acceptance])
        finally:
            await gate.commit()
        created = await closure  # a deadlock would abort one of the two here or below
        with pytest.raises(DomainFailure) as refused:
            await acceptance
    assert created.effects.lines_closed == 1
    assert refused.value.problems[0].code == "INVALID_STATE"
    assert await _monday_statuses(session, town.tenant.id) == []
