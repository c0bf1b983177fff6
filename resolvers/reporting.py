"""Reports: build the query, run it. Who may read them (reporting, staff, admin — never
parents) is declared on the ``reports`` root and checked by the CSV endpoint.

Each report costs two statements whatever the data size: the tenant's reporting settings
(minimum group size, QF brackets) and the report's own GROUP BY statement. On PostgreSQL
the first also tells the transaction to plan the report for its own values
(``domain.reporting.dialect.custom_plans``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.reporting import (
    Dimension,
    ReportFilter,
    ReportingError,
    ReportQuery,
    ReportResult,
    prepare,
    tenant_report_settings,
    tenant_settings_statement,
)
from domain.reporting import dialect as sqlx
from kernel.clock import today_in
from resolvers.context import Context


def build_query(
    *,
    tenant_id: int,
    dialect: str,
    timezone: str,
    settings: dict[str, Any] | None,
    default_min_group_size: int,
    group_by: Sequence[Dimension],
    where: ReportFilter,
    year: int | None = None,
) -> ReportQuery:
    """The domain query of a report request (shared by GraphQL, CSV over HTTP and the CLI)."""
    tenant = tenant_report_settings(settings, default_min_group_size)
    return ReportQuery(
        tenant_id=tenant_id,
        dialect=dialect,
        group_by=tuple(group_by),
        where=where,
        min_group_size=tenant.min_group_size,
        timezone=timezone,
        today=today_in(timezone),
        qf_bounds=tenant.qf_bounds,
        year=year,
    )


def _settings_statement(tenant_id: int, dialect: str) -> Select[Any]:
    """The read of the tenant's settings (first column), which on PostgreSQL also sets the
    transaction to plan the report that follows for its own values."""
    statement = tenant_settings_statement(tenant_id)
    custom = sqlx.custom_plans(dialect)
    return statement if custom is None else statement.add_columns(custom)


def _dialect(ctx: Context) -> str:
    bind = ctx.sessions.kw.get("bind")
    return str(bind.dialect.name) if bind is not None else "sqlite"


async def report(
    ctx: Context,
    name: str,
    *,
    group_by: Sequence[Dimension],
    where: ReportFilter,
    year: int | None = None,
) -> ReportResult:
    """Run report ``name`` for the request's tenant (ReportingError on bad arguments)."""
    dialect = _dialect(ctx)
    rows = await ctx.db.rows(_settings_statement(ctx.tenant.id, dialect))
    query = build_query(
        tenant_id=ctx.tenant.id,
        dialect=dialect,
        timezone=ctx.tenant.timezone,
        settings=rows[0][0] if rows else None,
        default_min_group_size=ctx.settings.report_min_group_size,
        group_by=group_by,
        where=where,
        year=year,
    )
    statement, read = prepare(name, query)
    return read(await ctx.db.rows(statement))


async def report_on_session(
    session: AsyncSession,
    name: str,
    *,
    tenant_id: int,
    timezone: str,
    default_min_group_size: int,
    group_by: Sequence[Dimension],
    where: ReportFilter,
    year: int | None = None,
) -> ReportResult:
    """The same report on a plain session (CSV endpoint, CLI): two statements."""
    bind = session.get_bind()
    settings = await session.scalar(_settings_statement(tenant_id, bind.dialect.name))
    query = build_query(
        tenant_id=tenant_id,
        dialect=bind.dialect.name,
        timezone=timezone,
        settings=settings,
        default_min_group_size=default_min_group_size,
        group_by=group_by,
        where=where,
        year=year,
    )
    statement, read = prepare(name, query)
    return read((await session.execute(statement)).all())


__all__ = ["ReportingError", "report", "report_on_session"]
