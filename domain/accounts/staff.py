"""Staff accounts: the collectivity's agents, administrators and reporting users.

Rules kept here:
- accounts are invited by e-mail (``domain.accounts.staff_invitations``);
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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change, snapshot
from kernel.results import fail
from models import Account, Establishment, Session, StaffEstablishment
from models.account import AccountStatus, Role

STAFF_ROLES: Final = (Role.STAFF, Role.ADMIN, Role.REPORTING)
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
