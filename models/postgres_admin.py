"""PostgreSQL server administration used by tests and benchmarks (not by the app).

Both need to know whether a server answers and to start from a freshly created database.
"""

from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy.engine import make_url


def asyncpg_dsn(url: str, database: str | None = None) -> str:
    """A plain asyncpg DSN for a SQLAlchemy URL, optionally on another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def postgres_answers(url: str) -> bool:
    """Whether the server behind a PostgreSQL URL accepts a connection within 3 seconds."""
    try:
        connection = await asyncio.wait_for(asyncpg.connect(asyncpg_dsn(url, "postgres")), 3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


async def recreate_postgres_database(url: str) -> None:
    """Drop and create the database named in ``url``, so every run starts the same."""
    name = make_url(url).database
    connection = await asyncpg.connect(asyncpg_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
