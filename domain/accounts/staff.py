"""Staff accounts: the collectivity's agents, administrators and reporting users.

Rules kept here:
- an administrator invites an account by e-mail: it is created PENDING_ACTIVATION with an
  unusable password, and an invitation link (valid 7 days, once) lets its owner choose a
  password, which activates it (``accept_invitation``); an address already used in the
  tenant (by anyone, parents included) is refused;
- a parent account is never the target of these actions (NOT_STAFF_ACCOUNT);
- the last active administrator can be neither demoted nor disabled (LAST_ADMIN), so a
  collectivity always keeps someone who can administer it;
- disabling an account revokes its open sessions at once;
- an agent may be limited to some establishments (``staff_establishment`` rows): none at
  all means every establishment. The limits apply to STAFF accounts (an administrator
  reaches everything of the tenant).

Every change writes an audit entry (« staff.invited », « staff.role_changed »,
« staff.disabled », « staff.enabled », « staff.establishments_changed ») in its transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import delete, select, update
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
from domain.audit import record_change, snapshot
from domain.mail import enqueue_mail
from domain.passwords import hash_password, password_problems
from domain.tokens import hash_token
from kernel.idempotency import FIELD as IDEMPOTENCY_FIELD
from kernel.idempotency import IDEMPOTENCY_KEY_REUSED, clean_key
from kernel.results import DomainFailure, Problem, fail
from models import Account, AccountToken, AuditEntry, Establishment, Session, StaffEstablishment
from models.account import AccountStatus, Civility, Role, TokenPurpose

INVITATION_VALIDITY: Final = dt.timedelta(days=7)
STAFF_ROLES: Final = (Role.STAFF, Role.ADMIN, Role.REPORTING)
INVITED_ACTION: Final = "staff.invited"

# How the invitation mail names the role (« invité(e) en tant que … »).
ROLE_WORDING: Final = {
    Role.STAFF: "agent",
    Role.ADMIN: "administrateur",
    Role.REPORTING: "utilisateur des statistiques",
}

_NOT_FOUND_MESSAGE: Final = "Ce compte est introuvable."
_NOT_STAFF_MESSAGE: Final = (
    "Ce compte est celui d'une famille : il ne se gère pas depuis les comptes du personnel."
)
_LAST_ADMIN_MESSAGE: Final = (
    "C'est le dernier compte administrateur actif : nommez d'abord un autre administrateur."
)
_ACCOUNT_FIELDS: Final = ("email", "first_name", "last_name", "civility", "role", "status")


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """A staff account with the establishments it is limited to (empty: all)."""

    account: Account
    establishment_ids: tuple[int, ...]


def invitation_url(links: PortalLinks, token: str) -> str:
    """The link of an invitation mail: the portal page where the invitee picks a password."""
    return f"{links.portal_url}/invitation?token={token}"


async def establishments_of(
    session: AsyncSession, tenant_id: int, account_ids: Sequence[int]
) -> dict[int, tuple[int, ...]]:
    """The establishments each account is limited to (absent or empty: every one)."""
    if not account_ids:
        return {}
    found: dict[int, list[int]] = {}
    rows = await session.execute(
        select(StaffEstablishment.account_id, StaffEstablishment.establishment_id)
        .where(
            StaffEstablishment.tenant_id == tenant_id,
            StaffEstablishment.account_id.in_(set(account_ids)),
        )
        .order_by(StaffEstablishment.account_id, StaffEstablishment.establishment_id)
    )
    for account_id, establishment_id in rows:
        found.setdefault(account_id, []).append(establishment_id)
    return {key: tuple(value) for key, value in found.items()}


async def list_staff(session: AsyncSession, *, tenant_id: int) -> list[StaffAccount]:
    """The tenant's staff, admin and reporting accounts, by last then first name."""
    accounts = list(
        await session.scalars(
            select(Account)
            .where(Account.tenant_id == tenant_id, Account.role.in_(STAFF_ROLES))
            .order_by(Account.last_name, Account.first_name, Account.id)
        )
    )
    limits = await establishments_of(session, tenant_id, [a.id for a in accounts])
    return [StaffAccount(a, limits.get(a.id, ())) for a in accounts]


async def _check_establishments(
    session: AsyncSession, tenant_id: int, establishment_ids: Sequence[int | None]
) -> list[int]:
    wanted = list(dict.fromkeys(establishment_ids))
    if not wanted:
        return []
    known = set(
        await session.scalars(
            select(Establishment.id).where(
                Establishment.tenant_id == tenant_id,
                Establishment.id.in_([i for i in wanted if i is not None]),
            )
        )
    )
    if None in wanted or len(known) != len(wanted):
        raise fail("NOT_FOUND", "Un des établissements est introuvable.", "establishments")
    return sorted(known)


