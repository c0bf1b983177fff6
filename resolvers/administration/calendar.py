"""The calendar's administration: school years, the official import, the town's own
periods — each write in one transaction (the schema checked the viewer is an
administrator; a command-line operator has no account)."""

from __future__ import annotations

import datetime as dt

from domain.calendar.periods import (
    ImportReport,
    PeriodCreated,
    create_period,
    delete_period,
    import_official_calendar,
)
from domain.calendar.school_years import YearCreated, create_school_year, update_school_year
from kernel.retry import retry_lost_race
from models import CalendarPeriod, SchoolYear
from models.base import utcnow
from models.calendar import CalendarPeriodKind
from resolvers.context import Context


async def create_year(
    ctx: Context,
    *,
    label: str,
    start: dt.date,
    end: dt.date,
    import_official: bool,
    idempotency_key: str | None,
) -> YearCreated:
    """schoolYearCreate; a lost race on the label runs again (then DUPLICATE, or the first
    call's year when the key is the same)."""

    async def attempt() -> YearCreated:
        async with ctx.db.transaction() as session:
            return await create_school_year(
                session,
                tenant_id=ctx.tenant.id,
                actor_account_id=ctx.viewer.account_id,
                label=label,
                start=start,
                end=end,
                import_official=import_official,
                idempotency_key=idempotency_key,
                now=utcnow(),
            )

    return await retry_lost_race(attempt)


async def update_year(
    ctx: Context,
    year_id: int | None,
    *,
    label: str | None,
    start: dt.date | None,
    end: dt.date | None,
) -> SchoolYear:
    """schoolYearUpdate."""
    async with ctx.db.transaction() as session:
        return await update_school_year(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            school_year_id=year_id,
            label=label,
            start=start,
            end=end,
        )


async def import_calendar(ctx: Context, year_id: int | None) -> ImportReport:
    """calendarImport."""
    async with ctx.db.transaction() as session:
        return await import_official_calendar(
            session,
            tenant_id=ctx.tenant.id,
            school_year_id=year_id,
            actor_account_id=ctx.viewer.account_id,
            now=utcnow(),
        )


async def create_calendar_period(
    ctx: Context,
    *,
    year_id: int | None,
    kind: CalendarPeriodKind,
    label: str,
    start: dt.date,
    end: dt.date,
    establishment_id: int | None,
    has_establishment: bool,
) -> PeriodCreated:
    """calendarPeriodCreate."""
    async with ctx.db.transaction() as session:
        return await create_period(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            school_year_id=year_id,
            kind=kind,
            label=label,
            start=start,
            end=end,
            establishment_id=establishment_id,
            has_establishment=has_establishment,
            now=utcnow(),
        )


async def delete_calendar_period(ctx: Context, period_id: int | None) -> CalendarPeriod:
    """calendarPeriodDelete."""
    async with ctx.db.transaction() as session:
        return await delete_period(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            period_id=period_id,
        )
