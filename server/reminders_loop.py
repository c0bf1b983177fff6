"""The reminders loop: every ``INTERVAL_SECONDS``, each tenant's reminder rules are run.

It runs where the outbox is delivered — beside the sender in the server process (default)
or in ``creneau worker`` — and ``creneau reminders run`` runs one round by hand. Each tenant
is one transaction: a tenant whose round fails (a bug, the database gone) is logged and the
others still get theirs; the next round tries again. Running twice, or in two processes at
once, sends nothing twice: every reminder has a dedupe key unique in the database
(``domain.reminders``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.reminders.runner import RunReport, run_reminders
from models import Tenant
from models.base import utcnow

logger = logging.getLogger("creneau.reminders")

# Every rule fires on a day (the day before a deadline, five days before a due date), so a
# quarter of an hour is plenty; a round reads little when nothing is due.
INTERVAL_SECONDS = 900.0


@dataclass
class Round:
    """One round over the tenants: each tenant's report, and the tenants that failed."""

    reports: dict[str, RunReport] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


async def run_round(
    sessions: async_sessionmaker[AsyncSession],
    now: dt.datetime,
    *,
    tenant_slug: str | None = None,
) -> Round:
    """Run the reminder rules at ``now`` for every tenant (or the one called
    ``tenant_slug``), one transaction each."""
    async with sessions() as session:
        query = select(Tenant.id, Tenant.slug).order_by(Tenant.id)
        if tenant_slug is not None:
            query = query.where(Tenant.slug == tenant_slug)
        tenants = (await session.execute(query)).all()
    result = Round()
    for tenant_id, slug in tenants:
        try:
            async with sessions() as session, session.begin():
                tenant = await session.get(Tenant, tenant_id)
                if tenant is None:  # deleted since the list was read
                    continue
                result.reports[slug] = await run_reminders(session, tenant, now)
        except Exception as exc:
            logger.exception("reminders of tenant %s failed", slug)
            result.failed[slug] = f"{type(exc).__name__}: {exc}"
    return result


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await stop.wait()


async def run_reminders_loop(
    sessions: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    *,
    interval_seconds: float = INTERVAL_SECONDS,
    first_round_after: float | None = None,
    clock: Callable[[], dt.datetime] = utcnow,
) -> None:
    """A round every ``interval_seconds`` at ``clock()`` until ``stop`` is set; a round that
    fails as a whole (the database unreachable) is logged and retried at the next tick.

    The first round comes ``first_round_after`` seconds after the start (default: one
    interval), so that a process started for a moment — a test server, a restart loop —
    sends nothing; ``creneau reminders run`` is the way to run one at once."""
    logger.info("reminders started (every %g s)", interval_seconds)
    await _wait(stop, interval_seconds if first_round_after is None else first_round_after)
    while not stop.is_set():
        try:
            result = await run_round(sessions, clock())
        except Exception:
            logger.exception("reminders round failed")
        else:
            sent = sum(sum(r.sent.values()) for r in result.reports.values())
            if sent:
                logger.info("reminders sent: %d", sent)
        await _wait(stop, interval_seconds)
    logger.info("reminders stopped")


def start_reminders(
    sessions: async_sessionmaker[AsyncSession], stop: asyncio.Event
) -> asyncio.Task[None]:
    """The reminders loop as a task beside the outbox sender (the server's lifespan, the
    ``creneau worker`` process); it ends once ``stop`` is set."""
    return asyncio.create_task(run_reminders_loop(sessions, stop), name="creneau-reminders")
