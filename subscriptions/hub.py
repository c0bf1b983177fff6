"""The per-process hub: one reader of the log per tenant, fanning events out to subscribers.

A subscriber registers with its tenant's *feed* before reading its backlog; the feed
remembers the last cursor it read (set before registration returns), so together the
backlog (below or at that cursor) and the feed (above it) cover every event, and the
subscriber drops the duplicates by cursor. A feed reads the log when woken — by a local
commit (``domain.events`` listener) or by the broker for commits in other processes — and
otherwise every ``fallback_poll_s`` while the broker is down, or every ``idle_poll_s``
when it is up (a safety net, never the normal path).

Before a batch is handed out, the viewers of the subscribers it concerns are re-read in
one statement (``subscriptions.viewers``), so a revoked session ends its subscriptions and
a guardian removed from the family stops receiving its events.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.events import on_events_committed
from kernel.viewer import Viewer
from subscriptions.brokers import Broker
from subscriptions.groups import SharedPayloads
from subscriptions.log import LoggedEvent, latest_seq, read_events
from subscriptions.viewers import can_see, current_viewers

logger = logging.getLogger("creneau.subscriptions")

PAGE_SIZE = 500
# A subscriber this far behind is switched to reading the log itself (slow client).
MAX_PENDING = 1000

Accepts = Callable[[LoggedEvent], bool]
# Starts what a delivery will need before its subscriber is woken (the payload of a group
# of subscribers: subscriptions/groups.py); None when there is nothing to start.
Prepare = Callable[["Delivery"], "Awaitable[object] | None"]


@dataclass(frozen=True, slots=True)
class Delivery:
    """An event, and the viewer it was authorized for (fresh from the database)."""

    event: LoggedEvent
    viewer: Viewer


class SubscriptionEnded(Exception):
    """The subscription may not continue (its login session was revoked or expired)."""


class Subscriber:
    """One subscription: what it accepts, its viewer, and the events waiting for it."""

    def __init__(self, viewer: Viewer, accepts: Accepts, prepare: Prepare | None = None) -> None:
        self.viewer = viewer
        self.accepts = accepts
        self.prepare = prepare
        self.pending: deque[Delivery] = deque()
        self.ready = asyncio.Event()
        self.behind = False
        self.ended: str | None = None
        # The feed's cursor when this subscriber joined: every later event reaches it.
        self.joined_at = 0

    def push(self, delivery: Delivery) -> None:
        """Queue an event; past ``MAX_PENDING`` the queue is dropped and the subscriber
        told to read the log from its own cursor instead."""
        if self.behind:
            return
        if len(self.pending) >= MAX_PENDING:
            self.pending.clear()
            self.behind = True
        else:
            self.pending.append(delivery)
        self.ready.set()

    def end(self, reason: str) -> None:
        """Stop the subscription (at its next read)."""
        self.ended = reason
        self.ready.set()

    async def next_batch(self) -> list[Delivery] | None:
        """The queued events, waiting for some; None when it must read the log itself."""
        while not self.pending and not self.behind and self.ended is None:
            self.ready.clear()
            await self.ready.wait()
        if self.ended is not None:
            raise SubscriptionEnded(self.ended)
        if self.behind:
            self.behind = False
            return None
        batch = list(self.pending)
        self.pending.clear()
        return batch


class TenantFeed:
    """The single reader of one tenant's log in this process."""

    def __init__(self, hub: Hub, tenant_id: int) -> None:
        self.hub = hub
        self.tenant_id = tenant_id
        self.subscribers: set[Subscriber] = set()
        self.last_seq = 0
        self.wake = asyncio.Event()
        self.started = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Read the current cursor, then follow the log (until no one listens)."""
        try:
            async with self.hub.sessions() as session:
                self.last_seq = await latest_seq(session, tenant_id=self.tenant_id)
        finally:
            self.started.set()
        self.task = asyncio.create_task(self._run(), name=f"creneau-feed-{self.tenant_id}")

    async def _run(self) -> None:
        while self.subscribers:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), self.hub.poll_interval())
            self.wake.clear()
            if not self.subscribers:
                break
            try:
                await self.read()
            except asyncio.CancelledError:
                raise
            except Exception:  # the database hiccuped: try again at the next wake or poll
                logger.exception("reading the event log of tenant %s failed", self.tenant_id)
                await asyncio.sleep(self.hub.fallback_poll_s)

    async def read(self) -> None:
        """Read every new event, and hand each to the subscribers allowed to see it."""
        while True:
            async with self.hub.sessions() as session:
                events = await read_events(
                    session, tenant_id=self.tenant_id, after=self.last_seq, limit=PAGE_SIZE
                )
                if not events:
                    return
                concerned = [s for s in self.subscribers if any(s.accepts(e) for e in events)]
                viewers = await current_viewers(
                    session,
                    tenant_id=self.tenant_id,
                    session_ids={
                        s.viewer.session_id for s in concerned if s.viewer.session_id is not None
                    },
                )
            self.last_seq = events[-1].seq
            self.hub.events_read += len(events)
            handed: list[tuple[Subscriber, Delivery]] = []
            for subscriber in concerned:
                fresh = viewers.get(subscriber.viewer.session_id or 0)
                if fresh is None:
                    subscriber.end("Session expirée ou révoquée : reconnectez-vous.")
                    continue
                subscriber.viewer = fresh
                handed.extend(
                    (subscriber, Delivery(event, fresh))
                    for event in events
                    if subscriber.accepts(event) and can_see(fresh, event)
                )
            await _prepare(handed)
            for subscriber, delivery in handed:
                subscriber.push(delivery)
            if len(events) < PAGE_SIZE:
                return


async def _prepare(handed: list[tuple[Subscriber, Delivery]]) -> None:
    """Start what the deliveries need (one payload per group, not per subscriber) and wait
    for it, so each subscriber is woken once, with its payload ready. A failure is left
    to the subscriber, which tries again when it gets there."""
    started: dict[int, Awaitable[object]] = {}
    for subscriber, delivery in handed:
        if subscriber.prepare is None:
            continue
        try:
            waiting = subscriber.prepare(delivery)
        except Exception:  # left to the subscriber's own try
            logger.exception("preparing a delivery failed")
            continue
        if waiting is not None:
            started[id(waiting)] = waiting
    if started:
        await asyncio.gather(*started.values(), return_exceptions=True)


class Hub:
    """Every feed of this process, the broker, and the commit listener."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        broker: Broker | None = None,
        *,
        fallback_poll_s: float = 2.0,
        idle_poll_s: float = 30.0,
    ) -> None:
        self.sessions = sessions
        self.broker = broker or Broker()
        self.fallback_poll_s = fallback_poll_s
        self.idle_poll_s = idle_poll_s
        self.feeds: dict[int, TenantFeed] = {}
        self.events_read = 0
        # Payloads shared by groups of subscribers (subscriptions/groups.py): per hub, so
        # per database — an event's cursor names it only within one log.
        self.payloads = SharedPayloads()
        self._remove_listener: Callable[[], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._publishing: set[asyncio.Task[None]] = set()

    def poll_interval(self) -> float:
        """How long a feed waits for a wake-up before reading the log anyway."""
        return self.idle_poll_s if self.broker.healthy else self.fallback_poll_s

    async def start(self) -> None:
        """Listen to local commits and to the broker."""
        self._loop = asyncio.get_running_loop()
        self._remove_listener = on_events_committed(self._committed)
        await self.broker.start(self.wake)

    async def stop(self) -> None:
        """Stop listening; end every subscription's feed."""
        if self._remove_listener is not None:
            self._remove_listener()
            self._remove_listener = None
        await self.broker.stop()
        for task in list(self._publishing):
            with contextlib.suppress(Exception):
                await task
        for feed in list(self.feeds.values()):
            if feed.task is not None:
                feed.task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await feed.task
        self.feeds.clear()

    def _committed(self, tenant_ids: frozenset[int]) -> None:
        """A local commit wrote events: wake our feeds now, and tell the other processes."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._after_commit(tenant_ids)
        else:  # a commit from another thread or loop (scripts): hop onto ours
            loop.call_soon_threadsafe(self._after_commit, tenant_ids)

    def _after_commit(self, tenant_ids: frozenset[int]) -> None:
        self.wake(tenant_ids)
        if type(self.broker) is not Broker:
            task = asyncio.ensure_future(self.broker.publish(tenant_ids))
            self._publishing.add(task)
            task.add_done_callback(self._publishing.discard)

    def wake(self, tenant_ids: Iterable[int]) -> None:
        """Make the feeds of these tenants read the log (every feed when empty)."""
        ids = list(tenant_ids)
        for tenant_id, feed in self.feeds.items():
            if not ids or tenant_id in ids:
                feed.wake.set()

    async def subscribe(
        self, viewer: Viewer, accepts: Accepts, prepare: Prepare | None = None
    ) -> Subscriber:
        """Register a subscriber with its tenant's feed; when this returns, the feed's
        cursor is known, so the caller may read its backlog without a gap."""
        subscriber = Subscriber(viewer, accepts, prepare)
        feed = self.feeds.get(viewer.tenant_id)
        if feed is None or (feed.task is not None and feed.task.done()):
            feed = TenantFeed(self, viewer.tenant_id)
            self.feeds[viewer.tenant_id] = feed
            feed.subscribers.add(subscriber)
            try:
                await feed.start()
            except BaseException:
                feed.subscribers.discard(subscriber)
                if self.feeds.get(viewer.tenant_id) is feed:
                    del self.feeds[viewer.tenant_id]
                raise
        else:
            feed.subscribers.add(subscriber)
            await feed.started.wait()
        subscriber.joined_at = feed.last_seq
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Forget a subscriber; its feed stops when it was the last one."""
        feed = self.feeds.get(subscriber.viewer.tenant_id)
        if feed is None:
            return
        feed.subscribers.discard(subscriber)
        if not feed.subscribers:
            del self.feeds[subscriber.viewer.tenant_id]
            feed.wake.set()  # let its loop see it is empty and end

    @property
    def subscriber_count(self) -> int:
        """Subscriptions currently served by this process."""
        return sum(len(feed.subscribers) for feed in self.feeds.values())


_current: Hub | None = None


def install_hub(hub: Hub | None) -> None:
    """Make ``hub`` the process's hub (the app's lifespan does; None uninstalls)."""
    global _current
    _current = hub


async def current_hub(sessions: async_sessionmaker[AsyncSession]) -> Hub:
    """The process's hub; an in-process one is started on first use when the app's
    lifespan did not install one (tests that build the app without running it)."""
    global _current
    if _current is None or _current.sessions is not sessions:
        hub = Hub(sessions)
        await hub.start()
        _current = hub
    return _current
