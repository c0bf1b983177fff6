"""Request rate limits on the GraphQL endpoint (server/rate_limits.py): a 429 with
``Retry-After`` past the budget of an address or of an account, buckets that refill and stay
bounded in number, and a budget shared through Redis by several app instances."""

from __future__ import annotations

import socket
import uuid
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from kernel.rate_limit import RateLimit
from kernel.settings import Settings
from models import Tenant
from server.app import create_app
from server.rate_limits import LocalBuckets, RateLimits, retry_after_seconds
from tests import factories

with warnings.catch_warnings():  # "use httpx2": a deprecation, the client still works
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

QUERY = {"query": "{ __typename }"}
OFF = RateLimit(0)
REDIS_URL = "redis://127.0.0.1:6379/0"


def limited_body(seconds: int) -> dict[str, Any]:
    return {
        "errors": [
            {
                "message": f"Trop de requêtes : réessayez dans {seconds} s.",
                "extensions": {"code": "RATE_LIMITED"},
            }
        ]
    }


def make_app(
    database_url: str,
    tmp_path: Path,
    *,
    per_address: RateLimit = OFF,
    per_account: RateLimit = OFF,
    **settings: Any,
) -> Starlette:
    return create_app(
        Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            rate_limit_per_address=per_address,
            rate_limit_per_account=per_account,
            **settings,
        )
    )


@asynccontextmanager
async def client_from(app: Starlette, address: str) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_an_address_past_its_budget_gets_a_429_and_another_address_does_not(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(database_url, tmp_path, per_address=RateLimit(3, 60.0))
    url = f"/{tenant.slug}/graphql"
    async with client_from(app, "10.0.0.1") as first, client_from(app, "10.0.0.2") as second:
        for _ in range(3):
            assert (await first.post(url, json=QUERY)).status_code == 200
        refused = await first.post(url, json=QUERY)
        assert refused.status_code == 429
        # 3 per minute: the next token is there in 20 s.
        assert refused.headers["retry-after"] == "20"
        assert refused.json() == limited_body(20)
        assert refused.headers["content-type"].startswith("application/json")
        # Another client is not affected.
        assert (await second.post(url, json=QUERY)).status_code == 200
    await app.state.engine.dispose()


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(
        database_url, tmp_path, per_address=RateLimit(2, 60.0), trusted_proxies=("10.9.0.1",)
    )
    url = f"/{tenant.slug}/graphql"
    alice = {"x-forwarded-for": "203.0.113.7"}
    bob = {"x-forwarded-for": "203.0.113.8"}
    async with client_from(app, "10.9.0.1") as proxy:
        assert (await proxy.post(url, json=QUERY, headers=alice)).status_code == 200
        assert (await proxy.post(url, json=QUERY, headers=alice)).status_code == 200
        refused = await proxy.post(url, json=QUERY, headers=alice)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "30"
        assert (await proxy.post(url, json=QUERY, headers=bob)).status_code == 200
    await app.state.engine.dispose()


async def test_the_account_budget_applies_across_addresses(
    database_url: str, tmp_path: Path, tenant: Tenant, session: AsyncSession
) -> None:
    _, token = await factories.make_staff_account_with_token(session, tenant)
    await session.commit()
    app = make_app(
        database_url, tmp_path, per_address=RateLimit(100, 60.0), per_account=RateLimit(2, 10.0)
    )
    url = f"/{tenant.slug}/graphql"
    bearer = {"authorization": f"Bearer {token}"}
    async with client_from(app, "10.0.0.1") as home, client_from(app, "10.0.0.2") as office:
        assert (await home.post(url, json=QUERY, headers=bearer)).status_code == 200
        assert (await office.post(url, json=QUERY, headers=bearer)).status_code == 200
        refused = await home.post(url, json=QUERY, headers=bearer)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "5"
        assert refused.json() == limited_body(5)
        refused = await office.post(url, json=QUERY, headers=bearer)
        assert refused.status_code == 429
        # The addresses themselves still have room (anonymous requests pass).
        assert (await home.post(url, json=QUERY)).status_code == 200
    await app.state.engine.dispose()


async def test_a_limit_at_zero_is_off(database_url: str, tmp_path: Path, tenant: Tenant) -> None:
    app = make_app(database_url, tmp_path)
    async with client_from(app, "10.0.0.1") as http:
        for _ in range(30):
            assert (await http.post(f"/{tenant.slug}/graphql", json=QUERY)).status_code == 200
    await app.state.engine.dispose()


def test_the_settings_read_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    default = Settings.from_env()
    assert default.rate_limit_per_address == RateLimit(600, 60.0)
    assert default.rate_limit_per_account == RateLimit(300, 60.0)
    monkeypatch.setenv("CRENEAU_RATE_LIMIT_PER_ADDRESS", "10/s")
    monkeypatch.setenv("CRENEAU_RATE_LIMIT_PER_ACCOUNT", "0")
    settings = Settings.from_env()
    assert settings.rate_limit_per_address == RateLimit(10, 1.0)
    assert not settings.rate_limit_per_account.enabled
    monkeypatch.setenv("CRENEAU_RATE_LIMIT_PER_ADDRESS", "lots")
    with pytest.raises(ValueError, match="CRENEAU_RATE_LIMIT_PER_ADDRESS"):
        Settings.from_env()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_refills_evenly() -> None:
    clock = FakeClock()
    buckets = LocalBuckets(RateLimit(6, 60.0), clock)
    assert [buckets.take("a") for _ in range(6)] == [0.0] * 6
    assert buckets.take("a") == pytest.approx(10.0)
    clock.now += 4.0
    assert retry_after_seconds(buckets.take("a")) == 6
    clock.now += 6.0
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0


def test_buckets_stay_bounded() -> None:
    clock = FakeClock()
    buckets = LocalBuckets(RateLimit(5, 10.0), clock, max_buckets=50)
    for n in range(500):
        buckets.take(f"10.0.{n // 256}.{n % 256}")
    assert len(buckets) == 50
    # Idle buckets (refilled: no different from new ones) go as others come.
    clock.now += 60.0
    for _ in range(10):
        buckets.take("10.1.0.1")
    assert len(buckets) < 20
    assert buckets.take("10.1.0.1") > 0  # the busy one is kept


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_is_up(), reason="no Redis at 127.0.0.1:6379")


