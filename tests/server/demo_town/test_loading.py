"""Loading the demo town: idempotent, refused outside the school year, and consistent
whatever today is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import defaultdict

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.calendar.opening_days import opening_days
from models import (
    Activity,
    Base,
    Booking,
    Child,
    Registration,
    Request,
    RequestHistory,
    RequestLine,
    Slot,
    Tenant,
)
from models.booking import BookingStatus
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestLineAction, RequestLineStatus, RequestStatus
from seed.demo_town import DEMO_REFERENCE_DATE, DEMO_TENANT_SLUG, EARLIEST_TODAY, LATEST_TODAY
from seed.demo_town.next_year_data import NEXT_YEAR_START, NEXT_YEAR_TODAY
from seed.demo_town.town_data import TENANT_SETTINGS
from tests.server.demo_town._helpers import _check_invoices, _closed_periods, _load


async def _row_counts(session: AsyncSession) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = await session.scalar(select(func.count()).select_from(table)) or 0
    return counts


async def test_loading_twice_is_idempotent(engine: AsyncEngine, session: AsyncSession) -> None:
    started = time.perf_counter()
    first = await _load(engine)
    elapsed = time.perf_counter() - started
    counts = await _row_counts(session)

    second = await _load(engine)

    assert first.created is True
    assert second.created is False
    assert second == dataclasses.replace(first, created=False)
    assert await _row_counts(session) == counts
    assert elapsed < 10, f"loading the demo town took {elapsed:.1f} s"
    assert first.establishments >= 3
    assert min(first.bookings, first.requests, first.invoices, first.slots) > 0
    tenant = (await session.scalars(select(Tenant))).one()
    assert (tenant.id, tenant.slug, tenant.name) == (
        first.tenant_id,
        DEMO_TENANT_SLUG,
        "Mairie de Saint-Ismier",
    )
    assert tenant.settings == TENANT_SETTINGS  # with the SEPA creditor (direct debit)
    assert tenant.settings["autoAcceptedChanges"] == ["CHILD_PHOTO_CHANGE"]


async def test_today_outside_the_school_year_is_refused(engine: AsyncEngine) -> None:
    with pytest.raises(ValueError, match="today must be between"):
        await _load(engine, dt.date(2026, 9, 1))


async def _check_bookings(session: AsyncSession) -> None:
    periods = await _closed_periods(session)
    activities = {a.id: a for a in await session.scalars(select(Activity))}
    slots = {s.id: s for s in await session.scalars(select(Slot))}
    registrations = {r.id: r for r in await session.scalars(select(Registration))}
    children = {c.id: c for c in await session.scalars(select(Child))}
    exclusive: set[tuple[int, str, dt.date]] = set()
    days_cache: dict[int, set[dt.date]] = {}
    for booking in await session.scalars(select(Booking)):
        slot = slots[booking.slot_id]
        assert slot.activity_id == booking.activity_id
        assert slot.weekday == booking.date.isoweekday()
        if slot.id not in days_cache:
            activity = activities[slot.activity_id]
            days_cache[slot.id] = set(
                opening_days(
                    slot.valid_from,
                    slot.valid_to or dt.date(2026, 8, 31),
                    establishment_id=activity.establishment_id,
                    operating_days=activity.operating_days,
                    weekdays=[slot.weekday],
                    periods=periods,
                )
            )
        assert booking.date in days_cache[slot.id], (booking.date, booking.activity_id)
        assert booking.registration_id is not None
        registration = registrations[booking.registration_id]
        assert registration.status is RegistrationStatus.ACTIVE
        assert registration.start_date <= booking.date <= registration.end_date
        # The child is eligible (grade and birth-date range of the activity).
        activity = activities[booking.activity_id]
        child = children[booking.child_id]
        if activity.min_grade is not None:
            assert child.grade is not None
            assert child.grade.rank >= activity.min_grade.rank
        if activity.max_grade is not None:
            assert child.grade is not None
            assert child.grade.rank <= activity.max_grade.rank
        if activity.born_on_or_before is not None:
            assert child.birth_date <= activity.born_on_or_before
        if activity.born_on_or_after is not None:
            assert child.birth_date >= activity.born_on_or_after
        if activity.exclusivity_group and booking.status is BookingStatus.RESERVED:
            group_day = (booking.child_id, activity.exclusivity_group, booking.date)
            assert group_day not in exclusive, "two slots of one exclusivity group on a day"
            exclusive.add(group_day)


async def _check_requests(session: AsyncSession) -> None:
    # Two requests of the demo share their creation instant (to the second): ties are
    # ordered by reference, or PostgreSQL returns them in any order and the check is luck.
    requests = list(
        await session.scalars(select(Request).order_by(Request.created_at, Request.reference))
    )
    assert {r.status for r in requests} == set(RequestStatus)
    references = [r.reference for r in requests]
    assert all(10_000_000 <= ref <= 99_999_999 for ref in references)
    assert len(set(references)) == len(references)
    assert references == sorted(references), "references must increase with time"

    history: dict[int, list[RequestHistory]] = defaultdict(list)
    for entry in await session.scalars(
        select(RequestHistory).order_by(RequestHistory.occurred_at, RequestHistory.id)
    ):
        history[entry.request_id].append(entry)
    for request in requests:
        steps = history[request.id]
        assert steps[0].step is HistoryStep.CREATED
        assert steps[0].status is RequestStatus.PENDING
        assert steps[0].occurred_at == request.created_at
        assert steps[-1].status is request.status, request.reference
        if request.status in (
            RequestStatus.ACCEPTED,
            RequestStatus.PARTIALLY_ACCEPTED,
            RequestStatus.REFUSED,
        ):
            assert request.decided_at is not None
            assert steps[-1].step is HistoryStep.DECIDED
            assert steps[-1].occurred_at == request.decided_at
        if request.transmitted_at is not None:
            assert any(s.step is HistoryStep.TRANSMITTED for s in steps)

    bookings = {b.id: b for b in await session.scalars(select(Booking))}
    by_occurrence = {(b.child_id, b.slot_id, b.date): b for b in bookings.values()}
    statuses = {r.id: r.status for r in requests}
    for line in await session.scalars(select(RequestLine)):
        booking = by_occurrence.get((line.child_id, line.slot_id, line.date))
        if line.booking_id is not None:
            assert bookings[line.booking_id] is booking
        request_status = statuses[line.request_id]
        if line.status is RequestLineStatus.PENDING:
            assert request_status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
        if line.action is RequestLineAction.RESERVE:
            if line.status is RequestLineStatus.ACCEPTED:
                assert booking is not None
                assert booking.status is BookingStatus.RESERVED
            elif line.status is RequestLineStatus.WAITING_LIST:
                assert booking is not None
                assert booking.status is BookingStatus.WAITING_LIST
                assert booking.waiting_since is not None
            else:
                assert booking is None or booking.status is not BookingStatus.RESERVED
        else:
            assert booking is not None
            if line.status is RequestLineStatus.ACCEPTED:
                assert booking.status in (BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED)
            else:
                assert booking.status is BookingStatus.RESERVED


@pytest.mark.parametrize("today", [EARLIEST_TODAY, DEMO_REFERENCE_DATE, LATEST_TODAY])
async def test_the_town_is_consistent_whatever_today(
    engine: AsyncEngine, session: AsyncSession, today: dt.date
) -> None:
    summary = await _load(engine, today)
    assert summary.created
    await _check_bookings(session)
    await _check_requests(session)
    await _check_invoices(session)
    statuses = set(await session.scalars(select(Booking.status)))
    assert {
        BookingStatus.RESERVED,
        BookingStatus.ABSENT,
        BookingStatus.ABSENT_BILLED,
        BookingStatus.WAITING_LIST,
        BookingStatus.CANCELLED,
    } <= statuses
    # Attendance is only marked for the past.
    marked = await session.scalars(select(Booking.date).where(Booking.attendance.is_not(None)))
    # (2025-2026 around ``today``; 2026-2027 is told from its own fixed day.)
    assert all(day < today or NEXT_YEAR_START <= day < NEXT_YEAR_TODAY for day in marked)
    upcoming = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.date > today, Booking.status == BookingStatus.RESERVED)
    )
    assert upcoming
