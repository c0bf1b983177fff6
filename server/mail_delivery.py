"""Delivery of the mail outbox: claim due mails, send them, record the outcome, retry.

``domain.mail.enqueue_mail`` writes mails to ``outbox_mail`` in the transaction of the change
they announce; this module sends them. It runs as a background task of the app (lifespan)
or in ``creneau worker``, possibly in several processes at once, so a mail is *claimed*
before it is sent: a conditional ``UPDATE`` moves its ``next_attempt_at`` forward by a lease,
only if the row still holds the value this worker read. Exactly one worker wins that update
(on PostgreSQL the row lock makes the loser re-check and match nothing; on SQLite writers
are serialized), so two workers never send the same mail. A worker that dies mid-send only
delays the mail until its lease expires.

Failures are retried with exponential backoff (1 min, 2, 4, … capped at 6 h) until
``max_attempts``, then the mail is marked FAILED for a human to look at; a recipient refused
permanently (SMTP 5xx on RCPT) fails at once. Each mail is sent and recorded on its own, so
one bad address or a slow server never holds back the other mails.

Backends: ``file`` (development: one ``.eml`` file per mail under ``<var>/mail/``) and
``smtp`` (aiosmtplib).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Any, Final, Protocol, cast

import aiosmtplib
from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import OutboxMail, Tenant
from models.base import utcnow
from models.outbox import OutboxStatus

logger = logging.getLogger("creneau.mail")

LEASE: Final = dt.timedelta(minutes=10)
FIRST_RETRY_DELAY: Final = dt.timedelta(minutes=1)
MAX_RETRY_DELAY: Final = dt.timedelta(hours=6)
_LAST_ERROR_MAX: Final = 2000


# --------------------------------------------------------------------------- settings


def _env_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _env_float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class MailSettings:
    """How mails leave the server; read from ``CRENEAU_MAIL_*`` / ``CRENEAU_SMTP_*``."""

    backend: str = "file"
    var_dir: Path = Path("var")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_starttls: bool = False
    smtp_timeout: float = 30.0
    poll_seconds: float = 2.0
    max_attempts: int = 8
    batch: int = 50

    @property
    def mail_dir(self) -> Path:
        """Where the file backend writes its ``.eml`` files."""
        return self.var_dir / "mail"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MailSettings:
        """Read the environment; a malformed value fails at start-up, not at the first mail."""
        env = os.environ if environ is None else environ
        backend = env.get("CRENEAU_MAIL_BACKEND", "").strip() or "file"
        if backend not in {"file", "smtp"}:
            raise ValueError("CRENEAU_MAIL_BACKEND must be file or smtp")
        starttls = env.get("CRENEAU_SMTP_STARTTLS", "").strip() or "0"
        if starttls not in {"0", "1"}:
            raise ValueError("CRENEAU_SMTP_STARTTLS must be 0 or 1")
        port = _env_int(env, "CRENEAU_SMTP_PORT", 25)
        if not 0 < port < 65536:
            raise ValueError("CRENEAU_SMTP_PORT must be a TCP port")
        poll_seconds = _env_float(env, "CRENEAU_MAIL_POLL_SECONDS", 2.0)
        if poll_seconds <= 0:
            raise ValueError("CRENEAU_MAIL_POLL_SECONDS must be positive")
        max_attempts = _env_int(env, "CRENEAU_MAIL_MAX_ATTEMPTS", 8)
        if max_attempts < 1:
            raise ValueError("CRENEAU_MAIL_MAX_ATTEMPTS must be at least 1")
        return cls(
            backend=backend,
            var_dir=Path(env.get("CRENEAU_VAR_DIR", "").strip() or "var"),
            smtp_host=env.get("CRENEAU_SMTP_HOST", "").strip() or "127.0.0.1",
            smtp_port=port,
            smtp_username=env.get("CRENEAU_SMTP_USERNAME") or None,
            smtp_password=env.get("CRENEAU_SMTP_PASSWORD") or None,
            smtp_starttls=starttls == "1",
            poll_seconds=poll_seconds,
            max_attempts=max_attempts,
        )


# --------------------------------------------------------------------------- messages


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """A claimed outbox mail with what is needed to send it (the tenant's sender)."""

    id: int
    template: str
    sender: str  # the tenant's mail_from: "nepasrepondre@…" or "Name <nepasrepondre@…>"
    sender_name: str  # the tenant's name, used when mail_from has no display name
    to_address: str
    subject: str
    text_body: str
    html_body: str | None
    created_at: dt.datetime


def _sender_address(mail: OutgoingMail) -> Address:
    name, addr_spec = getaddresses([mail.sender])[0]
    if not addr_spec:
        raise ValueError(f"tenant sender address {mail.sender!r} is not an address")
    return Address(display_name=name or mail.sender_name, addr_spec=addr_spec)


def build_message(mail: OutgoingMail) -> EmailMessage:
    """The RFC 5322 message of an outbox mail, the same for every backend.

    multipart/alternative (text, then HTML) when there is an HTML body; the Message-ID is
    derived from the outbox row, so a mail sent twice after a lost lease is recognizable
    as one message by the receiving side.
    """
    sender = _sender_address(mail)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at.astimezone(dt.UTC))
    domain = sender.domain or "creneau.invalid"
    message["Message-ID"] = f"<outbox.{mail.id}.{mail.created_at:%Y%m%d%H%M%S}@{domain}>"
    # RFC 3834: automatic mail; well-behaved servers send no out-of-office replies to it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text_body, cte="quoted-printable")
    if mail.html_body is not None:
        message.add_alternative(mail.html_body, subtype="html", cte="quoted-printable")
    return message


