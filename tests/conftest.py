"""Shared fixtures: a real, migrated database per test (SQLite file, or PostgreSQL when
``CRENEAU_TEST_DATABASE_URL`` is set), an engine and a session on it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from kernel.settings import Settings
from models.engine import create_engine, create_session_factory
from models.postgres_admin import recreate_postgres_database
from server.app import create_app
from server.migrate import upgrade
from tests.support.databases import copy_sqlite_template, migrate_sqlite_template, truncate_all
from tests.support.graphql_client import StatementCounter

POSTGRES_URL = os.environ.get("CRENEAU_TEST_DATABASE_URL")


def pytest_report_header() -> str:
    """Say which database the run uses, so a PostgreSQL run is visible in CI logs."""
    return f"creneau test database: {'PostgreSQL ' + POSTGRES_URL if POSTGRES_URL else 'SQLite'}"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The migrated database all tests start from (migrated once per run)."""
    if POSTGRES_URL:
        asyncio.run(recreate_postgres_database(POSTGRES_URL))
        upgrade(POSTGRES_URL)
        yield POSTGRES_URL
    else:
        yield migrate_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
async def database_url(migrated_template: Path | str, tmp_path: Path) -> AsyncIterator[str]:
    """URL of an empty, fully migrated database reserved for this test."""
    if isinstance(migrated_template, str):
        yield migrated_template
        await truncate_all(migrated_template)
    else:
        yield copy_sqlite_template(migrated_template, tmp_path / "test.sqlite3")


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the test database, disposed after the test."""
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session for arranging data and checking results directly."""
    async with create_session_factory(engine)() as session:
        yield session


@pytest.fixture
async def app_http(database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncEngine]]:
    """An httpx client on a fresh app instance, and that app's engine."""
    app = create_app(Settings(environment="test", database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http, app.state.engine
    await app.state.engine.dispose()


@pytest.fixture
def statements(app_http: tuple[httpx.AsyncClient, AsyncEngine]) -> StatementCounter:
    """Counts the SQL statements the app executes."""
    return StatementCounter(app_http[1])
