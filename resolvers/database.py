"""The request's database access, serialized.

GraphQL resolves sibling fields concurrently (two root fields, the loaders of several
branches), but a connection runs one statement at a time: asyncpg refuses a second one
("another operation is in progress") and the session is left broken. Every read of a
request goes through this object, which runs them one after the other on one session —
a consistent view of the data, and a single connection per request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Executable, Row
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

T = TypeVar("T")


class RequestDatabase:
    """Lazily opens one session per request and runs its statements one at a time."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], gate: asyncio.Semaphore | None = None
    ) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None
        self._lock = asyncio.Lock()
        self._gate = gate  # models.engine.read_gate: taken before the first read
        self._passed = False
        # The data version read with the request's first statement, the token check
        # (PostgreSQL; server/response_cache.py), None when not read that way.
        self.data_version: str | None = None

    async def _open(self) -> AsyncSession:
        """The request's session, opened once the gate (if any) lets the request through."""
        if self._session is None:
            if self._gate is not None and not self._passed:
                await self._gate.acquire()
                self._passed = True
            self._session = self._sessions()
        return self._session

    async def run(self, operation: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """``operation`` on the request's session, in turn with the other reads (the token
        check runs here: one connection and one transaction per request, not two)."""
        async with self._lock:
            return await operation(await self._open())

    async def scalars(self, statement: Executable) -> list[Any]:
        """All first-column values (ORM entities for ``select(Model)``)."""
        async with self._lock:
            return list((await (await self._open()).scalars(statement)).all())

    async def rows(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> Sequence[Row[Any]]:
        """All rows of a Core or ORM statement (``parameters``: values of its bind
        parameters, for a statement built once per process)."""
        async with self._lock:
            return (await (await self._open()).execute(statement, parameters)).all()

    async def scalar(self, statement: Executable) -> Any:
        """The single value of a statement (counts, existence checks)."""
        async with self._lock:
            return (await (await self._open()).execute(statement)).scalar_one()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction on its own session: committed if the block succeeds, rolled
        back if it raises (a DomainFailure included), so bad input changes nothing."""
        async with self._lock, self._sessions() as session, session.begin():
            yield session

    async def close(self) -> None:
        """Return the connection to the pool (rolling back anything left open)."""
        async with self._lock:
            try:
                if self._session is not None:
                    await self._session.close()
                    self._session = None
            finally:
                if self._passed and self._gate is not None:
                    self._passed = False
                    self._gate.release()
