"""Outbox delivery against a real SMTP server (aiosmtpd) and the file backend: mails are
sent once, failures are retried with backoff then given up, concurrent workers never send
the same mail twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.mail import enqueue_mail
from models import OutboxMail
from models.engine import create_engine, create_session_factory
from models.outbox import OutboxStatus
from server.mail_delivery import (
    DeliveryReport,
    FileMailBackend,
    MailSettings,
    OutgoingMail,
    SmtpMailBackend,
    build_backend,
    deliver_due_mails,
    retry_delay,
    run_mail_sender,
)
from tests import factories

SENDER = "nepasrepondre@saint-ismier.example"


# --------------------------------------------------------------------------- SMTP server


class RecordingHandler:
    """An aiosmtpd handler keeping every accepted message; replies can be made to fail."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.data_reply: str | None = None
        self.rcpt_replies: dict[str, str] = {}

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        reply = self.rcpt_replies.get(address)
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.data_reply is not None:
            return self.data_reply
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(envelope.content, policy=policy.default)
            for envelope in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    def __init__(self, handler: RecordingHandler, port: int) -> None:
        self.handler = handler
        self.port = port

    def backend(self) -> SmtpMailBackend:
        return SmtpMailBackend(host="127.0.0.1", port=self.port, timeout=5)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server on 127.0.0.1 and a free port, recording what it accepts."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield SmtpServer(handler, controller.port)
    finally:
        controller.stop()


# --------------------------------------------------------------------------- data


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


async def queue_mails(
    sessions: async_sessionmaker[AsyncSession], recipients: list[str]
) -> list[int]:
    """One committed « accusé d'enregistrement » per recipient, as a domain action would."""
    async with sessions() as session:
        tenant = await factories.make_tenant(
            session,
            name="Mairie de Saint-Ismier",
            service_name="Le service enfance jeunesse et scolaire",
            mail_from=f"Espace Famille Saint-Ismier <{SENDER}>",
        )
        ids = []
        for n, to in enumerate(recipients):
            mail = await enqueue_mail(
                session,
                tenant_id=tenant.id,
                to=to,
                template="change_request_received",
                context={
                    "tenant": tenant,
                    "recipient_name": "M. Matthieu BLMAN",
                    "request_label": "Ajout de réservation – 1/Péri MATIN",
                    "reference": 17_378_981 + n,
                    "created_at": dt.datetime(2019, 4, 4, 7, 14, tzinfo=dt.UTC),
                    "portal_url": "https://portail.example/saint-ismier/accueil",
                },
            )
            ids.append(mail.id)
        await session.commit()
    return ids


async def load(sessions: async_sessionmaker[AsyncSession], mail_id: int) -> OutboxMail:
    async with sessions() as session:
        return (
            await session.execute(select(OutboxMail).where(OutboxMail.id == mail_id))
        ).scalar_one()


async def statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[int, OutboxStatus]:
    async with sessions() as session:
        rows = await session.execute(select(OutboxMail.id, OutboxMail.status))
        return {row.id: row.status for row in rows}


def read_eml_files(directory: Path) -> list[tuple[str, EmailMessage]]:
    """Every file the file backend wrote, parsed (and nothing else lying around)."""
    found = []
    for path in sorted(directory.iterdir()):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        found.append((path.name, message))
    return found


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
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
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
        reports = []
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


# --------------------------------------------------------------------------- file backend


