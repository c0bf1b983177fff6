"""The mail sender loop survives a failing round (a database restarting) and stops when
asked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.outbox import OutboxStatus
from server.notification_delivery import MailSettings, run_mail_sender
from tests.server.notification_delivery._helpers import SmtpServer, queue_mails, statuses

# --------------------------------------------------------------------------- the sender loop


class FlakySessions:
    """A session factory whose first use fails, as a database restarting would."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions
        self.calls = 0

    def __call__(self) -> AsyncSession:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("database restarting")
        return self.sessions()


async def eventually(condition: Any, seconds: float = 10.0) -> None:
    """Poll a condition set by the SMTP server's thread (no event to await across threads)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


@pytest.fixture
async def stop() -> AsyncIterator[asyncio.Event]:
    event = asyncio.Event()
    yield event
    event.set()


async def test_the_sender_loop_survives_errors_and_stops_when_asked(
    sessions: async_sessionmaker[AsyncSession],
    smtp: SmtpServer,
    stop: asyncio.Event,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="creneau.mail")
    await queue_mails(sessions, ["a@example.fr"])
    flaky = FlakySessions(sessions)
    settings = MailSettings(poll_seconds=0.05)

    task = asyncio.create_task(run_mail_sender(flaky, smtp.backend(), settings, stop))  # type: ignore[arg-type]
    await eventually(lambda: len(smtp.handler.envelopes) == 1)
    await queue_mails(sessions, ["b@example.fr"])
    await eventually(lambda: len(smtp.handler.envelopes) == 2)
    stop.set()
    await asyncio.wait_for(task, timeout=5)

    assert "mail delivery unavailable (ConnectionError: database restarting)" in caplog.text
    assert "mail delivery recovered after 1 failed round(s)" in caplog.text
    assert set((await statuses(sessions)).values()) == {OutboxStatus.SENT}
