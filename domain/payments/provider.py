"""Online card payment providers: the interface, and the built-in sandbox.

A provider (PayFiP for French public bodies, or a bank's gateway) works by redirect and
notification: we create an intent with a reference, send the parent's browser to the
provider's payment URL, and the provider later POSTs a notification of the outcome to our
callback endpoint. The notification is the only thing that records a payment — never the
browser's return — so it must be authenticated: the sandbox signs its notifications with
HMAC-SHA256 over the exact body, with a secret shared with us.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Final, Protocol
from urllib.parse import urlencode

from models.billing import PaymentIntentStatus

SIGNATURE_HEADER: Final = "x-creneau-signature"
# The sandbox pages' query parameter carrying the way back after the payment.
RETURN_PARAM: Final = "retour"
DEFAULT_SANDBOX_SECRET: Final = "creneau-sandbox-dev-secret"


@dataclass(frozen=True, slots=True)
class Notification:
    """A verified outcome of a payment at the provider."""

    reference: str  # the intent's provider reference
    status: PaymentIntentStatus  # SUCCEEDED or FAILED
    amount_cents: int
    transaction: str  # the provider's transaction number, shown to the family


class InvalidNotification(Exception):
    """A notification whose signature or content does not check out (never trusted)."""


class PaymentProvider(Protocol):
    """What the payment flow needs from a provider."""

    name: str

    def new_reference(self) -> str:
        """A fresh, unguessable reference for a new intent."""
        ...

    def payment_url(self, tenant_slug: str, reference: str, return_url: str | None) -> str:
        """Where the parent's browser goes to pay the intent ``reference`` (and, once paid,
        comes back to ``return_url`` — a checked one — or else to the portal)."""
        ...

    def verify(self, body: bytes, signature: str | None) -> Notification:
        """The notification in ``body``; InvalidNotification if not authentic."""
        ...


class SandboxProvider:
    """A provider served by our own app, for demos, tests and development.

    Its payment page (``/{tenant}/payment-sandbox/{reference}``) lets one « pay » or
    « refuse »; it then sends the signed notification to the callback endpoint exactly as a
    real provider would, and sends the browser to the return page.
    """

    name = "sandbox"

    def __init__(self, secret: str, base_url: str) -> None:
        self._secret = secret.encode()
        self._base_url = base_url.rstrip("/")

    def new_reference(self) -> str:
        """12 hexadecimal characters, random."""
        return secrets.token_hex(6)

    def payment_url(self, tenant_slug: str, reference: str, return_url: str | None = None) -> str:
        """The sandbox page, served by our app; the way back rides along in its query
        (``retour``), as a real provider takes it with the payment (checked again there)."""
        page = f"{self._base_url}/{tenant_slug}/payment-sandbox/{reference}"
        return page if return_url is None else f"{page}?{urlencode({RETURN_PARAM: return_url})}"

    def sign(self, body: bytes) -> str:
        """HMAC-SHA256 of ``body`` in hexadecimal."""
        return hmac.new(self._secret, body, hashlib.sha256).hexdigest()

    def notification_body(self, notification: Notification) -> bytes:
        """The JSON body the sandbox POSTs to the callback (stable key order)."""
        return json.dumps(
            {
                "reference": notification.reference,
                "status": notification.status.value,
                "amountCents": notification.amount_cents,
                "transaction": notification.transaction,
            },
            sort_keys=True,
        ).encode()

    def verify(self, body: bytes, signature: str | None) -> Notification:
        """Check the signature in constant time, then parse; anything odd is refused."""
        if not signature or not hmac.compare_digest(self.sign(body), signature.strip().lower()):
            raise InvalidNotification("bad signature")
        try:
            data = json.loads(body)
            status = PaymentIntentStatus(data["status"])
            amount = data["amountCents"]
            reference = data["reference"]
            transaction = data["transaction"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidNotification("malformed notification") from exc
        if status not in (PaymentIntentStatus.SUCCEEDED, PaymentIntentStatus.FAILED):
            raise InvalidNotification("unexpected status")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise InvalidNotification("bad amount")
        if not isinstance(reference, str) or not isinstance(transaction, str):
            raise InvalidNotification("bad reference")
        if not 0 < len(reference) <= 100 or not 0 < len(transaction) <= 60:
            raise InvalidNotification("bad reference")
        return Notification(reference, status, amount, transaction)
