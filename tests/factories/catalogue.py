"""Catalogue factories: tenant, school year, establishment, activity, slot, calendar
period, and an account with a known password — the seed builders with test defaults.

Each returns the flushed ORM object, so tests state only what matters to them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.passwords import hash_password
from models import Account, Activity, CalendarPeriod, Establishment, SchoolYear, Slot, Tenant
from models.account import AccountStatus, Role
from models.activity import ActivityCategory
from models.calendar import CalendarPeriodKind
from models.establishment import EstablishmentKind
from seed import builders

__all__ = [
    "DEFAULT_PASSWORD",
    "make_account",
    "make_activity",
    "make_calendar_period",
    "make_establishment",
    "make_school_year",
    "make_slot",
    "make_tenant",
]

_sequence = itertools.count(1)


async def make_tenant(session: AsyncSession, **overrides: Any) -> Tenant:
    """A tenant with a unique slug."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "slug": f"ville-{n}",
        "name": f"Mairie de Ville {n}",
        "service_name": "Le service enfance",
        "mail_from": f"nepasrepondre@ville-{n}.example",
    }
    values.update(overrides)
    return await builders.add_tenant(session, **values)


async def make_school_year(session: AsyncSession, tenant: Tenant, **overrides: Any) -> SchoolYear:
    """The 2025-2026 school year of a tenant."""
    values: dict[str, Any] = {
        "label": "2025-2026",
        "start_date": dt.date(2025, 9, 1),
        "end_date": dt.date(2026, 7, 3),
    }
    values.update(overrides)
    return await builders.add_school_year(session, tenant, **values)


async def make_establishment(
    session: AsyncSession, tenant: Tenant, **overrides: Any
) -> Establishment:
    """An elementary school."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "code": f"ECOLE{n}",
        "name": f"Ecole {n}",
        "kind": EstablishmentKind.ELEMENTARY_SCHOOL,
    }
    values.update(overrides)
    return await builders.add_establishment(session, tenant, **values)


async def make_activity(
    session: AsyncSession,
    establishment: Establishment,
    school_year: SchoolYear,
    **overrides: Any,
) -> Activity:
    """A morning-care activity with default rules."""
    n = next(_sequence)
    values: dict[str, Any] = {
        "code": f"ACT{n}",
        "name": f"Garderie {n}",
        "category": ActivityCategory.MORNING_CARE,
        "sort_order": n,
    }
    values.update(overrides)
    return await builders.add_activity(session, establishment, school_year, **values)


async def make_slot(session: AsyncSession, activity: Activity, **overrides: Any) -> Slot:
    """A Monday 07:30–08:05 slot valid for the school year."""
    values: dict[str, Any] = {
        "weekday": 1,
        "start_time": dt.time(7, 30),
        "end_time": dt.time(8, 5),
        "valid_from": dt.date(2025, 9, 1),
    }
    values.update(overrides)
    return await builders.add_slot(session, activity, **values)


async def make_calendar_period(
    session: AsyncSession, tenant: Tenant, **overrides: Any
) -> CalendarPeriod:
    """The Toussaint 2025 school holidays."""
    values: dict[str, Any] = {
        "kind": CalendarPeriodKind.SCHOOL_HOLIDAY,
        "label": "Vacances de la Toussaint",
        "start_date": dt.date(2025, 10, 18),
        "end_date": dt.date(2025, 11, 2),
    }
    values.update(overrides)
    return await builders.add_calendar_period(session, tenant, **values)


DEFAULT_PASSWORD = "Mercredi-2026!"
_PASSWORD_HASH: str | None = None


async def make_account(
    session: AsyncSession,
    tenant: Tenant,
    *,
    email: str,
    role: Role | str = Role.PARENT,
    **overrides: Any,
) -> Account:
    """An ACTIVE account whose password is ``DEFAULT_PASSWORD`` (hashed once per run)."""
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(DEFAULT_PASSWORD)
    values: dict[str, Any] = {
        "email": email,
        "password_hash": _PASSWORD_HASH,
        "first_name": "Prénom",
        "last_name": "NOM",
        "role": Role(role),
        "status": AccountStatus.ACTIVE,
    }
    values.update(overrides)
    return await builders.add_account(session, tenant, **values)
