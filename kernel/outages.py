"""Whether an exception means "the database is out of reach" (an outage: answer 503, log one
line) rather than a bug (answer 500, log the traceback).

An outage is a connection that cannot be opened (refused, timed out, name not resolved:
asyncpg raises plain ``OSError``; SQLite cannot open its file), a connection lost on the way
(SQLAlchemy marks the error ``connection_invalidated``; asyncpg's
``ConnectionDoesNotExistError``), a server shutting down or refusing connections
(PostgreSQL's 57P01-57P03, too many connections) or the pool's timeout. A statement the
database refuses (no such table, a syntax error, a constraint) is not one, nor is a file
missing from the documents storage.
"""

from __future__ import annotations

import errno
import socket

from sqlalchemy import exc as sa_exc

# Errors of the network, not of the file system.
_NETWORK_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ENETDOWN,
        errno.ETIMEDOUT,
        errno.EPIPE,
        errno.EADDRNOTAVAIL,
    }
)
# SQLite raises OperationalError for statements it cannot run too: those are bugs.
_STATEMENT_PROBLEMS = ("no such ", "syntax error", "has no column", "already exists")
# asyncpg's errors of a lost or refused connection, by class name (any module version).
_ASYNCPG_OUTAGES = frozenset(
    {
        "ConnectionDoesNotExistError",
        "PostgresConnectionError",
        "ConnectionFailureError",
        "ClientCannotConnectError",
        "ConnectionRejectionError",
        "CannotConnectNowError",
        "AdminShutdownError",
        "CrashShutdownError",
        "TooManyConnectionsError",
    }
)
_MAX_CHAIN = 8


def _is_outage(error: BaseException) -> bool:
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, sa_exc.OperationalError):
        message = str(error.orig if error.orig is not None else error).lower()
        return not any(problem in message for problem in _STATEMENT_PROBLEMS)
    if isinstance(error, sa_exc.TimeoutError):  # the pool's: no connection free in time
        return True
    if isinstance(error, (ConnectionError, TimeoutError, socket.gaierror)):
        return True
    if type(error) is OSError:  # asyncpg's "Multiple exceptions: Connect call failed…"
        return error.errno is None or error.errno in _NETWORK_ERRNOS
    if type(error).__module__.startswith("asyncpg"):
        return any(cls.__name__ in _ASYNCPG_OUTAGES for cls in type(error).__mro__)
    return False


def is_database_outage(error: BaseException) -> bool:
    """Whether ``error``, or an error it was raised from, is a database outage."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < _MAX_CHAIN:
        seen.add(id(current))
        if _is_outage(current):
            return True
        orig = getattr(current, "orig", None) if isinstance(current, sa_exc.DBAPIError) else None
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return False
