"""The background sender: a delivery round every ``poll_seconds`` until told to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.mail_delivery.backends import MailBackend
from server.mail_delivery.delivery import deliver_due_mails
from server.mail_delivery.settings import MailSettings

logger = logging.getLogger("creneau.mail")


async def run_mail_sender(
    sessions: async_sessionmaker[AsyncSession],
    backend: MailBackend,
    settings: MailSettings,
    stop: asyncio.Event,
) -> None:
    """Deliver the outbox every ``poll_seconds`` until ``stop`` is set.

    A failing round (database unreachable, …) is logged and retried at the next tick: the
    sender must outlive any single error. A full batch is followed at once by the next
    one, so a backlog drains without waiting for the poll interval.
    """
    logger.info(
        "mail sender started (%s, every %s s)", type(backend).__name__, settings.poll_seconds
    )
    while not stop.is_set():
        backlog = False
        try:
            report = await deliver_due_mails(
                sessions, backend, batch=settings.batch, max_attempts=settings.max_attempts
            )
            backlog = report.claimed + report.lost >= settings.batch
        except Exception:
            logger.exception("mail delivery round failed")
        if backlog:
            continue
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(settings.poll_seconds):
                await stop.wait()
    logger.info("mail sender stopped")
