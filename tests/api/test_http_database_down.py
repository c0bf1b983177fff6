"""PostgreSQL (or SQLite) unreachable: a 503 JSON error and one log line per request, no
traceback, whether the tenant lookup or the bearer token check meets the outage."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from kernel.settings import Settings
from models import Tenant
from models.engine import create_engine
from server.app import create_app

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
