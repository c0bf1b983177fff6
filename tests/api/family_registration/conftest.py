"""The family registration API tests' town: a tenant with a school year and activities, a
parent account without a family, staff, and the Dupont family to link to.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import to_base64

from models import Tenant
from models.account import Role
from tests.api.family_registration._helpers import Town, _logged_in
from tests.factories.family import make_child, make_family, make_guardian, make_invoice
from tests.factories.towns import make_lux_school
from tests.support.graphql_client import GraphQLClient


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    today = dt.date.today()
    lux = await make_lux_school(
        session,
        tenant,
        label="courante",
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=200),
    )
    await session.commit()
    return Town(tenant, lux.school.id, lux.garderie.id, lux.maternelle.id)


@pytest.fixture
async def parent(session: AsyncSession, api: GraphQLClient, tenant: Tenant) -> str:
    return await _logged_in(session, api, tenant, "camille.martin@example.fr", Role.PARENT)


@pytest.fixture
async def staff(session: AsyncSession, api: GraphQLClient, tenant: Tenant) -> str:
    return await _logged_in(session, api, tenant, "agent@mairie.example", Role.STAFF)


# --- linking to a family that has a subscriber code -----------------------------------------


@pytest.fixture
async def dupont(session: AsyncSession, tenant: Tenant) -> str:
    """A validated family « DUPONT » (code 000123), with Zoé born 3 June 2017 and a recent
    invoice; returns its global ID."""
    family = await make_family(session, tenant, subscriber_code="000123", name="DUPONT")
    await make_guardian(session, family, rank=1, first_name="Marie", email="marie@example.fr")
    await make_guardian(session, family, rank=2, first_name="Paul", email="paul@example.fr")
    await make_child(session, family, first_name="Zoé", birth_date=dt.date(2017, 6, 3))
    await make_invoice(
        session,
        family,
        issued_on=dt.date.today() - dt.timedelta(days=40),
        number="2026-10-0042",
    )
    await session.commit()
    return to_base64("Family", family.id)
