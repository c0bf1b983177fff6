"""When the broker is lost, subscribers fall back to polling the log at once: an event
committed elsewhere during the outage arrives within the short poll interval, not after
the long one their feed chose while the broker was healthy."""

from __future__ import annotations

import asyncio

from subscriptions.brokers import _ListeningBroker
from subscriptions.hub import Hub
from tests.subscriptions.conftest import World, take, until_subscribed
from tests.subscriptions.test_hub import _insert_event_behind_the_hubs_back, _stream


class FlakyBroker(_ListeningBroker):
    """A broker whose connection works until ``cut()``, then is refused."""

    name = "flaky"

    def __init__(self) -> None:
        super().__init__("flaky://")
        self.up = True
        self.lost = asyncio.Event()

    async def _listen(self) -> None:
        if not self.up:
            raise ConnectionError("connection refused")
        self._set_healthy(True)
        await self.lost.wait()
        raise ConnectionError("connection reset by peer")

    async def publish(self, tenant_ids: frozenset[int]) -> None:
        """Nothing crosses processes here (the test writes behind the hub's back)."""

    def cut(self) -> None:
        self.up = False
        self.lost.set()


async def _until_healthy(broker: FlakyBroker, healthy: bool) -> None:
    async def wait() -> None:
        while broker.healthy is not healthy:  # noqa: ASYNC110 (a flag, not an event)
            await asyncio.sleep(0.02)

    await asyncio.wait_for(wait(), 5)


async def test_an_event_after_the_broker_is_lost_arrives_within_the_fallback_poll(
    world: World,
) -> None:
    broker = FlakyBroker()
    # Push delivery re-reads the log every 30 s at most; while down, every 0.3 s.
    hub = Hub(world.sessions, broker, fallback_poll_s=0.3, idle_poll_s=30.0)
    await hub.start()
    try:
        await _until_healthy(broker, True)
        parent = _stream(hub, world.parent)
        pending = asyncio.ensure_future(take(parent, 1, within=30))
        await until_subscribed(hub, 1)
        await asyncio.sleep(0.3)  # the feed is asleep, for up to 30 s
        loop = asyncio.get_running_loop()
        broker.cut()
        await _until_healthy(broker, False)
        seq = await _insert_event_behind_the_hubs_back(world)
        written_at = loop.time()
        (got,) = await pending
        assert got.event.seq == seq
        # Well under the 30 s of push delivery (a few polls of 0.3 s on a busy machine).
        assert loop.time() - written_at < 5.0
        await parent.aclose()
    finally:
        await hub.stop()
