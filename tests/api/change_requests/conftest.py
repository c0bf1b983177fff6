"""The change request API tests' town: a family with guardians and children, its parent,
staff and a reporting account, each signed in.
"""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from tests.api.change_requests._helpers import Town
from tests.factories.towns import make_staff_town


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    made = await make_staff_town(session, tenant, guardians=2, children=2, reporting=True)
    await session.commit()
    return made
