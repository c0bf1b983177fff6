"""Tenant, school year, establishments, calendar, activities, slots and price lists.

``*_row`` functions build a row without writing it (the demo town writes a catalogue in a
few flushes); ``add_*`` add one row and flush.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Activity,
    CalendarPeriod,
    Establishment,
    PriceBracket,
    PriceList,
    SchoolYear,
    SiblingReduction,
    Slot,
    Tenant,
)
from seed.builders.rows import add

# (QF min, QF max or None, unit price in cents), QF in euros.
Bracket = tuple[int, int | None, int]
# (from child rank, reduction in basis points)
Reduction = tuple[int, int]


async def add_tenant(session: AsyncSession, **values: Any) -> Tenant:
    """A tenant (a collectivity): ``slug``, ``name``, ``service_name``, ``mail_from``…"""
    return await add(session, Tenant(**values))


def school_year_row(tenant_id: int, **values: Any) -> SchoolYear:
    """A school year of a tenant (``label``, ``start_date``, ``end_date``), unflushed."""
    return SchoolYear(tenant_id=tenant_id, **values)


async def add_school_year(session: AsyncSession, tenant: Tenant, **values: Any) -> SchoolYear:
    """A school year of ``tenant``."""
    return await add(session, school_year_row(tenant.id, **values))


def establishment_row(tenant_id: int, **values: Any) -> Establishment:
    """An establishment (school, leisure centre…) of a tenant, unflushed."""
    return Establishment(tenant_id=tenant_id, **values)


async def add_establishment(session: AsyncSession, tenant: Tenant, **values: Any) -> Establishment:
    """An establishment of ``tenant``."""
    return await add(session, establishment_row(tenant.id, **values))


def calendar_period_row(tenant_id: int, **values: Any) -> CalendarPeriod:
    """A closed period of a tenant's calendar, unflushed (a calendar is written at once)."""
    return CalendarPeriod(tenant_id=tenant_id, **values)


async def add_calendar_period(
    session: AsyncSession, tenant: Tenant, **values: Any
) -> CalendarPeriod:
    """A closed period of ``tenant``'s calendar (holidays, public holiday, strike…)."""
    return await add(session, calendar_period_row(tenant.id, **values))


def activity_row(establishment: Establishment, school_year: SchoolYear, **values: Any) -> Activity:
    """An activity of ``establishment`` for ``school_year``, unflushed."""
    return Activity(
        tenant_id=establishment.tenant_id,
        establishment_id=establishment.id,
        school_year_id=school_year.id,
        **values,
    )


async def add_activity(
    session: AsyncSession, establishment: Establishment, school_year: SchoolYear, **values: Any
) -> Activity:
    """An activity of ``establishment`` for ``school_year``, with its booking rules."""
    return await add(session, activity_row(establishment, school_year, **values))


def slot_row(activity: Activity, **values: Any) -> Slot:
    """A weekly slot of ``activity`` (``weekday``, times, validity), unflushed."""
    return Slot(tenant_id=activity.tenant_id, activity_id=activity.id, **values)


async def add_slot(session: AsyncSession, activity: Activity, **values: Any) -> Slot:
    """A weekly slot of ``activity``."""
    return await add(session, slot_row(activity, **values))


async def add_price_list(
    session: AsyncSession,
    activity: Activity,
    *,
    brackets: Iterable[Bracket] = (),
    reductions: Iterable[Reduction] = (),
    **values: Any,
) -> PriceList:
    """A price list of ``activity`` with its QF brackets and sibling reductions: a price
    list is only ever read with them, so they are written together."""
    price_list = await add(
        session, PriceList(tenant_id=activity.tenant_id, activity_id=activity.id, **values)
    )
    session.add_all(
        PriceBracket(
            tenant_id=activity.tenant_id,
            price_list_id=price_list.id,
            qf_min=qf_min,
            qf_max=qf_max,
            unit_price_cents=cents,
        )
        for qf_min, qf_max, cents in brackets
    )
    session.add_all(
        SiblingReduction(
            tenant_id=activity.tenant_id,
            price_list_id=price_list.id,
            from_child_rank=rank,
            reduction_bp=bp,
        )
        for rank, bp in reductions
    )
    await session.flush()
    return price_list