# --------------------------------------------------------------------------- backends


class PermanentDeliveryError(Exception):
    """Retrying cannot help (the recipient was refused for good): fail the mail now."""


class MailBackend(Protocol):
    """Something that sends one mail or raises; ``PermanentDeliveryError`` ends retries."""

    async def send(self, mail: OutgoingMail) -> None:
        """Send ``mail``; raise on failure."""
        ...


class FileMailBackend:
    """Development backend: each mail becomes ``<directory>/<timestamp>-<id>.eml``.

    The files are real messages (open them in any mail client) and appear atomically, so a
    test or a developer watching the directory never reads half a file.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, mail: OutgoingMail) -> None:
        """Write the message file and log one line with recipient and subject."""
        data = build_message(mail).as_bytes()
        path = await asyncio.to_thread(self._write, mail.id, data)
        logger.info(
            "mail %d to %s: %s (written to %s)", mail.id, mail.to_address, mail.subject, path
        )

    def _write(self, mail_id: int, data: bytes) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.directory / f"{stamp}-{mail_id}.eml"
        partial = path.with_name(f".{path.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        return path


class SmtpMailBackend:
    """Production backend: one SMTP transaction per mail through aiosmtplib."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        username: str | None = None,
        password: str | None = None,
        start_tls: bool = False,
        timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.start_tls = start_tls
        self.timeout = timeout

    async def send(self, mail: OutgoingMail) -> None:
        """Send through the relay; a 5xx refusal of the recipient is permanent."""
        message = build_message(mail)
        credentials: dict[str, Any] = {}
        if self.username:
            credentials = {"username": self.username, "password": self.password or ""}
        try:
            await aiosmtplib.send(
                message,
                sender=_sender_address(mail).addr_spec,
                recipients=[mail.to_address],
                hostname=self.host,
                port=self.port,
                start_tls=self.start_tls,
                timeout=self.timeout,
                **credentials,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            if exc.recipients and all(500 <= r.code < 600 for r in exc.recipients):
                raise PermanentDeliveryError(_describe(exc)) from exc
            raise


def build_backend(settings: MailSettings) -> MailBackend:
    """The backend chosen by ``CRENEAU_MAIL_BACKEND`` (file in development, smtp in prod)."""
    if settings.backend == "smtp":
        return SmtpMailBackend(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            start_tls=settings.smtp_starttls,
            timeout=settings.smtp_timeout,
        )
    return FileMailBackend(settings.mail_dir)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
    elif isinstance(exc, aiosmtplib.SMTPResponseException):
        detail = f"{exc.code} {exc.message}"
    else:
        detail = str(exc) or repr(exc)
    return f"{type(exc).__name__}: {detail}"[:_LAST_ERROR_MAX]


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery round did, by outbox id (for logs, tests and the worker's pace)."""

    sent: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    lost: int = 0  # due mails another worker claimed first

    @property
    def claimed(self) -> int:
        """How many mails this round took charge of."""
        return len(self.sent) + len(self.retried) + len(self.failed)


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the ``attempts``-th failure: 1 min, 2, 4, … capped at 6 hours.

    Short at first (a relay restarting), long later (a relay down for the night) so a broken
    relay is not hammered and a mail still gets through the next morning.
    """
    exponent = min(max(attempts - 1, 0), 20)
    return min(FIRST_RETRY_DELAY * (1 << exponent), MAX_RETRY_DELAY)


@dataclass(frozen=True, slots=True)
class _Claim:
    mail: OutgoingMail
    attempts: int
    lease_until: dt.datetime


async def _claim_due_mails(
    sessions: async_sessionmaker[AsyncSession], now: dt.datetime, batch: int
) -> tuple[list[_Claim], int]:
    lease_until = now + LEASE
    async with sessions() as session:
        rows = (
            await session.execute(
                select(
                    OutboxMail.id,
                    OutboxMail.next_attempt_at,
                    OutboxMail.attempts,
                    OutboxMail.template,
                    OutboxMail.to_address,
                    OutboxMail.subject,
                    OutboxMail.text_body,
                    OutboxMail.html_body,
                    OutboxMail.created_at,
                    Tenant.name,
                    Tenant.mail_from,
                )
                .join(Tenant, Tenant.id == OutboxMail.tenant_id)
                .where(
                    OutboxMail.status == OutboxStatus.PENDING,
                    OutboxMail.next_attempt_at <= now,
                )
                .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
                .limit(batch)
            )
        ).all()
        claims: list[_Claim] = []
        lost = 0
        # Rows are claimed in one order (next_attempt_at, id) by every worker, so concurrent
        # claimers wait on each other's row locks without ever deadlocking.
        for row in rows:
            result = cast(
                "CursorResult[Any]",
                await session.execute(
                    update(OutboxMail)
                    .where(
                        OutboxMail.id == row.id,
                        OutboxMail.status == OutboxStatus.PENDING,
                        OutboxMail.next_attempt_at == row.next_attempt_at,
                    )
                    .values(next_attempt_at=lease_until)
                    .execution_options(synchronize_session=False)
                ),
            )
            if result.rowcount != 1:
                lost += 1
                continue
            mail = OutgoingMail(
                id=row.id,
                template=row.template,
                sender=row.mail_from,
                sender_name=row.name,
                to_address=row.to_address,
                subject=row.subject,
                text_body=row.text_body,
                html_body=row.html_body,
                created_at=row.created_at,
            )
            claims.append(_Claim(mail=mail, attempts=row.attempts, lease_until=lease_until))
        await session.commit()
    return claims, lost


async def _record(
    sessions: async_sessionmaker[AsyncSession], claim: _Claim, values: dict[str, Any]
) -> bool:
    # Only while the lease is still ours: if it expired and another worker took the mail
    # over, that worker records the outcome.
    async with sessions() as session:
        result = cast(
            "CursorResult[Any]",
            await session.execute(
                update(OutboxMail)
                .where(
                    OutboxMail.id == claim.mail.id,
                    OutboxMail.status == OutboxStatus.PENDING,
                    OutboxMail.next_attempt_at == claim.lease_until,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ),
        )
        await session.commit()
    return result.rowcount == 1


async def _deliver_one(
    sessions: async_sessionmaker[AsyncSession],
    backend: MailBackend,
    claim: _Claim,
    *,
    now: dt.datetime | None,
    max_attempts: int,
    send_timeout: float,
) -> OutboxStatus | None:
    """Send one claimed mail and record the outcome; never raises (but for cancellation)."""
    mail = claim.mail
    error: str | None = None
    permanent = False
    try:
        async with asyncio.timeout(send_timeout):
            await backend.send(mail)
    except PermanentDeliveryError as exc:
        error, permanent = f"{type(exc).__name__}: {exc}"[:_LAST_ERROR_MAX], True
    except Exception as exc:  # any failure of one mail is recorded, never propagated
        error = _describe(exc)
    clock = now or utcnow()
    try:
        if error is None:
            await _record(sessions, claim, {"status": OutboxStatus.SENT, "sent_at": clock})
            return OutboxStatus.SENT
        attempts = claim.attempts + 1
        if permanent or attempts >= max_attempts:
            await _record(
                sessions,
                claim,
                {"status": OutboxStatus.FAILED, "attempts": attempts, "last_error": error},
            )
            logger.error(
                "mail %d (%s) to %s given up after %d attempt(s): %s",
                mail.id,
                mail.template,
                mail.to_address,
                attempts,
                error,
            )
            return OutboxStatus.FAILED
        delay = retry_delay(attempts)
        await _record(
            sessions,
            claim,
            {
                "attempts": attempts,
                "last_error": error,
                "next_attempt_at": clock + delay,
            },
        )
        logger.warning(
            "mail %d (%s) attempt %d failed, retry in %s: %s",
            mail.id,
            mail.template,
            attempts,
            delay,
            error,
        )
        return OutboxStatus.PENDING
    except Exception:
        # The database refused the outcome: the lease expires and the mail is tried again.
        logger.exception("could not record the delivery outcome of mail %d", mail.id)
        return None


async def deliver_due_mails(
    sessions: async_sessionmaker[AsyncSession],
    backend: MailBackend,
    *,
    now: dt.datetime | None = None,
    batch: int = 50,
    max_attempts: int = 8,
    concurrency: int = 5,
    send_timeout: float = 120.0,
) -> DeliveryReport:
    """Claim up to ``batch`` due mails, send them, record each outcome.

    Safe to run in several workers at once: a mail is sent by the worker whose claim
    (a conditional UPDATE taking a lease) succeeded, never by two. ``concurrency`` mails
    are sent at a time, each bounded by ``send_timeout`` (well under the lease), so a
    slow or failing recipient delays no one else. ``now`` fixes the clock (tests).
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    claims, lost = await _claim_due_mails(sessions, now or utcnow(), batch)
    if not claims:
        return DeliveryReport(lost=lost)
    slots = asyncio.Semaphore(max(concurrency, 1))

    async def deliver(claim: _Claim) -> OutboxStatus | None:
        async with slots:
            return await _deliver_one(
                sessions,
                backend,
                claim,
                now=now,
                max_attempts=max_attempts,
                send_timeout=send_timeout,
            )

    outcomes = await asyncio.gather(*(deliver(claim) for claim in claims))
    by_status: dict[OutboxStatus | None, list[int]] = {}
    for claim, outcome in zip(claims, outcomes, strict=True):
        by_status.setdefault(outcome, []).append(claim.mail.id)
    report = DeliveryReport(
        sent=tuple(by_status.get(OutboxStatus.SENT, ())),
        retried=tuple(by_status.get(OutboxStatus.PENDING, ())),
        failed=tuple(by_status.get(OutboxStatus.FAILED, ())),
        lost=lost,
    )
    logger.info(
        "outbox: %d sent, %d to retry, %d failed",
        len(report.sent),
        len(report.retried),
        len(report.failed),
    )
    return report


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
