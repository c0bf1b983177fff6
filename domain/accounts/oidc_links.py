"""Linking a provider identity (FranceConnect) to an account, and unlinking it.

The first login with an identity no account knows gives a ``linkToken`` (30 minutes, see
``domain.accounts.oidc_login``). With it the parent names the email of their account;
that account's address receives a one-use link (``AccountToken`` of purpose ``OIDC_LINK``,
valid 1 hour) naming the identity, and following it — in the browser that holds the
``linkToken``, which must be given again — links the identity and opens a session. So an
identity is only ever linked by someone who both went through the provider and reads the
account's mail — the provider vouches for the person, the mail for the account: a stranger
who asks a link to someone else's address cannot have it confirmed by a click of the
account's owner, whose browser does not hold the stranger's ``linkToken`` —; and, as for
a password reset, the answer never tells whether the address has an account. An account
may link several identities; an identity belongs to one account of a tenant (a database constraint).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.creation import _consume_token, _issue_token
from domain.accounts.identity import (
    PortalLinks,
    TenantIdentity,
    _account_by_email,
    _mail_context,
    display_name,
    normalize_email,
)
from domain.accounts.oidc_login import open_session
from domain.accounts.sessions import IssuedSession
from domain.audit import record_change
from domain.mail import enqueue_mail
from domain.tokens import hash_token
from kernel.results import fail
from models import Account, AccountIdentity, AccountToken, OidcPendingLink
from models.account import AccountStatus, TokenPurpose

LINK_MAIL_VALIDITY: Final = dt.timedelta(hours=1)
LINK_PAGE: Final = "franceconnect/liaison"


def link_url(links: PortalLinks, token: str) -> str:
    """The portal page the link mail opens (it calls ``oidcIdentityLinkConfirm``)."""
    return f"{links.portal_url}/{LINK_PAGE}?token={token}"


def identity_name(claims: dict[str, object]) -> str:
    """« Angela Claire DUBOIS »: who the provider identified, as the mail names them."""
    given = str(claims.get("given_name") or "").strip()
    family = str(claims.get("family_name") or claims.get("preferred_username") or "").strip()
    return f"{given} {family.upper()}".strip() or "(identité sans nom)"


async def request_link(
    session: AsyncSession,
    tenant: TenantIdentity,
    links: PortalLinks,
    *,
    link_token: str,
    email: str,
    provider_name: str,
    now: dt.datetime,
) -> None:
    """Mail the account of ``email`` a link that ties the pending identity to it; silent
    when no active account has that address (the answer is the same)."""
    pending = await session.scalar(
        select(OidcPendingLink).where(
            OidcPendingLink.tenant_id == tenant.id,
            OidcPendingLink.token_hash == hash_token(link_token),
        )
    )
    if pending is None or pending.linked_at is not None:
        raise fail(
            "LINK_TOKEN_INVALID",
            "Cette demande de liaison n'est pas valide : reconnectez-vous avec FranceConnect.",
            "linkToken",
        )
    if pending.expires_at <= now:
        raise fail(
            "LINK_TOKEN_EXPIRED",
            "Cette demande de liaison a expiré : reconnectez-vous avec FranceConnect.",
            "linkToken",
        )
    normalized = normalize_email(email, "email")
    account = await _account_by_email(session, tenant.id, normalized)
    if account is None or account.status is not AccountStatus.ACTIVE:
        return
    token = await _issue_token(session, account, TokenPurpose.OIDC_LINK, LINK_MAIL_VALIDITY, now)
    await session.flush()
    pending.account_token_id = await session.scalar(
        select(AccountToken.id).where(AccountToken.token_hash == hash_token(token))
    )
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to=account.email,
        template="oidc_link",
        context=_mail_context(
            tenant,
            display_name(account.civility, account.first_name, account.last_name),
            link_url=link_url(links, token),
            provider_name=provider_name,
            identity_name=identity_name(pending.claims or {}),
            valid_minutes=int(LINK_MAIL_VALIDITY.total_seconds() // 60),
        ),
    )


async def confirm_link(
    session: AsyncSession,
    *,
    tenant_id: int,
    token: str,
    link_token: str,
    remote_address: str | None,
    user_agent: str | None,
    now: dt.datetime,
) -> IssuedSession:
    """Link the identity named by the mailed token to its account and open a session.

    ``link_token`` is the one the provider login gave this browser: without it a mailed
    link clicked by the account's owner would link whoever asked for it.
    """
    stored = await _consume_token(session, tenant_id, token, TokenPurpose.OIDC_LINK, now)
    pending = await session.scalar(
        select(OidcPendingLink).where(OidcPendingLink.account_token_id == stored.id)
    )
    if pending is None or pending.linked_at is not None:
        raise fail("TOKEN_ALREADY_USED", "Ce lien a déjà été utilisé.", "token")
    if pending.token_hash != hash_token(link_token):
        raise fail(
            "LINK_TOKEN_INVALID",
            "Ouvrez ce lien dans le navigateur où vous vous êtes identifié avec FranceConnect,"
            " ou recommencez la connexion avec FranceConnect.",
            "linkToken",
        )
    account = await session.get_one(Account, stored.account_id)
    if account.status is not AccountStatus.ACTIVE:
        raise fail("ACCOUNT_DISABLED", "Ce compte est désactivé.", "token")
    existing = await session.scalar(
        select(AccountIdentity).where(
            AccountIdentity.tenant_id == tenant_id,
            AccountIdentity.issuer == pending.issuer,
            AccountIdentity.subject == pending.subject,
        )
    )
    if existing is not None and existing.account_id != account.id:
        raise fail(
            "IDENTITY_ALREADY_LINKED",
            "Cette identité est déjà liée à un autre compte du portail.",
            "token",
        )
    if existing is None:
        identity = AccountIdentity(
            tenant_id=tenant_id,
            account_id=account.id,
            issuer=pending.issuer,
            subject=pending.subject,
            created_at=now,
            last_login_at=now,
        )
        session.add(identity)
        await session.flush()
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=account.id,
            action="identity.linked",
            object_type="AccountIdentity",
            object_id=identity.id,
            after={"account": account.id, "issuer": identity.issuer},
        )
    pending.linked_at = now
    issued, _ = await open_session(
        session, account, remote_address=remote_address, user_agent=user_agent, now=now
    )
    return issued


async def account_identities(
    session: AsyncSession, *, tenant_id: int, account_id: int
) -> list[AccountIdentity]:
    """The identities linked to an account, oldest first."""
    return list(
        await session.scalars(
            select(AccountIdentity)
            .where(AccountIdentity.tenant_id == tenant_id, AccountIdentity.account_id == account_id)
            .order_by(AccountIdentity.id)
        )
    )


async def unlink_identity(
    session: AsyncSession, *, tenant_id: int, account_id: int, identity_id: int | None
) -> None:
    """Remove one of the account's own identities (another's reads as not found); both
    the link and its removal are in the audit trail, since either changes who may sign in."""
    identity = await session.get(AccountIdentity, identity_id) if identity_id is not None else None
    if identity is None or identity.tenant_id != tenant_id or identity.account_id != account_id:
        raise fail("NOT_FOUND", "Cette identité n'est pas liée à votre compte.", "identity")
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action="identity.unlinked",
        object_type="AccountIdentity",
        object_id=identity.id,
        before={"account": account_id, "issuer": identity.issuer},
    )
    await session.delete(identity)
