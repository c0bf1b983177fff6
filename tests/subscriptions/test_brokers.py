"""Brokers carry wake-ups between processes: Redis pub/sub and PostgreSQL LISTEN/NOTIFY
(skipped where the server is absent). A broker that goes away is reported unhealthy (the
hub then polls) and comes back by itself; a failed publish never raises."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import AsyncIterator, Callable, Iterable

import pytest

from subscriptions.brokers import Broker, PostgresBroker, RedisBroker, asyncpg_dsn, build_broker

REDIS_URL = os.environ.get("CRENEAU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# LISTEN/NOTIFY needs no schema: the server's maintenance database will do.
POSTGRES_URL = os.environ.get(
    "CRENEAU_TEST_BROKER_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def _reachable(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


needs_redis = pytest.mark.skipif(not _reachable("127.0.0.1", 6379), reason="no Redis server")
needs_postgres = pytest.mark.skipif(
    not _reachable("127.0.0.1", 5432), reason="no PostgreSQL server"
)


class Wakes:
    def __init__(self) -> None:
        self.received: list[list[int]] = []
        self.event = asyncio.Event()

    def __call__(self, tenant_ids: Iterable[int]) -> None:
        self.received.append(list(tenant_ids))
        self.event.set()

    async def wait_for(self, wanted: list[int], within: float = 10.0) -> None:
        async def until() -> None:
            while wanted not in self.received:
                self.event.clear()
                await self.event.wait()

        await asyncio.wait_for(until(), within)


async def _until(predicate: Callable[[], bool], within: float) -> None:
    async def poll() -> None:
        while not predicate():  # noqa: ASYNC110 (brokers expose a flag, not an event)
            await asyncio.sleep(0.05)

    await asyncio.wait_for(poll(), within)


@contextlib.asynccontextmanager
async def _pair(make: Callable[[], Broker]) -> AsyncIterator[tuple[Broker, Broker, Wakes]]:
    listener, publisher = make(), make()
    wakes = Wakes()
    await listener.start(wakes)
    await publisher.start(lambda ids: None)
    try:
        await _until(lambda: listener.healthy and publisher.healthy, 10)
        yield listener, publisher, wakes
    finally:
        await listener.stop()
        await publisher.stop()


@needs_redis
async def test_redis_carries_wake_ups_between_brokers() -> None:
    async with _pair(lambda: RedisBroker(REDIS_URL)) as (_, publisher, wakes):
        await publisher.publish(frozenset({7, 3}))
        await wakes.wait_for([3, 7])


@needs_postgres
async def test_postgresql_notify_carries_wake_ups_between_brokers() -> None:
    async with _pair(lambda: PostgresBroker(POSTGRES_URL)) as (_, publisher, wakes):
        await publisher.publish(frozenset({42}))
        await wakes.wait_for([42])


async def test_a_broker_that_is_down_is_unhealthy_and_publishing_does_not_raise() -> None:
    for broker in (
        RedisBroker("redis://127.0.0.1:1/0"),
        PostgresBroker("postgresql://x@127.0.0.1:1/x"),
    ):
        await broker.start(lambda ids: None)
        await asyncio.sleep(0.2)
        assert not broker.healthy
        await broker.publish(frozenset({1}))  # logged, not raised
        await broker.stop()


def test_the_url_chooses_the_broker() -> None:
    assert type(build_broker("")) is Broker
    assert isinstance(build_broker("redis://localhost:6379/0"), RedisBroker)
    assert isinstance(build_broker("postgresql+asyncpg://u@h/db"), PostgresBroker)
    assert asyncpg_dsn("postgresql+asyncpg://u@h/db") == "postgresql://u@h/db"
    with pytest.raises(ValueError, match="unsupported scheme"):
        build_broker("kafka://nope")


class Proxy:
    """A TCP proxy to Redis that the test can cut and restore (the broker "dies")."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            with contextlib.suppress(Exception):
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            with contextlib.suppress(Exception):
                writer.transport.abort()
        self.writers.clear()
        await self.server.wait_closed()


@needs_redis
async def test_the_redis_broker_comes_back_after_an_outage() -> None:
    proxy = Proxy(6379)
    await proxy.start()
    wakes = Wakes()
    broker = RedisBroker(f"redis://127.0.0.1:{proxy.port}/0")
    await broker.start(wakes)
    try:
        await _until(lambda: broker.healthy, 10)
        await proxy.cut()
        await _until(lambda: not broker.healthy, 15)
        await broker.publish(frozenset({1}))  # down: logged, not raised
        wakes.received.clear()
        await proxy.start()  # same port: the broker reconnects by itself
        await _until(lambda: broker.healthy, 15)
        assert [] in wakes.received  # catch-up wake-up of every feed after reconnecting
        publisher = RedisBroker(REDIS_URL)
        await publisher.publish(frozenset({5}))
        await wakes.wait_for([5])
        await publisher.stop()
    finally:
        await broker.stop()
        with contextlib.suppress(Exception):
            await proxy.cut()
