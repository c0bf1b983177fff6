"""Concurrency tests bounded by design: never more work in flight than connections.

A test that starts 200 transactions at once on an engine whose pool holds 15 connections
leaves 185 coroutines queued for a connection with SQLAlchemy's 30 s pool timeout, and
(SQLite) up to 15 writers polling for the one write lock with a 10 s ``busy_timeout``: on
a loaded machine either limit is eventually reached and the test fails by bad luck, while
testing nothing more than with fewer in flight. These helpers keep exactly ``pool size``
units of work in flight — every connection the engine keeps is busy and contending for the
same rows at every moment, so the races the tests are about still happen — and give
SQLite writers a wait bound far above the worst queue they can meet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry

T = TypeVar("T")

# How long a SQLite writer of a concurrency test may wait for the write lock. With at most
# ``pool size`` (5) transactions in flight, a writer waits for at most 4 others; each holds
# the lock for milliseconds, seconds on a machine saturated by other jobs — never a minute.
SQLITE_TEST_BUSY_TIMEOUT_MS = 60_000


def in_flight_limit(engine: AsyncEngine) -> int:
    """The connections the engine's pool keeps open: the most work that never waits for one.

    5 on SQLite and 10 on PostgreSQL with ``models.engine.create_engine``'s settings."""
    return int(engine.pool.size())  # type: ignore[attr-defined]


async def gather_bounded(limit: int, awaitables: Iterable[Awaitable[T]]) -> list[T]:
    """``asyncio.gather`` with at most ``limit`` awaitables running at once (results in order)."""
    semaphore = asyncio.Semaphore(limit)

    async def bounded(awaitable: Awaitable[T]) -> T:
        async with semaphore:
            return await awaitable

    return await asyncio.gather(*(bounded(a) for a in awaitables))


def patient_sqlite_writers(engine: AsyncEngine) -> None:
    """Raise ``busy_timeout`` on the engine's future SQLite connections (no-op elsewhere).

    Must be called before the engine opens its first connection; the app's own pragmas
    (``models.engine``) run first, this listener after them."""
    if engine.dialect.name != "sqlite":
        return

    def longer_busy_timeout(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_TEST_BUSY_TIMEOUT_MS}")
        cursor.close()

    event.listen(engine.sync_engine, "connect", longer_busy_timeout)