async def test_the_file_backend_writes_a_parseable_eml(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    [mail_id] = await queue_mails(sessions, ["matthieu.blman@example.fr"])
    directory = tmp_path / "var" / "mail"

    with caplog.at_level(logging.INFO, logger="creneau.mail"):
        report = await deliver_due_mails(sessions, FileMailBackend(directory))

    assert report == DeliveryReport(sent=(mail_id,))
    [(name, message)] = read_eml_files(directory)
    assert re.fullmatch(rf"\d{{8}}T\d{{12}}Z-{mail_id}\.eml", name)
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["To"] == "matthieu.blman@example.fr"
    assert message["Subject"] == "Accusé d'enregistrement électronique – demande n° 17 378 981"
    assert message["Message-ID"].startswith(f"<outbox.{mail_id}.")
    assert message["Date"].datetime.tzinfo is not None
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert "est en cours d'instruction" in message.get_body(("plain",)).get_content()
    assert "<!DOCTYPE html>" in message.get_body(("html",)).get_content()
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any(
        "matthieu.blman@example.fr" in line and "Accusé d'enregistrement électronique" in line
        for line in lines
    )
    assert (await load(sessions, mail_id)).status is OutboxStatus.SENT


async def test_a_bare_sender_address_gets_the_tenants_name(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    tenant = await factories.make_tenant(
        session, name="Mairie de Crolles", mail_from="nepasrepondre@crolles.example"
    )
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to="parent@example.fr",
        template="password_reset",
        context={"recipient_name": None, "reset_url": "https://x.example/r", "valid_minutes": 60},
    )
    await session.commit()

    await deliver_due_mails(sessions, FileMailBackend(tmp_path / "mail"))

    [(_, message)] = read_eml_files(tmp_path / "mail")
    assert str(message["From"]) == "Mairie de Crolles <nepasrepondre@crolles.example>"


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
    await queue_mails(sessions, ["a@example.fr"])
    flaky = FlakySessions(sessions)
    settings = MailSettings(poll_seconds=0.05)

    task = asyncio.create_task(run_mail_sender(flaky, smtp.backend(), settings, stop))  # type: ignore[arg-type]
    await eventually(lambda: len(smtp.handler.envelopes) == 1)
    await queue_mails(sessions, ["b@example.fr"])
    await eventually(lambda: len(smtp.handler.envelopes) == 2)
    stop.set()
    await asyncio.wait_for(task, timeout=5)

    assert "mail delivery round failed" in caplog.text
    assert set((await statuses(sessions)).values()) == {OutboxStatus.SENT}


# --------------------------------------------------------------------------- settings


def test_mail_settings_defaults_and_environment() -> None:
    defaults = MailSettings.from_env({})
    assert defaults == MailSettings()
    assert defaults.backend == "file"
    assert defaults.mail_dir == Path("var/mail")
    assert (defaults.smtp_host, defaults.smtp_port, defaults.smtp_starttls) == (
        "127.0.0.1",
        25,
        False,
    )
    assert (defaults.poll_seconds, defaults.max_attempts) == (2.0, 8)
    assert isinstance(build_backend(defaults), FileMailBackend)

    settings = MailSettings.from_env(
        {
            "CRENEAU_MAIL_BACKEND": "smtp",
            "CRENEAU_VAR_DIR": "/srv/creneau",
            "CRENEAU_SMTP_HOST": "smtp.example",
            "CRENEAU_SMTP_PORT": "587",
            "CRENEAU_SMTP_USERNAME": "creneau",
            "CRENEAU_SMTP_PASSWORD": "s3cret",
            "CRENEAU_SMTP_STARTTLS": "1",
            "CRENEAU_MAIL_POLL_SECONDS": "0.5",
            "CRENEAU_MAIL_MAX_ATTEMPTS": "3",
        }
    )
    assert settings.mail_dir == Path("/srv/creneau/mail")
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "smtp.example",
        587,
        True,
    )
    assert (settings.smtp_username, settings.smtp_password) == ("creneau", "s3cret")
    assert (settings.poll_seconds, settings.max_attempts) == (0.5, 3)
    assert "s3cret" not in repr(settings)
    backend = build_backend(settings)
    assert isinstance(backend, SmtpMailBackend)
    assert (backend.host, backend.port, backend.start_tls) == ("smtp.example", 587, True)


@pytest.mark.parametrize(
    "environ",
    [
        {"CRENEAU_MAIL_BACKEND": "sendmail"},
        {"CRENEAU_SMTP_PORT": "smtp"},
        {"CRENEAU_SMTP_PORT": "70000"},
        {"CRENEAU_SMTP_STARTTLS": "yes"},
        {"CRENEAU_MAIL_POLL_SECONDS": "0"},
        {"CRENEAU_MAIL_MAX_ATTEMPTS": "0"},
    ],
)
def test_mail_settings_refuse_malformed_values(environ: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="CRENEAU_"):
        MailSettings.from_env(environ)


def test_retry_delays_double_up_to_six_hours() -> None:
    minutes = [retry_delay(n) / dt.timedelta(minutes=1) for n in range(1, 12)]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]
    assert retry_delay(10_000) == dt.timedelta(hours=6)
