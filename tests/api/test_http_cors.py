"""CORS: browsers on ``CRENEAU_ALLOWED_ORIGINS`` may call the API; other origins get no
Access-Control-Allow-Origin."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from kernel.settings import Settings
from models import Tenant
from server.app import create_app

PORTAL = "https://portail.example.fr"
ELSEWHERE = "https://evil.example.com"


@pytest.fixture
async def cors_app(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        environment="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        allowed_origins=(PORTAL,),
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.engine.dispose()


def preflight(origin: str, headers: str = "authorization, content-type") -> dict[str, str]:
    return {
        "origin": origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": headers,
    }


async def test_a_preflight_from_an_allowed_origin_is_accepted(
    cors_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await cors_app.options(f"/{tenant.slug}/graphql", headers=preflight(PORTAL))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL
    methods = response.headers["access-control-allow-methods"]
    assert {"GET", "POST", "OPTIONS"} <= {m.strip() for m in methods.split(",")}
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "authorization" in allowed
    assert "content-type" in allowed
    # Uploads from the portal send the CSRF header.
    upload = await cors_app.options(
        f"/{tenant.slug}/graphql", headers=preflight(PORTAL, "x-creneau-csrf")
    )
    assert upload.status_code == 200


async def test_a_request_from_an_allowed_origin_gets_the_header(
    cors_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    response = await cors_app.post(
        f"/{tenant.slug}/graphql", json={"query": "{ __typename }"}, headers={"origin": PORTAL}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == PORTAL


async def test_another_origin_gets_no_allow_origin_header(
    cors_app: httpx.AsyncClient, tenant: Tenant
) -> None:
    refused = await cors_app.options(f"/{tenant.slug}/graphql", headers=preflight(ELSEWHERE))
    assert "access-control-allow-origin" not in refused.headers
    assert refused.status_code >= 400
    response = await cors_app.post(
        f"/{tenant.slug}/graphql",
        json={"query": "{ __typename }"},
        headers={"origin": ELSEWHERE},
    )
    assert "access-control-allow-origin" not in response.headers