async def _replace_establishments(
    session: AsyncSession, tenant_id: int, account_id: int, establishment_ids: Sequence[int]
) -> None:
    await session.execute(
        delete(StaffEstablishment).where(StaffEstablishment.account_id == account_id)
    )
    session.add_all(
        StaffEstablishment(account_id=account_id, establishment_id=e, tenant_id=tenant_id)
        for e in establishment_ids
    )


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


async def _staff_account(session: AsyncSession, tenant_id: int, account_id: int | None) -> Account:
    account = (
        await session.scalar(
            select(Account)
            .where(Account.tenant_id == tenant_id, Account.id == account_id)
            .with_for_update()
        )
        if account_id is not None
        else None
    )
    if account is None:
        raise fail("NOT_FOUND", _NOT_FOUND_MESSAGE, "account")
    if account.role not in STAFF_ROLES:
        raise fail("NOT_STAFF_ACCOUNT", _NOT_STAFF_MESSAGE, "account")
    return account


async def _other_active_admins(session: AsyncSession, tenant_id: int, account_id: int) -> int:
    # The other administrators' rows are locked too (PostgreSQL), so two administrators
    # demoting each other at once cannot leave the collectivity without one.
    others = await session.scalars(
        select(Account.id)
        .where(
            Account.tenant_id == tenant_id,
            Account.role == Role.ADMIN,
            Account.status == AccountStatus.ACTIVE,
            Account.id != account_id,
        )
        .with_for_update()
    )
    return len(list(others))


async def _refuse_if_last_admin(session: AsyncSession, account: Account, field: str) -> None:
    if (
        account.role is Role.ADMIN
        and account.status is AccountStatus.ACTIVE
        and await _other_active_admins(session, account.tenant_id, account.id) == 0
    ):
        raise fail("LAST_ADMIN", _LAST_ADMIN_MESSAGE, field)


async def _with_limits(session: AsyncSession, account: Account) -> StaffAccount:
    limits = await establishments_of(session, account.tenant_id, [account.id])
    return StaffAccount(account, limits.get(account.id, ()))


async def change_role(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    account_id: int | None,
    role: Role,
) -> StaffAccount:
    """staffRoleChange: the new role applies to the account's next request."""
    account = await _staff_account(session, tenant_id, account_id)
    if role not in STAFF_ROLES:
        raise fail(
            "INVALID_ROLE", "Le rôle doit être agent, administrateur ou statistiques.", "role"
        )
    if role is account.role:
        return await _with_limits(session, account)
    if role is not Role.ADMIN:
        await _refuse_if_last_admin(session, account, "role")
    before = snapshot(account, ("role",))
    account.role = role
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action="staff.role_changed",
        object_type="Account",
        object_id=account.id,
        before=before,
        after=snapshot(account, ("role",)),
    )
    await session.flush()
    return await _with_limits(session, account)


async def disable_staff(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    account_id: int | None,
    now: dt.datetime,
) -> StaffAccount:
    """staffDisable: the account can no longer log in, and its sessions end at once."""
    account = await _staff_account(session, tenant_id, account_id)
    if account.status is not AccountStatus.DISABLED:
        await _refuse_if_last_admin(session, account, "account")
        before = snapshot(account, ("status",))
        account.status = AccountStatus.DISABLED
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="staff.disabled",
            object_type="Account",
            object_id=account.id,
            before=before,
            after=snapshot(account, ("status",)),
        )
    await session.execute(
        update(Session)
        .where(Session.account_id == account.id, Session.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await session.flush()
    return await _with_limits(session, account)


async def enable_staff(
    session: AsyncSession, *, tenant_id: int, actor_account_id: int | None, account_id: int | None
) -> StaffAccount:
    """staffEnable: back to ACTIVE (or PENDING_ACTIVATION if it was never activated)."""
    account = await _staff_account(session, tenant_id, account_id)
    if account.status is AccountStatus.DISABLED:
        before = snapshot(account, ("status",))
        account.status = (
            AccountStatus.ACTIVE
            if account.activated_at is not None
            else AccountStatus.PENDING_ACTIVATION
        )
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="staff.enabled",
            object_type="Account",
            object_id=account.id,
            before=before,
            after=snapshot(account, ("status",)),
        )
        await session.flush()
    return await _with_limits(session, account)


async def set_establishments(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    account_id: int | None,
    establishment_ids: Sequence[int | None],
) -> StaffAccount:
    """staffEstablishmentsSet: the establishments the account is limited to (empty: all)."""
    account = await _staff_account(session, tenant_id, account_id)
    establishments = await _check_establishments(session, tenant_id, establishment_ids)
    current = await establishments_of(session, tenant_id, [account.id])
    before = list(current.get(account.id, ()))
    if before != establishments:
        await _replace_establishments(session, tenant_id, account.id, establishments)
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="staff.establishments_changed",
            object_type="Account",
            object_id=account.id,
            before={"establishments": before},
            after={"establishments": establishments},
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
