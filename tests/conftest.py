"""Shared fixtures: a real, migrated database per test (SQLite file, or PostgreSQL when
``CRENEAU_TEST_DATABASE_URL`` is set), an engine and a session on it.

The suite runs in parallel with pytest-xdist (``make test``: ``-n 2``). Every worker has its
own databases (see ``tests/support/databases.py``); nothing here is shared between workers.
Password hashing uses cheap Argon2 parameters (``CRENEAU_PASSWORD_HASH_COST=test``, set
below before the app is imported) — the production parameters cost ~0.12 s per hash or
verification, the test ones well under a millisecond, and the code paths are the same."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

# Before anything imports domain.passwords (which reads it once); inherited by the e2e
# servers started as subprocesses, so their logins are cheap too.
os.environ.setdefault("CRENEAU_PASSWORD_HASH_COST", "test")

import httpx
import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.applications import Starlette

from kernel.settings import Settings
from models.engine import create_engine, create_session_factory
from models.postgres_admin import recreate_postgres_database
from server.app import create_app
from server.migrate import upgrade
from tests.support.databases import (
    copy_sqlite_template,
    drop_postgres_database,
    migrate_sqlite_template,
    postgres_reset_statement,
    reset_postgres,
    worker_database_url,
)
from tests.support.graphql_client import StatementCounter

# Property tests: 100 examples each in everyday runs (the planning properties took 4 × 17 s
# at 300 examples on a busy machine, nearly all of it spent generating data), 1,000 with
# CRENEAU_HYPOTHESIS_PROFILE=thorough before touching the code they cover.
hypothesis_settings.register_profile("everyday", max_examples=100)
hypothesis_settings.register_profile("thorough", max_examples=1_000)
hypothesis_settings.load_profile(os.environ.get("CRENEAU_HYPOTHESIS_PROFILE", "everyday"))

# "gw0", "gw1", … under pytest-xdist; empty in a plain run.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
POSTGRES_URL = os.environ.get("CRENEAU_TEST_DATABASE_URL")


# End-to-end modules with a server of their own (not the session's ``live_server``).
OWN_SERVER_E2E_MODULES = frozenset(
    {
        "tests/e2e/test_schemathesis_graphql.py",
        "tests/e2e/test_client_typescript.py",
        "tests/e2e/test_town_from_nothing.py",
        "tests/e2e/test_browser_web_app.py",
    }
)


def _xdist_scope(nodeid: str) -> str:
    """The unit of work a test belongs to: one worker runs a whole unit, in order.

    The end-to-end tests share one session-scoped ``live_server`` (a migrated, demo-loaded
    uvicorn process): split over two workers, each would start its own. The cluster tests'
    module-scoped servers share one PostgreSQL database and Redis: one worker at a time.
    The end-to-end modules that start their own server (a fresh database each) are a unit
    each, so they run beside the shared server's tests. Every other test is independent and
    is its own unit, for the best balance."""
    module = nodeid.split("::", 1)[0]
    if module in OWN_SERVER_E2E_MODULES:
        return module
    if nodeid.startswith("tests/e2e/"):
        return "e2e-cluster" if "/test_subscriptions_cluster.py::" in nodeid else "e2e"
    return nodeid


@pytest.hookimpl(optionalhook=True)  # an xdist hook: unknown to pytest without the plugin
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Schedule by ``_xdist_scope`` under ``pytest -n N``.

    Why not ``--dist loadgroup`` with ``xdist_group`` marks: pytest-xdist 3.8 tags the node
    ids of grouped tests through ``item._nodeid``, which pytest 9.2 no longer reads (node ids
    are ``item._id`` now), so the groups are silently ignored; a scheduler keyed on the node
    id does not depend on that."""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):  # type: ignore[misc]  # xdist ships no types
        def _split_scope(self, nodeid: str) -> str:
            return _xdist_scope(nodeid)

    return Scheduling(config, log)


def pytest_report_header() -> str:
    """Say which database the run uses, so a PostgreSQL run is visible in CI logs."""
    return f"creneau test database: {'PostgreSQL ' + POSTGRES_URL if POSTGRES_URL else 'SQLite'}"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The migrated database this worker's tests start from (migrated once per worker).

    SQLite: a template file (in the worker's own temporary directory), copied per test.
    PostgreSQL: the URL of this worker's own database, dropped at the end of the session.
    Tests that need many databases (one per hypothesis example) use it directly."""
    if POSTGRES_URL:
        url = worker_database_url(POSTGRES_URL, XDIST_WORKER)
        asyncio.run(recreate_postgres_database(url))
        upgrade(url)
        yield url
        asyncio.run(drop_postgres_database(url))
    else:
        yield migrate_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_reset(migrated_template: Path | str) -> str:
    """The SQL that empties this worker's PostgreSQL database (empty on SQLite)."""
    if isinstance(migrated_template, str):
        return asyncio.run(postgres_reset_statement(migrated_template))
    return ""


@pytest.fixture
async def database_url(
    migrated_template: Path | str, postgres_reset: str, tmp_path: Path
) -> AsyncIterator[str]:
    """URL of an empty, fully migrated database reserved for this test.

    PostgreSQL: emptied before the test rather than after, so that rows left by a test
    that wrote to ``migrated_template`` directly, or by one interrupted, are gone too."""
    if isinstance(migrated_template, str):
        await reset_postgres(migrated_template, postgres_reset)
        yield migrated_template
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
def app(database_url: str, tmp_path: Path) -> Starlette:
    """A fresh app instance. Its runtime files (uploaded documents…) go to the test's own
    directory, not to the repository's ``var/`` shared by every worker and by ``make run``."""
    return create_app(
        Settings(environment="test", database_url=database_url, var_dir=tmp_path / "var")
    )


@pytest.fixture
async def app_http(app: Starlette) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncEngine]]:
    """An httpx client on the test's app instance, and that app's engine."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http, app.state.engine
    await app.state.engine.dispose()


@pytest.fixture
def statements(app: Starlette, app_http: tuple[httpx.AsyncClient, AsyncEngine]) -> StatementCounter:
    """Counts the SQL statements the app executes, each request run in full: the response
    cache (server/response_cache.py) is off, or a repeated read would count none."""
    app.state.graphql.response_cache = None
    return StatementCounter(app_http[1])
