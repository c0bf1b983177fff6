"""What every report obeys: small groups suppressed, other tenants never counted, one
statement each, refused groupings and filters, the threshold, filters and the CSV export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reporting import (
    Dimension,
    ReportFilter,
    ReportingError,
    run_report,
    tenant_report_settings,
)
from domain.reporting.export import to_csv
from tests.domain.reporting._helpers import _query
from tests.factories.reporting import ReportTown


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
