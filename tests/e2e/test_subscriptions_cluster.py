"""Several real uvicorn processes on one PostgreSQL database: a staff decision made on one
reaches a parent subscribed on another — through Redis, through PostgreSQL LISTEN/NOTIFY,
and, with the broker down, by polling the log. Also the legacy graphql-ws protocol when
enabled. Skipped where PostgreSQL or Redis is absent.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Iterator

import pytest

from models.postgres_admin import recreate_postgres_database
from tests.e2e.conftest import LiveServer, _run_cli_step, _server_env, _start_server, _stop
from tests.e2e.conftest import _wait_healthy as wait_healthy
from tests.subscriptions.support import LEGACY_WS, PARENT, REQUEST_EVENTS, STAFF, Api, WSClient

DATABASE_URL = os.environ.get(
    "CRENEAU_E2E_EVENTS_DATABASE_URL",
    "postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_test_events_e2e",
)
REDIS_URL = "redis://127.0.0.1:6379/0"
POSTGRES_BROKER_URL = DATABASE_URL


def _reachable(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


pytestmark = pytest.mark.skipif(
    not (_reachable(5432) and _reachable(6379)), reason="needs PostgreSQL and Redis"
)


class Cluster:
    """Servers sharing one demo database, started on demand with their own settings."""

    def __init__(self, var_dir: os.PathLike[str]) -> None:
        self.var_dir = var_dir
        self.env = _server_env(self.var_dir)  # type: ignore[arg-type]
        self.env["CRENEAU_DATABASE_URL"] = DATABASE_URL
        self.env["CRENEAU_MAIL_SENDER"] = "off"
        self.servers: dict[str, LiveServer] = {}

    def server(self, name: str, **settings: str) -> LiveServer:
        if name not in self.servers:
            env = {**self.env, **settings}
            attempt = len(self.servers) + 1
            server = _start_server(self.var_dir, env, attempt)  # type: ignore[arg-type]
            problem = wait_healthy(server)
            if problem:
                _stop(server.process)
                pytest.fail(f"server {name} did not start: {problem}\n{server.log_tail()}")
            self.servers[name] = server
        return self.servers[name]

    def stop(self) -> None:
        for server in self.servers.values():
            _stop(server.process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    asyncio.run(recreate_postgres_database(DATABASE_URL))
    cluster = Cluster(tmp_path_factory.mktemp("creneau-cluster"))
    _run_cli_step(["migrate"], cluster.env)
    _run_cli_step(["demo"], cluster.env)
    try:
        yield cluster
    finally:
        cluster.stop()


async def _decision_crosses(subscribed: LiveServer, deciding: LiveServer, within: float) -> float:
    """A parent subscribed on one server sees a decision taken on another; how long it took."""
    parent = Api(subscribed.graphql_url, PARENT)
    staff = Api(deciding.graphql_url, STAFF)
    client = await WSClient.open(subscribed.ws_url, parent.token)
    try:
        op = await client.subscribe(REQUEST_EVENTS)
        await asyncio.sleep(1.0)
        request_id = Api(deciding.graphql_url, PARENT).ask_guardian_change()
        created = (await client.data(op, within))["requestStatusChanged"]
        assert created["request"]["id"] == request_id
        started = time.perf_counter()
        staff.accept(request_id)
        decided = (await client.data(op, within))["requestStatusChanged"]
        elapsed = time.perf_counter() - started
        assert (decided["request"]["id"], decided["statusLabel"]) == (request_id, "Acceptée")
        return elapsed
    finally:
        await client.close()


async def test_a_decision_on_one_instance_reaches_a_subscriber_on_another_via_redis(
    cluster: Cluster,
) -> None:
    first = cluster.server("redis-1", CRENEAU_BROKER_URL=REDIS_URL)
    second = cluster.server("redis-2", CRENEAU_BROKER_URL=REDIS_URL)
    # Pushed, not polled (the safety poll is 30 s away).
    assert await _decision_crosses(first, second, within=10) < 5


async def test_a_decision_on_one_instance_reaches_a_subscriber_on_another_via_postgresql(
    cluster: Cluster,
) -> None:
    first = cluster.server("pg-1", CRENEAU_BROKER_URL=POSTGRES_BROKER_URL)
    second = cluster.server("pg-2", CRENEAU_BROKER_URL=POSTGRES_BROKER_URL)
    assert await _decision_crosses(first, second, within=10) < 5


async def test_with_the_broker_down_events_still_arrive_by_polling(cluster: Cluster) -> None:
    """The subscriber's broker is unreachable: it polls the log every 0.5 s."""
    polling = cluster.server(
        "broker-down",
        CRENEAU_BROKER_URL="redis://127.0.0.1:1/0",
        CRENEAU_EVENTS_POLL_SECONDS="0.5",
    )
    other = cluster.server("redis-1", CRENEAU_BROKER_URL=REDIS_URL)
    assert await _decision_crosses(polling, other, within=10) < 5


async def test_the_legacy_graphql_ws_protocol_when_enabled(cluster: Cluster) -> None:
    server = cluster.server(
        "legacy",
        CRENEAU_BROKER_URL=REDIS_URL,
        CRENEAU_WS_PROTOCOLS="graphql-transport-ws,graphql-ws",
    )
    parent = Api(server.graphql_url, PARENT)
    client = await WSClient.open(server.ws_url, parent.token, protocol=LEGACY_WS)
    try:
        op = await client.subscribe(REQUEST_EVENTS)
        await asyncio.sleep(1.0)
        request_id = parent.ask_guardian_change()
        event = (await client.data(op))["requestStatusChanged"]
        assert event["request"]["id"] == request_id
        Api(server.graphql_url, STAFF).accept(request_id)
        assert (await client.data(op))["requestStatusChanged"]["statusLabel"] == "Acceptée"
    finally:
        await client.close()
    refused = await WSClient.open(server.ws_url, protocol=LEGACY_WS, init=False)
    await refused.send({"type": "connection_init", "payload": {"authToken": "forged"}})
    assert (await refused.receive())["type"] == "connection_error"
