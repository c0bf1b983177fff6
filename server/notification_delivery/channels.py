"""The backend of each channel a worker delivers: ``Channels``.

A worker delivers only the channels it has a backend for: a mail-only deployment
(``CRENEAU_SMS_BACKEND=none``, no VAPID key) claims mails only, exactly as before SMS and
Web Push existed, and SMS or push rows wait for a worker configured for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.notification import NotificationChannel
from server.notification_delivery.mail_backends import MailBackend, build_backend
from server.notification_delivery.push import PushBackend, WebPushBackend, load_vapid_key
from server.notification_delivery.settings import MailSettings, SmsSettings
from server.notification_delivery.sms import FileSmsBackend, SmsBackend
from server.notification_delivery.sms_brevo import BrevoSmsBackend


@dataclass(frozen=True)
class Channels:
    """One backend per channel this worker delivers (None: not delivered here)."""

    mail: MailBackend | None = None
    sms: SmsBackend | None = None
    push: PushBackend | None = None

    @property
    def delivered(self) -> tuple[NotificationChannel, ...]:
        """The channels this worker claims rows of."""
        backends = {
            NotificationChannel.MAIL: self.mail,
            NotificationChannel.SMS: self.sms,
            NotificationChannel.PUSH: self.push,
        }
        return tuple(channel for channel, backend in backends.items() if backend is not None)

    def describe(self) -> str:
        """« MAIL=FileMailBackend, SMS=FileSmsBackend » for the sender's first log line."""
        parts = [
            f"{name}={type(backend).__name__}"
            for name, backend in (("MAIL", self.mail), ("SMS", self.sms), ("PUSH", self.push))
            if backend is not None
        ]
        return ", ".join(parts) or "no channel"


def build_channels(
    mail: MailSettings,
    sms: SmsSettings,
    *,
    vapid_private_key: Path | None,
    vapid_subject: str | None,
) -> Channels:
    """Every channel's backend from the settings: mail always, SMS per
    ``CRENEAU_SMS_BACKEND``, Web Push when a VAPID key is configured."""
    push: PushBackend | None = None
    if vapid_private_key is not None:
        if not vapid_subject:
            raise ValueError(
                "CRENEAU_VAPID_SUBJECT: expected mailto:… or https://… (the push services' "
                "contact for this server) with CRENEAU_VAPID_PRIVATE_KEY, got nothing"
            )
        push = WebPushBackend(vapid=load_vapid_key(vapid_private_key), subject=vapid_subject)
    return Channels(mail=build_backend(mail), sms=build_sms_backend(sms), push=push)


def build_sms_backend(settings: SmsSettings) -> SmsBackend | None:
    """The backend chosen by ``CRENEAU_SMS_BACKEND`` (None: this worker sends no SMS)."""
    if settings.backend == "file":
        return FileSmsBackend(settings.sms_dir, settings.sender)
    if settings.backend == "http" and settings.api_key is not None:
        return BrevoSmsBackend(
            base_url=settings.api_url,
            api_key=settings.api_key,
            sender=settings.sender,
            timeout=settings.timeout,
        )
    return None
