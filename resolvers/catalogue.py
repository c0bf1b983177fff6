"""Catalogue reads: establishments, activities, school years and the calendar.

The catalogue is public within a tenant (an anonymous visitor may browse it); every query
is scoped to the request's tenant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, or_, select

from domain.calendar.opening_days import CalendarDayFacts, ClosedPeriod, calendar_days
from models import Activity, CalendarPeriod, Establishment, SchoolYear
from models.activity import ActivityCategory
from models.establishment import EstablishmentKind
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page

MAX_CALENDAR_DAYS = 400


async def establishments_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    kinds: Sequence[EstablishmentKind] | None,
    search: str | None,
) -> Page[Establishment]:
    """A page of the tenant's establishments, by name."""
    stmt = select(Establishment).where(Establishment.tenant_id == ctx.tenant.id)
    if kinds is not None:
        stmt = stmt.where(Establishment.kind.in_(kinds))
    if search:
        pattern = f"%{search.strip().lower()}%"
        stmt = stmt.where(
            or_(
                func.lower(Establishment.name).like(pattern),
                func.lower(Establishment.code).like(pattern),
            )
        )
    return await keyset_page(
        ctx.db,
        stmt,
        [Establishment.name, Establishment.id],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
    )


async def activities_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    establishment_pk: int | None,
    school_year_pk: int | None,
    categories: Sequence[ActivityCategory] | None,
    include_inactive: bool,
) -> Page[Activity]:
    """A page of the tenant's activities, grouped by establishment in display order."""
    stmt = select(Activity).where(Activity.tenant_id == ctx.tenant.id)
    if establishment_pk is not None:
        stmt = stmt.where(Activity.establishment_id == establishment_pk)
    if school_year_pk is not None:
        stmt = stmt.where(Activity.school_year_id == school_year_pk)
    if categories is not None:
        stmt = stmt.where(Activity.category.in_(categories))
    if not include_inactive:
        stmt = stmt.where(Activity.is_active.is_(True))
    return await keyset_page(
        ctx.db,
        stmt,
        [Activity.establishment_id, Activity.sort_order, Activity.id],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
    )


async def school_years(ctx: Context) -> list[SchoolYear]:
    """The tenant's school years, latest first."""
    stmt = (
        select(SchoolYear)
        .where(SchoolYear.tenant_id == ctx.tenant.id)
        .order_by(SchoolYear.start_date.desc())
    )
    return await ctx.db.scalars(stmt)


async def calendar(
    ctx: Context, start: dt.date, end: dt.date, establishment_pk: int | None
) -> tuple[list[CalendarPeriod], list[CalendarDayFacts]]:
    """Periods overlapping [start, end] and the facts of each day (one statement)."""
    conditions: list[Any] = [
        CalendarPeriod.tenant_id == ctx.tenant.id,
        CalendarPeriod.end_date >= start,
        CalendarPeriod.start_date <= end,
    ]
    if establishment_pk is None:
        conditions.append(CalendarPeriod.establishment_id.is_(None))
    else:
        conditions.append(
            or_(
                CalendarPeriod.establishment_id.is_(None),
                CalendarPeriod.establishment_id == establishment_pk,
            )
        )
    stmt = (
        select(CalendarPeriod)
        .where(*conditions)
        .order_by(CalendarPeriod.start_date, CalendarPeriod.id)
    )
    rows = await ctx.db.scalars(stmt)
    facts = calendar_days(
        start,
        end,
        [
            (ClosedPeriod(r.kind, r.start_date, r.end_date, r.establishment_id), r.label)
            for r in rows
        ],
        establishment_pk,
    )
    return rows, facts
