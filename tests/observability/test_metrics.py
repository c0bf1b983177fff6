"""``GET /metrics``: Prometheus counters that move with the requests, gauges read at scrape
(outbox, pool, subscriptions, broker), and who may read them (issue 13)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from models.outbox import OutboxStatus
from server.observability.metrics import MAX_OPERATION_LABELS, Metrics
from tests.observability.conftest import AppClient, queue_mail

HELLO = "query Hello { __typename }"


def sample(exposition: str, name: str, **labels: str) -> float | None:
    """The value of one sample of the text exposition (None when absent)."""
    for line in exposition.splitlines():
        if line.startswith("#"):
            continue
        found = re.fullmatch(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)", line)
        if found is None or found[1] != name:
            continue
        pairs = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', found[3] or ""))
        if all(pairs.get(k) == v for k, v in labels.items()):
            return float(found[4])
    return None


async def test_counters_move_with_graphql_requests(app_client: AppClient, tenant: Tenant) -> None:
    async with app_client() as (http, _app):
        before = (await http.get("/metrics")).text
        assert sample(before, "creneau_graphql_requests_total", operation="Hello") is None
        for _ in range(3):
            ok = await http.post(f"/{tenant.slug}/graphql", json={"query": HELLO})
            assert ok.status_code == 200
        await http.post(f"/{tenant.slug}/graphql", json={"query": "query Broken { nope }"})
        await http.post("/no-such-town/graphql", json={"query": HELLO})
        await http.post(f"/{tenant.slug}/graphql", content=b"42")
        await http.request("BREW", "/healthz")
        response = await http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    labels = {"operation": "Hello", "type": "query", "outcome": "ok"}
    assert sample(text, "creneau_graphql_requests_total", **labels) == 3
    assert sample(text, "creneau_graphql_request_duration_seconds_count", operation="Hello") == 3
    assert sample(text, "creneau_graphql_requests_total", operation="Broken", outcome="error") == 1
    # Errors by code: GraphQL ones, and the refusals before GraphQL ran.
    # A validation error: counted under its code, or NO_CODE while it has none.
    validation = [
        sample(text, "creneau_errors_total", code=code)
        for code in ("GRAPHQL_VALIDATION_FAILED", "NO_CODE")
    ]
    assert sum(value or 0 for value in validation) == 1
    assert sample(text, "creneau_errors_total", code="UNKNOWN_TENANT") == 1
    assert sample(text, "creneau_errors_total", code="BAD_REQUEST") == 1
    route = "/{tenant}/graphql"
    assert sample(text, "creneau_http_requests_total", route=route, status="200") == 4
    assert sample(text, "creneau_http_requests_total", route=route, status="404") == 1
    assert sample(text, "creneau_http_request_duration_seconds_count", route=route) == 6
    # A method the client made up does not become a label of its own.
    assert sample(text, "creneau_http_requests_total", route="/healthz", method="OTHER") == 1
    assert 'method="BREW"' not in text


async def test_gauges_read_the_outbox_pool_and_subscriptions_at_scrape(
    app_client: AppClient, tenant: Tenant, session: AsyncSession
) -> None:
    await queue_mail(session, tenant, OutboxStatus.PENDING)
    await queue_mail(session, tenant, OutboxStatus.PENDING, attempts=2, last_error="timeout")
    await queue_mail(session, tenant, OutboxStatus.FAILED, attempts=8, last_error="550")
    await queue_mail(session, tenant, OutboxStatus.SENT)
    async with app_client() as (http, _app):
        text = (await http.get("/metrics")).text
    assert sample(text, "creneau_outbox_mails", status="PENDING") == 2
    assert sample(text, "creneau_outbox_mails", status="FAILED") == 1
    assert sample(text, "creneau_outbox_retrying_mails") == 1
    oldest = sample(text, "creneau_outbox_oldest_pending_seconds")
    assert oldest is not None and 0 <= oldest < 600
    assert sample(text, "creneau_database_up") == 1
    assert sample(text, "creneau_subscriptions_open") == 0
    assert sample(text, "creneau_db_pool_checked_out") is not None
    assert sample(text, "creneau_db_pool_size") is not None


async def test_broker_state_and_open_subscriptions_come_from_the_hub(
    app_client: AppClient, tenant: Tenant
) -> None:
    class Broker:
        name = "redis"
        healthy = False

    class Hub:
        broker = Broker()
        subscriber_count = 7

    async with app_client() as (http, app):
        app.state.hub = Hub()
        text = (await http.get("/metrics")).text
    assert sample(text, "creneau_broker_connected", broker="redis") == 0
    assert sample(text, "creneau_subscriptions_open") == 7


async def test_metrics_are_refused_to_remote_and_forwarded_clients(
    app_client: AppClient,
) -> None:
    async with app_client(client=("203.0.113.9", 40000)) as (http, _app):
        remote = await http.get("/metrics")
    assert remote.status_code == 403
    assert remote.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with app_client() as (http, _app):
        forwarded = await http.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert forwarded.status_code == 403
    assert "creneau_" not in forwarded.text


async def test_a_metrics_token_is_required_when_set(app_client: AppClient) -> None:
    async with app_client(client=("203.0.113.9", 40000), metrics_token="s3cret") as (http, _):
        missing = await http.get("/metrics")
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await http.get("/metrics", headers={"Authorization": "Bearer s3cret"})
    assert missing.status_code == 401 and wrong.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert right.status_code == 200 and "creneau_http_requests_total" in right.text


async def test_metrics_disabled_are_not_served(app_client: AppClient) -> None:
    async with app_client(metrics_enabled=False) as (http, _app):
        assert (await http.get("/metrics")).status_code == 404


def test_operation_labels_are_bounded() -> None:
    metrics = Metrics()
    assert metrics.operation_label(None) == "anonymous"
    assert metrics.operation_label("Bad name; drop") == "other"
    names = [f"Op{i}" for i in range(MAX_OPERATION_LABELS + 50)]
    labels = [metrics.operation_label(name) for name in names]
    assert labels[:MAX_OPERATION_LABELS] == names[:MAX_OPERATION_LABELS]
    assert set(labels[MAX_OPERATION_LABELS:]) == {"other"}
    assert metrics.operation_label("Op0") == "Op0"


@pytest.mark.parametrize(
    ("environ", "enabled"),
    [
        ({}, True),
        ({"CRENEAU_ENV": "production"}, False),
        ({"CRENEAU_ENV": "production", "CRENEAU_METRICS_ENABLED": "true"}, True),
        ({"CRENEAU_METRICS_ENABLED": "off"}, False),
    ],
)
def test_metrics_enabled_setting(
    environ: dict[str, str], enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kernel.settings import Settings

    monkeypatch.setenv("CRENEAU_PAYMENT_SANDBOX_SECRET", "x" * 32)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().metrics_enabled is enabled


async def test_event_lag_counts_what_the_feeds_have_not_read(
    app_client: AppClient, tenant: Tenant, session: AsyncSession
) -> None:
    from sqlalchemy import func, select

    from domain.events import append_event
    from models.event import Event, EventKind

    for subject_id in (1, 2):
        append_event(
            session,
            tenant_id=tenant.id,
            kind=next(iter(EventKind)),
            subject_type="Booking",
            subject_id=subject_id,
        )
    await session.commit()
    found = await session.scalar(select(func.max(Event.seq)))
    assert found is not None
    newest: int = found

    class Feed:
        tenant_id = tenant.id
        last_seq = newest - 2  # two events behind

    hub = SimpleNamespace(
        broker=SimpleNamespace(name="memory", healthy=True),
        subscriber_count=1,
        feeds={tenant.id: Feed()},
    )
    async with app_client() as (http, app):
        app.state.hub = hub
        behind = (await http.get("/metrics")).text
        Feed.last_seq = newest
        caught_up = (await http.get("/metrics")).text
    assert sample(behind, "creneau_events_unread") == 2
    lag = sample(behind, "creneau_event_lag_seconds")
    assert lag is not None and lag >= 0
    assert sample(caught_up, "creneau_events_unread") == 0
    assert sample(caught_up, "creneau_event_lag_seconds") == 0
