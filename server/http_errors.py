"""How a refused HTTP request is answered: the GraphQL error shape with an ``extensions.code``,
and the 503 of a database outage (one log line, no traceback), met before execution or
during it (``is_outage_without_data``)."""

from __future__ import annotations

import logging

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
