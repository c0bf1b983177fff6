"""The GraphQL endpoint: Strawberry's ASGI view with our context, JSON encoding and the
GraphQL-over-HTTP media types.

Clients that accept ``application/graphql-response+json`` (the GraphQL-over-HTTP spec)
get that media type, and a request that could not be executed at all (syntax, validation,
variable coercion) gets a 400 without ``data``; clients asking for ``application/json``
keep the classic 200 behaviour.

Refused before execution, with a JSON error and an ``extensions.code``: a JSON body that is
not an object (``BAD_REQUEST``; batching is off), a JSON body over ``CRENEAU_MAX_BODY_BYTES``
(``PAYLOAD_TOO_LARGE``, 413, on the declared length or counted as it arrives), a subscription
(``SUBSCRIPTION_OVER_HTTP``: they run over WebSocket), a document with several operations
and no ``operationName`` (``BAD_REQUEST``). A database outage met while checking the bearer
token is a 503 ``SERVICE_UNAVAILABLE`` logged on one line. A client past its rate limit (per
address, then per account: server/rate_limits.py) gets a 429 ``RATE_LIMITED`` with
``Retry-After``; over WebSocket, the operation it starts gets an ``error`` message.

File uploads use GraphQL multipart requests. Browsers send ``multipart/form-data`` forms
cross-site without a CORS preflight, so a multipart POST must carry a header no form can
set (``x-creneau-csrf: 1``, or Apollo's ``apollo-require-preflight``): without one it is
refused with a 400 before anything runs (CSRF protection). Its body is capped at
``CRENEAU_MAX_UPLOAD_BYTES`` plus room for the form fields (413 past that).

WebSocket (subscriptions): ``graphql-transport-ws``, and the legacy ``graphql-ws`` when
``CRENEAU_WS_PROTOCOLS`` lists it (another subprotocol: closed with 4406). The viewer is
authenticated at ``connection_init`` from ``authToken`` (an invalid or expired token: close
4403 on graphql-transport-ws, ``connection_error`` on graphql-ws). Browsers may connect
from ``CRENEAU_ALLOWED_ORIGINS`` only (a handshake from another origin is refused with a
403). The server keeps idle connections alive (``ping`` / ``ka`` every
``CRENEAU_WS_KEEP_ALIVE_SECONDS``), and a connection runs at most
``CRENEAU_MAX_SUBSCRIPTIONS_PER_CONNECTION`` operations (one more gets an ``error``).

GraphiQL (development only) loads its scripts and styles from ``/static/graphiql/…``, files
vendored under ``server/static/graphiql/`` (see its README), never from a CDN: the page
renders offline and on an intranet.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, cast

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UnsetType

from kernel.settings import Settings
from kernel.settings_check import refuse_unsafe_production
from kernel.viewer import Viewer, anonymous
from resolvers.context import Context
from server.cached_responses import ServedFromCache, cache_lookup, keep_response
from server.graphiql import offline_graphiql_html
from server.graphql_ws import (
    CONNECTION_INIT_TIMEOUT,
    CodedTextWebSocketAdapter,
    KeepAliveTransportWSHandler,
    RateLimitedGraphQLWSHandler,
)
from server.http_auth import authenticate_bearer, bearer_token
from server.http_errors import (
    ServiceUnavailable,
    is_outage_without_data,
    json_error,
    service_unavailable,
    with_error_codes,
)
from server.http_requests import (
    GRAPHQL_RESPONSE_JSON,
    HTTP_ERROR_CODES,
    MULTIPART_OVERHEAD_BYTES,
    NOT_AN_OBJECT_MESSAGE,
    SEVERAL_OPERATIONS_MESSAGE,
    SUBSCRIPTION_OVER_HTTP_MESSAGE,
    RequestBodyTooLarge,
    RequestRefused,
    body_too_large,
    capped_receive,
    has_several_operations,
    is_multipart_post,
    is_request_error,
    multipart_refusal,
    prefers_graphql_response_json,
)
from server.rate_limits import RateLimited, RateLimits, client_host
from server.response_cache import ResponseCache
from server.trusted_documents import TrustedDocuments, apply_to_http


class CreneauGraphQL(GraphQL[Context, None]):
    """One instance serves every tenant; the tenant comes from the request's scope."""

    websocket_adapter_class = CodedTextWebSocketAdapter
    graphql_ws_handler_class = RateLimitedGraphQLWSHandler

    def __init__(
        self,
        schema: Any,
        *,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
        rate_limits: RateLimits | None = None,
        read_gate: asyncio.Semaphore | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allowed_origins=settings.allowed_origins,
            multipart_uploads_enabled=True,
            subscription_protocols=settings.ws_protocols,
            keep_alive=settings.ws_keep_alive_s > 0,
            keep_alive_interval=settings.ws_keep_alive_s,
            connection_init_wait_timeout=CONNECTION_INIT_TIMEOUT,
            max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
        )
        handler = type(
            "CreneauTransportWSHandler",
            (KeepAliveTransportWSHandler,),
            {"keep_alive_s": settings.ws_keep_alive_s},
        )
        self.graphql_transport_ws_handler_class = handler
        self.settings = settings
        self.sessions = sessions
        self.read_gate = read_gate  # HTTP requests only: a WebSocket lives for hours
        self.rate_limits = rate_limits or RateLimits.of(settings)
        refuse_unsafe_production(settings, os.environ)  # kernel/settings_check.py
        self.trusted_documents = TrustedDocuments.of(settings)  # reads the manifest
        self.response_cache = ResponseCache.of_megabytes(settings.response_cache_mb)
        self._graphiql_html = offline_graphiql_html() if settings.is_development else ""

    def should_render_graphql_ide(self, request: Any) -> bool:
        """Not for a GET naming a trusted document instead of a ``query``."""
        ide = super().should_render_graphql_ide(request)
        return ide and "documentId" not in request.query_params

    @property
    def graphql_ide_html(self) -> str:
        """GraphiQL without a CDN (see ``offline_graphiql_html``)."""
        return self._graphiql_html

    def encode_json(self, data: object) -> bytes:
        """orjson: several times faster than the standard library on large responses."""
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        """orjson for request bodies too (its errors subclass json's, which become a 400)."""
        return orjson.loads(data)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.setdefault("state", {})
        try:
            if scope["type"] == "http":
                await self._serve_http(scope, receive, send)
            else:
                await super().__call__(scope, receive, send)
        finally:
            context: Context | None = state.get("creneau_context")
            if context is not None:
                await context.close()

    async def _serve_http(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.rate_limits.check_address(client_host(scope))
        except RateLimited as exc:
            await exc.response()(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        multipart = is_multipart_post(request)
        if multipart:
            refusal = multipart_refusal(request, self.settings)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
            limit = self.settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES
            request = Request(scope=scope, receive=capped_receive(receive, limit))
        elif request.method == "POST":
            # JSON bodies: refused on their declared length, else counted as they arrive.
            limit = self.settings.max_body_bytes
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                await body_too_large(self.settings, multipart=multipart)(scope, receive, send)
                return
            request = Request(scope=scope, receive=capped_receive(receive, limit))
        try:
            if request.method == "POST" and not multipart:
                # The whole JSON body first (capped above), then the token check on the
                # request's session: no connection is held while a slow client sends.
                await request.body()
            response = keep_response(self.response_cache, request, await self.run(request))
        except ServedFromCache as exc:
            response = exc.response(request)
        except HTTPException as exc:
            # Malformed HTTP requests (bad JSON, wrong method) get a JSON error body too.
            code = HTTP_ERROR_CODES.get(exc.status_code, "BAD_REQUEST")
            response = json_error(exc.reason, code, exc.status_code)
        except StarletteHTTPException as exc:
            # Malformed multipart bodies (Starlette's parser: no boundary, bad parts).
            code = HTTP_ERROR_CODES.get(exc.status_code, "BAD_REQUEST")
            message = f"Requête multipart invalide ({exc.detail})."
            response = json_error(message, code, exc.status_code)
        except RequestRefused as exc:
            response = json_error(exc.message, exc.code, exc.status_code)
        except ServiceUnavailable as exc:
            response = service_unavailable(exc)
        except RateLimited as exc:
            response = exc.response()
        except RequestBodyTooLarge:
            response = body_too_large(self.settings, multipart=multipart)
        finally:
            # Uploaded files are spooled to temporary files: release them now.
            await request.close()
        await response(scope, receive, send)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """Refuse a JSON body that is not an object (a scalar, or an array: batching is
        off) before Strawberry reads it as one."""
        if request.method == "POST":
            media, _ = parse_content_type(request.content_type or "")
            if "application/json" in media:
                body = await request.get_body()
                if isinstance(body, str):
                    body = body.encode()
                if body.lstrip(b" \t\r\n")[:1] != b"{":
                    raise RequestRefused(NOT_AN_OBJECT_MESSAGE, "BAD_REQUEST")
        return await super().parse_http_body(request)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Strawberry's, except that subscriptions are refused (they run over WebSocket)
        and a document with several operations needs ``operationName`` (the spec's rule;
        Strawberry would run the first one)."""
        request_data = await apply_to_http(
            self.trusted_documents, request_adapter, request_data, context.viewer
        )
        method = request_adapter.method
        allowed = OperationType.from_http(method) - {OperationType.SUBSCRIPTION}
        if method == "GET" and not self.allow_queries_via_get:
            allowed -= {OperationType.QUERY}
        if request_data.operation_name is None and has_several_operations(
            request_data.query, self.settings.max_tokens
        ):
            raise RequestRefused(SEVERAL_OPERATIONS_MESSAGE, "BAD_REQUEST")
        key = await cache_lookup(self.response_cache, request, context, request_data)
        try:
            result = await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.SUBSCRIPTION:
                raise RequestRefused(
                    SUBSCRIPTION_OVER_HTTP_MESSAGE, "SUBSCRIPTION_OVER_HTTP"
                ) from exc
            raise HTTPException(400, exc.as_http_error_reason(method)) from exc
        except CannotGetOperationTypeError as exc:
            name = request_data.operation_name
            message = (
                f"Aucune opération nommée « {name} » dans le document."
                if name is not None
                else "Aucune opération à exécuter dans le document."
            )
            raise RequestRefused(message, "BAD_REQUEST") from exc
        except MissingQueryError as exc:
            raise RequestRefused(
                "Aucune requête GraphQL (« query ») dans la requête.", "BAD_REQUEST"
            ) from exc
        if key is not None and not result.errors:
            request.state.response_cache_key = key  # kept once sent as a 200 (_serve_http)
        return result

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, str]:
        """The ``operations`` field of an upload must be one JSON object too."""
        operations = await super().parse_multipart(request)
        if not isinstance(operations, dict):
            raise RequestRefused(NOT_AN_OBJECT_MESSAGE, "BAD_REQUEST")
        return operations

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        """Remember, per request, which media type the client prefers."""
        sub_response = await super().get_sub_response(request)
        if isinstance(request, Request):
            wanted = prefers_graphql_response_json(request.headers.get("accept"))
            request.state.graphql_response_json = wanted
            request.state.sub_response = sub_response
            if wanted:
                sub_response.media_type = GRAPHQL_RESPONSE_JSON
        return sub_response

    async def _authenticate(self, tenant_id: int, token: str) -> Viewer:
        return await authenticate_bearer(self.sessions, tenant_id, token)

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """WebSocket authentication at ``connection_init`` (``authToken``)."""
        params = context.connection_params or {}
        token = params.get("authToken") if isinstance(params, dict) else None
        if token is not None:
            if not isinstance(token, str):
                raise ConnectionRejectionError({"message": "authToken invalide."})
            try:
                context.viewer = await self._authenticate(context.tenant.id, token)
            except HTTPException as exc:
                raise ConnectionRejectionError({"message": exc.reason}) from exc
            except ServiceUnavailable as exc:
                service_unavailable(exc)
                message = "Service momentanément indisponible."
                raise ConnectionRejectionError({"message": message}) from exc
        return {"authenticated": not context.viewer.is_anonymous}

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Drop ``data`` and answer 400 for request errors, for spec-following clients;
        answer 503 when a database outage left nothing to return."""
        response = process_result(result)
        with_error_codes(cast(dict[str, Any], response), is_request_error(result))
        if getattr(request.state, "graphql_response_json", False) and is_request_error(result):
            response.pop("data", None)
            request.state.sub_response.status_code = 400
        elif is_outage_without_data(result):
            request.state.sub_response.status_code = 503
        return response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """Answer with the media type the client asked for."""
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE_JSON:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        """A fresh context per request: tenant from the path, viewer from the bearer token
        (WebSocket: from ``connection_init``), new loaders, lazy session."""
        tenant = request.state.tenant
        context = Context(
            tenant=tenant,
            settings=self.settings,
            sessions=self.sessions,
            viewer=anonymous(tenant.id),
            request=request,
            response=response,
            read_gate=self.read_gate if isinstance(request, Request) else None,
        )
        # Registered first: the request's session is closed whatever happens next.
        request.scope["state"]["creneau_context"] = context
        if isinstance(request, Request):
            token = bearer_token(request.headers.get("authorization"))
            if token is not None:
                # An upload is still arriving: its token check takes a connection of its own
                # for that statement only; the request's reads start once it has arrived.
                db = None if is_multipart_post(request) else context.db
                context.viewer = await authenticate_bearer(self.sessions, tenant.id, token, db=db)
            await self.rate_limits.check_account(tenant.id, context.viewer.account_id)
        return context
