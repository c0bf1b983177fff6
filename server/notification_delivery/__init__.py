"""Delivery of the notification outbox (mail, SMS, Web Push): claim due rows, send each
through its channel's backend, record the outcome, retry.

``domain.mail.enqueue_mail`` and ``domain.notifications.dispatch.notify`` write rows to
``outbox_message`` in the transaction of the change they announce; this package sends them.
It runs as a background task of the app (lifespan) or in ``creneau worker``, possibly in
several processes at once, so a row is *claimed* before it is sent: a conditional
``UPDATE`` moves its ``next_attempt_at`` forward by a lease, only if the row still holds
the value this worker read. Exactly one worker wins that update (on PostgreSQL the row
lock makes the loser re-check and match nothing; on SQLite writers are serialized), so two
workers never send the same row. A worker that dies mid-send only delays the row until its
lease expires.

Failures are retried with exponential backoff (1 min, 2, 4, … capped at 6 h) until
``max_attempts``, then the row is marked FAILED for a human to look at (``creneau
notifications failed|retry``); a permanent refusal (SMTP 5xx on RCPT, an SMS provider's
4xx, a push subscription gone) fails at once. Each row is sent and recorded on its own, so
one bad address or a slow server never holds back the others. A row that delivers a
notification is marked SENT with its ``NOTIFICATION_SENT`` event, in one transaction.

Backends, per channel (a worker claims only the channels it has a backend for):
mail ``file`` (``.eml`` files under ``<var>/mail/``) or ``smtp`` (aiosmtplib); SMS ``none``,
``file`` (JSON lines under ``<var>/sms/``) or ``http`` (Brevo's REST API); Web Push with
the town's VAPID key (pywebpush), when ``CRENEAU_VAPID_PRIVATE_KEY`` is set.

The package, one module per purpose (a module imports only those above it):
- ``settings``: ``MailSettings`` and ``SmsSettings``, read from the environment;
- ``errors``: ``PermanentDeliveryError``, ``SubscriptionGone``, the stored error text;
- ``mail_messages``: ``OutgoingMail`` and its RFC 5322 message;
- ``mail_backends``: the ``MailBackend`` protocol, the file and SMTP backends;
- ``sms`` and ``sms_brevo``: the ``SmsBackend`` protocol, the sandbox, Brevo's adapter;
- ``push``: the ``PushBackend`` protocol and the VAPID backend;
- ``channels``: ``Channels``, the backend of each channel a worker delivers;
- ``claims``: claiming due rows (the lease);
- ``delivery``: sending and recording one round (``deliver_due_messages``);
- ``sender``: the background loop (``run_notification_sender``).
"""

from server.notification_delivery.channels import Channels, build_channels, build_sms_backend
from server.notification_delivery.claims import LEASE
from server.notification_delivery.delivery import (
    FIRST_RETRY_DELAY,
    MAX_RETRY_DELAY,
    DeliveryReport,
    deliver_due_mails,
    deliver_due_messages,
    retry_delay,
)
from server.notification_delivery.errors import PermanentDeliveryError, SubscriptionGone
from server.notification_delivery.mail_backends import (
    FileMailBackend,
    MailBackend,
    SmtpMailBackend,
    build_backend,
)
from server.notification_delivery.mail_messages import OutgoingMail, build_message
from server.notification_delivery.push import OutgoingPush, PushBackend, WebPushBackend
from server.notification_delivery.sender import run_mail_sender, run_notification_sender
from server.notification_delivery.settings import MailSettings, SmsSettings
from server.notification_delivery.sms import FileSmsBackend, OutgoingSms, SmsBackend
from server.notification_delivery.sms_brevo import BrevoSmsBackend

__all__ = [
    "FIRST_RETRY_DELAY",
    "LEASE",
    "MAX_RETRY_DELAY",
    "BrevoSmsBackend",
    "Channels",
    "DeliveryReport",
    "FileMailBackend",
    "FileSmsBackend",
    "MailBackend",
    "MailSettings",
    "OutgoingMail",
    "OutgoingPush",
    "OutgoingSms",
    "PermanentDeliveryError",
    "PushBackend",
    "SmsBackend",
    "SmsSettings",
    "SmtpMailBackend",
    "SubscriptionGone",
    "WebPushBackend",
    "build_backend",
    "build_channels",
    "build_message",
    "build_sms_backend",
    "deliver_due_mails",
    "deliver_due_messages",
    "retry_delay",
    "run_mail_sender",
    "run_notification_sender",
]
