"""The change request API tests' town: a family with guardians and children, its parent,
staff and a reporting account, each signed in.
"""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from models.account import Role
from tests.api.change_requests._helpers import Town
from tests.factories import family as ff


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    family, guardians, children = await ff.make_family_with_members(
        session, tenant, guardians=2, children=2
    )
    other, other_guardians, _ = await ff.make_family_with_members(session, tenant)
    _, parent = await ff.make_parent_account_with_token(session, tenant, guardian=guardians[0])
    _, other_parent = await ff.make_parent_account_with_token(
        session, tenant, guardian=other_guardians[0]
    )
    _, staff = await ff.make_staff_account_with_token(session, tenant)
    _, reporting = await ff.make_account_with_token(session, tenant, role=Role.REPORTING)
    await session.commit()
    return Town(
        tenant_id=tenant.id,
        guardian_ids=[g.id for g in guardians],
        guardian_first_name=guardians[0].first_name,
        child_ids=[c.id for c in children],
        family_id=family.id,
        family_name=family.name,
        parent=parent,
        other_family_id=other.id,
        other_parent=other_parent,
        staff=staff,
        reporting=reporting,
    )
