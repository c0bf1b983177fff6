"""Claiming due outbox rows: a lease taken by a conditional ``UPDATE``, so that of several
workers exactly one sends each row (see the package docstring).

A claim carries what its channel's backend needs (the mail with the tenant's sender, the
SMS, the push with its subscription's keys) and, for a row that delivers a notification,
what the ``NOTIFICATION_SENT`` event says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Notification, OutboxMessage, PushSubscription, Tenant
from models.notification import NotificationChannel
from models.outbox import OutboxStatus
from server.notification_delivery.mail_messages import OutgoingMail
from server.notification_delivery.push import OutgoingPush
from server.notification_delivery.sms import OutgoingSms

LEASE: Final = dt.timedelta(minutes=10)

Outgoing = OutgoingMail | OutgoingSms | OutgoingPush


@dataclass(frozen=True, slots=True)
class Notice:
    """The notification a row delivers, for its ``NOTIFICATION_SENT`` event."""

    notification_id: int
    tenant_id: int
    family_id: int | None
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A row this worker holds until ``lease_until``; ``message`` is None when it cannot
    be sent at all (``obstacle`` says why: a revoked push subscription)."""

    id: int
    channel: NotificationChannel
    template: str
    recipient: str  # for log lines: the address, the number or the subscription
    attempts: int
    lease_until: dt.datetime
    message: Outgoing | None
    notice: Notice | None
    subscription_id: int | None = None
    obstacle: str | None = None


def _message(row: Any) -> tuple[Outgoing | None, str | None]:
    if row.channel is NotificationChannel.MAIL:
        mail = OutgoingMail(
            id=row.id,
            template=row.template,
            sender=row.mail_from,
            sender_name=row.tenant_name,
            to_address=row.to_address,
            subject=row.subject,
            text_body=row.text_body,
            html_body=row.html_body,
            created_at=row.created_at,
        )
        return mail, None
    if row.channel is NotificationChannel.SMS:
        sms = OutgoingSms(
            id=row.id,
            tenant_id=row.tenant_id,
            to_address=row.to_address,
            text=row.text_body,
            created_at=row.created_at,
        )
        return sms, None
    if row.endpoint is None:
        return None, "push subscription deleted"
    if row.revoked_at is not None:
        return None, f"push subscription revoked at {row.revoked_at:%Y-%m-%d %H:%M} UTC"
    push = OutgoingPush(
        id=row.id,
        tenant_id=row.tenant_id,
        subscription_id=row.push_subscription_id,
        endpoint=row.endpoint,
        p256dh=row.p256dh,
        auth=row.auth,
        payload=row.text_body,
        created_at=row.created_at,
    )
    return push, None


def _recipient(row: Any) -> str:
    if row.channel is NotificationChannel.PUSH:
        return f"push subscription {row.push_subscription_id}"
    return str(row.to_address)


def _notice(row: Any) -> Notice | None:
    if row.notification_id is None or row.notification_kind is None:
        return None
    return Notice(
        notification_id=row.notification_id,
        tenant_id=row.tenant_id,
        family_id=row.family_id,
        kind=str(row.notification_kind),
        title=row.title,
    )


async def claim_due(
    sessions: async_sessionmaker[AsyncSession],
    channels: Sequence[NotificationChannel],
    now: dt.datetime,
    batch: int,
) -> tuple[list[Claim], int]:
    """Claim up to ``batch`` due rows of ``channels``; how many another worker took first."""
    if not channels:
        return [], 0
    lease_until = now + LEASE
    async with sessions() as session:
        rows = (
            await session.execute(
                select(
                    OutboxMessage.id,
                    OutboxMessage.tenant_id,
                    OutboxMessage.channel,
                    OutboxMessage.next_attempt_at,
                    OutboxMessage.attempts,
                    OutboxMessage.template,
                    OutboxMessage.to_address,
                    OutboxMessage.subject,
                    OutboxMessage.text_body,
                    OutboxMessage.html_body,
                    OutboxMessage.created_at,
                    OutboxMessage.notification_id,
                    OutboxMessage.push_subscription_id,
                    Tenant.name.label("tenant_name"),
                    Tenant.mail_from,
                    PushSubscription.endpoint,
                    PushSubscription.p256dh,
                    PushSubscription.auth,
                    PushSubscription.revoked_at,
                    Notification.kind.label("notification_kind"),
                    Notification.family_id,
                    Notification.title,
                )
                .join(Tenant, Tenant.id == OutboxMessage.tenant_id)
                .outerjoin(
                    PushSubscription, PushSubscription.id == OutboxMessage.push_subscription_id
                )
                .outerjoin(Notification, Notification.id == OutboxMessage.notification_id)
                .where(
                    OutboxMessage.status == OutboxStatus.PENDING,
                    OutboxMessage.next_attempt_at <= now,
                    OutboxMessage.channel.in_(list(channels)),
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(batch)
            )
        ).all()
        claims: list[Claim] = []
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
            message, obstacle = _message(row)
            claims.append(
                Claim(
                    id=row.id,
                    channel=row.channel,
                    template=row.template,
                    recipient=_recipient(row),
                    attempts=row.attempts,
                    lease_until=lease_until,
                    message=message,
                    notice=_notice(row),
                    subscription_id=row.push_subscription_id,
                    obstacle=obstacle,
                )
            )
        await session.commit()
    return claims, lost
