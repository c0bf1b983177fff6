"""Invoice numbers: ``YYYY-MM-NNNN`` — the month, then a sequence per tenant and year.

The sequence is a tenant counter (``invoice_number:YYYY``) so numbers are unique, increasing
and never reused; a billing run reserves all its numbers with one ``UPDATE … RETURNING``
(the row lock serializes concurrent runs on PostgreSQL). A new year's counter continues
after the highest number already stored for that year (imported or demo invoices).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, cast, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from models import Invoice, TenantCounter

_PREFIX_LENGTH = len("2026-01-")


def counter_name(year: int) -> str:
    """The tenant counter of a year's invoice sequence."""
    return f"invoice_number:{year}"


def format_number(month: dt.date, sequence: int) -> str:
    """« 2026-01-0042 »."""
    return f"{month.year:04d}-{month.month:02d}-{sequence:04d}"


async def _highest_sequence(session: AsyncSession, tenant_id: int, year: int) -> int:
    sequence = cast(func.substr(Invoice.number, _PREFIX_LENGTH + 1), Integer)
    current = await session.scalar(
        select(func.max(sequence)).where(
            Invoice.tenant_id == tenant_id, Invoice.number.like(f"{year:04d}-%")
        )
    )
    return int(current or 0)


async def reserve_sequences(session: AsyncSession, tenant_id: int, year: int, count: int) -> int:
    """Reserve ``count`` consecutive sequence numbers of ``year``; returns the first one."""
    if count <= 0:
        raise ValueError("count must be positive")
    name = counter_name(year)
    increment = (
        update(TenantCounter)
        .where(TenantCounter.tenant_id == tenant_id, TenantCounter.name == name)
        .values(value=TenantCounter.value + count)
        .returning(TenantCounter.value)
    )
    value = (await session.execute(increment)).scalar_one_or_none()
    if value is None:
        start = await _highest_sequence(session, tenant_id, year)
        dialect = session.get_bind().dialect.name
        insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
        await session.execute(
            insert_fn(TenantCounter)
            .values(tenant_id=tenant_id, name=name, value=start)
            .on_conflict_do_nothing()
        )
        value = (await session.execute(increment)).scalar_one()
    return int(value) - count + 1
