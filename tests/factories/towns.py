"""Small worlds several test modules share: a tenant's catalogue (school year, school, one
activity and its Monday slot) and two families with their parents logged in, a staff agent
and a foreign tenant's agent — the cast of most authorization and staff-side tests; and
the guide's Ecole Lux, whose two activities a family registration asks for.

Ids and tokens are captured while the rows are fresh, so a test may read them after its
session rolled back (which expires ORM rows).
"""

from __future__ import annotations

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
    SchoolYear,
    Slot,
    Tenant,
)
from models.account import Role
from models.child import Grade
from tests.factories import catalogue
from tests.factories.family import (
    make_account_with_token,
    make_family_with_members,
    make_parent_account_with_token,
    make_staff_account_with_token,
)

__all__ = ["LuxSchool", "StaffTown", "make_lux_school", "make_staff_town"]


@dataclass
class StaffTown:
    """A tenant with one activity and slot, two families (the second one "other") whose
    first guardian is logged in, a staff agent, optionally a reporting agent, and an agent
    of a foreign tenant."""

    tenant: Tenant
    year: SchoolYear
    school: Establishment
    activity: Activity
    slot: Slot
    family: Family
    guardians: list[Guardian]
    children: list[Child]
    parent_account: Account
    parent: str  # token
    other_family: Family
    other_guardians: list[Guardian]
    other_children: list[Child]
    other_account: Account
    other_parent: str  # token
    staff_account: Account
    staff: str  # token
    reporting: str | None  # token
    foreign: Tenant
    foreign_staff: str  # token
    # Captured at build time (see the module docstring).
    tenant_id: int
    guardian_ids: list[int]
    guardian_first_name: str
    family_name: str
    activity_id: int
    slot_id: int
    family_id: int
    child_ids: list[int]
    other_family_id: int
    other_child_ids: list[int]
    parent_email: str
    foreign_slug: str
    # Request references by name, for the tests that file some (newest last).
    references: dict[str, int] = field(default_factory=dict)


async def make_staff_town(
    session: AsyncSession,
    tenant: Tenant | None = None,
    *,
    guardians: int = 1,
    children: int = 2,
    other_children: int = 1,
    reporting: bool = False,
    **activity: Any,
) -> StaffTown:
    """Build the town (flushed, not committed); ``activity`` overrides the activity's
    columns (capacity, waiting list, deadlines…)."""
    tenant = tenant or await catalogue.make_tenant(session)
    year = await catalogue.make_school_year(session, tenant)
    school = await catalogue.make_establishment(session, tenant)
    made = await catalogue.make_activity(session, school, year, **activity)
    slot = await catalogue.make_slot(session, made)
    family, members, kids = await make_family_with_members(
        session, tenant, guardians=guardians, children=children
    )
    other, other_members, other_kids = await make_family_with_members(
        session, tenant, children=other_children
    )
    account, parent = await make_parent_account_with_token(session, tenant, guardian=members[0])
    other_account, other_parent = await make_parent_account_with_token(
        session, tenant, guardian=other_members[0]
    )
    staff_account, staff = await make_staff_account_with_token(session, tenant)
    reporting_token = None
    if reporting:
        _, reporting_token = await make_account_with_token(session, tenant, role=Role.REPORTING)
    foreign = await catalogue.make_tenant(session)
    _, foreign_staff = await make_staff_account_with_token(session, foreign)
    return StaffTown(
        tenant=tenant,
        year=year,
        school=school,
        activity=made,
        slot=slot,
        family=family,
        guardians=members,
        children=kids,
        parent_account=account,
        parent=parent,
        other_family=other,
        other_guardians=other_members,
        other_children=other_kids,
        other_account=other_account,
        other_parent=other_parent,
        staff_account=staff_account,
        staff=staff,
        reporting=reporting_token,
        foreign=foreign,
        foreign_staff=foreign_staff,
        tenant_id=tenant.id,
        guardian_ids=[g.id for g in members],
        guardian_first_name=members[0].first_name,
        family_name=family.name,
        activity_id=made.id,
        slot_id=slot.id,
        family_id=family.id,
        child_ids=[c.id for c in kids],
        other_family_id=other.id,
        other_child_ids=[c.id for c in other_kids],
        parent_email=account.email,
        foreign_slug=foreign.slug,
    )


@dataclass
class LuxSchool:
    """Ecole Lux and the two activities the guide's family registration asks for."""

    year: SchoolYear
    school: Establishment
    garderie: Activity  # from CP
    maternelle: Activity  # PS to GS


async def make_lux_school(session: AsyncSession, tenant: Tenant, **year: Any) -> LuxSchool:
    """Ecole Lux of ``tenant`` with its morning childcare (from CP) and its nursery care
    (PS to GS); ``year`` overrides the school year (label, dates)."""
    school_year = await catalogue.make_school_year(session, tenant, **year)
    school = await catalogue.make_establishment(session, tenant, name="Ecole Lux")
    garderie = await catalogue.make_activity(
        session, school, school_year, name="Garderie Matin", min_grade=Grade.CP
    )
    maternelle = await catalogue.make_activity(
        session,
        school,
        school_year,
        name="Accueil maternelle",
        min_grade=Grade.PS,
        max_grade=Grade.GS,
    )
    return LuxSchool(school_year, school, garderie, maternelle)
