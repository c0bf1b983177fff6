"""What the domain change request tests share: a world of a family, its parent and staff,
and shortcuts to create, accept and refuse requests and read what they left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models import Account, Child, Family, Guardian, Request, Tenant
from models.account import Civility, Role
from models.request import RequestType
from tests import factories
from tests.factories import family as ff

NOW = dt.datetime(2026, 1, 22, 15, 44, 5, tzinfo=dt.UTC)
PORTAL = "https://famille.example/ville"
IBAN = "FR7630006000011234567890189"


@dataclass
class World:
    tenant: Tenant
    family: Family
    guardians: list[Guardian]
    children: list[Child]
    parent: Account
    staff: Account
    other_family: Family
    other_guardian: Guardian
    other_child: Child


async def _account(
    session: AsyncSession, tenant: Tenant, role: Role, guardian: Guardian | None = None
) -> Account:
    return await factories.make_account(
        session,
        tenant,
        email=f"{role.value.lower()}{guardian.id if guardian else ''}-{tenant.id}@example.fr",
        role=role,
        civility=Civility.MONSIEUR,
        first_name="Matthieu",
        last_name="Blman",
        guardian_id=guardian.id if guardian else None,
    )


async def _world(session: AsyncSession, **settings: Any) -> World:
    tenant = await factories.make_tenant(session, settings=settings)
    family, guardians, children = await ff.make_family_with_members(
        session, tenant, guardians=2, children=2
    )
    other, other_guardians, other_children = await ff.make_family_with_members(session, tenant)
    return World(
        tenant=tenant,
        family=family,
        guardians=guardians,
        children=children,
        parent=await _account(session, tenant, Role.PARENT, guardians[0]),
        staff=await _account(session, tenant, Role.STAFF),
        other_family=other,
        other_guardian=other_guardians[0],
        other_child=other_children[0],
    )


async def _create(
    session: AsyncSession,
    world: World,
    request_type: RequestType,
    target_id: int | None,
    changes: Mapping[str, object],
    *,
    key: str | None = None,
    comment: str | None = None,
    family_id: int | None = -1,
) -> Request:
    return await cr.create_change_request(
        session,
        tenant_id=world.tenant.id,
        request_type=request_type,
        account_id=world.parent.id,
        family_id=world.family.id if family_id == -1 else family_id,
        target_id=target_id,
        changes=changes,
        comment=comment,
        idempotency_key=key,
        portal_url=PORTAL,
        now=NOW,
    )


async def _accept(session: AsyncSession, world: World, request: Request) -> Request:
    return await cr.accept_change_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        account_id=world.staff.id,
        message=None,
        now=NOW,
    )


def _codes(failure: pytest.ExceptionInfo[DomainFailure]) -> set[tuple[str, tuple[str, ...]]]:
    return {(p.code, p.field) for p in failure.value.problems}


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)
