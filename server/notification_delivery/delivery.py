"""One delivery round: claim due rows (a lease), send each through its channel's backend,
record each outcome, retry with exponential backoff (1 min, 2, 4, … capped at 6 h) until
``max_attempts``.

A row that delivers a notification is marked SENT together with its ``NOTIFICATION_SENT``
event, in one transaction (``domain.events``: the event gets its cursor at commit and the
subscription hub, or the broker, wakes the family's subscribers after it). A push the
service answers 404/410 to fails and revokes its subscription in the same transaction.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import CursorResult, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.events import append_event
from models import OutboxMessage, PushSubscription
from models.base import utcnow
from models.event import EventKind
from models.outbox import OutboxStatus
from server.notification_delivery.channels import Channels
from server.notification_delivery.claims import LEASE, Claim, claim_due
from server.notification_delivery.errors import (
    LAST_ERROR_MAX,
    PermanentDeliveryError,
    SubscriptionGone,
    describe,
)
from server.notification_delivery.mail_backends import MailBackend
from server.notification_delivery.mail_messages import OutgoingMail
from server.notification_delivery.push import OutgoingPush
from server.notification_delivery.sms import OutgoingSms

# The outbox's logger, named when it carried mails only (its lines and alerts kept it).
logger = logging.getLogger("creneau.mail")

FIRST_RETRY_DELAY: Final = dt.timedelta(minutes=1)
MAX_RETRY_DELAY: Final = dt.timedelta(hours=6)

__all__ = [
    "FIRST_RETRY_DELAY",
    "LEASE",
    "MAX_RETRY_DELAY",
    "DeliveryReport",
    "deliver_due_mails",
    "deliver_due_messages",
    "retry_delay",
]


@dataclass(frozen=True)
class DeliveryReport:
    """What one delivery round did, by outbox id (for logs, tests and the worker's pace)."""

    sent: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    lost: int = 0  # due rows another worker claimed first

    @property
    def claimed(self) -> int:
        """How many rows this round took charge of."""
        return len(self.sent) + len(self.retried) + len(self.failed)


def retry_delay(attempts: int) -> dt.timedelta:
    """Wait after the ``attempts``-th failure: 1 min, 2, 4, … capped at 6 hours.

    Short at first (a relay restarting), long later (a relay down for the night) so a broken
    relay is not hammered and a message still gets through the next morning.
    """
    exponent = min(max(attempts - 1, 0), 20)
    return min(FIRST_RETRY_DELAY * (1 << exponent), MAX_RETRY_DELAY)


async def _send(channels: Channels, claim: Claim) -> None:
    """Hand the claimed message to its channel's backend."""
    message = claim.message
    if message is None:
        raise PermanentDeliveryError(claim.obstacle or "nothing to send")
    if isinstance(message, OutgoingMail) and channels.mail is not None:
        await channels.mail.send(message)
    elif isinstance(message, OutgoingSms) and channels.sms is not None:
        await channels.sms.send(message)
    elif isinstance(message, OutgoingPush) and channels.push is not None:
        await channels.push.send(message)
    else:  # claimed only for the channels this worker has a backend for
        raise RuntimeError(f"no backend for {claim.channel} in this worker")


async def _record(
    sessions: async_sessionmaker[AsyncSession],
    claim: Claim,
    values: dict[str, Any],
    *,
    announce: bool = False,
    revoke_at: dt.datetime | None = None,
) -> bool:
    """Write the outcome, only while the lease is still ours (if it expired and another
    worker took the row over, that worker records it); with ``announce`` the row's
    ``NOTIFICATION_SENT`` event, with ``revoke_at`` the end of its push subscription."""
    async with sessions() as session:
        result = cast(
            "CursorResult[Any]",
            await session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == claim.id,
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.next_attempt_at == claim.lease_until,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ),
        )
        if result.rowcount != 1:
            await session.rollback()
            return False
        notice = claim.notice
        if announce and notice is not None:
            append_event(
                session,
                tenant_id=notice.tenant_id,
                kind=EventKind.NOTIFICATION_SENT,
                subject_type="notification",
                subject_id=notice.notification_id,
                family_id=notice.family_id,
                payload={
                    "channel": str(claim.channel),
                    "kind": notice.kind,
                    "title": notice.title,
                },
            )
        if revoke_at is not None and claim.subscription_id is not None:
            await session.execute(
                update(PushSubscription)
                .where(
                    PushSubscription.id == claim.subscription_id,
                    PushSubscription.revoked_at.is_(None),
                )
                .values(revoked_at=revoke_at)
                .execution_options(synchronize_session=False)
            )
        await session.commit()
    return True


