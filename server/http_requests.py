"""What the GraphQL endpoint checks in an HTTP request before executing it: multipart uploads
and their CSRF header, the body size, a body that is not an object, subscriptions over
HTTP, several operations without ``operationName``; and the media type the client prefers.
Also the client's address behind trusted reverse proxies (``ForwardedClient``)."""

from __future__ import annotations

import ipaddress
import re

from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.types import ExecutionResult

from domain.documents.files import format_size, too_large_message
from kernel.settings import Settings
from server.http_errors import json_error

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
# Headers a cross-site form cannot send (any non-empty value): one is required on multipart.
CSRF_HEADERS = ("x-creneau-csrf", "apollo-require-preflight")
# Room for the multipart form fields (operations, map) on top of the file size limit.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def is_multipart_post(request: Request) -> bool:
    """A POST whose body is ``multipart/form-data`` (what a cross-site form can send)."""
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower()
    return request.method == "POST" and media == "multipart/form-data"


def has_csrf_header(request: Request) -> bool:
    """Whether the request carries a header that forces a CORS preflight."""
    return any(request.headers.get(name, "").strip() for name in CSRF_HEADERS)


class RequestBodyTooLarge(Exception):
    """A request body went past its limit (answered with a 413)."""


class RequestRefused(Exception):
    """A request refused before execution, answered with a JSON error and its code."""

    def __init__(self, message: str, code: str, status_code: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status_code = status_code


NOT_AN_OBJECT_MESSAGE = (
    "Le corps de la requête doit être un objet JSON contenant « query » ; "
    "les tableaux (requêtes groupées) ne sont pas acceptés."
)


def capped_receive(receive: Receive, limit: int) -> Receive:
    """``receive`` that stops a body once it exceeds ``limit`` bytes, whatever the
    Content-Length said (chunked bodies included), before the parser spools it."""
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise RequestBodyTooLarge
        return message

    return capped


SUBSCRIPTION_OVER_HTTP_MESSAGE = "Les abonnements passent par WebSocket."
SEVERAL_OPERATIONS_MESSAGE = (
    "Le document contient plusieurs opérations : indiquez laquelle exécuter avec « operationName »."
)
# Status codes of the refusals Strawberry raises itself (its messages are in English).
HTTP_ERROR_CODES = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
}
# Only a document naming two operations can hold several (an anonymous one must be alone).
_OPERATION_KEYWORD = re.compile(r"\b(?:query|mutation|subscription)\b")


def has_several_operations(query: str | None, max_tokens: int) -> bool:
    """Whether a document defines more than one operation (then ``operationName`` is
    required). Only documents with two operation keywords are parsed; a document that does
    not parse is left to the schema, which reports the syntax error."""
    if not query or len(_OPERATION_KEYWORD.findall(query)) < 2:
        return False
    try:
        document = parse(query, max_tokens=max_tokens)
    except GraphQLError:
        return False
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return len(operations) > 1


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


class ForwardedClient:
    """ASGI middleware: the client's address behind trusted reverse proxies.

    When the direct peer is one of ``CRENEAU_TRUSTED_PROXIES`` (addresses or CIDR networks),
    the client is the right-most address of ``X-Forwarded-For`` that is not itself a
    trusted proxy (what the last trusted proxy saw; anything left of it the client may have
    written), and ``X-Forwarded-Proto`` gives the scheme. Otherwise both headers are ignored:
    a client cannot choose the address that login throttling counts by sending them.

    Uvicorn's own handling of these headers (which trusts any loopback peer) must be off:
    ``creneau serve`` runs it with ``proxy_headers=False``.
    """

    def __init__(self, app: ASGIApp, trusted_proxies: tuple[str, ...]) -> None:
        self.app = app
        self.networks = tuple(ipaddress.ip_network(p, strict=False) for p in trusted_proxies)

    def is_trusted(self, host: str) -> bool:
        """Whether ``host`` is one of the trusted proxies (a name never is)."""
        try:
            address = ipaddress.ip_address(host.strip().strip("[]"))
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def client_host(self, peer: str, forwarded_for: list[str]) -> str:
        """The client's address for a request from ``peer`` (trusted) with these
        ``X-Forwarded-For`` values."""
        hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
        for hop in reversed([hop for hop in hops if hop]):
            if self.is_trusted(hop):
                continue
            try:
                return str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return peer  # not an address: a misconfigured proxy, keep the peer
        return peer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] in ("http", "websocket") and client and self.networks:
            peer = str(client[0])
            if self.is_trusted(peer):
                headers: list[tuple[bytes, bytes]] = scope["headers"]
                forwarded_for = [v.decode("latin-1") for k, v in headers if k == b"x-forwarded-for"]
                protocols = [v.decode("latin-1") for k, v in headers if k == b"x-forwarded-proto"]
                scope = dict(scope)
                scope["client"] = (self.client_host(peer, forwarded_for), 0)
                proto = protocols[-1].split(",")[-1].strip().lower() if protocols else ""
                if proto in ("http", "https"):
                    websocket = scope["type"] == "websocket"
                    scope["scheme"] = proto.replace("http", "ws") if websocket else proto
        await self.app(scope, receive, send)


def multipart_refusal(request: Request, settings: Settings) -> Response | None:
    """CSRF protection and the early size check of multipart (upload) requests: the error
    response to send, or None when the request may go on."""
    if not has_csrf_header(request):
        return json_error(
            "Requête multipart refusée : l'en-tête « x-creneau-csrf: 1 » est requis "
            "(protection contre la falsification de requêtes inter-sites).",
            "CSRF_HEADER_REQUIRED",
            400,
        )
    declared = request.headers.get("content-length", "")
    limit = settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES
    if declared.isdigit() and int(declared) > limit:
        return json_error(too_large_message(settings.max_upload_bytes), "PAYLOAD_TOO_LARGE", 413)
    return None


def body_too_large(settings: Settings, *, multipart: bool) -> JSONResponse:
    """The 413 of a body past its limit (an upload's limit is the file's)."""
    if multipart:
        message = too_large_message(settings.max_upload_bytes)
    else:
        message = f"Requête trop volumineuse : {format_size(settings.max_body_bytes)} au plus."
    return json_error(message, "PAYLOAD_TOO_LARGE", 413)
