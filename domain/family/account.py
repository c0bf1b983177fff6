"""The parent account a file is submitted or linked for: locked for the action, and the
status of the family it already acts for, if any (one file per account)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, Family, Guardian
from models.family import FamilyStatus


async def _locked_account(session: AsyncSession, tenant_id: int, account_id: int) -> Account:
    # FOR UPDATE serializes two submissions (or links) of the same account on PostgreSQL;
    # SQLite serializes writers anyway.
    account = await session.scalar(
        select(Account)
        .where(Account.id == account_id, Account.tenant_id == tenant_id)
        .with_for_update()
    )
    if account is None:
        # The caller authenticated this account a moment ago: not the parent's mistake.
        raise LookupError(f"account {account_id} not found in tenant {tenant_id}")
    return account


async def current_family_status(session: AsyncSession, account: Account) -> FamilyStatus | None:
    """Status of the family the account acts for (None: not linked to any family)."""
    if account.guardian_id is None:
        return None
    status: FamilyStatus | None = await session.scalar(
        select(Family.status)
        .join(Guardian, Guardian.family_id == Family.id)
        .where(Guardian.id == account.guardian_id)
    )
    return status
