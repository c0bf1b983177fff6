"""``/healthz`` on an unreachable database: a 503 and one log line, never a traceback
(load balancers ask every few seconds)."""

from __future__ import annotations

import logging

import httpx
import pytest

from kernel.settings import Settings
from server.app import create_app


async def test_healthz_with_the_database_down_logs_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = Settings(
        environment="test", database_url="postgresql+asyncpg://nobody@127.0.0.1:1/x"
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            for _ in range(3):
                response = await http.get("/healthz")
                assert response.status_code == 503
                assert response.json() == {"status": "unavailable"}
    finally:
        await app.state.engine.dispose()
    assert not [r for r in caplog.records if r.exc_info]
    failed = [r for r in caplog.records if r.getMessage().startswith("health check failed")]
    assert len(failed) == 3
    assert all("\n" not in r.getMessage() for r in failed)
