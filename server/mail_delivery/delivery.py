"""One delivery round: claim due mails (a lease), send them, record each outcome, retry
with exponential backoff (1 min, 2, 4, … capped at 6 h) until ``max_attempts``."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import OutboxMessage, Tenant
from models.base import utcnow
from models.outbox import OutboxStatus
from server.mail_delivery.backends import (
    _LAST_ERROR_MAX,
    MailBackend,
    PermanentDeliveryError,
    _describe,
)
from server.mail_delivery.messages import OutgoingMail

logger = logging.getLogger("creneau.mail")

LEASE: Final = dt.timedelta(minutes=10)
FIRST_RETRY_DELAY: Final = dt.timedelta(minutes=1)
MAX_RETRY_DELAY: Final = dt.timedelta(hours=6)


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
                    OutboxMessage.id,
                    OutboxMessage.next_attempt_at,
                    OutboxMessage.attempts,
                    OutboxMessage.template,
                    OutboxMessage.to_address,
                    OutboxMessage.subject,
                    OutboxMessage.text_body,
                    OutboxMessage.html_body,
                    OutboxMessage.created_at,
                    Tenant.name,
                    Tenant.mail_from,
                )
                .join(Tenant, Tenant.id == OutboxMessage.tenant_id)
                .where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.next_attempt_at <= now,
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
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
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id == row.id,
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.next_attempt_at == row.next_attempt_at,
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
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == claim.mail.id,
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.next_attempt_at == claim.lease_until,
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
