"""Inviting staff: an administrator invites an account by e-mail, its owner picks a password.

The account is created PENDING_ACTIVATION with an unusable password; the invitation link
(valid 7 days, once) lets its owner choose a password, which activates it
(``accept_invitation``). An address already used in the tenant (by anyone, parents
included) is refused. The invitation writes the « staff.invited » audit entry; a retry with
the same idempotency key answers with the account first created.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.creation import _issue_token, _name_problems
from domain.accounts.identity import (
    PortalLinks,
    TenantIdentity,
    _account_by_email,
    _mail_context,
    display_name,
    normalize_email,
)
from domain.accounts.staff import (
    _ACCOUNT_FIELDS,
    STAFF_ROLES,
    StaffAccount,
    _check_establishments,
    _replace_establishments,
    establishments_of,
)
from domain.audit import record_change, snapshot
from domain.mail import enqueue_mail
from domain.passwords import hash_password, password_problems
from domain.tokens import hash_token
from kernel.idempotency import FIELD as IDEMPOTENCY_FIELD
from kernel.idempotency import IDEMPOTENCY_KEY_REUSED, clean_key
from kernel.results import DomainFailure, Problem, fail
from models import Account, AccountToken, AuditEntry
from models.account import AccountStatus, Civility, Role, TokenPurpose

INVITATION_VALIDITY: Final = dt.timedelta(days=7)

INVITED_ACTION: Final = "staff.invited"

# How the invitation mail names the role (« invité(e) en tant que … »).
ROLE_WORDING: Final = {
    Role.STAFF: "agent",
    Role.ADMIN: "administrateur",
    Role.REPORTING: "utilisateur des statistiques",
}


def invitation_url(links: PortalLinks, token: str) -> str:
    """The link of an invitation mail: the portal page where the invitee picks a password."""
    return f"{links.portal_url}/invitation?token={token}"


async def _earlier_invitation(
    session: AsyncSession, tenant_id: int, key: str, actor_account_id: int | None, email: str
) -> Account | None:
    # Accounts have no idempotency column: the key is kept in the invitation's audit entry.
    # Invitations are rare, so reading the tenant's few entries is cheap.
    entries = await session.scalars(
        select(AuditEntry).where(
            AuditEntry.tenant_id == tenant_id, AuditEntry.action == INVITED_ACTION
        )
    )
    for entry in entries:
        if (entry.after or {}).get("idempotencyKey") != key:
            continue
        account = (
            await session.get(Account, entry.object_id) if entry.object_id is not None else None
        )
        if account is None or entry.actor_account_id != actor_account_id or account.email != email:
            raise fail(
                IDEMPOTENCY_KEY_REUSED,
                "Cette clé d'idempotence a déjà servi pour une autre invitation.",
                IDEMPOTENCY_FIELD,
            )
        return account
    return None


async def create_invited_account(
    session: AsyncSession,
    tenant: TenantIdentity,
    links: PortalLinks,
    *,
    email: str,
    first_name: str,
    last_name: str,
    civility: Civility | None,
    role: Role,
    now: dt.datetime,
) -> Account:
    """A PENDING_ACTIVATION staff account and its invitation mail (no audit entry: the
    caller records the change it is part of). DomainFailure on bad input or a taken email."""
    problems = _name_problems(first_name, last_name)
    normalized = email
    try:
        normalized = normalize_email(email)
    except DomainFailure as failure:
        problems.extend(failure.problems)
    if role not in STAFF_ROLES:
        problems.append(
            Problem(
                "INVALID_ROLE",
                "Le rôle doit être agent, administrateur ou statistiques.",
                ("role",),
            )
        )
    if problems:
        raise DomainFailure(problems)
    if await _account_by_email(session, tenant.id, normalized) is not None:
        raise fail("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse.", "email")
    account = Account(
        tenant_id=tenant.id,
        email=normalized,
        # Unusable until the invitee picks a password through the invitation link.
        password_hash=hash_password(secrets.token_urlsafe(32)),
        civility=civility,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        status=AccountStatus.PENDING_ACTIVATION,
        created_at=now,
    )
    session.add(account)
    await session.flush()
    token = await _issue_token(session, account, TokenPurpose.ACTIVATION, INVITATION_VALIDITY, now)
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to=account.email,
        template="staff_invitation",
        context=_mail_context(
            tenant,
            display_name(civility, account.first_name, account.last_name),
            activation_url=invitation_url(links, token),
            valid_days=INVITATION_VALIDITY.days,
            role_label=ROLE_WORDING[role],
        ),
    )
    return account


async def invite_staff(
    session: AsyncSession,
    tenant: TenantIdentity,
    links: PortalLinks,
    *,
    actor_account_id: int | None,
    email: str,
    first_name: str,
    last_name: str,
    civility: Civility | None,
    role: Role,
    establishment_ids: Sequence[int | None],
    idempotency_key: str | None,
    now: dt.datetime,
) -> StaffAccount:
    """staffInvite: a pending account, its establishments, the invitation mail, the audit
    entry. A retry with the same idempotency key answers with the account first created."""
    key = clean_key(idempotency_key)
    if key is not None:
        try:
            normalized = normalize_email(email)
        except DomainFailure:
            normalized = email
        earlier = await _earlier_invitation(session, tenant.id, key, actor_account_id, normalized)
        if earlier is not None:
            limits = await establishments_of(session, tenant.id, [earlier.id])
            return StaffAccount(earlier, limits.get(earlier.id, ()))
    establishments = await _check_establishments(session, tenant.id, establishment_ids)
    account = await create_invited_account(
        session,
        tenant,
        links,
        email=email,
        first_name=first_name,
        last_name=last_name,
        civility=civility,
        role=role,
        now=now,
    )
    await _replace_establishments(session, tenant.id, account.id, establishments)
    after = snapshot(account, _ACCOUNT_FIELDS) | {"establishments": establishments}
    if key is not None:
        after["idempotencyKey"] = key
    record_change(
        session,
        tenant_id=tenant.id,
        actor_account_id=actor_account_id,
        action=INVITED_ACTION,
        object_type="Account",
        object_id=account.id,
        after=after,
    )
    await session.flush()
    return StaffAccount(account, tuple(establishments))


async def accept_invitation(
    session: AsyncSession, *, tenant_id: int, token: str, password: str, now: dt.datetime
) -> Account:
    """staffInvitationAccept: the invitee picks a password, which activates the account."""
    stored = await session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == hash_token(token),
            AccountToken.tenant_id == tenant_id,
            AccountToken.purpose == TokenPurpose.ACTIVATION,
        )
    )
    account = await session.get(Account, stored.account_id) if stored is not None else None
    if stored is None or account is None or account.role not in STAFF_ROLES:
        raise fail("TOKEN_INVALID", "Ce lien n'est pas valide.", "token")
    if stored.used_at is not None or account.status is not AccountStatus.PENDING_ACTIVATION:
        raise fail("TOKEN_ALREADY_USED", "Ce lien a déjà été utilisé.", "token")
    if stored.expires_at <= now:
        raise fail(
            "TOKEN_EXPIRED",
            "Ce lien d'invitation a expiré : demandez à un administrateur de vous inviter à "
            "nouveau.",
            "token",
        )
    problems = password_problems(password, account.email)
    if problems:
        raise DomainFailure(Problem("WEAK_PASSWORD", m, ("password",)) for m in problems)
    stored.used_at = now
    account.password_hash = hash_password(password)
    account.status = AccountStatus.ACTIVE
    account.activated_at = now
    await session.flush()
    return account
