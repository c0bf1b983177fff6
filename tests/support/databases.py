"""Test databases: a fresh, migrated database per test, on SQLite or PostgreSQL.

SQLite: the schema is migrated once per run (per xdist worker) into a template file, copied
for each test.
PostgreSQL (``CRENEAU_TEST_DATABASE_URL``): each xdist worker gets its own database (the
URL's name with the worker id appended, e.g. ``creneau_test_gw0``), created and migrated once;
before each test every table is emptied with ``DELETE`` and the sequences restarted.

Why ``DELETE`` rather than ``TRUNCATE`` or a database cloned from a template per test:
measured on PostgreSQL 15 with the 41 tables of the schema, ``TRUNCATE … RESTART IDENTITY``
takes about 200 ms (it creates new files for every table and index), ``CREATE DATABASE …
TEMPLATE`` about 200 ms too (plus a ``DROP``), while deleting the few rows a test wrote
takes 1-10 ms.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from models.postgres_admin import asyncpg_dsn
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


def worker_database_url(url: str, worker: str) -> str:
    """The database of one xdist worker: ``creneau_test`` becomes ``creneau_test_gw0``.

    Without xdist (``worker`` empty) the URL is used as given."""
    if not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    """Drop the database of ``url`` (end of a worker's session), even if still connected."""
    connection = await asyncpg.connect(asyncpg_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    finally:
        await connection.close()


async def postgres_reset_statement(url: str) -> str:
    """The SQL that empties every table of a migrated database and restarts its sequences.

    Built once per worker from the catalogue, so tables and sequences created by migrations
    (not only the models) are included; ``alembic_version`` is kept."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version' ORDER BY tablename"
        )
        sequences = await connection.fetch(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' "
            "ORDER BY sequencename"
        )
    finally:
        await connection.close()
    # A connection leaked by a test would block the deletes forever: fail loudly instead.
    # session_replication_role = replica disables the foreign-key triggers for this
    # transaction, so the tables can be emptied in any order (cycles included).
    statements = [
        "SET LOCAL lock_timeout = '15s'",
        "SET LOCAL session_replication_role = replica",
        *(f'DELETE FROM "{row["tablename"]}"' for row in tables),
        *(f'ALTER SEQUENCE "{row["sequencename"]}" RESTART' for row in sequences),
    ]
    return "BEGIN; " + "; ".join(statements) + "; COMMIT"


async def reset_postgres(url: str, statement: str) -> None:
    """Empty a PostgreSQL test database for a test (see ``postgres_reset_statement``)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()
