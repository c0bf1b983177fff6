"""Attendance, requests, billing, payments, children and CAF reports against figures
computed independently, in Python, from the factory's data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reporting import AgeBand, Dimension, ReportFilter, run_report
from models.billing import InvoiceStatus
from models.booking import Attendance, BookingStatus
from models.child import Grade
from models.request import RequestStatus, RequestType
from tests.domain.reporting._helpers import _by, _query
from tests.factories.reporting import MONDAYS, ReportTown


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between closest ranks (percentile_cont)."""
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


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
