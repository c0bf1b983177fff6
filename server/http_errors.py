"""How a refused HTTP request is answered: the GraphQL error shape with an ``extensions.code``,
and the 503 of a database outage (one log line, no traceback), met before execution or
during it (``is_outage_without_data``)."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import exc as sa_exc
from starlette.responses import JSONResponse
from strawberry.types import ExecutionResult

logger = logging.getLogger("creneau.server")


def json_error(message: str, code: str, status_code: int) -> JSONResponse:
    """A refused HTTP request, with the same error shape as GraphQL errors."""
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status_code
    )


# What an unreachable database raises: asyncpg's refused or timed-out connections are plain
# OSErrors; SQLAlchemy wraps the driver's own (SQLite: unable to open the file) and its
# pool timeout.
DATABASE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,
)


class ServiceUnavailable(Exception):
    """The database could not be reached (answered with a 503)."""


def service_unavailable(exc: BaseException) -> JSONResponse:
    """The 503 of a database outage, logged on one line without a traceback (an outage
    is not a bug, and it would print one per request)."""
    cause = exc.__cause__ if isinstance(exc, ServiceUnavailable) and exc.__cause__ else exc
    first_line = (str(cause).splitlines() or [""])[0]
    logger.error("database unavailable: %s: %s", type(cause).__name__, first_line)
    return json_error("Service momentanément indisponible.", "SERVICE_UNAVAILABLE", 503)


def is_outage_without_data(result: ExecutionResult) -> bool:
    """Whether execution met a database outage (a ``SERVICE_UNAVAILABLE`` error, see
    schema/__init__.py) and nothing came back: no data, or null for every root field.
    Then the HTTP answer is a 503, like an outage met before execution."""
    errors = result.errors or ()
    if not any((e.extensions or {}).get("code") == "SERVICE_UNAVAILABLE" for e in errors):
        return False
    data = result.data
    return data is None or all(value is None for value in data.values())


# Codes of the errors graphql-core reports without one (Apollo's names).
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
# graphql-core's messages about a variable's value (not about how the document uses it).
VARIABLE_VALUE_MARKERS = ("invalid value", "was not provided", "must not be null")


def _request_error_code(message: str) -> str:
    """The code of an error that stopped a request before execution, from graphql-core's
    message: a syntax error, a variable value that does not fit its type, or else a
    document that does not validate against the schema."""
    if message.startswith("Syntax Error"):
        return PARSE_FAILED
    if message.startswith("Variable '$") and any(
        marker in message for marker in VARIABLE_VALUE_MARKERS
    ):
        return BAD_USER_INPUT
    return VALIDATION_FAILED


def with_error_codes(response: dict[str, Any], request_error: bool) -> dict[str, Any]:
    """``response`` (a GraphQL response body) with an ``extensions.code`` on every error:
    clients branch on codes, never on messages (API conventions).

    graphql-core gives none to syntax, validation and variable errors (``request_error``:
    nothing was executed); an error raised during execution without a code is a refused
    argument no resolver described (masked exceptions already carry
    ``INTERNAL_SERVER_ERROR``), hence ``BAD_USER_INPUT``."""
    errors = response.get("errors")
    for error in errors if isinstance(errors, list) else ():
        if not isinstance(error, dict):
            continue
        extensions = error.get("extensions")
        if not isinstance(extensions, dict):
            extensions = error["extensions"] = {}
        if not extensions.get("code"):
            message = str(error.get("message", ""))
            extensions["code"] = _request_error_code(message) if request_error else BAD_USER_INPUT
    return response


def with_message_error_codes(message: dict[str, Any]) -> dict[str, Any]:
    """A GraphQL-over-WebSocket message with an ``extensions.code`` on every error it
    carries (``with_error_codes``): an ``error`` message (errors before execution: a list on
    graphql-transport-ws, one error on the legacy graphql-ws), or the result of a ``next``
    (legacy: ``data``) message."""
    kind = message.get("type")
    payload = message.get("payload")
    if kind == "error":
        errors = payload if isinstance(payload, list) else [payload]
        with_error_codes({"errors": errors}, request_error=True)
    elif kind in {"next", "data"} and isinstance(payload, dict):
        results = payload.get("errors")
        located = any(isinstance(e, dict) and e.get("path") for e in results or ())
        with_error_codes(payload, request_error=payload.get("data") is None and not located)
    return message
