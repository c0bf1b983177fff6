"""The version of the data a session sees: equal versions, equal data.

The response cache (``server/response_cache.py``) keys a read's response on it, so a
cached response is served only while nothing it could have read has changed. It must
therefore change with every committed write, from any process, of any kind (ORM flush,
Core statement, migration, command line) — no list of "watched" tables to keep up to date.

- PostgreSQL: the session's transaction snapshot (``pg_current_snapshot()``: the oldest
  running transaction, the next transaction id and the ones in progress). Only writing
  transactions are given an id, so reads leave it alone, and two equal snapshots see exactly
  the same committed transactions, whichever process committed them. The snapshot is the
  server's: other databases' writing transactions move it too (a miss, never a stale answer).
- SQLite: ``PRAGMA data_version`` changes when *another* connection commits; a connection's
  own commits are counted in its pool record (``note_writes``), and the two are qualified
  by the connection's identity, since each connection has its own ``data_version``.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import Text, cast, event, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

# PostgreSQL's version as a column, so that a request's first statement (the token check)
# reads it too instead of a round trip of its own (domain.accounts.sessions).
POSTGRES_SNAPSHOT = cast(func.pg_current_snapshot(), Text).label("data_version")
_POSTGRES_SNAPSHOT = select(POSTGRES_SNAPSHOT)
_SQLITE_DATA_VERSION = text("PRAGMA data_version")

# Pool-record keys (``Connection.info`` lives as long as the DBAPI connection).
_IDENTITY = "creneau_data_identity"
_WROTE = "creneau_data_wrote"
_OWN_COMMITS = "creneau_data_own_commits"
_identities = itertools.count(1)
_READ_ONLY = ("SELECT", "PRAGMA")


async def data_version(session: AsyncSession) -> str:
    """An opaque text equal for two reads only if the database held the same data for
    both (see the module docstring); one cheap statement on the session's connection."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        return str((await connection.execute(_POSTGRES_SNAPSHOT)).scalar_one())
    version = (await connection.execute(_SQLITE_DATA_VERSION)).scalar_one()
    info = connection.info
    if _IDENTITY not in info:
        info[_IDENTITY] = next(_identities)
    return f"{info[_IDENTITY]}:{version}:{info.get(_OWN_COMMITS, 0)}"


def note_writes(engine: AsyncEngine) -> None:
    """Count each SQLite connection's own committed writes (its ``data_version`` does not
    see them). Conservative: any statement other than a SELECT or a PRAGMA counts as a
    write, and the count moves at the commit, while no other request uses the connection."""

    def flag(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip()[:6].upper().startswith(_READ_ONLY):
            conn.info[_WROTE] = True

    def count(conn: Connection) -> None:
        if not conn.invalidated and conn.info.pop(_WROTE, False):
            conn.info[_OWN_COMMITS] = conn.info.get(_OWN_COMMITS, 0) + 1

    def forget(conn: Connection) -> None:
        # An invalidated connection (its DBAPI connection lost) takes its record with it.
        if not conn.invalidated:
            conn.info.pop(_WROTE, None)

    event.listen(engine.sync_engine, "before_cursor_execute", flag)
    event.listen(engine.sync_engine, "commit", count)
    event.listen(engine.sync_engine, "rollback", forget)
