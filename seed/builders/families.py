"""Families, guardians, children with their file, quotients, bank accounts, accounts."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Account,
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    FamilyQuotient,
    Guardian,
    HealthRecord,
    Tenant,
)
from seed.builders.rows import add


async def add_family(session: AsyncSession, tenant: Tenant, **values: Any) -> Family:
    """A family file of ``tenant``."""
    return await add(session, Family(tenant_id=tenant.id, **values))


async def add_guardian(session: AsyncSession, family: Family, **values: Any) -> Guardian:
    """A guardian (``rank`` 1 or 2) of ``family``."""
    return await add(session, Guardian(tenant_id=family.tenant_id, family_id=family.id, **values))


async def add_child(
    session: AsyncSession,
    family: Family,
    *,
    authorizations: dict[str, Any] | None = None,
    health: dict[str, Any] | None = None,
    **values: Any,
) -> Child:
    """A child of ``family`` with its authorizations and health record: the family file
    reads and edits both as one-to-one parts of the child, so a child never lacks them."""
    child = await add(session, Child(tenant_id=family.tenant_id, family_id=family.id, **values))
    session.add(
        ChildAuthorizations(child_id=child.id, tenant_id=child.tenant_id, **(authorizations or {}))
    )
    session.add(HealthRecord(child_id=child.id, tenant_id=child.tenant_id, **(health or {})))
    await session.flush()
    return child


async def add_quotient(session: AsyncSession, family: Family, **values: Any) -> FamilyQuotient:
    """A family quotient (``value``, ``source``, validity) of ``family``."""
    return await add(
        session, FamilyQuotient(tenant_id=family.tenant_id, family_id=family.id, **values)
    )


async def add_bank_account(session: AsyncSession, family: Family, **values: Any) -> BankAccount:
    """A bank account (IBAN, BIC, SEPA mandate) of ``family``."""
    return await add(
        session, BankAccount(tenant_id=family.tenant_id, family_id=family.id, **values)
    )


async def add_account(session: AsyncSession, tenant: Tenant, **values: Any) -> Account:
    """A login of ``tenant`` (``email``, ``password_hash``, ``role``, ``status``…)."""
    return await add(session, Account(tenant_id=tenant.id, **values))
