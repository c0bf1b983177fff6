"""Web Push: the ``PushBackend`` interface and the VAPID backend (pywebpush).

Each push is one ``POST`` to the subscription's endpoint (RFC 8030), its payload encrypted
for the browser's keys per RFC 8291 (``Content-Encoding: aes128gcm``, RFC 8188), signed
with the town's VAPID key (RFC 8292: ``Authorization: vapid t=<JWT>, k=<public key>``).
pywebpush does the encryption (http-ece) and the signature (py-vapid); aiohttp sends.

Outcomes: 201/202 sent; 404 and 410 mean the subscription is gone (``SubscriptionGone``:
the delivery fails and the subscription is revoked); 408, 429 and 5xx are retried; any
other 4xx (a payload too large, a bad VAPID key) fails the push at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

import aiohttp
from py_vapid import Vapid
from pywebpush import WebPushException, webpush_async

from server.notification_delivery.errors import PermanentDeliveryError, SubscriptionGone

logger = logging.getLogger("creneau.push")

GONE_STATUSES: Final = frozenset({404, 410})
RETRIED_STATUSES: Final = frozenset({408, 429})
# How long the push service keeps a push for an offline browser (seconds).
DEFAULT_TTL: Final = 24 * 3600


@dataclass(frozen=True, slots=True)
class OutgoingPush:
    """A claimed outbox push: the subscription's endpoint and keys, and the JSON payload."""

    id: int
    tenant_id: int
    subscription_id: int
    endpoint: str
    p256dh: str
    auth: str
    payload: str
    created_at: dt.datetime


class PushBackend(Protocol):
    """Something that sends one push or raises (``SubscriptionGone``: revoke it)."""

    async def send(self, push: OutgoingPush) -> None:
        """Send ``push``; raise on failure."""
        ...


def load_vapid_key(path: Path) -> Vapid:
    """The VAPID key pair of a PEM file; a missing or unreadable file fails at start-up
    (py-vapid's own ``from_file`` would silently generate a new key instead)."""
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"CRENEAU_VAPID_PRIVATE_KEY: cannot read {path} ({exc})") from exc
    try:
        return Vapid.from_pem(pem)
    except Exception as exc:
        raise ValueError(f"CRENEAU_VAPID_PRIVATE_KEY: {path} is not a PEM EC key") from exc


class WebPushBackend:
    """Sends pushes signed with the town's VAPID key."""

    def __init__(
        self, *, vapid: Vapid, subject: str, ttl: int = DEFAULT_TTL, timeout: float = 30.0
    ) -> None:
        self.vapid = vapid
        self.subject = subject
        self.ttl = ttl
        self.timeout = timeout

    async def send(self, push: OutgoingPush) -> None:
        """Encrypt and post the payload; map the push service's answer to an outcome."""
        try:
            await webpush_async(
                subscription_info={
                    "endpoint": push.endpoint,
                    "keys": {"p256dh": push.p256dh, "auth": push.auth},
                },
                data=push.payload,
                vapid_private_key=self.vapid,
                # A fresh dict each time: pywebpush writes ``aud`` and ``exp`` into it.
                vapid_claims={"sub": self.subject},
                content_encoding="aes128gcm",
                ttl=self.ttl,
                # RFC 8030 §5.4: a push sent again (a lease lost after the service accepted
                # it) replaces the first one while the browser has not received it yet.
                headers={"Topic": f"outbox-{push.id}"},
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            )
        except WebPushException as exc:
            status = exc.status_code
            detail = " ".join(str(exc.message).split())[:500]
            if status in GONE_STATUSES:
                raise SubscriptionGone(detail) from exc
            if status is not None and 400 <= status < 500 and status not in RETRIED_STATUSES:
                raise PermanentDeliveryError(detail) from exc
            raise
        logger.info("push %d to subscription %d sent", push.id, push.subscription_id)
