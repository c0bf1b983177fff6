"""GraphQL over WebSocket: text frames, keep-alive pings on ``graphql-transport-ws``, and
subscription payloads computed once per group of subscribers (``CRENEAU_SUBSCRIPTION_GROUPS``:
schema/subscription_delivery.py).

With the groups on, each operation of a graphql-transport-ws connection runs with a
``GroupedOperation``: a subscription then sends the shared serialized payload of each
event under its own id (``{"id":…,"type":"next","payload":…}``, the same bytes Strawberry
would write) instead of having Strawberry execute and serialize it for this subscriber.
Everything before the first event (parsing, validation, limits, permissions, arguments)
and every error message stay Strawberry's.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import orjson
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.subscriptions.protocols.graphql_ws.types import StartMessage

from resolvers.context import Context
from schema.subscription_delivery import GROUPED, GroupedOperation
from server.http_errors import with_message_error_codes
from server.rate_limits import RateLimited, RateLimits, client_host
from server.trusted_documents import TrustedDocumentRefused, apply_to_subscribe


class TextWebSocketAdapter(ASGIWebSocketAdapter):
    """Messages as text frames: GraphQL-over-WebSocket clients refuse binary ones (our
    ``encode_json`` returns orjson's bytes)."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


# Time a client has to send ``connection_init`` after the handshake (then: close 4408).
CONNECTION_INIT_TIMEOUT = timedelta(seconds=10)


class KeepAliveTransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws with server pings once the connection is acknowledged, so
    proxies do not close idle subscriptions (clients answer ``pong``)."""

    keep_alive_s: float = 15.0
    _pinger: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self._pinger is None and self.keep_alive_s > 0:
            self._pinger = asyncio.create_task(self._ping())

    async def handle_message(self, message: Any) -> None:
        """A ``subscribe`` may name a trusted document instead of sending it
        (server/trusted_documents.py); one the policy refuses gets an ``error``."""
        policy = getattr(self.view, "trusted_documents", None)
        payload = message.get("payload") if message.get("type") == "subscribe" else None
        if policy is not None and self.connection_acknowledged and isinstance(payload, dict):
            try:
                apply_to_subscribe(policy, payload, self.context.viewer)
            except TrustedDocumentRefused as exc:
                error: Any = [{"message": exc.message, "extensions": {"code": exc.code}}]
                refusal: Any = {"id": message.get("id"), "type": "error", "payload": error}
                await self.send_message(refusal)
                return
        await super().handle_message(message)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        """An operation start takes a token from the address's and the account's rate
        limits (server/rate_limits.py); past one, the operation gets an ``error``."""
        if self.connection_acknowledged and message["id"] not in self.operations:
            refused = await rate_limited(self.view, self.context)
            if refused is not None:
                payload: Any = [refused.error]
                await self.send_message({"id": message["id"], "type": "error", "payload": payload})
                return
        await super().handle_subscribe(message)

    async def run_operation(self, operation: Operation[Context, None]) -> None:
        """Strawberry's operation task; with the subscription groups on, a subscription
        started by it sends each event's shared payload itself (see the module's doc)."""
        settings = getattr(self.view, "settings", None)
        if settings is None or not settings.subscription_groups:
            await super().run_operation(operation)
            return
        variables = operation.variables
        key = (
            operation.query,
            operation.operation_name,
            orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b"",
        )
        prefix = '{"id":' + orjson.dumps(operation.id).decode() + ',"type":"next","payload":'

        async def send(payload: str) -> None:
            if operation.completed:
                return
            # A client gone: the connection's own loop sees it and ends the operation.
            with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
                await self.websocket.ws.send_text(prefix + payload + "}")  # type: ignore[attr-defined]

        GROUPED.set(GroupedOperation(key, variables, send, encode_next_payload))
        await super().run_operation(operation)

    async def _ping(self) -> None:
        with contextlib.suppress(Exception):
            while True:
                await asyncio.sleep(self.keep_alive_s)
                await self.send_message({"type": "ping"})

    async def shutdown(self) -> None:
        if self._pinger is not None:
            self._pinger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pinger
        await super().shutdown()


def encode_next_payload(payload: dict[str, Any]) -> str:
    """A ``next`` message's payload as the WebSocket adapter writes it (error codes
    added: ``CodedTextWebSocketAdapter``)."""
    with_message_error_codes({"type": "next", "payload": payload})
    return orjson.dumps(payload).decode()


async def rate_limited(view: object, context: Context) -> RateLimited | None:
    """Take a token for an operation started over a WebSocket from the view's rate limits
    (the connection's address, then its account); the refusal when one is empty."""
    limits: RateLimits | None = getattr(view, "rate_limits", None)
    if limits is None:
        return None
    try:
        await limits.check_address(client_host(context.request.scope))
        await limits.check_account(context.viewer.tenant_id, context.viewer.account_id)
    except RateLimited as exc:
        return exc
    return None


class RateLimitedGraphQLWSHandler(BaseGraphQLWSHandler[Context, None]):
    """The legacy ``graphql-ws`` protocol, with the same rate limits on ``start``."""

    async def handle_start(self, message: StartMessage) -> None:
        if self.connection_acknowledged:
            refused = await rate_limited(self.view, self.context)
            if refused is not None:
                error: Any = {"type": "error", "id": message["id"], "payload": refused.error}
                await self.send_message(error)
                return
        await super().handle_start(message)


class CodedTextWebSocketAdapter(TextWebSocketAdapter):
    """Text frames whose errors all carry an ``extensions.code``, as over HTTP
    (graphql-core gives none to syntax, validation and variable errors)."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        if isinstance(message, dict):
            message = with_message_error_codes(message)
        await super().send_json(message)
