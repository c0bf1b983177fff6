"""PostgreSQL (or SQLite) unreachable: a 503 JSON error and one log line per request, no
traceback, whether the tenant lookup, the bearer token check or a resolver meets the outage
(then a SERVICE_UNAVAILABLE error, 503 when no data came back); any other exception stays
an INTERNAL_SERVER_ERROR logged with its traceback."""

from __future__ import annotations

import logging
import socket
import sqlite3
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SqlAlchemyTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.outages import is_database_outage
from kernel.settings import Settings
from models import Tenant
from models.engine import create_engine
from resolvers.database import RequestDatabase
from server.app import create_app
from tests import factories

CLOSED_PORT_URL = "postgresql+asyncpg://postgres@127.0.0.1:1/x"
UNAVAILABLE = {
    "errors": [
        {
            "message": "Service momentanément indisponible.",
            "extensions": {"code": "SERVICE_UNAVAILABLE"},
        }
    ]
}


def assert_unavailable(response: httpx.Response, caplog: pytest.LogCaptureFixture) -> None:
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == UNAVAILABLE
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert logged[0].exc_info is None
    assert "\n" not in logged[0].getMessage()


async def test_the_tenant_lookup_meets_the_outage(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(
        Settings(environment="test", database_url=CLOSED_PORT_URL, var_dir=tmp_path / "var")
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        caplog.clear()
        response = await http.post("/ville/graphql", json={"query": "{ __typename }"})
        assert_unavailable(response, caplog)
    await app.state.engine.dispose()


async def test_the_token_check_meets_the_outage(
    database_url: str, tmp_path: Path, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(
        Settings(environment="test", database_url=database_url, var_dir=tmp_path / "var")
    )
    broken = create_engine(CLOSED_PORT_URL)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        url = f"/{tenant.slug}/graphql"
        # The tenant is cached; then the database goes away.
        assert (await http.post(url, json={"query": "{ __typename }"})).status_code == 200
        app.state.sessions.configure(bind=broken)
        caplog.clear()
        response = await http.post(
            url, json={"query": "{ __typename }"}, headers={"authorization": "Bearer abc"}
        )
        assert_unavailable(response, caplog)
    await broken.dispose()
    await app.state.engine.dispose()


# --- An outage during execution (a resolver's query): 503 SERVICE_UNAVAILABLE, one warning.

ESTABLISHMENTS = {"query": "{ establishments { edges { node { id } } } }"}
OUTAGE_MESSAGE = "Le service est momentanément indisponible, réessayez dans un instant."


def assert_outage_in_execution(response: httpx.Response, caplog: pytest.LogCaptureFixture) -> None:
    assert response.status_code == 503
    body = response.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert error["message"] == OUTAGE_MESSAGE
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert error["path"] == ["establishments"]
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 1, [r.getMessage() for r in logged]
    assert logged[0].levelno == logging.WARNING
    assert logged[0].exc_info is None
    assert "database unavailable" in logged[0].getMessage()
    assert "\n" not in logged[0].getMessage()
    # The request's log line (INFO) tells the outcome too.
    assert "Traceback" not in caplog.text


def failing_reads(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Every read of a resolver (not the token check) raises ``error``."""

    async def fail(self: RequestDatabase, statement: object) -> object:
        raise error

    for method in ("scalars", "rows", "scalar"):
        monkeypatch.setattr(RequestDatabase, method, fail)


@pytest.mark.parametrize(
    "broken_url",
    [CLOSED_PORT_URL, "sqlite+aiosqlite:////nonexistent-creneau-dir/gone.sqlite3"],
    ids=["postgresql-refused", "sqlite-unopenable"],
)
async def test_a_resolver_meets_the_outage(
    broken_url: str,
    database_url: str,
    tmp_path: Path,
    tenant: Tenant,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app(
        Settings(environment="test", database_url=database_url, var_dir=tmp_path / "var")
    )
    broken = create_engine(broken_url)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        url = f"/{tenant.slug}/graphql"
        assert (await http.post(url, json=ESTABLISHMENTS)).status_code == 200
        # The tenant is cached (anonymous: no token to check); the database goes away.
        app.state.sessions.configure(bind=broken)
        caplog.clear()
        assert_outage_in_execution(await http.post(url, json=ESTABLISHMENTS), caplog)
    await broken.dispose()
    await app.state.engine.dispose()


def lost_connection() -> DBAPIError:
    """What SQLAlchemy raises when the connection dies under a statement."""
    return DBAPIError(
        "SELECT establishment.id …",
        {},
        ConnectionResetError("connection is closed"),
        connection_invalidated=True,
    )


async def test_the_connection_is_lost_after_the_token_check(
    app_http: tuple[httpx.AsyncClient, object],
    tenant: Tenant,
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, token = await factories.make_staff_account_with_token(session, tenant)
    await session.commit()
    http = app_http[0]
    failing_reads(monkeypatch, lost_connection())
    caplog.clear()
    response = await http.post(
        f"/{tenant.slug}/graphql",
        json=ESTABLISHMENTS,
        headers={"authorization": f"Bearer {token}", "accept": "application/json"},
    )
    assert_outage_in_execution(response, caplog)


async def test_data_that_came_back_keeps_its_200(
    app_http: tuple[httpx.AsyncClient, object],
    tenant: Tenant,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing_reads(monkeypatch, lost_connection())
    establishment = "RXN0YWJsaXNobWVudDox"  # Establishment:1 (nullable root field)
    query = f'{{ collectivity {{ slug }} node(id: "{establishment}") {{ id }} }}'
    response = await app_http[0].post(f"/{tenant.slug}/graphql", json={"query": query})
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"collectivity": {"slug": tenant.slug}, "node": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == ["SERVICE_UNAVAILABLE"]


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("a bug"),
        OperationalError("SELECT x FROM nowhere", {}, sqlite3.OperationalError("no such table")),
        FileNotFoundError(2, "No such file or directory", "var/documents/x.pdf"),
    ],
    ids=["bug", "no-such-table", "missing-document-file"],
)
async def test_other_errors_stay_internal_with_their_traceback(
    error: BaseException,
    app_http: tuple[httpx.AsyncClient, object],
    tenant: Tenant,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    failing_reads(monkeypatch, error)
    caplog.clear()
    response = await app_http[0].post(f"/{tenant.slug}/graphql", json=ESTABLISHMENTS)
    assert response.status_code == 200
    [masked] = response.json()["errors"]
    assert masked["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    [logged] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert logged.levelno == logging.ERROR
    assert logged.exc_info is not None


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (ConnectionRefusedError(111, "Connect call failed"), True),
        (OSError("Multiple exceptions: [Errno 111] Connect call failed"), True),
        (TimeoutError(), True),
        (SqlAlchemyTimeoutError("QueuePool limit reached"), True),
        (OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")), True),
        (OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such column: x")), False),
        (InterfaceError("SELECT 1", {}, Exception("another operation is in progress")), False),
        (lost_connection(), True),
        (FileNotFoundError(2, "No such file"), False),
        (PermissionError(13, "Permission denied"), False),
        (ValueError("no"), False),
    ],
)
def test_what_counts_as_an_outage(error: BaseException, outage: bool) -> None:
    assert is_database_outage(error) is outage
    wrapper = RuntimeError("wrapped")
    wrapper.__cause__ = error
    assert is_database_outage(wrapper) is outage


def postgres_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not postgres_is_up(), reason="no PostgreSQL at 127.0.0.1:5432")
async def test_a_terminated_postgresql_connection_is_an_outage() -> None:
    """asyncpg's real error, through SQLAlchemy, when the server ends the connection."""
    url = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    engine = create_engine(url)
    admin = create_engine(url)
    try:
        async with engine.connect() as victim:
            pid = (await victim.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            async with admin.connect() as killer:
                await killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            with pytest.raises(DBAPIError) as raised:
                await victim.execute(text("SELECT 1"))
        assert is_database_outage(raised.value), repr(raised.value)
    finally:
        await engine.dispose()
        await admin.dispose()
