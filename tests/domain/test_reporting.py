"""Reports against figures computed independently, in Python, from the factory's data."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.opening_days import ClosedPeriod, opening_days
from domain.reporting import (
    AgeBand,
    Dimension,
    ReportFilter,
    ReportingError,
    ReportQuery,
    ReportResult,
    run_report,
    tenant_report_settings,
)
from domain.reporting.export import to_csv
from domain.reporting.occupancy import MAX_OCCUPANCY_DAYS
from models import SchoolYear, Slot
from models.activity import OperatingDays
from models.billing import InvoiceStatus
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.request import RequestStatus, RequestType
from tests import factories
from tests.factories_reporting import CARE_BOOKINGS, MONDAYS, ReportTown, make_report_town

MARCH = ReportFilter(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))


def _query(session: AsyncSession, town: ReportTown, *dims: Dimension, **kw: Any) -> ReportQuery:
    values: dict[str, Any] = {
        "tenant_id": town.tenant.id,
        "dialect": session.get_bind().dialect.name,
        "group_by": dims,
        "where": MARCH,
        "min_group_size": 1,
        "today": dt.date(2026, 3, 31),
    }
    values.update(kw)
    return ReportQuery(**values)


def _by(result: ReportResult, dim: Dimension) -> dict[Any, Any]:
    return {g.keys[dim]: g for g in result.groups}


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between closest ranks (percentile_cont)."""
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


@pytest.fixture
async def town(session: AsyncSession) -> ReportTown:
    town = await make_report_town(session)
    await make_report_town(session)  # another tenant: never counted
    await session.commit()
    return town


async def test_attendance_by_activity_matches_the_bookings(
    session: AsyncSession, town: ReportTown
) -> None:
    result = await run_report(session, "attendance", _query(session, town, Dimension.ACTIVITY))
    groups = _by(result, Dimension.ACTIVITY)
    for activity in (town.care, town.meal):
        rows = [b for b in town.bookings if b["activity"] == activity.id]
        present = sum(b["attendance"] is Attendance.PRESENT for b in rows)
        absent = sum(
            b["status"] in (BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED)
            or b["attendance"] is Attendance.ABSENT
            for b in rows
        )
        got = groups[activity.id]
        assert got.count == len(rows)
        assert got.names[Dimension.ACTIVITY] == activity.name
        assert got.values["present"] == present
        assert got.values["absent"] == absent
        assert got.values["absent_billed"] == sum(
            b["status"] is BookingStatus.ABSENT_BILLED for b in rows
        )
        assert got.values["present_without_booking"] == sum(
            b["status"] is BookingStatus.UNBOOKED and b["attendance"] is Attendance.PRESENT
            for b in rows
        )
        assert got.values["children"] == len({b["child"] for b in rows})
        assert got.values["attendance_rate"] == round(present / (present + absent), 4)


