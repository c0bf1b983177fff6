"""``/readyz`` reports the live-updates broker once the app started it: a broker that is down
leaves the instance ready (subscriptions poll the event log) but says ``broker: down``."""

from __future__ import annotations

from pathlib import Path

import httpx

from kernel.settings import Settings
from server.app import create_app


async def _readyz(database_url: str, tmp_path: Path, broker_url: str) -> dict[str, str]:
    settings = Settings(
        environment="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        broker_url=broker_url,
        mail_sender_in_process=False,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),  # the hub and its broker start
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        response = await http.get("/readyz")
    assert response.status_code == 200
    body: dict[str, str] = response.json()
    return body


async def test_a_broker_that_is_down_is_reported_but_ready(
    database_url: str, tmp_path: Path
) -> None:
    body = await _readyz(database_url, tmp_path, "redis://127.0.0.1:1/0")
    assert body["status"] == "ready" and body["broker"] == "down"


async def test_the_in_process_broker(database_url: str, tmp_path: Path) -> None:
    assert (await _readyz(database_url, tmp_path, ""))["broker"] == "in-process"
