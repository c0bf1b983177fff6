"""The domain family registration tests' town: a tenant with its school year, activities
and a parent account without a family.
"""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.tenancy import TenantRef
from tests import factories
from tests.domain.family_registration._helpers import Town, _parent
from tests.factories.towns import make_lux_school


@pytest.fixture
async def town(session: AsyncSession) -> Town:
    tenant = await factories.make_tenant(session)
    lux = await make_lux_school(session, tenant)
    account = await _parent(session, tenant, "camille.martin@example.fr")
    await session.commit()
    # A detached identity: tests roll back, which expires ORM rows.
    ref = TenantRef(tenant.id, tenant.slug, tenant.name, tenant.service_name, tenant.timezone)
    return Town(
        ref,
        lux.school,
        lux.garderie,
        lux.maternelle,
        account,
        account.id,
        lux.school.id,
        lux.garderie.id,
        lux.maternelle.id,
    )
