"""Reporting: aggregates for dashboards and the CAF, computed by SQL GROUP BY.

Reports describe groups, never people: each report is one SQL statement (SQLAlchemy Core,
see ``domain.reporting.query``) whose groups smaller than a minimum size are suppressed
and only counted. Modules: ``occupancy``, ``attendance``, ``requests``, ``billing``
(invoices and payments), ``population`` (families and children), ``caf``; ``dialect``
holds the SQLite/PostgreSQL differences; ``export`` writes any report as CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reporting import attendance, billing, caf, occupancy, population, requests
from domain.reporting.query import (
    DEFAULT_QF_BOUNDS,
    AgeBand,
    Dimension,
    QfBracket,
    ReportFilter,
    ReportGroup,
    ReportingError,
    ReportQuery,
    ReportResult,
    decode,
)
from models import Tenant

DEFAULT_MIN_GROUP_SIZE = 5


@dataclass(frozen=True)
class ReportDefinition:
    """A report: its statement, the measures it reads back and how to convert them."""

    name: str
    dimensions: tuple[Dimension, ...]
    build: Callable[[ReportQuery], Select[Any]]
    measures: tuple[str, ...]
    convert: Callable[[Mapping[str, Any]], Mapping[str, Any]]


REPORTS: dict[str, ReportDefinition] = {
    d.name: d
    for d in (
        ReportDefinition(
            occupancy.NAME,
            occupancy.DIMENSIONS,
            occupancy.statement,
            occupancy.MEASURES,
            occupancy.convert,
        ),
        ReportDefinition(
            attendance.NAME,
            attendance.DIMENSIONS,
            attendance.statement,
            attendance.MEASURES,
            attendance.convert,
        ),
        ReportDefinition(
            requests.NAME,
            requests.DIMENSIONS,
            requests.statement,
            requests.MEASURES,
            requests.convert,
        ),
        ReportDefinition(
            billing.BILLING,
            billing.BILLING_DIMENSIONS,
            billing.billing_statement,
            billing.BILLING_MEASURES,
            billing.billing_convert,
        ),
        ReportDefinition(
            billing.PAYMENTS,
            billing.PAYMENT_DIMENSIONS,
            billing.payments_statement,
            billing.PAYMENT_MEASURES,
            billing.payments_convert,
        ),
        ReportDefinition(
            population.NAME,
            population.DIMENSIONS,
            population.statement,
            population.MEASURES,
            population.convert,
        ),
        ReportDefinition(caf.NAME, caf.DIMENSIONS, caf.statement, caf.MEASURES, caf.convert),
    )
}


def definition(name: str) -> ReportDefinition:
    """The report called ``name`` (a ReportingError for an unknown one)."""
    found = REPORTS.get(name)
    if found is None:
        raise ReportingError(
            f"Rapport inconnu : « {name} » (disponibles : {', '.join(sorted(REPORTS))})."
        )
    return found


def prepare(
    name: str, query: ReportQuery
) -> tuple[Select[Any], Callable[[Sequence[Any]], ReportResult]]:
    """The report's single statement, and the function turning its rows into a result.

    Split so that callers run the statement on the session they hold (a request's
    serialized session, a CLI session) — the domain never opens connections.
    """
    report = definition(name)
    statement = report.build(query)

    def read(rows: Sequence[Any]) -> ReportResult:
        return decode(report.name, query, rows, report.measures, report.convert)

    return statement, read


async def run_report(session: AsyncSession, name: str, query: ReportQuery) -> ReportResult:
    """Run a report on ``session`` (one statement)."""
    statement, read = prepare(name, query)
    return read((await session.execute(statement)).all())


@dataclass(frozen=True)
class TenantReportSettings:
    """Per-tenant reporting settings, read from ``tenant.settings``."""

    min_group_size: int
    qf_bounds: tuple[int, ...]


def tenant_settings_statement(tenant_id: int) -> Select[Any]:
    """The statement reading a tenant's settings (one row)."""
    return select(Tenant.settings).where(Tenant.id == tenant_id)


def tenant_report_settings(
    settings: Mapping[str, Any] | None, default_min_group_size: int
) -> TenantReportSettings:
    """The minimum group size (``reportMinGroupSize``, never below the server's default)
    and the QF bracket bounds (``reportQfBrackets``) of a tenant."""
    settings = settings or {}
    minimum = default_min_group_size
    raw = settings.get("reportMinGroupSize")
    if isinstance(raw, int) and raw > minimum:
        minimum = raw
    bounds = settings.get("reportQfBrackets")
    if isinstance(bounds, list) and all(isinstance(b, int) and b > 0 for b in bounds):
        qf_bounds = tuple(sorted(set(bounds)))
    else:
        qf_bounds = DEFAULT_QF_BOUNDS
    return TenantReportSettings(min_group_size=minimum, qf_bounds=qf_bounds)


__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "REPORTS",
    "AgeBand",
    "Dimension",
    "QfBracket",
    "ReportDefinition",
    "ReportFilter",
    "ReportGroup",
    "ReportQuery",
    "ReportResult",
    "ReportingError",
    "TenantReportSettings",
    "definition",
    "prepare",
    "run_report",
    "tenant_report_settings",
    "tenant_settings_statement",
]
