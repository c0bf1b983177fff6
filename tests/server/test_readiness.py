"""``/readyz``: 200 only when the database answers at the revision the code expects.

Before it, a database never migrated made ``/healthz`` say ok while every GraphQL request
answered 500.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.settings import Settings
from server.app import create_app
from server.migrate import head_revision, upgrade_async

Http = tuple[httpx.AsyncClient, AsyncEngine]


async def _get(database_url: str, path: str) -> httpx.Response:
    app = create_app(Settings(environment="test", database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.get(path)
    finally:
        await app.state.engine.dispose()


async def test_a_migrated_database_is_ready(app_http: Http) -> None:
    response = await app_http[0].get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "revision": head_revision()}


async def test_a_database_never_migrated_is_not_ready_though_alive(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}"
    ready = await _get(url, "/readyz")
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "not ready",
        "reason": "database not migrated: run `creneau migrate`",
    }
    assert (await _get(url, "/healthz")).status_code == 200


def test_head_is_the_newest_migration() -> None:
    versions = Path(__file__).parents[2] / "migrations" / "versions"
    newest = max(p.name.split("_")[0] for p in versions.glob("[0-9]*_*.py"))
    assert head_revision() == newest


async def test_a_database_left_behind_an_upgrade_is_not_ready(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    await upgrade_async(url, "0005")
    ready = await _get(url, "/readyz")
    assert ready.status_code == 503
    assert (
        ready.json()["reason"] == f"database at revision 0005, the code expects {head_revision()}"
    )


async def test_an_unreachable_database_is_not_ready(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"
    ready = await _get(url, "/readyz")
    assert ready.status_code == 503
    assert ready.json()["reason"].startswith("database unreachable")
    assert not any(record.exc_info for record in caplog.records)
