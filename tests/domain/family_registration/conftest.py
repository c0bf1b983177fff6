"""The domain family registration tests' town: a tenant with its school year, activities
and a parent account without a family.
"""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.tenancy import TenantRef
from models.child import Grade
from tests import factories
from tests.domain.family_registration._helpers import Town, _parent


@pytest.fixture
async def town(session: AsyncSession) -> Town:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant, name="Ecole Lux")
    garderie = await factories.make_activity(
        session, school, year, name="Garderie Matin", min_grade=Grade.CP
    )
    maternelle = await factories.make_activity(
        session, school, year, name="Accueil maternelle", min_grade=Grade.PS, max_grade=Grade.GS
    )
    account = await _parent(session, tenant, "camille.martin@example.fr")
    await session.commit()
    # A detached identity: tests roll back, which expires ORM rows.
    ref = TenantRef(tenant.id, tenant.slug, tenant.name, tenant.service_name, tenant.timezone)
    return Town(
        ref,
        school,
        garderie,
        maternelle,
        account,
        account.id,
        school.id,
        garderie.id,
        maternelle.id,
    )
