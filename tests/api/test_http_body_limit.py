"""JSON request bodies are capped (``CRENEAU_MAX_BODY_BYTES``): 413, without reading past
the limit; uploads keep their own limit."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from kernel.settings import Settings
from models import Tenant
from server.app import create_app

LIMIT = 4096


@pytest.fixture
async def small_app(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        environment="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        max_body_bytes=LIMIT,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.engine.dispose()


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/json")
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert error["message"] == "Requête trop volumineuse : 4 Ko au plus."


async def test_a_declared_length_over_the_limit_is_refused(
    small_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    padding = " " * LIMIT
    response = await small_app.post(
        f"/{tenant.slug}/graphql",
        content=b'{"query": "{ __typename }"}' + padding.encode(),
        headers={"content-type": "application/json"},
    )
    assert_too_large(response)


async def test_a_streamed_body_is_stopped_at_the_limit(
    small_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"query": "{ __typename }", "x": "'
        for _ in range(1000):  # 1 MiB in all, without a Content-Length
            sent += 1
            yield b"a" * 1024
        yield b'"}'

    response = await small_app.post(
        f"/{tenant.slug}/graphql", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_too_large(response)
    assert sent <= LIMIT // 1024 + 1


async def test_a_body_under_the_limit_is_served(
    small_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await small_app.post(f"/{tenant.slug}/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().max_body_bytes == 1024 * 1024
    monkeypatch.setenv("CRENEAU_MAX_BODY_BYTES", "2048")
    assert Settings.from_env().max_body_bytes == 2048
