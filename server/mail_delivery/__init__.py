"""Delivery of the mail outbox: claim due mails, send them, record the outcome, retry.

``domain.mail.enqueue_mail`` writes mails to ``outbox_message`` in the transaction of the change
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

The package, one module per purpose (a module imports only those above it):
- ``settings``: ``MailSettings``, read from the environment;
- ``messages``: ``OutgoingMail`` and its RFC 5322 message;
- ``backends``: the ``MailBackend`` protocol, the file and SMTP backends;
- ``delivery``: claiming, sending and recording one round (``deliver_due_mails``);
- ``sender``: the background loop (``run_mail_sender``).
"""

from server.mail_delivery.backends import (
    FileMailBackend,
    MailBackend,
    PermanentDeliveryError,
    SmtpMailBackend,
    build_backend,
)
from server.mail_delivery.delivery import (
    FIRST_RETRY_DELAY,
    LEASE,
    MAX_RETRY_DELAY,
    DeliveryReport,
    deliver_due_mails,
    retry_delay,
)
from server.mail_delivery.messages import OutgoingMail, build_message
from server.mail_delivery.sender import run_mail_sender
from server.mail_delivery.settings import MailSettings

__all__ = [
    "FIRST_RETRY_DELAY",
    "LEASE",
    "MAX_RETRY_DELAY",
    "DeliveryReport",
    "FileMailBackend",
    "MailBackend",
    "MailSettings",
    "OutgoingMail",
    "PermanentDeliveryError",
    "SmtpMailBackend",
    "build_backend",
    "build_message",
    "deliver_due_mails",
    "retry_delay",
    "run_mail_sender",
]
