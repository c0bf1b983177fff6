"""Prometheus metrics of one app (``GET /metrics``), every name prefixed ``creneau_``.

Counted as requests pass (``server.observability.requests``): HTTP requests and latency
by route, GraphQL requests and latency by operation name, errors by code. Read at each
scrape: open subscriptions (the hub), the mail outbox (backlog, failures, age of the oldest
pending mail), the events the subscription feeds have not read yet and the oldest one's age
(event lag), the database pool (checked-out connections), the broker (connected or not), and
whether the database answered.

Each app has its own registry (tests build many apps in one process). With several
processes, each serves its own numbers: scrape every instance (see docs/DEPLOYMENT.md).

Access: served only when ``CRENEAU_METRICS_ENABLED``; with ``CRENEAU_METRICS_TOKEN`` set it
requires ``Authorization: Bearer <token>``, otherwise only loopback clients that do not
forward for someone else (no ``X-Forwarded-For`` / ``Forwarded``: a reverse proxy on the
same host must not make the internet look local).
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import time
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from sqlalchemy import func, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from models.event import Event
from models.outbox import OutboxMessage, OutboxStatus

logger = logging.getLogger("creneau.metrics")

# Operation names are chosen by clients: only well-formed ones become labels, and at most
# this many distinct ones per process (others are counted as ``other``), so that nobody
# can grow the number of series without bound.
MAX_OPERATION_LABELS = 300
OPERATION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
ANONYMOUS_OPERATION = "anonymous"
OTHER_OPERATION = "other"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})


class Metrics:
    """The metrics of one app, in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        self.http_requests = Counter(
            "creneau_http_requests",
            "HTTP requests answered, by route, method and status.",
            ["route", "method", "status"],
            registry=registry,
        )
        self.http_duration = Histogram(
            "creneau_http_request_duration_seconds",
            "Time to answer an HTTP request, by route.",
            ["route"],
            registry=registry,
        )
        self.graphql_requests = Counter(
            "creneau_graphql_requests",
            "GraphQL operations over HTTP, by operation name, type and outcome (ok or error).",
            ["operation", "type", "outcome"],
            registry=registry,
        )
        self.graphql_duration = Histogram(
            "creneau_graphql_request_duration_seconds",
            "Time to answer a GraphQL operation over HTTP, by operation name.",
            ["operation"],
            registry=registry,
        )
        self.errors = Counter(
            "creneau_errors",
            "Errors answered to clients, by code (GraphQL extensions.code or HTTP refusal).",
            ["code"],
            registry=registry,
        )
        self.subscriptions_open = Gauge(
            "creneau_subscriptions_open",
            "Subscriptions currently served by this process.",
            registry=registry,
        )
        self.outbox_mails = Gauge(
            "creneau_outbox_mails",
            "Mails in the outbox by status (PENDING: backlog; FAILED: given up, see "
            "`creneau mail failed`).",
            ["status"],
            registry=registry,
        )
        self.outbox_retrying = Gauge(
            "creneau_outbox_retrying_mails",
            "Pending mails that failed at least once and wait for another attempt.",
            registry=registry,
        )
        self.outbox_oldest_pending = Gauge(
            "creneau_outbox_oldest_pending_seconds",
            "Age of the oldest pending mail (0 when none).",
            registry=registry,
        )
        self.db_pool_checked_out = Gauge(
            "creneau_db_pool_checked_out",
            "Database connections currently checked out of the pool.",
            registry=registry,
        )
        self.db_pool_size = Gauge(
            "creneau_db_pool_size",
            "Configured size of the database pool (0 when the pool has no fixed size).",
            registry=registry,
        )
        self.database_up = Gauge(
            "creneau_database_up",
            "Whether the database answered the last scrape's queries (1) or not (0).",
            registry=registry,
        )
        self.broker_connected = Gauge(
            "creneau_broker_connected",
            "Whether the live-updates broker is connected (1) or down (0: subscriptions "
            "poll the event log).",
            ["broker"],
            registry=registry,
        )
        self.events_unread = Gauge(
            "creneau_events_unread",
            "Committed events of the live-updates log that this process's subscription "
            "feeds have not read yet.",
            registry=registry,
        )
        self.event_lag = Gauge(
            "creneau_event_lag_seconds",
            "Age of the oldest committed event not yet read by this process's feeds (0 when "
            "they are caught up): how late subscribers are.",
            registry=registry,
        )
        self.response_cache = Gauge(
            "creneau_response_cache",
            "The response cache of reads since start: lookups answered from it (hits), "
            "lookups that ran the query (misses), responses kept (entries) and their bytes.",
            ["measure"],
            registry=registry,
        )
        self._operations: set[str] = set()

    def operation_label(self, name: str | None) -> str:
        """The label of an operation name (bounded, see ``MAX_OPERATION_LABELS``)."""
        if not name:
            return ANONYMOUS_OPERATION
        if OPERATION_NAME.fullmatch(name) is None:
            return OTHER_OPERATION
        if name in self._operations:
            return name
        if len(self._operations) >= MAX_OPERATION_LABELS:
            return OTHER_OPERATION
        self._operations.add(name)
        return name

    async def refresh(self, state: Any) -> None:
        """Read the gauges computed at scrape time from the app's ``state``."""
        hub = getattr(state, "hub", None)
        self.subscriptions_open.set(hub.subscriber_count if hub is not None else 0)
        if hub is not None:
            broker = hub.broker
            self.broker_connected.labels(broker=broker.name).set(1 if broker.healthy else 0)
        graphql = getattr(state, "graphql", None)
        cache = getattr(graphql, "response_cache", None)
        if cache is not None:
            for measure, value in cache.measures().items():
                self.response_cache.labels(measure=measure).set(value)
        engine = getattr(state, "engine", None)
        if engine is not None:
            pool = engine.pool
            checked_out = getattr(pool, "checkedout", None)
            size = getattr(pool, "size", None)
            self.db_pool_checked_out.set(checked_out() if callable(checked_out) else 0)
            self.db_pool_size.set(size() if callable(size) else 0)
        sessions = getattr(state, "sessions", None)
        if sessions is not None:
            await self._refresh_outbox(sessions)
            await self._refresh_event_lag(sessions, hub)

    async def _refresh_outbox(self, sessions: Any) -> None:
        try:
            async with sessions() as session:
                rows = await session.execute(
                    select(OutboxMessage.status, func.count())
                    .where(OutboxMessage.status != OutboxStatus.SENT)
                    .group_by(OutboxMessage.status)
                )
                counts = {status: int(count) for status, count in rows}
                retrying = await session.scalar(
                    select(func.count()).where(
                        OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.attempts > 0
                    )
                )
                oldest = await session.scalar(
                    select(func.min(OutboxMessage.created_at)).where(
                        OutboxMessage.status == OutboxStatus.PENDING
                    )
                )
        except Exception as exc:  # the database is down: say so, keep the scrape working
            logger.warning("metrics: database unavailable (%s)", type(exc).__name__)
            self.database_up.set(0)
            return
        self.database_up.set(1)
        for status in (OutboxStatus.PENDING, OutboxStatus.FAILED):
            self.outbox_mails.labels(status=status.value).set(counts.get(status, 0))
        self.outbox_retrying.set(retrying or 0)
        self.outbox_oldest_pending.set(_age_seconds(oldest))

    async def _refresh_event_lag(self, sessions: Any, hub: Any) -> None:
        """Unread events and the oldest one's age, over the tenants this process follows."""
        feeds = list(getattr(hub, "feeds", {}).values()) if hub is not None else []
        unread = 0
        oldest: dt.datetime | None = None
        try:
            async with sessions() as session:
                for feed in feeds:
                    count, first = (
                        await session.execute(
                            select(func.count(), func.min(Event.occurred_at)).where(
                                Event.tenant_id == feed.tenant_id, Event.seq > feed.last_seq
                            )
                        )
                    ).one()
                    unread += int(count)
                    if first is not None and (oldest is None or first < oldest):
                        oldest = first
        except Exception as exc:  # the database is down: already said by database_up
            logger.debug("metrics: event lag unavailable (%s)", type(exc).__name__)
            return
        self.events_unread.set(unread)
        self.event_lag.set(_age_seconds(oldest))

    def exposition(self) -> bytes:
        """The registry in the Prometheus text format."""
        return generate_latest(self.registry)


def _age_seconds(moment: dt.datetime | None) -> float:
    """Seconds since ``moment`` (stored in UTC, naive on SQLite); 0 for None."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(time.time() - moment.timestamp(), 0.0)


def _loopback_and_direct(request: Request) -> bool:
    client = request.client
    if client is None or client.host not in LOOPBACK:
        return False
    return "x-forwarded-for" not in request.headers and "forwarded" not in request.headers


def _refusal(message: str, code: str, status: int) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status_code=status,
        headers=headers,
    )


async def metrics_endpoint(request: Request) -> Response:
    """``GET /metrics`` in the Prometheus text format (see the module's access rules)."""
    token = request.app.state.settings.metrics_token
    if token:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), token.encode()
        ):
            return _refusal("Jeton de métriques requis.", "UNAUTHENTICATED", 401)
    elif not _loopback_and_direct(request):
        return _refusal(
            "Métriques réservées aux clients locaux (ou définir CRENEAU_METRICS_TOKEN).",
            "FORBIDDEN",
            403,
        )
    metrics: Metrics = request.app.state.metrics
    await metrics.refresh(request.app.state)
    return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)
