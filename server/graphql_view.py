"""The GraphQL endpoint: Strawberry's ASGI view with our context, JSON encoding and the
GraphQL-over-HTTP media types.

Clients that accept ``application/graphql-response+json`` (the GraphQL-over-HTTP spec)
get that media type, and a request that could not be executed at all (syntax, validation,
variable coercion) gets a 400 without ``data``; clients asking for ``application/json``
keep the classic 200 behaviour.
"""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from resolvers.context import Context
from server.settings import Settings

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def prefers_graphql_response_json(accept: str | None) -> bool:
    """Whether the Accept header ranks graphql-response+json at least as high as JSON."""
    if not accept:
        return False
    best = {GRAPHQL_RESPONSE_JSON: -1.0, "application/json": -1.0}
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media in ("*/*", "application/*"):
            best["application/json"] = max(best["application/json"], quality)
        elif media in best:
            best[media] = max(best[media], quality)
    return best[GRAPHQL_RESPONSE_JSON] > 0 and (
        best[GRAPHQL_RESPONSE_JSON] >= best["application/json"]
    )


def is_request_error(result: ExecutionResult) -> bool:
    """A request that never executed: no data and only errors without a path."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or ())
    )


class CreneauGraphQL(GraphQL[Context, None]):
    """One instance serves every tenant; the tenant comes from the request's scope."""

    def __init__(
        self,
        schema: Any,
        *,
        settings: Settings,
        sessions: async_sessionmaker[AsyncSession],
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allowed_origins=settings.allowed_origins,
        )
        self.settings = settings
        self.sessions = sessions

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
        request = Request(scope=scope, receive=receive)
        try:
            response = await self.run(request)
        except HTTPException as exc:
            # Malformed HTTP requests (bad JSON, wrong method) get a JSON error body too.
            response = JSONResponse(
                {"errors": [{"message": exc.reason}]}, status_code=exc.status_code
            )
        await response(scope, receive, send)

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

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Drop ``data`` and answer 400 for request errors, for spec-following clients."""
        response = process_result(result)
        if getattr(request.state, "graphql_response_json", False) and is_request_error(result):
            response.pop("data", None)
            request.state.sub_response.status_code = 400
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
        """A fresh context per request: tenant from the path, new loaders, lazy session."""
        context = Context(
            tenant=request.state.tenant,
            settings=self.settings,
            sessions=self.sessions,
            request=request,
            response=response,
        )
        request.scope["state"]["creneau_context"] = context
        return context
