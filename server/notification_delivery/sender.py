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

from models.notification import NotificationChannel
from server.http_errors import DATABASE_UNAVAILABLE_ERRORS
from server.notification_delivery.channels import Channels
from server.notification_delivery.delivery import deliver_due_messages
from server.notification_delivery.mail_backends import MailBackend
from server.notification_delivery.settings import MailSettings

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
    """The sender of a mail-only worker (no SMS nor push backend), as before issue 16."""
    await run_notification_sender(sessions, Channels(mail=backend), settings, stop)


async def run_notification_sender(
    sessions: async_sessionmaker[AsyncSession],
    channels: Channels,
    settings: MailSettings,
    stop: asyncio.Event,
) -> None:
    """Deliver the outbox (every channel ``channels`` has a backend for) every
    ``poll_seconds`` until ``stop`` is set.

    The sender outlives any error (see the module docstring for the backoff and its log
    lines). A full batch is followed at once by the next one, so a backlog drains without
    waiting for the poll interval. Its pace and retries are the mail settings'
    (``CRENEAU_MAIL_POLL_SECONDS``, ``CRENEAU_MAIL_MAX_ATTEMPTS``): one outbox, one pace.
    """
    # A mail-only worker logs as it always did; one with more channels says so.
    what = "mail" if channels.delivered == (NotificationChannel.MAIL,) else "notification"
    if what == "mail" and channels.mail is not None:
        logger.info(
            "mail sender started (%s, every %s s)",
            type(channels.mail).__name__,
            settings.poll_seconds,
        )
    else:
        logger.info(
            "notification sender started (%s, every %s s)",
            channels.describe(),
            settings.poll_seconds,
        )
    loop = asyncio.get_running_loop()
    failed_rounds = 0
    down_since = 0.0
    while not stop.is_set():
        backlog = False
        try:
            report = await deliver_due_messages(
                sessions, channels, batch=settings.batch, max_attempts=settings.max_attempts
            )
        except Exception as exc:
            failed_rounds += 1
            wait = backoff_seconds(settings.poll_seconds, failed_rounds)
            if failed_rounds == 1:
                down_since = loop.time()
                if isinstance(exc, DATABASE_UNAVAILABLE_ERRORS):
                    logger.warning(
                        "%s delivery unavailable (%s): retrying with backoff, up to every %s s",
                        what,
                        _reason(exc),
                        f"{max(MAX_BACKOFF_SECONDS, settings.poll_seconds):g}",
                    )
                else:
                    logger.exception("%s delivery round failed (%s)", what, _reason(exc))
            else:
                logger.debug(
                    "%s delivery still unavailable after %d rounds (%s): next in %.3g s",
                    what,
                    failed_rounds,
                    _reason(exc),
                    wait,
                )
        else:
            if failed_rounds:
                logger.info(
                    "%s delivery recovered after %d failed round(s) (%.0f s)",
                    what,
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
    logger.info("%s sender stopped", what)
