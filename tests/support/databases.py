"""Test databases: a fresh, migrated database per test, on SQLite or PostgreSQL.

SQLite: the schema is migrated once per run into a template file, copied for each test.
PostgreSQL (``CRENEAU_TEST_DATABASE_URL``): the database is created and migrated once per
run, and every table is truncated after each test.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url

import models
from models.engine import create_engine
from server.migrate import upgrade


def _asyncpg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def postgres_answers(url: str) -> bool:
    """Whether the server behind a PostgreSQL URL accepts a connection right now."""
    try:
        connection = await asyncio.wait_for(
            asyncpg.connect(_asyncpg_dsn(url, "postgres")), timeout=3
        )
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await connection.close()
    return True


async def recreate_postgres_database(url: str) -> None:
    """Drop and create the test database named in ``url`` (a clean run every time)."""
    name = make_url(url).database
    connection = await asyncpg.connect(_asyncpg_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def migrate_sqlite_template(directory: Path) -> Path:
    """Migrate an empty SQLite file once; tests get copies of it."""
    template = directory / "template.sqlite3"
    upgrade(f"sqlite+aiosqlite:///{template}")
    return template


def copy_sqlite_template(template: Path, target: Path) -> str:
    """A fresh migrated SQLite database for one test; returns its URL."""
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


async def truncate_all(url: str) -> None:
    """Empty every table of a PostgreSQL test database and restart its sequences."""
    names = ", ".join(f'"{t.name}"' for t in models.Base.metadata.sorted_tables)
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            # A connection leaked by a test would block TRUNCATE forever: fail loudly instead.
            await connection.execute(text("SET lock_timeout = '15s'"))
            await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()
