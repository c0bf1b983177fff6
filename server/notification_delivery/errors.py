"""What a channel backend raises, and how a failure is written to ``last_error``.

Every backend (mail, SMS, Web Push) raises on failure; the delivery round retries with
backoff unless the error is a ``PermanentDeliveryError`` (retrying cannot help).
``SubscriptionGone`` is the push service saying the browser's subscription no longer
exists (404/410): the delivery fails and the subscription is revoked.
"""

from __future__ import annotations

from typing import Final

import aiosmtplib

LAST_ERROR_MAX: Final = 2000


class PermanentDeliveryError(Exception):
    """Retrying cannot help (the recipient was refused for good): fail the message now."""


class SubscriptionGone(PermanentDeliveryError):
    """The push service no longer knows the subscription (404/410): revoke it."""


def describe(exc: BaseException) -> str:
    """One failure as stored in ``last_error`` and logged: its type and the server's words."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        detail = "; ".join(f"{r.recipient}: {r.code} {r.message}" for r in exc.recipients)
    elif isinstance(exc, aiosmtplib.SMTPResponseException):
        detail = f"{exc.code} {exc.message}"
    else:
        detail = str(exc) or repr(exc)
    return f"{type(exc).__name__}: {detail}"[:LAST_ERROR_MAX]
