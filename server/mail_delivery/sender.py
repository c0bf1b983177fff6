"""The background sender: a delivery round every ``poll_seconds`` until told to stop.

A round that fails (the database or the relay unreachable, …) does not stop the sender: it
retries with exponential backoff (``poll_seconds`` doubled at each failed round, at most
``MAX_BACKOFF_SECONDS``). An outage is logged once: one WARNING line with its reason when
it starts (a traceback only for an error that is not an outage, i.e. a bug), DEBUG lines
while it lasts, one INFO line when delivery works again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.http_errors import DATABASE_UNAVAILABLE_ERRORS
from server.mail_delivery.backends import MailBackend
from server.mail_delivery.delivery import deliver_due_mails
from server.mail_delivery.settings import MailSettings

logger = logging.getLogger("creneau.mail")

MAX_BACKOFF_SECONDS = 60.0


def backoff_seconds(poll_seconds: float, failed_rounds: int) -> float:
    """The wait after ``failed_rounds`` failed rounds in a row: ``poll_seconds`` doubled
    each time, at most ``MAX_BACKOFF_SECONDS``."""
    exponent = min(max(failed_rounds - 1, 0), 20)
    return min(poll_seconds * (1 << exponent), max(MAX_BACKOFF_SECONDS, poll_seconds))


def _reason(exc: BaseException) -> str:
    """An exception on one line: its type and the first line of its message."""
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__


async def run_mail_sender(
    sessions: async_sessionmaker[AsyncSession],
    backend: MailBackend,
    settings: MailSettings,
    stop: asyncio.Event,
) -> None:
    """Deliver the outbox every ``poll_seconds`` until ``stop`` is set.

    The sender outlives any error (see the module docstring for the backoff and its log
    lines). A full batch is followed at once by the next one, so a backlog drains without
    waiting for the poll interval.
    """
    logger.info(
        "mail sender started (%s, every %s s)", type(backend).__name__, settings.poll_seconds
    )
    loop = asyncio.get_running_loop()
    failed_rounds = 0
    down_since = 0.0
    while not stop.is_set():
        backlog = False
        try:
            report = await deliver_due_mails(
                sessions, backend, batch=settings.batch, max_attempts=settings.max_attempts
            )
        except Exception as exc:
            failed_rounds += 1
            wait = backoff_seconds(settings.poll_seconds, failed_rounds)
            if failed_rounds == 1:
                down_since = loop.time()
                if isinstance(exc, DATABASE_UNAVAILABLE_ERRORS):
                    logger.warning(
                        "mail delivery unavailable (%s): retrying with backoff, up to every %s s",
                        _reason(exc),
                        f"{max(MAX_BACKOFF_SECONDS, settings.poll_seconds):g}",
                    )
                else:
                    logger.exception("mail delivery round failed (%s)", _reason(exc))
            else:
                logger.debug(
                    "mail delivery still unavailable after %d rounds (%s): next in %.3g s",
                    failed_rounds,
                    _reason(exc),
                    wait,
                )
        else:
            if failed_rounds:
                logger.info(
                    "mail delivery recovered after %d failed round(s) (%.0f s)",
                    failed_rounds,
                    loop.time() - down_since,
                )
                failed_rounds = 0
            backlog = report.claimed + report.lost >= settings.batch
            wait = settings.poll_seconds
        if backlog:
            continue
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait):
                await stop.wait()
    logger.info("mail sender stopped")
