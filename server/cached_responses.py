"""The response cache at the GraphQL endpoint: looking a request up, answering from it,
keeping what was sent, and conditional requests.

``cache_lookup`` runs inside Strawberry's handling, once the viewer is known and the
document read; a hit leaves it as ``ServedFromCache``, which the view turns into the kept
response. ``keep_response`` keeps a successful read once sent. Both give a cacheable read
an ``ETag``; a ``GET`` whose ``If-None-Match`` names the current one gets a ``304`` without
a body (``POST`` has no conditional form in HTTP), so a parent's app asking again for an
unchanged month of planning downloads nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable

from starlette.requests import Request
from starlette.responses import Response
from strawberry.http import GraphQLRequestData

from models.base import utcnow
from models.data_version import data_version
from resolvers.context import Context
from server.http_errors import DATABASE_UNAVAILABLE_ERRORS
from server.observability.graphql_extension import OPERATION
from server.response_cache import CachedResponse, ResponseCache, is_cacheable, response_key

# Only for GET: a viewer's own answer, to be revalidated with its ETag each time.
_GET_CACHE_CONTROL = "private, no-cache"


class ServedFromCache(Exception):
    """Raised from inside Strawberry's request handling when the answer is already kept,
    so the view sends it without executing anything."""

    def __init__(self, cached: CachedResponse) -> None:
        super().__init__("served from the response cache")
        self.cached = cached

    def response(self, request: Request) -> Response:
        """The kept response, as it was sent the first time (``x-creneau-cache: hit``), or
        a ``304`` when a GET already holds it."""
        headers = {"content-type": self.cached.content_type, "x-creneau-cache": "hit"}
        return _conditional(request, Response(self.cached.body, headers=headers), self.cached)


async def cache_lookup(
    cache: ResponseCache | None,
    request: Request,
    context: Context,
    request_data: GraphQLRequestData,
) -> Hashable | None:
    """The key of a request the cache may answer (None: it always runs); raises
    ``ServedFromCache`` when its response is kept. The data version is the one the token
    check read (PostgreSQL), else read now on the request's own session (one more
    statement, for cacheable queries only). When the database cannot answer, the request
    runs and meets the outage as any read."""
    if cache is None or not is_cacheable(
        request_data.query, request_data.operation_name, context.settings.max_tokens
    ):
        return None
    version = context.db.data_version
    if version is None:
        try:
            version = await context.db.run(data_version)
        except DATABASE_UNAVAILABLE_ERRORS:
            return None
    key = response_key(
        viewer=context.viewer,
        data_version=version,
        now=utcnow(),
        method=request.method,
        media_type=request.headers.get("accept", ""),
        query=request_data.query or "",
        operation_name=request_data.operation_name,
        variables=request_data.variables,
    )
    cached = cache.get(key)
    if cached is not None:
        if cached.operation is not None:
            request.scope.setdefault("state", {})[OPERATION] = copy.copy(cached.operation)
        raise ServedFromCache(cached)
    return key


def keep_response(cache: ResponseCache | None, request: Request, response: Response) -> Response:
    """Keep a response the cache may answer next time: a successful read (the key is set
    by the view once the execution had no error) sent with status 200. Returns what to send:
    the response with its ``ETag``, or a ``304`` when a GET already holds it."""
    key = getattr(request.state, "response_cache_key", None)
    body = getattr(response, "body", None)  # a streamed response has none: not kept
    if cache is None or key is None or response.status_code != 200 or not isinstance(body, bytes):
        return response
    content_type = response.headers.get("content-type", "application/json")
    operation = request.scope.get("state", {}).get(OPERATION)
    cached = CachedResponse.of(body, content_type, operation)
    cache.put(key, cached)
    return _conditional(request, response, cached)


def _conditional(request: Request, response: Response, cached: CachedResponse) -> Response:
    """``response`` with its entity tag; a ``304`` (same headers, no body) for a GET whose
    ``If-None-Match`` names it."""
    response.headers["etag"] = cached.etag
    if request.method != "GET":
        return response
    response.headers["cache-control"] = _GET_CACHE_CONTROL
    wanted = request.headers.get("if-none-match", "")
    if cached.etag not in {tag.strip().removeprefix("W/") for tag in wanted.split(",")}:
        return response
    headers = {k: v for k, v in response.headers.items() if k != "content-length"}
    return Response(status_code=304, headers=headers)
