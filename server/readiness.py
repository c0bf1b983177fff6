"""``/readyz``: may this instance take traffic? The database answers and is migrated to the
revision the code expects. The body also reports the live-updates broker (``broker``: ``up``,
``down`` or ``in-process``) once the app has started it: a broker that is down does not make
the instance unready, since subscriptions then poll the event log (a slower push, nothing
lost), but it is visible to whoever looks.

``/healthz`` says the process is alive and reaches its database; ``/readyz`` is what a load
balancer or an orchestrator asks before sending requests: a database never migrated (or left
behind by an upgrade that forgot ``creneau migrate``) answers 503 with the reason, instead of
a 500 on every GraphQL request. Each refusal is logged on one line, without a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.migrate import head_revision

logger = logging.getLogger("creneau.server")


async def database_revision(sessions: async_sessionmaker[AsyncSession]) -> str | None:
    """The migration the database is at (None: never migrated). Raises when unreachable."""
    async with sessions() as session:
        await session.execute(text("SELECT 1"))
    try:
        async with sessions() as session:
            found = await session.scalar(text("SELECT version_num FROM alembic_version"))
    except Exception:  # no alembic_version table: the schema was never created
        return None
    return None if found is None else str(found)


def broker_state(state: Any) -> str | None:
    """``up``, ``down`` or ``in-process`` (None before the app's lifespan started its hub)."""
    hub = getattr(state, "hub", None)
    if hub is None:
        return None
    broker = hub.broker
    if broker.name == "memory":
        return "in-process"
    return "up" if broker.healthy else "down"


def _not_ready(reason: str) -> JSONResponse:
    logger.warning("not ready: %s", reason)
    return JSONResponse({"status": "not ready", "reason": reason}, status_code=503)


async def readyz(request: Request) -> Response:
    """200 when the database answers at the expected revision; 503 with the reason else."""
    expected = head_revision()
    try:
        found = await database_revision(request.app.state.sessions)
    except Exception as exc:  # unreachable: any driver or pool error
        first_line = (str(exc).splitlines() or [""])[0]
        return _not_ready(f"database unreachable ({type(exc).__name__}: {first_line})")
    if found is None:
        return _not_ready("database not migrated: run `creneau migrate`")
    if found != expected:
        return _not_ready(f"database at revision {found}, the code expects {expected}")
    body: dict[str, str] = {"status": "ready", "revision": expected}
    broker = broker_state(request.app.state)
    if broker is not None:
        body["broker"] = broker
    return JSONResponse(body)