async def test_attendance_by_grade_and_status_with_a_grade_filter(
    session: AsyncSession, town: ReportTown
) -> None:
    where = ReportFilter(date_from=MONDAYS[0], date_to=MONDAYS[1], grades=(Grade.CM2,))
    result = await run_report(
        session,
        "attendance",
        _query(session, town, Dimension.GRADE, Dimension.STATUS, where=where),
    )
    expected = Counter(b["status"].value for b in town.bookings if b["grade"] is Grade.CM2)
    assert {g.keys[Dimension.STATUS]: g.count for g in result.groups} == expected
    assert {g.keys[Dimension.GRADE] for g in result.groups} == {Grade.CM2}


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
    ``domain.opening_days`` (the planning's calendar), clipped to the school year."""
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


async def test_requests_by_type_counts_outcomes_and_processing_time(
    session: AsyncSession, town: ReportTown
) -> None:
    result = await run_report(
        session, "requests", _query(session, town, Dimension.REQUEST_TYPE, Dimension.STATUS)
    )
    expected = Counter((r["type"].value, r["status"].value) for r in town.requests)
    assert {
        (g.keys[Dimension.REQUEST_TYPE], g.keys[Dimension.STATUS]): g.count for g in result.groups
    } == expected

    by_type = await run_report(session, "requests", _query(session, town, Dimension.REQUEST_TYPE))
    for kind, group in _by(by_type, Dimension.REQUEST_TYPE).items():
        rows = [r for r in town.requests if r["type"] == RequestType(kind)]
        hours = [float(r["hours"]) for r in rows if r["hours"] is not None]
        assert group.count == len(rows)
        assert group.values["decided"] == len(hours)
        assert group.values["decided_within_48h"] == sum(h <= 48 for h in hours)
        assert group.values["median_hours"] == pytest.approx(percentile(hours, 0.5), abs=0.01)
        assert group.values["p90_hours"] == pytest.approx(percentile(hours, 0.9), abs=0.01)
        assert group.values["in_progress"] == sum(
            r["status"] is RequestStatus.PENDING for r in rows
        )

    total = await run_report(session, "requests", _query(session, town))
    (group,) = total.groups
    hours = [float(r["hours"]) for r in town.requests if r["hours"] is not None]
    assert group.values["median_hours"] == pytest.approx(percentile(hours, 0.5), abs=0.01)
    assert group.values["p90_hours"] == pytest.approx(percentile(hours, 0.9), abs=0.01)
    assert group.values["decided_within_48h_share"] == round(
        sum(h <= 48 for h in hours) / len(hours), 4
    )
    assert group.values["families"] == 6


async def test_billing_by_activity_and_by_month(session: AsyncSession, town: ReportTown) -> None:
    live = [line for line in town.lines if line["status"] is not InvoiceStatus.CANCELLED]
    result = await run_report(session, "billing", _query(session, town, Dimension.ACTIVITY))
    for activity_id, group in _by(result, Dimension.ACTIVITY).items():
        rows = [line for line in live if line["activity"] == activity_id]
        invoiced = sum(line["amount"] for line in rows)
        paid = round(sum(line["amount"] * line["paid"] / line["total"] for line in rows))
        assert group.values["invoiced_cents"] == invoiced
        assert group.values["paid_cents"] == paid
        assert group.values["remaining_cents"] == invoiced - paid
        assert group.values["transmitted_cents"] == sum(
            line["amount"]
            for line in rows
            if line["status"] is InvoiceStatus.TRANSMITTED_TO_TREASURY
        )
        assert group.count == 5  # invoices, the cancelled one excluded

    monthly = await run_report(session, "billing", _query(session, town, Dimension.MONTH))
    (group,) = monthly.groups
    assert group.keys[Dimension.MONTH] == dt.date(2026, 3, 1)
    assert group.values["invoiced_cents"] == sum(line["amount"] for line in live)
    assert group.values["paid_cents"] == sum(
        i["paid"] for i in town.invoices if i["status"] is not InvoiceStatus.CANCELLED
    )


async def test_payments_by_method(session: AsyncSession, town: ReportTown) -> None:
    where = ReportFilter(date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30))
    result = await run_report(
        session, "payments", _query(session, town, Dimension.PAYMENT_METHOD, where=where)
    )
    expected: dict[str, int] = defaultdict(int)
    for p in town.payments:
        expected[p["method"].value] += p["amount"]
    assert {g.keys[Dimension.PAYMENT_METHOD]: g.values["amount_cents"] for g in result.groups} == (
        expected
    )


async def test_children_by_grade_and_qf_bracket(session: AsyncSession, town: ReportTown) -> None:
    by_grade = await run_report(session, "children", _query(session, town, Dimension.GRADE))
    assert {g.keys[Dimension.GRADE]: g.count for g in by_grade.groups} == Counter(
        c.grade for c in town.children
    )
    by_qf = await run_report(session, "children", _query(session, town, Dimension.QF_BRACKET))
    counts = {
        (None if g.keys[Dimension.QF_BRACKET] is None else g.keys[Dimension.QF_BRACKET].minimum): (
            g.count,
            g.values["families"],
        )
        for g in by_qf.groups
    }
    # Default bounds 400, 600, 800, 1000, 1200, 1500, 1900; quotients 300…2000 and one unknown.
    assert counts == {0: (2, 1), 400: (2, 1), 800: (2, 1), 1200: (2, 1), 1900: (2, 1), None: (2, 1)}


async def test_caf_hours_per_age_band_and_activity(session: AsyncSession, town: ReportTown) -> None:
    result = await run_report(
        session,
        "caf",
        _query(session, town, Dimension.AGE_BAND, Dimension.ACTIVITY, year=2026),
    )
    groups = {(g.keys[Dimension.AGE_BAND], g.keys[Dimension.ACTIVITY]): g for g in result.groups}
    present_care = [
        b
        for b in town.bookings
        if b["attendance"] is Attendance.PRESENT and b["activity"] == town.care.id
    ]
    for band in AgeBand:
        rows = [b for b in present_care if b["under_6"] == (band is AgeBand.UNDER_6)]
        group = groups[(band, town.care.id)]
        assert group.count == len(rows)
        assert group.values["minutes"] == sum(b["minutes"] for b in rows)
        assert group.values["hours"] == round(sum(b["minutes"] for b in rows) / 60, 2)
    assert all(activity == town.care.id for _, activity in groups)  # meals are not childcare


