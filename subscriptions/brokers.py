"""Brokers: how one process tells the others "tenant T has new events".

Chosen by ``CRENEAU_BROKER_URL``:

- empty or ``memory://``: in-process only (one server process, ``make run``);
- ``redis://…``: Redis pub/sub;
- ``postgresql://…``: PostgreSQL ``LISTEN``/``NOTIFY`` on a dedicated asyncpg connection.

A broker never carries events, only wake-ups, published after the commit: subscribers
read the log. A broker that is down is reported through :attr:`Broker.healthy`; the hub
then polls the log at a bounded interval (from the moment the broker is lost: every feed is
woken then), and goes back to push once the broker is back.
A failed publish is logged, never raised: queries and mutations never depend on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

logger = logging.getLogger("creneau.subscriptions.broker")

CHANNEL = "creneau_events"
WakeCallback = Callable[[Iterable[int]], None]
# How long a broker waits before reconnecting, and a publish may take.
RECONNECT_DELAY_S = 1.0
PUBLISH_TIMEOUT_S = 2.0
HEALTH_CHECK_S = 5.0


def _encode(tenant_ids: Iterable[int]) -> str:
    return ",".join(str(t) for t in sorted(tenant_ids))


def _decode(data: str | bytes) -> list[int]:
    text = data.decode() if isinstance(data, bytes) else data
    return [int(part) for part in text.split(",") if part.strip().isdigit()]


class Broker:
    """In-process broker: nothing crosses the process (its hub wakes itself on commit)."""

    name = "memory"

    def __init__(self) -> None:
        self.healthy = True
        self._on_wake: WakeCallback | None = None

    async def start(self, on_wake: WakeCallback) -> None:
        """Start listening; ``on_wake(tenant_ids)`` is called for every wake-up received
        (and with every tenant after a reconnection, to catch up)."""
        self._on_wake = on_wake

    async def publish(self, tenant_ids: frozenset[int]) -> None:
        """Tell the other processes these tenants have new events (after the commit)."""

    async def stop(self) -> None:
        """Stop listening and close connections."""

    def _wake(self, tenant_ids: Iterable[int] | None) -> None:
        if self._on_wake is not None:
            self._on_wake(tenant_ids if tenant_ids is not None else ())


class _ListeningBroker(Broker):
    """A broker with a listening loop that reconnects until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.healthy = False
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def start(self, on_wake: WakeCallback) -> None:
        await super().start(on_wake)
        self._task = asyncio.create_task(self._run(), name=f"creneau-broker-{self.name}")

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: fall back to polling, retry later
                if self.healthy:
                    logger.warning("%s broker lost (%s): polling the event log", self.name, exc)
                else:
                    logger.debug("%s broker unavailable: %s", self.name, exc)
            self._set_healthy(False)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), RECONNECT_DELAY_S)

    def _set_healthy(self, healthy: bool) -> None:
        if healthy and not self.healthy:
            logger.info("%s broker connected: push delivery", self.name)
            self.healthy = True
            # Wake-ups may have been missed while down: every feed reads the log once.
            self._wake(None)
        elif not healthy and self.healthy:
            self.healthy = False
            # Feeds wait for a wake-up at most the interval chosen when they went to sleep
            # (the long one of push delivery): wake them all now, so that each reads the log
            # (a wake-up may have been lost with the connection) and then polls at the
            # short fallback interval until the broker is back.
            self._wake(None)

    async def _listen(self) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        self.healthy = False


