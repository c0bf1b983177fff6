"""The request middleware: a request id on every request (``X-Request-ID``, taken from the
client when it is sane, generated otherwise, echoed in the response), one log line per HTTP
request, and the request metrics.

The log line (logger ``creneau.request``) carries ``request_id``, ``method``, ``path``,
``route``, ``status``, ``duration_ms``, ``tenant`` (the slug, once resolved), and for GraphQL
``operation``, ``operation_type`` and ``outcome`` (``ok`` or the first error's code).
Probes (``/healthz``, ``/readyz``, ``/metrics``) are logged at DEBUG, other requests at INFO.
A request refused before GraphQL ran (413, 400 of a malformed body…) gets the code of its
JSON error body as outcome.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.observability.graphql_extension import OPERATION, REQUEST_ID, OperationOutcome
from server.observability.logging import FIELDS
from server.observability.metrics import Metrics

logger = logging.getLogger("creneau.request")

REQUEST_ID_HEADER = b"x-request-id"
# A client's request id is kept when it is short and plain (it ends up in log lines).
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# Error bodies read for their code: small JSON ones only.
MAX_ERROR_BODY = 8192


def request_id_of(scope: Scope) -> str:
    """The client's ``X-Request-ID`` when sane, else a new random id."""
    headers: list[tuple[bytes, bytes]] = scope.get("headers") or []
    for name, value in headers:
        if name == REQUEST_ID_HEADER:
            candidate = value.decode("latin-1").strip()
            if SANE_REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


def _error_code(body: bytes) -> str | None:
    """The first ``extensions.code`` of a JSON error body, if any."""
    try:
        data = orjson.loads(body)
        code = data["errors"][0]["extensions"]["code"]
    except Exception:  # not JSON, or not our error shape
        return None
    return code if isinstance(code, str) else None


class RequestObservability:
    """ASGI middleware: request id, request log line and metrics (HTTP); request id only
    for WebSocket connections (their operations are long-lived)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        state = scope.setdefault("state", {})
        state[REQUEST_ID] = request_id
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()
        status = 500
        is_json_error = False
        error_body = bytearray()
        header_value = request_id.encode()

        async def send_with_id(message: Message) -> None:
            nonlocal status, is_json_error
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != REQUEST_ID_HEADER
                ]
                headers.append((REQUEST_ID_HEADER, header_value))
                message = {**message, "headers": headers}
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                is_json_error = status >= 400 and b"json" in content_type
            elif (
                message["type"] == "http.response.body"
                and is_json_error
                and len(error_body) < MAX_ERROR_BODY
            ):
                error_body.extend(message.get("body", b"")[:MAX_ERROR_BODY])
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            self._observe(scope, state, status, elapsed, bytes(error_body))

    def _observe(
        self, scope: Scope, state: dict[str, Any], status: int, elapsed: float, error_body: bytes
    ) -> None:
        route_object = scope.get("route")
        route = getattr(route_object, "path", None) or "unmatched"
        method = scope.get("method", "")
        metrics = self.metrics
        # Clients choose the method: unknown ones share one label.
        method_label = method if method in KNOWN_METHODS else "OTHER"
        metrics.http_requests.labels(route=route, method=method_label, status=str(status)).inc()
        metrics.http_duration.labels(route=route).observe(elapsed)

        operation: OperationOutcome | None = state.get(OPERATION)
        outcome: str | None = None
        if operation is not None:
            outcome = operation.outcome
            label = metrics.operation_label(operation.name)
            metrics.graphql_requests.labels(
                operation=label,
                type=operation.type or "unknown",
                outcome="ok" if outcome == "ok" else "error",
            ).inc()
            metrics.graphql_duration.labels(operation=label).observe(elapsed)
            for code in operation.error_codes:
                metrics.errors.labels(code=code).inc()
        elif status >= 400:
            outcome = _error_code(error_body) or f"HTTP_{status}"
            metrics.errors.labels(code=outcome).inc()
        elif route.endswith("/graphql"):
            outcome = "ok"

        tenant = state.get("tenant")
        path = scope.get("path", "")
        fields = {
            "request_id": state.get(REQUEST_ID),
            "method": method,
            "path": path,
            "route": route,
            "status": status,
            "duration_ms": round(elapsed * 1000, 1),
            "tenant": getattr(tenant, "slug", None),
            "operation": operation.name if operation is not None else None,
            "operation_type": operation.type if operation is not None else None,
            "outcome": outcome,
        }
        # INFO even for a 5xx: the failure itself is logged once, where it happened.
        level = logging.DEBUG if path in PROBES else logging.INFO
        logger.log(level, "%s %s %s", method, path, status, extra={FIELDS: fields})
