"""Booking factories: a town with a school year, an activity with weekly slots, a family
with registered children and a parent account — what reservation and absence tests need.

Dates default to the 2026-2027 school year (today's tests run with the real clock in the
API, so the planning must lie ahead); holidays are recorded as calendar periods, the way
towns configure them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Account,
    Activity,
    Child,
    Establishment,
    Family,
    Guardian,
    Registration,
    SchoolYear,
    Slot,
    Tenant,
)
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from seed import builders
from tests.factories import catalogue as factories
from tests.factories.family import make_account_with_token, make_child, make_family, make_guardian

__all__ = [
    "ARMISTICE",
    "CHRISTMAS",
    "YEAR_END",
    "YEAR_START",
    "BookingTown",
    "Household",
    "make_booking_town",
    "make_household",
    "make_registration",
]

YEAR_START = dt.date(2026, 9, 1)
YEAR_END = dt.date(2027, 7, 3)
CHRISTMAS = (dt.date(2026, 12, 19), dt.date(2027, 1, 3))
ARMISTICE = dt.date(2026, 11, 11)


@dataclass
class Household:
    """A family with its children, their registrations, and a logged-in parent."""

    family: Family
    guardian: Guardian
    children: list[Child]
    registrations: list[Registration]
    account: Account
    token: str


@dataclass
class BookingTown:
    """A tenant with one school, one activity and its slots (by ISO weekday)."""

    tenant: Tenant
    year: SchoolYear
    school: Establishment
    activity: Activity
    slots: dict[int, Slot] = field(default_factory=dict)


async def make_registration(
    session: AsyncSession, child: Child, activity: Activity, **overrides: Any
) -> Registration:
    """An ACTIVE registration of ``child`` to ``activity`` for the whole of the activity's
    school year (2026-2027 in a booking town, 2025-2026 with the catalogue defaults)."""
    year = await session.get(SchoolYear, activity.school_year_id)
    assert year is not None
    values: dict[str, Any] = {
        "start_date": year.start_date,
        "end_date": year.end_date,
        "status": RegistrationStatus.ACTIVE,
    }
    values.update(overrides)
    return await builders.add_registration(session, child, activity, **values)


async def make_booking_town(
    session: AsyncSession,
    tenant: Tenant | None = None,
    *,
    weekdays: tuple[int, ...] = (1, 2, 4, 5),
    start: dt.time = dt.time(7, 30),
    end: dt.time = dt.time(8, 30),
    holidays: bool = True,
    **activity: Any,
) -> BookingTown:
    """A town (or ``tenant``) whose activity runs on ``weekdays``, with the Christmas
    holidays and Armistice day in its calendar; ``activity`` overrides its rules."""
    tenant = tenant or await factories.make_tenant(session)
    year = await factories.make_school_year(
        session, tenant, label="2026-2027", start_date=YEAR_START, end_date=YEAR_END
    )
    school = await factories.make_establishment(session, tenant)
    made = await factories.make_activity(session, school, year, **activity)
    town = BookingTown(tenant, year, school, made)
    for weekday in weekdays:
        town.slots[weekday] = await factories.make_slot(
            session, made, weekday=weekday, start_time=start, end_time=end, valid_from=YEAR_START
        )
    if holidays:
        await factories.make_calendar_period(
            session,
            tenant,
            label="Vacances de Noël",
            start_date=CHRISTMAS[0],
            end_date=CHRISTMAS[1],
        )
        await factories.make_calendar_period(
            session,
            tenant,
            kind=CalendarPeriodKind.PUBLIC_HOLIDAY,
            label="Armistice 1918",
            start_date=ARMISTICE,
            end_date=ARMISTICE,
        )
    return town


async def make_household(
    session: AsyncSession,
    town: BookingTown,
    *,
    children: int = 1,
    registered: bool = True,
    **child: Any,
) -> Household:
    """A validated family of ``town`` with ``children`` children (registered to the
    activity for the school year unless told otherwise) and a logged-in parent."""
    family = await make_family(session, town.tenant)
    guardian = await make_guardian(session, family)
    kids = [await make_child(session, family, **child) for _ in range(children)]
    registrations = (
        [await make_registration(session, kid, town.activity) for kid in kids] if registered else []
    )
    account, token = await make_account_with_token(session, town.tenant, guardian=guardian)
    return Household(family, guardian, kids, registrations, account, token)
