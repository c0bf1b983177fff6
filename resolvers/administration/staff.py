"""Staff accounts: the list (staff), invitations, roles, disabling, establishments
(administrators) and the invitee's acceptance — each write in one transaction (the schema
checked the viewer's role; every account and establishment is looked up in the tenant)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select

from domain.accounts import PortalLinks, staff, staff_invitations
from domain.accounts.staff import StaffAccount
from domain.tenants.settings import portal_base
from models import Account, Establishment, Tenant
from models.account import Civility, Role
from models.base import utcnow
from resolvers.context import Context


def _now() -> dt.datetime:
    return utcnow()


async def staff_accounts(ctx: Context) -> list[StaffAccount]:
    """staffAccounts: the tenant's staff, admin and reporting accounts."""
    async with ctx.db.transaction() as session:
        return await staff.list_staff(session, tenant_id=ctx.tenant.id)


async def establishments(ctx: Context, ids: Sequence[int]) -> dict[int, Establishment]:
    """The tenant's establishments among ``ids`` (one statement for a whole list)."""
    if not ids:
        return {}
    rows = await ctx.db.scalars(
        select(Establishment).where(
            Establishment.tenant_id == ctx.tenant.id, Establishment.id.in_(set(ids))
        )
    )
    return {row.id: row for row in rows}


async def invite(
    ctx: Context,
    *,
    email: str,
    first_name: str,
    last_name: str,
    civility: Civility | None,
    role: Role,
    establishment_ids: Sequence[int | None],
    idempotency_key: str | None,
) -> StaffAccount:
    """staffInvite: the invitation link points at the tenant's portal."""
    async with ctx.db.transaction() as session:
        tenant = await session.get_one(Tenant, ctx.tenant.id)
        links = PortalLinks(portal_base(tenant, ctx.settings.portal_links_base(tenant.slug)))
        return await staff_invitations.invite_staff(
            session,
            tenant,
            links,
            actor_account_id=ctx.viewer.account_id,
            email=email,
            first_name=first_name,
            last_name=last_name,
            civility=civility,
            role=role,
            establishment_ids=establishment_ids,
            idempotency_key=idempotency_key,
            now=_now(),
        )


async def change_role(ctx: Context, account_id: int | None, role: Role) -> StaffAccount:
    """staffRoleChange."""
    async with ctx.db.transaction() as session:
        return await staff.change_role(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            account_id=account_id,
            role=role,
        )


async def disable(ctx: Context, account_id: int | None) -> StaffAccount:
    """staffDisable."""
    async with ctx.db.transaction() as session:
        return await staff.disable_staff(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            account_id=account_id,
            now=_now(),
        )


async def enable(ctx: Context, account_id: int | None) -> StaffAccount:
    """staffEnable."""
    async with ctx.db.transaction() as session:
        return await staff.enable_staff(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            account_id=account_id,
        )


async def set_establishments(
    ctx: Context, account_id: int | None, establishment_ids: Sequence[int | None]
) -> StaffAccount:
    """staffEstablishmentsSet."""
    async with ctx.db.transaction() as session:
        return await staff.set_establishments(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            account_id=account_id,
            establishment_ids=establishment_ids,
        )


async def accept_invitation(ctx: Context, token: str, password: str) -> Account:
    """staffInvitationAccept: anyone holding the mailed token."""
    async with ctx.db.transaction() as session:
        return await staff_invitations.accept_invitation(
            session, tenant_id=ctx.tenant.id, token=token, password=password, now=_now()
        )
