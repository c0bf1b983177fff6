"""Account actions: authorize, run the domain in one transaction, hand back the result."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from domain import accounts
from domain.accounts import IssuedSession, LoginRefused, PortalLinks
from models import Account
from models.account import Civility
from models.base import utcnow
from resolvers.context import Context


def portal_links(ctx: Context) -> PortalLinks:
    """Links of the tenant's portal, for mails."""
    return PortalLinks(ctx.settings.portal_links_base(ctx.tenant.slug))


def client_address(ctx: Context) -> str | None:
    """The caller's address, for login throttling: the direct peer, or the client named by
    ``X-Forwarded-For`` when the peer is one of ``CRENEAU_TRUSTED_PROXIES`` (the ASGI scope's
    client is rewritten by ``server.http_requests.ForwardedClient``)."""
    client = getattr(ctx.request, "client", None)
    return client.host if client is not None else None


async def create_account(
    ctx: Context,
    *,
    email: str,
    password: str,
    civility: Civility | None,
    first_name: str,
    last_name: str,
) -> None:
    """accountCreate: anonymous callers only make sense, but anyone may call it."""
    async with ctx.db.transaction() as session:
        await accounts.create_account(
            session,
            ctx.tenant,
            portal_links(ctx),
            email=email,
            password=password,
            civility=civility,
            first_name=first_name,
            last_name=last_name,
            now=utcnow(),
        )


async def activate_account(ctx: Context, token: str) -> Account:
    """accountActivate."""
    async with ctx.db.transaction() as session:
        return await accounts.activate_account(
            session, tenant_id=ctx.tenant.id, token=token, now=utcnow()
        )


async def login(ctx: Context, email: str, password: str) -> IssuedSession | LoginRefused:
    """login: the attempt is recorded (and committed) whatever the outcome."""
    user_agent = ctx.request.headers.get("user-agent") if ctx.request is not None else None
    async with ctx.db.transaction() as session:
        return await accounts.login(
            session,
            tenant_id=ctx.tenant.id,
            email=email,
            password=password,
            remote_address=client_address(ctx),
            user_agent=user_agent,
            now=utcnow(),
        )


async def logout(ctx: Context) -> None:
    """logout: revokes the session the request was made with."""
    session_id = ctx.viewer.session_id
    if session_id is None:
        return
    async with ctx.db.transaction() as session:
        await accounts.logout(session, session_id=session_id, now=utcnow())


async def request_password_reset(ctx: Context, email: str) -> None:
    """passwordResetRequest: silent about whether the address has an account."""
    async with ctx.db.transaction() as session:
        await accounts.request_password_reset(
            session, ctx.tenant, portal_links(ctx), email=email, now=utcnow()
        )


async def reset_password(ctx: Context, token: str, password: str) -> Account:
    """passwordReset."""
    async with ctx.db.transaction() as session:
        return await accounts.reset_password(
            session, tenant_id=ctx.tenant.id, token=token, password=password, now=utcnow()
        )


async def visible_accounts(ctx: Context, ids: Sequence[int]) -> dict[int, Account]:
    """Accounts the viewer may see: their own, or any of the tenant for staff."""
    viewer = ctx.viewer
    if viewer.is_anonymous:
        return {}
    if not viewer.is_staff:
        ids = [i for i in ids if i == viewer.account_id]
    if not ids:
        return {}
    rows = await ctx.db.scalars(
        select(Account).where(Account.tenant_id == ctx.tenant.id, Account.id.in_(ids))
    )
    return {row.id: row for row in rows}
