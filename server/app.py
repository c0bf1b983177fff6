"""The ASGI application: ``/healthz`` (alive), ``/readyz`` (database migrated to head),
``/{tenant}/graphql`` (HTTP and WebSocket), ``/{tenant}/documents/{id}`` (document
downloads), ``/{tenant}/invoices/{id}.pdf`` (invoices), ``/{tenant}/children/{id}/planning.ics``
(a child's planning as iCalendar), ``/static/graphiql/…`` (GraphiQL's own assets),
``/{tenant}/app/…`` (the parents' and staff web app, server/web_app.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

from kernel.settings import Settings
from kernel.storage import DocumentStorage, LocalDocumentStorage
from kernel.tenancy import TenantDirectory
from models.engine import create_engine, create_session_factory, read_gate
from schema import build_schema
from server.document_download import DocumentDownload
from server.gc_policy import install_pause_log, run_gc_policy
from server.graphiql import graphiql_assets
from server.graphql_view import CreneauGraphQL
from server.http_errors import DATABASE_UNAVAILABLE_ERRORS, service_unavailable
from server.http_requests import ForwardedClient
from server.invoice_download import InvoiceDownload
from server.notification_delivery import (
    MailSettings,
    SmsSettings,
    build_channels,
    run_notification_sender,
)
from server.observability.graphql_extension import observed
from server.observability.metrics import Metrics, metrics_endpoint
from server.observability.requests import RequestObservability
from server.payment_sandbox import payment_routes
from server.planning_ical import PlanningCalendar
from server.readiness import readyz
from server.reminders_loop import start_reminders
from server.report_csv import ReportCsv
from server.web_app import web_app_routes
from subscriptions.brokers import build_broker
from subscriptions.hub import Hub, install_hub

logger = logging.getLogger("creneau.server")

UNKNOWN_TENANT_CLOSE_CODE = 4404
TRY_AGAIN_LATER_CLOSE_CODE = 1013
# What browsers on CRENEAU_ALLOWED_ORIGINS may send cross-origin (x-creneau-csrf and
# apollo-require-preflight: the CSRF header of uploads, see server/graphql_view.py).
CORS_METHODS = ("GET", "POST", "OPTIONS")
CORS_HEADERS = ("Authorization", "Content-Type", "X-Creneau-Csrf", "Apollo-Require-Preflight")


def cors_middleware(settings: Settings) -> Middleware:
    """CORS for the origins also allowed to open WebSockets (bearer tokens, no cookies:
    credentials are not allowed)."""
    return Middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=CORS_METHODS,
        allow_headers=CORS_HEADERS,
        expose_headers=("Retry-After",),  # a 429's wait, readable by the front end
    )


class TenantEndpoint:
    """Resolves ``{tenant}`` from the path, then hands the request to the GraphQL view.

    An unknown tenant gets a 404 with a JSON body (HTTP) or a close before accept
    (WebSocket), without touching the GraphQL machinery.
    """

    def __init__(self, tenants: TenantDirectory, graphql: CreneauGraphQL) -> None:
        self.tenants = tenants
        self.graphql = graphql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        slug = scope["path_params"]["tenant"]
        try:
            tenant = await self.tenants.get(slug)
        except DATABASE_UNAVAILABLE_ERRORS as exc:
            refusal = service_unavailable(exc)
            if scope["type"] == "websocket":
                await WebSocket(scope, receive, send).close(code=TRY_AGAIN_LATER_CLOSE_CODE)
                return
            await refusal(scope, receive, send)
            return
        if tenant is None:
            if scope["type"] == "websocket":
                await WebSocket(scope, receive, send).close(code=UNKNOWN_TENANT_CLOSE_CODE)
                return
            response = JSONResponse(
                {
                    "errors": [
                        {
                            "message": f"Collectivité inconnue : « {slug} ».",
                            "extensions": {"code": "UNKNOWN_TENANT"},
                        }
                    ]
                },
                status_code=404,
            )
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["tenant"] = tenant
        await self.graphql(scope, receive, send)


async def healthz(request: Request) -> Response:
    """Liveness and database reachability, for load balancers and the e2e harness."""
    from sqlalchemy import text

    sessions = request.app.state.sessions
    try:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not healthy": one log line, no traceback
        first_line = (str(exc).strip().splitlines() or [""])[0]
        logger.warning("health check failed: %s: %s", type(exc).__name__, first_line)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def create_app(
    settings: Settings | None = None, *, document_storage: DocumentStorage | None = None
) -> Starlette:
    """Build the application; the database engine lives as long as the app. Documents are
    stored under ``settings.documents_path`` unless another storage is given."""
    settings = settings or Settings.from_env()
    storage = document_storage or LocalDocumentStorage(settings.documents_path)
    engine = create_engine(settings.database_url, echo=settings.sql_echo)
    sessions = create_session_factory(engine)
    tenants = TenantDirectory(sessions)
    graphql = CreneauGraphQL(
        observed(build_schema(settings)),
        settings=settings,
        sessions=sessions,
        read_gate=read_gate(settings.database_url, settings.request_concurrency),
    )
    metrics = Metrics()
    endpoint = TenantEndpoint(tenants, graphql)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        # Live updates: the hub wakes subscriptions on commit; the broker across processes.
        hub = Hub(
            sessions, build_broker(settings.broker_url), fallback_poll_s=settings.events_poll_s
        )
        await hub.start()
        install_hub(hub)
        app.state.hub = hub
        sender: asyncio.Task[None] | None = None
        reminders: asyncio.Task[None] | None = None
        collector = (
            asyncio.create_task(run_gc_policy(lambda: hub.subscriber_count, stop))
            if settings.gc_freeze
            else None
        )
        stop_pause_log = install_pause_log()
        if settings.mail_sender_in_process:
            mail_settings = MailSettings.from_env()
            channels = build_channels(
                mail_settings,
                SmsSettings.from_env(),
                vapid_private_key=settings.vapid_private_key,
                vapid_subject=settings.vapid_subject,
            )
            sender = asyncio.create_task(
                run_notification_sender(sessions, channels, mail_settings, stop)
            )
            reminders = start_reminders(sessions, stop)  # where the outbox is delivered
        try:
            yield
        finally:
            stop.set()
            if sender is not None:
                await sender
            if reminders is not None:
                await reminders
            if collector is not None:
                await collector
            stop_pause_log()
            install_hub(None)
            await hub.stop()
            await graphql.rate_limits.close()
            await engine.dispose()

    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            *(
                [Route("/metrics", metrics_endpoint, methods=["GET"])]
                if settings.metrics_enabled
                else []
            ),
            Route("/{tenant}/graphql", endpoint),
            WebSocketRoute("/{tenant}/graphql", endpoint),
            Route(
                "/{tenant}/documents/{document_id}",
                DocumentDownload(tenants, sessions, storage),
                methods=["GET"],
            ),
            Route(
                "/{tenant}/invoices/{invoice_id}.pdf",
                InvoiceDownload(tenants, sessions),
                methods=["GET"],
            ),
            Route(
                "/{tenant}/children/{child_id}/planning.ics",
                PlanningCalendar(tenants, sessions, settings),
                methods=["GET"],
            ),
            Route(
                "/{tenant}/reports/{name}.csv",
                ReportCsv(tenants, sessions, settings),
                methods=["GET"],
            ),
            *payment_routes(tenants, sessions, settings),
            *web_app_routes(tenants, settings),
            graphiql_assets(),
        ],
        middleware=[
            Middleware(ForwardedClient, trusted_proxies=settings.trusted_proxies),
            Middleware(RequestObservability, metrics=metrics),
            cors_middleware(settings),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.metrics = metrics
    app.state.rate_limits = graphql.rate_limits
    app.state.graphql = graphql
    app.state.read_gate = graphql.read_gate
    app.state.sessions = sessions
    app.state.tenants = tenants
    app.state.document_storage = storage
    return app
