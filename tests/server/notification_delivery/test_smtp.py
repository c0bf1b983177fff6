"""Outbox delivery against a real SMTP server (aiosmtpd): mails are sent once, failures are
retried with backoff then given up, concurrent workers never send the same mail twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.engine import create_engine, create_session_factory
from models.outbox import OutboxStatus
from server.notification_delivery import (
    DeliveryReport,
    OutgoingMail,
    SmtpMailBackend,
    deliver_due_mails,
)
from tests.server.notification_delivery._helpers import (
    SENDER,
    SmtpServer,
    body_of,
    free_port,
    load,
    queue_mails,
    statuses,
)


def soon() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)


# --------------------------------------------------------------------------- delivery


async def test_a_due_mail_is_delivered_over_smtp_and_marked_sent(
    sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    [mail_id] = await queue_mails(sessions, ["matthieu.blman@example.fr"])

    report = await deliver_due_mails(sessions, smtp.backend())

    assert report == DeliveryReport(sent=(mail_id,))
    [envelope] = smtp.handler.envelopes
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == ["matthieu.blman@example.fr"]
    [message] = smtp.handler.messages()
    assert message["Subject"] == "Accusé d'enregistrement électronique – demande n° 17 378 981"
    assert message["From"].addresses[0].display_name == "Espace Famille Saint-Ismier"
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["To"] == "matthieu.blman@example.fr"
    assert message["Date"] is not None
    assert re.fullmatch(
        rf"<outbox\.{mail_id}\.\d{{14}}@saint-ismier\.example>", message["Message-ID"]
    )
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text = body_of(message, "plain")
    html = body_of(message, "html")
    assert "Bonjour M. Matthieu BLMAN," in text
    assert "réalisée le 04/04/2019 à 09:14 est en cours d'instruction" in text
    assert "Ceci est un mail automatique merci de ne pas y répondre." in text
    assert '<html lang="fr">' in html
    assert "Le service enfance jeunesse et scolaire" in html

    row = await load(sessions, mail_id)
    assert row.status is OutboxStatus.SENT
    assert row.sent_at is not None
    assert row.attempts == 0
    # Sent is sent: a later round finds nothing to do.
    again = await deliver_due_mails(sessions, smtp.backend(), now=soon() + dt.timedelta(days=1))
    assert again == DeliveryReport()
    assert len(smtp.handler.envelopes) == 1


async def test_mails_not_yet_due_wait(
    sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    await queue_mails(sessions, ["a@example.fr"])

    report = await deliver_due_mails(
        sessions, smtp.backend(), now=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    )

    assert report == DeliveryReport()
    assert smtp.handler.envelopes == []


async def test_a_temporary_failure_is_retried_with_backoff_then_given_up(
    sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    [mail_id] = await queue_mails(sessions, ["a@example.fr"])
    smtp.handler.data_reply = "451 4.3.0 Temporary failure, try again later"
    backend = smtp.backend()
    now = soon()

    delays = []
    for attempt in range(1, 4):
        report = await deliver_due_mails(sessions, backend, now=now, max_attempts=4)
        assert report == DeliveryReport(retried=(mail_id,))
        row = await load(sessions, mail_id)
        assert row.status is OutboxStatus.PENDING
        assert row.attempts == attempt
        assert row.last_error is not None
        assert "451" in row.last_error
        assert "Temporary failure" in row.last_error
        delays.append(row.next_attempt_at - now)
        # Nothing happens before the retry time.
        early = await deliver_due_mails(
            sessions, backend, now=row.next_attempt_at - dt.timedelta(seconds=1)
        )
        assert early == DeliveryReport()
        now = row.next_attempt_at
    assert delays == [dt.timedelta(minutes=1), dt.timedelta(minutes=2), dt.timedelta(minutes=4)]

    report = await deliver_due_mails(sessions, backend, now=now, max_attempts=4)

    assert report == DeliveryReport(failed=(mail_id,))
    row = await load(sessions, mail_id)
    assert row.status is OutboxStatus.FAILED
    assert row.attempts == 4
    assert row.sent_at is None
    assert smtp.handler.envelopes == []
    # Given up for good: never tried again.
    smtp.handler.data_reply = None
    later = await deliver_due_mails(sessions, backend, now=now + dt.timedelta(days=30))
    assert later == DeliveryReport()
    assert smtp.handler.envelopes == []


async def test_a_mail_retried_later_gets_through(
    sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    [mail_id] = await queue_mails(sessions, ["a@example.fr"])
    smtp.handler.data_reply = "451 4.3.0 Temporary failure"
    now = soon()
    await deliver_due_mails(sessions, smtp.backend(), now=now)

    smtp.handler.data_reply = None
    report = await deliver_due_mails(sessions, smtp.backend(), now=now + dt.timedelta(minutes=1))

    assert report == DeliveryReport(sent=(mail_id,))
    row = await load(sessions, mail_id)
    assert row.status is OutboxStatus.SENT
    assert row.attempts == 1
    assert len(smtp.handler.envelopes) == 1


async def test_an_unreachable_server_is_a_failure_like_any_other(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [mail_id] = await queue_mails(sessions, ["a@example.fr"])
    closed = SmtpMailBackend(host="127.0.0.1", port=free_port(), timeout=5)
    now = soon()

    report = await deliver_due_mails(sessions, closed, now=now, max_attempts=8)

    assert report == DeliveryReport(retried=(mail_id,))
    row = await load(sessions, mail_id)
    assert row.attempts == 1
    assert row.last_error is not None
    assert row.last_error.startswith("SMTPConnectError")
    assert row.next_attempt_at == now + dt.timedelta(minutes=1)


async def test_one_failing_recipient_never_holds_back_the_others(
    sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    ids = await queue_mails(
        sessions, ["a@example.fr", "unknown@example.fr", "busy@example.fr", "b@example.fr"]
    )
    smtp.handler.rcpt_replies = {
        "unknown@example.fr": "550 5.1.1 No such user",
        "busy@example.fr": "452 4.2.2 Mailbox full",
    }

    report = await deliver_due_mails(sessions, smtp.backend(), now=soon())

    assert sorted(report.sent) == [ids[0], ids[3]]
    assert report.failed == (ids[1],)  # a permanent refusal is not retried
    assert report.retried == (ids[2],)
    assert sorted(e.rcpt_tos[0] for e in smtp.handler.envelopes) == ["a@example.fr", "b@example.fr"]
    unknown = await load(sessions, ids[1])
    assert unknown.status is OutboxStatus.FAILED
    assert unknown.last_error is not None
    assert "550" in unknown.last_error
    busy = await load(sessions, ids[2])
    assert busy.status is OutboxStatus.PENDING
    assert busy.last_error is not None
    assert "452" in busy.last_error


class HangingBackend:
    """Hangs forever for one recipient, records the others."""

    def __init__(self, hang_for: str) -> None:
        self.hang_for = hang_for
        self.sent: list[str] = []

    async def send(self, mail: OutgoingMail) -> None:
        if mail.to_address == self.hang_for:
            await asyncio.Event().wait()
        self.sent.append(mail.to_address)


async def test_a_hanging_send_times_out_without_delaying_the_others(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    ids = await queue_mails(sessions, ["slow@example.fr", "a@example.fr", "b@example.fr"])
    backend = HangingBackend("slow@example.fr")

    report = await deliver_due_mails(sessions, backend, concurrency=2, send_timeout=0.2)

    assert sorted(backend.sent) == ["a@example.fr", "b@example.fr"]
    assert sorted(report.sent) == ids[1:]
    assert report.retried == (ids[0],)
    slow = await load(sessions, ids[0])
    assert slow.last_error == "TimeoutError: TimeoutError()"


async def test_concurrent_workers_never_send_the_same_mail_twice(
    database_url: str, sessions: async_sessionmaker[AsyncSession], smtp: SmtpServer
) -> None:
    recipients = [f"parent{n}@example.fr" for n in range(40)]
    ids = await queue_mails(sessions, recipients)
    # A second engine: its own connections, as another worker process would have.
    other_engine = create_engine(database_url)

    async def worker(factory: async_sessionmaker[AsyncSession]) -> list[DeliveryReport]:
        # Small batches, round after round, so the workers keep racing for the same rows.
        reports: list[DeliveryReport] = []
        while True:
            report = await deliver_due_mails(factory, smtp.backend(), batch=7)
            if not report.claimed and not report.lost:
                return reports
            reports.append(report)

    try:
        other_sessions = create_session_factory(other_engine)
        rounds = await asyncio.gather(
            *(worker(f) for f in (sessions, other_sessions, sessions, other_sessions))
        )
    finally:
        await other_engine.dispose()

    reports = [report for worker_rounds in rounds for report in worker_rounds]
    sent = [mail_id for report in reports for mail_id in report.sent]
    assert sorted(sent) == ids
    assert all(not report.retried and not report.failed for report in reports)
    assert sorted(e.rcpt_tos[0] for e in smtp.handler.envelopes) == sorted(recipients)
    message_ids = [m["Message-ID"] for m in smtp.handler.messages()]
    assert len(set(message_ids)) == len(ids)
    assert set((await statuses(sessions)).values()) == {OutboxStatus.SENT}
