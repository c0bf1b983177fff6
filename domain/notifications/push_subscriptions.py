"""Web Push subscriptions: the browsers and phones a parent's app registered, and the
server's public VAPID key the app subscribes with.

The app calls ``PushManager.subscribe({applicationServerKey: webPushPublicKey})`` and sends
what the browser returns (endpoint, ``keys.p256dh``, ``keys.auth``): registering validates
it (an https endpoint, a P-256 public key, a 16-byte secret), is idempotent per endpoint (a
browser re-subscribing, or another parent signing in on it, updates the one row), and
records the dated consent to Web Push. Unregistering (or the push service answering
404/410 to a delivery) sets ``revoked_at``: rows are never deleted, so the history of what
was sent where keeps its meaning.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import ipaddress
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.results import DomainFailure, Problem, fail
from models.notification import NotificationChannel, NotificationConsent, PushSubscription

PUSH: Final = NotificationChannel.PUSH
ENDPOINT_MAX: Final = 1000
USER_AGENT_MAX: Final = 400
AUTH_SECRET_BYTES: Final = 16
NOT_FOUND_MESSAGE: Final = "Cet abonnement aux notifications est introuvable."


def _b64url(raw: str) -> bytes | None:
    text = raw.strip()
    if not text or any(c in text for c in "+/ \n"):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if host == "localhost":
        return ipaddress.ip_address("127.0.0.1")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def endpoint_problem(endpoint: str, *, allow_loopback: bool = False) -> Problem | None:
    """Why ``endpoint`` is not a push service URL, or None.

    The worker will POST to it, so an address inside the town's network is refused (a
    private, loopback, link-local or reserved IP literal, or ``localhost``): registering
    must not let a parent make the server call its neighbours. ``allow_loopback`` (outside
    production: development and tests run a push service locally) admits loopback, over
    plain http too; everything else is https.
    """
    parts = urlsplit(endpoint.strip())
    host = parts.hostname or ""
    address = _address(host)
    loopback = address is not None and address.is_loopback and allow_loopback
    internal = address is not None and not address.is_global and not loopback
    secure = parts.scheme == "https" or (parts.scheme == "http" and loopback)
    if not host or not secure or internal or len(endpoint) > ENDPOINT_MAX:
        return Problem(
            "INVALID_ENDPOINT",
            "L'adresse d'abonnement doit être une URL https fournie par le navigateur.",
            ("endpoint",),
        )
    return None


def key_problems(p256dh: str, auth: str) -> list[Problem]:
    """What is wrong with the browser's keys: ``p256dh`` must be a P-256 public key (65
    bytes, uncompressed point), ``auth`` a 16-byte secret, both base64url (RFC 8291)."""
    problems = []
    point = _b64url(p256dh)
    valid_point = point is not None and len(point) == 65 and point[0] == 4
    if valid_point:
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point or b"")
        except ValueError:
            valid_point = False
    if not valid_point:
        problems.append(
            Problem(
                "INVALID_KEY",
                "La clé « p256dh » n'est pas une clé publique P-256 valide.",
                ("keys", "p256dh"),
            )
        )
    secret = _b64url(auth)
    if secret is None or len(secret) != AUTH_SECRET_BYTES:
        problems.append(
            Problem(
                "INVALID_KEY",
                "Le secret « auth » doit faire 16 octets (base64url).",
                ("keys", "auth"),
            )
        )
    return problems


async def _grant_push_consent(
    session: AsyncSession, tenant_id: int, account_id: int, now: dt.datetime
) -> None:
    # The dated consent to Web Push (one in force at a time), as domain.notifications.consents
    # records it; kept here so that registering needs nothing else.
    live = await session.scalar(
        select(NotificationConsent.id).where(
            NotificationConsent.tenant_id == tenant_id,
            NotificationConsent.account_id == account_id,
            NotificationConsent.channel == PUSH,
            NotificationConsent.revoked_at.is_(None),
        )
    )
    if live is None:
        session.add(
            NotificationConsent(
                tenant_id=tenant_id, account_id=account_id, channel=PUSH, granted_at=now
            )
        )


async def register(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    endpoint: str,
    p256dh: str,
    auth: str,
    user_agent: str | None,
    now: dt.datetime,
    allow_loopback: bool = False,
) -> PushSubscription:
    """pushSubscriptionRegister: the browser's subscription for ``account_id``, created or
    updated (one row per endpoint), live again if it was revoked; the PUSH consent dated
    ``now``. Fails with INVALID_ENDPOINT / INVALID_KEY (every problem at once);
    ``allow_loopback``: see ``endpoint_problem``."""
    endpoint_refused = endpoint_problem(endpoint, allow_loopback=allow_loopback)
    problems = [endpoint_refused] if endpoint_refused is not None else []
    problems += key_problems(p256dh, auth)
    if problems:
        raise DomainFailure(problems)
    endpoint = endpoint.strip()
    agent = (user_agent or "").strip()[:USER_AGENT_MAX] or None
    row = await session.scalar(
        select(PushSubscription).where(
            PushSubscription.tenant_id == tenant_id, PushSubscription.endpoint == endpoint
        )
    )
    if row is None:
        row = PushSubscription(
            tenant_id=tenant_id,
            account_id=account_id,
            endpoint=endpoint,
            p256dh=p256dh.strip(),
            auth=auth.strip(),
            user_agent=agent,
            created_at=now,
        )
        session.add(row)
    else:
        row.account_id = account_id
        row.p256dh = p256dh.strip()
        row.auth = auth.strip()
        row.user_agent = agent or row.user_agent
        row.revoked_at = None
    await _grant_push_consent(session, tenant_id, account_id, now)
    await session.flush()
    return row


async def unregister(
    session: AsyncSession, *, tenant_id: int, account_id: int, endpoint: str, now: dt.datetime
) -> PushSubscription:
    """pushSubscriptionUnregister: the account's subscription at ``endpoint`` ends (already
    ended: unchanged). NOT_FOUND when the account has no subscription there."""
    row = await session.scalar(
        select(PushSubscription).where(
            PushSubscription.tenant_id == tenant_id,
            PushSubscription.endpoint == endpoint.strip(),
            PushSubscription.account_id == account_id,
        )
    )
    if row is None:
        raise fail("NOT_FOUND", NOT_FOUND_MESSAGE, "endpoint")
    if row.revoked_at is None:
        row.revoked_at = now
        await session.flush()
    return row


def vapid_public_key(private_key_file: Path) -> str:
    """The application server key the browsers subscribe with: the public half of the
    server's VAPID key, an uncompressed P-256 point in base64url without padding."""
    key = serialization.load_pem_private_key(private_key_file.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{private_key_file} is not an EC private key")
    raw = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class PushSubscriptionRegisterErrorCode(enum.StrEnum):
    """Why pushSubscriptionRegister was refused."""

    INVALID_ENDPOINT = "INVALID_ENDPOINT"
    INVALID_KEY = "INVALID_KEY"


class PushSubscriptionUnregisterErrorCode(enum.StrEnum):
    """Why pushSubscriptionUnregister was refused."""

    NOT_FOUND = "NOT_FOUND"
