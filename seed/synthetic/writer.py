"""The bulk writer: next free ids, the shared password hash, batched inserts, sequences.

``progress``, when the caller sets it (``creneau generate`` on a terminal or with
``--progress``), hears one line per table written and one per batch of the big tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import cache
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import models
from domain.passwords import hash_password
from seed.synthetic.constants import BATCH_SIZE, SYNTHETIC_PASSWORD

# Who hears the writer's progress lines (nobody by default).
progress: ContextVar[Callable[[str], None] | None] = ContextVar(
    "creneau_generate_progress", default=None
)


def _tables_with_ids() -> list[Table]:
    return [t for t in models.Base.metadata.sorted_tables if "id" in t.c and t.c.id.primary_key]


async def _first_ids(conn: AsyncConnection) -> dict[str, int]:
    """The next free id of every table (this generator is the only writer of its tenant)."""
    first: dict[str, int] = {}
    for table in _tables_with_ids():
        highest = (await conn.execute(select(func.max(table.c.id)))).scalar()
        first[table.name] = int(highest or 0) + 1
    return first


@cache
def _password_hash() -> str:
    """One Argon2 hash shared by every synthetic account (hashing is deliberately slow)."""
    return hash_password(SYNTHETIC_PASSWORD)


async def _insert(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    report = progress.get()
    if report is not None:
        report(f"writing {table.name}: {len(rows)} rows")
    for start in range(0, len(rows), BATCH_SIZE):
        await conn.execute(insert(table), rows[start : start + BATCH_SIZE])
        done = min(start + BATCH_SIZE, len(rows))
        if report is not None and len(rows) > BATCH_SIZE:
            report(f"  {table.name}: {done}/{len(rows)} rows")


async def _sync_sequences(conn: AsyncConnection, tables: Iterable[Table]) -> None:
    """PostgreSQL: move each id sequence past the ids we chose ourselves."""
    for table in tables:
        await conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'(SELECT max(id) FROM "{table.name}"))'
            )
        )


async def _delete_tenant(engine: AsyncEngine, tenant_id: int, slug: str) -> None:
    """Remove a half-written town; its rows cascade from the tenant."""
    tenant = models.Tenant
    async with engine.begin() as conn:
        await conn.execute(delete(tenant).where(tenant.id == tenant_id, tenant.slug == slug))
