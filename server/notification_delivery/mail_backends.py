"""Mail backends: ``file`` (development: one ``.eml`` file per mail under ``<var>/mail/``)
and ``smtp`` (aiosmtplib); a recipient refused permanently ends retries."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any, Protocol

import aiosmtplib

from server.notification_delivery.errors import PermanentDeliveryError, describe
from server.notification_delivery.mail_messages import (
    OutgoingMail,
    _sender_address,
    build_message,
)
from server.notification_delivery.settings import MailSettings

logger = logging.getLogger("creneau.mail")


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
                raise PermanentDeliveryError(describe(exc)) from exc
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
