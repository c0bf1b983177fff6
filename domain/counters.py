"""Per-tenant counters for human references: request numbers, invoice numbers.

Towns read these numbers on the phone and on paper, so they must be unique per tenant,
increasing and never reused. A counter row is incremented with ``UPDATE … RETURNING`` in
the caller's transaction: on PostgreSQL the row lock serializes concurrent writers until
commit; on SQLite the database lock does the same.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from models import Request, TenantCounter

REQUEST_REFERENCE = "request_reference"
FIRST_REQUEST_REFERENCE = 10_000_000


async def next_value(
    session: AsyncSession,
    tenant_id: int,
    name: str,
    start_after: Callable[[], Awaitable[int]],
) -> int:
    """The next value of counter ``name``; a new counter continues after ``start_after()``.

    ``start_after`` lets a counter take over numbering from existing rows (imported data,
    the demo town) without ever reusing one of their numbers.
    """
    increment = (
        update(TenantCounter)
        .where(TenantCounter.tenant_id == tenant_id, TenantCounter.name == name)
        .values(value=TenantCounter.value + 1)
        .returning(TenantCounter.value)
    )
    value = (await session.execute(increment)).scalar_one_or_none()
    if value is not None:
        return int(value)
    start = await start_after()
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert_fn(TenantCounter)
        .values(tenant_id=tenant_id, name=name, value=start)
        .on_conflict_do_nothing()
    )
    return int((await session.execute(increment)).scalar_one())


async def next_request_reference(session: AsyncSession, tenant_id: int) -> int:
    """The reference of a new request (« 17 378 981 »), above every existing one."""

    async def highest() -> int:
        current = await session.scalar(
            select(func.max(Request.reference)).where(Request.tenant_id == tenant_id)
        )
        return max(int(current or 0), FIRST_REQUEST_REFERENCE - 1)

    return await next_value(session, tenant_id, REQUEST_REFERENCE, highest)


def format_reference(reference: int) -> str:
    """A request reference as the guide prints it: groups of three digits (« 17 378 981 »)."""
    return f"{reference:,}".replace(",", " ")
