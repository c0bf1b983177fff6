"""Test databases: a fresh, migrated database per test, on SQLite or PostgreSQL.

SQLite: the schema is migrated once per run into a template file, copied for each test.
PostgreSQL (``CRENEAU_TEST_DATABASE_URL``): the database is created and migrated once per
run, and every table is truncated after each test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

import models
from models.engine import create_engine
from server.migrate import upgrade


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
