"""Occupancy reports against figures computed independently, in Python, from the factory's
data: places, waiting list, peaks, every opening occurrence like the planning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.opening_days import ClosedPeriod, opening_days
from domain.reporting import Dimension, ReportFilter, ReportingError, run_report
from domain.reporting.occupancy import MAX_OCCUPANCY_DAYS
from models import SchoolYear, Slot
from models.activity import OperatingDays
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from tests import factories
from tests.domain.reporting._helpers import _by, _query
from tests.factories.reporting import CARE_BOOKINGS, MONDAYS, ReportTown


async def test_occupancy_by_day_counts_places_waiting_list_and_peaks(
    session: AsyncSession, town: ReportTown
) -> None:
    result = await run_report(
        session,
        "occupancy",
        _query(session, town, Dimension.DAY, Dimension.ACTIVITY),
    )
    groups = {(g.keys[Dimension.DAY], g.keys[Dimension.ACTIVITY]): g for g in result.groups}
    for (day, activity_id), group in groups.items():
        rows = [b for b in town.bookings if b["date"] == day and b["activity"] == activity_id]
        reserved = sum(b["status"] is BookingStatus.RESERVED for b in rows)
        waiting = sum(b["status"] is BookingStatus.WAITING_LIST for b in rows)
        assert group.count == 1  # one slot occurrence per activity and day
        assert group.values["reserved"] == reserved
        assert group.values["waiting_list"] == waiting
        assert group.values["max_reserved"] == reserved
        if activity_id == town.care.id:
            assert group.values["capacity"] == 10
            assert group.values["occupancy_rate"] == round(reserved / 10, 4)
        else:
            assert group.values["capacity"] == 0
            assert group.values["occupancy_rate"] is None
    # Care on both Mondays, meal on the first; the other March Mondays hold nobody: even at a
    # minimum size of 1 their groups are suppressed (counted, not shown).
    assert len(groups) == 3
    assert result.suppressed_groups == 7


async def test_occupancy_by_month_sums_occurrences(session: AsyncSession, town: ReportTown) -> None:
    result = await run_report(session, "occupancy", _query(session, town, Dimension.MONTH))
    (group,) = result.groups
    assert group.keys[Dimension.MONTH] == dt.date(2026, 3, 1)
    assert group.count == 10  # five Mondays × two slots, booked or not
    assert group.values["reserved"] == sum(
        b["status"] is BookingStatus.RESERVED for b in town.bookings
    )
    assert group.values["capacity"] == 50  # the care's five Mondays; the meal is uncapped
    assert group.values["max_reserved"] == 12  # the meal: every child


async def test_occupancy_counts_every_opening_occurrence_like_the_planning(
    session: AsyncSession, town: ReportTown
) -> None:
    """Occurrences nobody booked count in the capacity, closed days do not: checked against
    ``domain.calendar.opening_days`` (the planning's calendar), clipped to the school year."""
    school, centre = town.establishments
    periods = (
        ClosedPeriod(CalendarPeriodKind.PUBLIC_HOLIDAY, dt.date(2026, 3, 16), dt.date(2026, 3, 16)),
        ClosedPeriod(
            CalendarPeriodKind.CLOSURE, dt.date(2026, 3, 23), dt.date(2026, 3, 23), school.id
        ),
        ClosedPeriod(
            CalendarPeriodKind.STRIKE, dt.date(2026, 3, 30), dt.date(2026, 3, 30), centre.id
        ),
        ClosedPeriod(CalendarPeriodKind.SCHOOL_HOLIDAY, dt.date(2026, 4, 4), dt.date(2026, 4, 19)),
    )
    for p in periods:
        await factories.make_calendar_period(
            session,
            town.tenant,
            kind=p.kind,
            label=p.kind.value,
            start_date=p.start,
            end_date=p.end,
            establishment_id=p.establishment_id,
        )
    year = await session.get(SchoolYear, town.care.school_year_id)
    assert year is not None
    # A Thursday care slot ending on 26 March with its own capacity, and a holiday club:
    # nobody booked either.
    await factories.make_slot(
        session, town.care, weekday=4, valid_to=dt.date(2026, 3, 26), capacity=4
    )
    club = await factories.make_activity(
        session,
        school,
        year,
        name="Centre de loisirs",
        operating_days=OperatingDays.SCHOOL_HOLIDAYS,
        capacity=8,
    )
    await factories.make_slot(session, club, weekday=3)
    await session.commit()
    # Past the school year's end (3 July) nothing runs, whatever the calendar says.
    start, end = dt.date(2026, 3, 1), dt.date(2026, 7, 31)
    where = ReportFilter(date_from=start, date_to=end)
    activities = {a.id: a for a in (town.care, town.meal, club)}

    expected: dict[int, dict[str, Any]] = {}
    for slot in await session.scalars(select(Slot).where(Slot.tenant_id == town.tenant.id)):
        activity = activities[slot.activity_id]
        first = max(start, slot.valid_from, year.start_date)
        last = min(end, slot.valid_to or year.end_date, year.end_date)
        days = opening_days(
            first,
            last,
            establishment_id=activity.establishment_id,
            operating_days=activity.operating_days,
            weekdays=[slot.weekday],
            periods=periods,
        )
        capacity = slot.capacity if slot.capacity is not None else activity.capacity
        figures = expected.setdefault(
            activity.id, {"count": 0, "capacity": 0, "reserved": 0, "rates": []}
        )
        for day in days:
            reserved = sum(
                b["activity"] == activity.id
                and b["date"] == day
                and b["status"] is BookingStatus.RESERVED
                for b in town.bookings
            )
            figures["count"] += 1
            figures["reserved"] += reserved
            if capacity is not None:
                figures["capacity"] += capacity
                figures["rates"].append(reserved / capacity)
    # Care: 14 Mondays (not 16 March nor 23 March, not the Easter holidays, none after
    # 3 July) and the 4 Thursdays of March up to the 26th.
    assert expected[town.care.id]["count"] == 14 + 4
    result = await run_report(
        session, "occupancy", _query(session, town, Dimension.ACTIVITY, where=where)
    )
    groups = _by(result, Dimension.ACTIVITY)
    for activity_id in (town.care.id, town.meal.id):
        want, got = expected[activity_id], groups[activity_id]
        assert got.count == want["count"]
        assert got.values["capacity"] == want["capacity"]
        assert got.values["reserved"] == want["reserved"]
        capped = want["capacity"] > 0
        assert got.values["occupancy_rate"] == (
            round(want["reserved"] / want["capacity"], 4) if capped else None
        )
        assert got.values["max_occupancy_rate"] == (
            round(max(want["rates"]), 4) if capped else None
        )
    assert result.suppressed_groups == 1  # the club: nobody booked it
    (total,) = (await run_report(session, "occupancy", _query(session, town, where=where))).groups
    assert total.count == sum(e["count"] for e in expected.values())
    assert total.values["capacity"] == sum(e["capacity"] for e in expected.values())
    assert expected[club.id]["count"] > 0


async def test_occupancy_keeps_booked_places_on_a_day_closed_afterwards(
    session: AsyncSession, town: ReportTown
) -> None:
    await factories.make_calendar_period(
        session,
        town.tenant,
        kind=CalendarPeriodKind.CLOSURE,
        label="Travaux",
        start_date=MONDAYS[1],
        end_date=dt.date(2026, 3, 31),
        establishment_id=town.establishments[0].id,
    )
    await session.commit()
    result = await run_report(session, "occupancy", _query(session, town, Dimension.ACTIVITY))
    care = _by(result, Dimension.ACTIVITY)[town.care.id]
    # 2 March is open; 9 March is closed but still holds its reservations; the other
    # Mondays are closed and empty.
    assert care.count == 2
    assert care.values["capacity"] == 20
    assert care.values["reserved"] == 2 * sum(
        status is BookingStatus.RESERVED for _, status, _ in CARE_BOOKINGS
    )


async def test_occupancy_period_is_limited(session: AsyncSession, town: ReportTown) -> None:
    start = dt.date(2025, 9, 1)
    too_long = ReportFilter(date_from=start, date_to=start + dt.timedelta(days=MAX_OCCUPANCY_DAYS))
    with pytest.raises(ReportingError, match=f"{MAX_OCCUPANCY_DAYS} jours"):
        await run_report(session, "occupancy", _query(session, town, where=too_long))
    longest = ReportFilter(
        date_from=start, date_to=start + dt.timedelta(days=MAX_OCCUPANCY_DAYS - 1)
    )
    result = await run_report(session, "occupancy", _query(session, town, where=longest))
    assert result.groups[0].values["reserved"] > 0
    # No dates and no booking at all: no period, an empty report (not an error).
    empty = await factories.make_tenant(session)
    await session.commit()
    by_day = _query(session, town, Dimension.DAY, tenant_id=empty.id, where=ReportFilter())
    nothing = await run_report(session, "occupancy", by_day)
    assert (nothing.groups, nothing.suppressed_groups) == ([], 0)
