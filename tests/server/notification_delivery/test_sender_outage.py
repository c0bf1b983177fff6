"""A database outage seen by the mail sender: one WARNING line with its reason (no
traceback), rounds spaced by an exponential backoff instead of one every poll interval,
one INFO line when the database is back, and the waiting mails then go out."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.engine import create_engine, create_session_factory
from models.outbox import OutboxStatus
from server.notification_delivery import MailSettings, run_mail_sender
from server.notification_delivery.sender import MAX_BACKOFF_SECONDS, backoff_seconds
from tests.server.notification_delivery._helpers import SmtpServer, queue_mails, statuses
from tests.server.notification_delivery.test_sender_loop import eventually

UNREACHABLE = "postgresql+asyncpg://nobody@127.0.0.1:1/x"


class Switchable:
    """A session factory on an unreachable database until ``restore()``."""

    def __init__(
        self, down: async_sessionmaker[AsyncSession], up: async_sessionmaker[AsyncSession]
    ) -> None:
        self.down = down
        self.up = up
        self.restored = False
        self.calls = 0

    def __call__(self) -> AsyncSession:
        self.calls += 1
        return self.up() if self.restored else self.down()


@pytest.fixture
async def unreachable() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(UNREACHABLE)
    yield create_session_factory(engine)
    await engine.dispose()


def test_the_backoff_doubles_up_to_a_minute() -> None:
    assert [backoff_seconds(2.0, n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]
    assert backoff_seconds(2.0, 500) == MAX_BACKOFF_SECONDS


async def test_an_outage_is_one_warning_then_one_info_when_it_ends(
    sessions: async_sessionmaker[AsyncSession],
    unreachable: async_sessionmaker[AsyncSession],
    smtp: SmtpServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="creneau.mail")
    await queue_mails(sessions, ["a@example.fr"])
    factory = Switchable(unreachable, sessions)
    stop = asyncio.Event()
    settings = MailSettings(poll_seconds=0.01)
    task = asyncio.create_task(run_mail_sender(factory, smtp.backend(), settings, stop))  # type: ignore[arg-type]
    try:
        await asyncio.sleep(1.5)
        # Without backoff: a round every 10 ms, some 150 of them; with it: 0.01, 0.02, …
        assert 3 <= factory.calls <= 12, factory.calls
        factory.restored = True
        await eventually(lambda: len(smtp.handler.envelopes) == 1, seconds=10)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=5)

    mail_records = [r for r in caplog.records if r.name == "creneau.mail"]
    assert not [r for r in mail_records if r.exc_info or r.levelno >= logging.ERROR]
    warnings = [r for r in mail_records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith("mail delivery unavailable (")
    assert "Connect" in warnings[0].getMessage() or "refused" in warnings[0].getMessage()
    assert "\n" not in warnings[0].getMessage()
    recovered = [r for r in mail_records if "recovered" in r.getMessage()]
    assert len(recovered) == 1
    assert recovered[0].levelno == logging.INFO
    assert set((await statuses(sessions)).values()) == {OutboxStatus.SENT}
