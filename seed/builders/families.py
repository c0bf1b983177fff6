"""Families, guardians, children with their file, quotients, bank accounts, accounts.

``*_row`` functions build a row without writing it (the demo town writes a family's
people in one flush); ``add_*`` add one row and flush.
"""

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


def family_row(tenant_id: int, **values: Any) -> Family:
    """A family file of a tenant, unflushed."""
    return Family(tenant_id=tenant_id, **values)


async def add_family(session: AsyncSession, tenant: Tenant, **values: Any) -> Family:
    """A family file of ``tenant``."""
    return await add(session, family_row(tenant.id, **values))


def guardian_row(family: Family, **values: Any) -> Guardian:
    """A guardian of ``family``, unflushed."""
    return Guardian(tenant_id=family.tenant_id, family_id=family.id, **values)


async def add_guardian(session: AsyncSession, family: Family, **values: Any) -> Guardian:
    """A guardian (``rank`` 1 or 2) of ``family``."""
    return await add(session, guardian_row(family, **values))


def child_row(family: Family, **values: Any) -> Child:
    """A child of ``family``, unflushed; its file follows with ``child_file_rows``."""
    return Child(tenant_id=family.tenant_id, family_id=family.id, **values)


def child_file_rows(
    child: Child,
    authorizations: dict[str, Any] | None = None,
    health: dict[str, Any] | None = None,
) -> tuple[ChildAuthorizations, HealthRecord]:
    """The authorizations and health record of a flushed ``child``: the family file reads
    and edits both as one-to-one parts of the child, so a child never lacks them."""
    return (
        ChildAuthorizations(child_id=child.id, tenant_id=child.tenant_id, **(authorizations or {})),
        HealthRecord(child_id=child.id, tenant_id=child.tenant_id, **(health or {})),
    )


async def add_child(
    session: AsyncSession,
    family: Family,
    *,
    authorizations: dict[str, Any] | None = None,
    health: dict[str, Any] | None = None,
    **values: Any,
) -> Child:
    """A child of ``family`` with its file (``child_file_rows``)."""
    child = await add(session, child_row(family, **values))
    session.add_all(child_file_rows(child, authorizations, health))
    await session.flush()
    return child


def quotient_row(family: Family, **values: Any) -> FamilyQuotient:
    """A family quotient of ``family``, unflushed."""
    return FamilyQuotient(tenant_id=family.tenant_id, family_id=family.id, **values)


async def add_quotient(session: AsyncSession, family: Family, **values: Any) -> FamilyQuotient:
    """A family quotient (``value``, ``source``, validity) of ``family``."""
    return await add(session, quotient_row(family, **values))


def bank_account_row(family: Family, **values: Any) -> BankAccount:
    """A bank account of ``family``, unflushed."""
    return BankAccount(tenant_id=family.tenant_id, family_id=family.id, **values)


async def add_bank_account(session: AsyncSession, family: Family, **values: Any) -> BankAccount:
    """A bank account (IBAN, BIC, SEPA mandate) of ``family``."""
    return await add(session, bank_account_row(family, **values))


def account_row(tenant_id: int, **values: Any) -> Account:
    """A login of a tenant, unflushed."""
    return Account(tenant_id=tenant_id, **values)


async def add_account(session: AsyncSession, tenant: Tenant, **values: Any) -> Account:
    """A login of ``tenant`` (``email``, ``password_hash``, ``role``, ``status``…)."""
    return await add(session, account_row(tenant.id, **values))