@needs_redis
async def test_two_app_instances_share_the_budget_through_redis(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    apps = [
        make_app(
            database_url,
            tmp_path / name,
            per_address=RateLimit(3, 60.0),
            broker_url=REDIS_URL,
        )
        for name in ("one", "two")
    ]
    namespace = uuid.uuid4().hex  # this test's own buckets
    for app in apps:
        assert app.state.rate_limits.redis is not None
        app.state.rate_limits.redis.namespace = namespace
    url = f"/{tenant.slug}/graphql"
    async with client_from(apps[0], "10.0.0.1") as one, client_from(apps[1], "10.0.0.1") as two:
        assert (await one.post(url, json=QUERY)).status_code == 200
        assert (await two.post(url, json=QUERY)).status_code == 200
        assert (await one.post(url, json=QUERY)).status_code == 200
        refused = await two.post(url, json=QUERY)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "20"
        assert (await one.post(url, json=QUERY)).status_code == 429
        async with client_from(apps[1], "10.0.0.2") as other:
            assert (await other.post(url, json=QUERY)).status_code == 200
    for app in apps:
        await app.state.rate_limits.close()
        await app.state.engine.dispose()


async def test_an_unreachable_redis_falls_back_to_the_process_buckets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limits = RateLimits(RateLimit(2, 60.0), OFF, redis_url="redis://127.0.0.1:1/0")
    await limits.check_address("10.0.0.1")
    await limits.check_address("10.0.0.1")
    with pytest.raises(Exception, match="rate limited"):
        await limits.check_address("10.0.0.1")
    warnings = [r for r in caplog.records if "redis unavailable" in r.getMessage()]
    assert len(warnings) == 1
    assert warnings[0].exc_info is None
    await limits.close()


def ws_outcome(ws: Any, operation_id: str) -> dict[str, Any]:
    """The message ending operation ``operation_id`` (complete or error)."""
    while True:
        message = orjson.loads(ws.receive_text())
        if message.get("id") == operation_id and message["type"] in ("complete", "error"):
            return dict(message)


async def test_websocket_operation_starts_count_against_the_budget(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(database_url, tmp_path, per_address=RateLimit(2, 60.0))
    subscribe = {"type": "subscribe", "payload": {"query": "{ __typename }"}}
    with (
        TestClient(app) as client,
        client.websocket_connect(
            f"/{tenant.slug}/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws,
    ):
        ws.send_text(orjson.dumps({"type": "connection_init", "payload": {}}).decode())
        assert orjson.loads(ws.receive_text())["type"] == "connection_ack"
        for n in (1, 2):
            ws.send_text(orjson.dumps({**subscribe, "id": str(n)}).decode())
            assert ws_outcome(ws, str(n))["type"] == "complete"
        ws.send_text(orjson.dumps({**subscribe, "id": "3"}).decode())
        refused = ws_outcome(ws, "3")
        # 2 per minute: the next token is there in 30 s.
        assert refused == {"id": "3", "type": "error", "payload": limited_body(30)["errors"]}
    await app.state.engine.dispose()


async def test_the_legacy_graphql_ws_protocol_is_limited_too(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    app = make_app(
        database_url,
        tmp_path,
        per_address=RateLimit(1, 60.0),
        ws_protocols=("graphql-transport-ws", "graphql-ws"),
    )
    # Anonymous: refused by its permission, but only once the limiter let it through.
    query = "subscription { requestStatusChanged { cursor } }"
    start = {"type": "start", "payload": {"query": query}}
    with (
        TestClient(app) as client,
        client.websocket_connect(f"/{tenant.slug}/graphql", subprotocols=["graphql-ws"]) as ws,
    ):
        ws.send_text(orjson.dumps({"type": "connection_init", "payload": {}}).decode())
        assert orjson.loads(ws.receive_text())["type"] == "connection_ack"
        ws.send_text(orjson.dumps({**start, "id": "1"}).decode())
        first = ws_outcome(ws, "1")
        assert first["payload"]["extensions"]["code"] == "UNAUTHENTICATED", first
        ws.send_text(orjson.dumps({**start, "id": "2"}).decode())
        refused = ws_outcome(ws, "2")
        assert refused == {"id": "2", "type": "error", "payload": limited_body(60)["errors"][0]}
    await app.state.engine.dispose()