class RedisBroker(_ListeningBroker):
    """Redis pub/sub on one channel; the message is the list of tenant ids."""

    name = "redis"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._publisher: Any = None

    async def _listen(self) -> None:
        import redis.asyncio as redis

        client = redis.from_url(
            self.url, socket_connect_timeout=PUBLISH_TIMEOUT_S, health_check_interval=30
        )
        try:
            pubsub = client.pubsub()
            await pubsub.subscribe(CHANNEL)
            self._set_healthy(True)
            while not self._stopping.is_set():
                message = await pubsub.get_message(
                    ignore_subscribe_messages=True, timeout=HEALTH_CHECK_S
                )
                if message is None:
                    # Quiet channel: make sure the server is still there.
                    await asyncio.wait_for(pubsub.ping(), PUBLISH_TIMEOUT_S)
                    continue
                if message.get("type") == "message":
                    self._wake(_decode(message["data"]))
        finally:
            with contextlib.suppress(Exception):
                await client.aclose()

    async def publish(self, tenant_ids: frozenset[int]) -> None:
        import redis.asyncio as redis

        try:
            if self._publisher is None:
                self._publisher = redis.from_url(
                    self.url,
                    socket_connect_timeout=PUBLISH_TIMEOUT_S,
                    socket_timeout=PUBLISH_TIMEOUT_S,
                )
            await asyncio.wait_for(
                self._publisher.publish(CHANNEL, _encode(tenant_ids)), PUBLISH_TIMEOUT_S
            )
        except Exception as exc:  # never fail the caller: subscribers will poll
            logger.warning("redis publish failed (%s): subscribers will poll", exc)

    async def stop(self) -> None:
        await super().stop()
        if self._publisher is not None:
            with contextlib.suppress(Exception):
                await self._publisher.aclose()


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy-style PostgreSQL URL as a libpq DSN for asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgres+asyncpg://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


class PostgresBroker(_ListeningBroker):
    """PostgreSQL ``LISTEN``/``NOTIFY``: one connection listens, another publishes."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        super().__init__(asyncpg_dsn(url))
        self._publisher: Any = None
        self._publish_lock = asyncio.Lock()

    async def _listen(self) -> None:
        import asyncpg

        connection = await asyncio.wait_for(asyncpg.connect(self.url), PUBLISH_TIMEOUT_S * 5)
        lost = asyncio.Event()

        def on_notify(conn: Any, pid: int, channel: str, payload: str) -> None:
            self._wake(_decode(payload))

        try:
            connection.add_termination_listener(lambda conn: lost.set())
            await connection.add_listener(CHANNEL, on_notify)
            self._set_healthy(True)
            while not self._stopping.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(lost.wait(), HEALTH_CHECK_S)
                if lost.is_set() or connection.is_closed():
                    raise ConnectionError("LISTEN connection closed")
                await asyncio.wait_for(connection.execute("SELECT 1"), PUBLISH_TIMEOUT_S)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), PUBLISH_TIMEOUT_S)

    async def publish(self, tenant_ids: frozenset[int]) -> None:
        import asyncpg

        try:
            async with self._publish_lock:
                if self._publisher is None or self._publisher.is_closed():
                    self._publisher = await asyncio.wait_for(
                        asyncpg.connect(self.url), PUBLISH_TIMEOUT_S
                    )
                await asyncio.wait_for(
                    self._publisher.execute(
                        "SELECT pg_notify($1, $2)", CHANNEL, _encode(tenant_ids)
                    ),
                    PUBLISH_TIMEOUT_S,
                )
        except Exception as exc:  # never fail the caller: subscribers will poll
            logger.warning("postgresql notify failed (%s): subscribers will poll", exc)
            publisher, self._publisher = self._publisher, None
            if publisher is not None:
                with contextlib.suppress(Exception):
                    publisher.terminate()

    async def stop(self) -> None:
        await super().stop()
        if self._publisher is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._publisher.close(), PUBLISH_TIMEOUT_S)


def build_broker(url: str | None) -> Broker:
    """The broker of ``CRENEAU_BROKER_URL`` (in-process when empty)."""
    if not url or url.startswith("memory://"):
        return Broker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisBroker(url)
    if url.startswith(("postgresql://", "postgres://", "postgresql+asyncpg://")):
        return PostgresBroker(url)
    raise ValueError(f"CRENEAU_BROKER_URL: unsupported scheme in {url!r}")
