"""The Alembic history builds the whole model from empty, and matches the models exactly."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

import models
from models.engine import create_engine
from server.migrate import alembic_config, downgrade, upgrade


def _differences(url: str) -> list[object]:
    async def run() -> list[object]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:

                def compare(sync: Connection) -> list[object]:
                    context = MigrationContext.configure(sync, opts={"compare_type": True})
                    return list(compare_metadata(context, models.Base.metadata))

                return await connection.run_sync(compare)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_migrations_from_empty_match_the_models(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}"
    upgrade(url)
    assert set(models.Base.metadata.tables) <= _tables(url)
    assert _differences(url) == []
    upgrade(url)  # idempotent


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'roundtrip.sqlite3'}"
    upgrade(url)
    downgrade(url, "base")
    assert _tables(url) <= {"alembic_version"}
    upgrade(url)
    assert set(models.Base.metadata.tables) <= _tables(url)


def test_the_test_database_is_at_head_and_matches_the_models(database_url: str) -> None:
    # database_url is SQLite or, in the PostgreSQL run, PostgreSQL: both must match.
    assert _differences(database_url) == []
    command.check(alembic_config(database_url))