async def _deliver_one(
    sessions: async_sessionmaker[AsyncSession],
    channels: Channels,
    claim: Claim,
    *,
    now: dt.datetime | None,
    max_attempts: int,
    send_timeout: float,
) -> OutboxStatus | None:
    """Send one claimed row and record the outcome; never raises (but for cancellation)."""
    error: str | None = None
    permanent = gone = False
    try:
        async with asyncio.timeout(send_timeout):
            await _send(channels, claim)
    except PermanentDeliveryError as exc:
        error, permanent = f"{type(exc).__name__}: {exc}"[:LAST_ERROR_MAX], True
        gone = isinstance(exc, SubscriptionGone)
    except Exception as exc:  # any failure of one row is recorded, never propagated
        error = describe(exc)
    clock = now or utcnow()
    label = claim.channel.lower()
    try:
        if error is None:
            await _record(
                sessions,
                claim,
                {"status": OutboxStatus.SENT, "sent_at": clock},
                announce=True,
            )
            return OutboxStatus.SENT
        attempts = claim.attempts + 1
        if permanent or attempts >= max_attempts:
            await _record(
                sessions,
                claim,
                {"status": OutboxStatus.FAILED, "attempts": attempts, "last_error": error},
                revoke_at=clock if gone else None,
            )
            logger.error(
                "%s %d (%s) to %s given up after %d attempt(s): %s",
                label,
                claim.id,
                claim.template,
                claim.recipient,
                attempts,
                error,
            )
            return OutboxStatus.FAILED
        delay = retry_delay(attempts)
        await _record(
            sessions,
            claim,
            {"attempts": attempts, "last_error": error, "next_attempt_at": clock + delay},
        )
        logger.warning(
            "%s %d (%s) attempt %d failed, retry in %s: %s",
            label,
            claim.id,
            claim.template,
            attempts,
            delay,
            error,
        )
        return OutboxStatus.PENDING
    except Exception:
        # The database refused the outcome: the lease expires and the row is tried again.
        logger.exception("could not record the delivery outcome of %s %d", label, claim.id)
        return None


async def deliver_due_messages(
    sessions: async_sessionmaker[AsyncSession],
    channels: Channels,
    *,
    now: dt.datetime | None = None,
    batch: int = 50,
    max_attempts: int = 8,
    concurrency: int = 5,
    send_timeout: float = 120.0,
) -> DeliveryReport:
    """Claim up to ``batch`` due rows of the channels this worker has a backend for, send
    them, record each outcome.

    Safe to run in several workers at once: a row is sent by the worker whose claim
    (a conditional UPDATE taking a lease) succeeded, never by two. ``concurrency`` rows
    are sent at a time, each bounded by ``send_timeout`` (well under the lease), so a
    slow or failing recipient delays no one else. ``now`` fixes the clock (tests).
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    claims, lost = await claim_due(sessions, channels.delivered, now or utcnow(), batch)
    if not claims:
        return DeliveryReport(lost=lost)
    slots = asyncio.Semaphore(max(concurrency, 1))

    async def deliver(claim: Claim) -> OutboxStatus | None:
        async with slots:
            return await _deliver_one(
                sessions,
                channels,
                claim,
                now=now,
                max_attempts=max_attempts,
                send_timeout=send_timeout,
            )

    outcomes = await asyncio.gather(*(deliver(claim) for claim in claims))
    by_status: dict[OutboxStatus | None, list[int]] = {}
    for claim, outcome in zip(claims, outcomes, strict=True):
        by_status.setdefault(outcome, []).append(claim.id)
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


async def deliver_due_mails(
    sessions: async_sessionmaker[AsyncSession],
    backend: MailBackend,
    **options: Any,
) -> DeliveryReport:
    """A round of mails only (a worker with no SMS nor push backend), as before issue 16."""
    return await deliver_due_messages(sessions, Channels(mail=backend), **options)