async def test_small_groups_are_suppressed_and_counted(
    session: AsyncSession, town: ReportTown
) -> None:
    query = _query(session, town, Dimension.STATUS, min_group_size=5)
    result = await run_report(session, "attendance", query)
    # RESERVED (7 + 12 children… distinct) survives; every other status has < 5 children.
    assert [g.keys[Dimension.STATUS] for g in result.groups] == ["RESERVED"]
    assert result.suppressed_groups == 4
    everything = await run_report(
        session, "attendance", _query(session, town, Dimension.STATUS, min_group_size=1000)
    )
    assert everything.groups == []
    assert everything.suppressed_groups == 5


async def test_other_tenants_are_never_counted(session: AsyncSession, town: ReportTown) -> None:
    for name in ("attendance", "occupancy", "requests", "billing", "children"):
        result = await run_report(session, name, _query(session, town))
        assert sum(g.count for g in result.groups) > 0
    attendance = await run_report(session, "attendance", _query(session, town))
    assert attendance.groups[0].count == len(town.bookings)


async def test_each_report_is_one_statement(session: AsyncSession, town: ReportTown) -> None:
    statements: list[str] = []
    engine = session.get_bind()

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        for name, dims in (
            ("occupancy", (Dimension.WEEK, Dimension.ESTABLISHMENT)),
            ("attendance", (Dimension.DAY, Dimension.GRADE)),
            ("requests", (Dimension.MONTH, Dimension.REQUEST_TYPE)),
            ("billing", (Dimension.ACTIVITY, Dimension.STATUS)),
            ("payments", (Dimension.PAYMENT_METHOD,)),
            ("children", (Dimension.ESTABLISHMENT, Dimension.QF_BRACKET)),
            ("caf", (Dimension.AGE_BAND,)),
        ):
            statements.clear()
            await run_report(
                session, name, _query(session, town, *dims, year=2026, where=ReportFilter())
            )
            assert len(statements) == 1, name
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_unsupported_groupings_and_filters_are_refused(
    session: AsyncSession, town: ReportTown
) -> None:
    with pytest.raises(ReportingError, match="regroupé"):
        await run_report(session, "payments", _query(session, town, Dimension.GRADE))
    with pytest.raises(ReportingError, match="filtré"):
        await run_report(
            session,
            "payments",
            _query(session, town, where=ReportFilter(activity_ids=(town.care.id,))),
        )
    with pytest.raises(ReportingError, match="fin précède"):
        await run_report(
            session,
            "attendance",
            _query(
                session,
                town,
                where=ReportFilter(date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 1)),
            ),
        )


def test_a_tenant_may_raise_the_threshold_never_lower_it() -> None:
    assert tenant_report_settings({"reportMinGroupSize": 10}, 5).min_group_size == 10
    assert tenant_report_settings({"reportMinGroupSize": 2}, 5).min_group_size == 5
    assert tenant_report_settings({"reportQfBrackets": [700, 300]}, 5).qf_bounds == (300, 700)


async def test_csv_export_is_french_excel_friendly(session: AsyncSession, town: ReportTown) -> None:
    result = await run_report(session, "billing", _query(session, town, Dimension.ACTIVITY))
    text = to_csv(result)
    assert text.startswith("\ufeff")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == (
        "Activité;Factures;Familles;Facturé (€);Payé (€);Reste à payer (€);"
        "Transmis au Trésor public (€)"
    )
    assert lines[1].startswith("Garderie;5;5;35,00;")


async def test_every_report_exports_to_csv(session: AsyncSession, town: ReportTown) -> None:
    from domain.reporting import REPORTS

    for name, report in REPORTS.items():
        result = await run_report(
            session, name, _query(session, town, *report.dimensions[:2], year=2026)
        )
        lines = to_csv(result).removeprefix("\ufeff").strip().split("\r\n")
        assert len(lines) == 1 + len(result.groups), name
        assert all(line.count(";") == lines[0].count(";") for line in lines), name


async def test_filters_by_establishment_and_activity(
    session: AsyncSession, town: ReportTown
) -> None:
    school = ReportFilter(establishment_ids=(town.establishments[0].id,))
    result = await run_report(
        session, "occupancy", _query(session, town, Dimension.ESTABLISHMENT, where=school)
    )
    assert [g.keys[Dimension.ESTABLISHMENT] for g in result.groups] == [town.establishments[0].id]
    assert result.groups[0].count == 2  # the care slot on two Mondays
    meal_only = ReportFilter(activity_ids=(town.meal.id,))
    attendance = await run_report(session, "attendance", _query(session, town, where=meal_only))
    assert attendance.groups[0].count == 12
