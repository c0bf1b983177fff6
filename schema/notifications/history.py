"""``familyNotifications``: what was sent to a family — each notification (kind, topic,
title, when) and each of its deliveries (channel, status, when sent, last error).

Staff read any family of their collectivity, a parent their own family; a family out of
reach is null. Deliveries are batched: one statement for the whole page.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.labels import label
from models import Notification as NotificationRow
from models import OutboxMessage
from models.notification import NotificationChannel, NotificationKind
from models.outbox import OutboxStatus
from resolvers.notifications import history as reads
from schema.ids import decode_pk
from schema.notifications.enums import published
from schema.permissions import ParentOrStaff

published(NotificationChannel, "How a notification travels: mail, SMS or Web Push.")
published(NotificationKind, "What a notification is about (the unit of preferences).")
published(OutboxStatus, "Where a delivery stands: pending (or retrying), sent, given up.")


@strawberry.type(description="One channel that carried (or is to carry) a notification.")
class NotificationDelivery:
    channel: NotificationChannel = strawberry.field(description="Mail, SMS or Web Push.")
    channel_label: str = strawberry.field(description="« Mail », « SMS », « Notification ».")
    address: str | None = strawberry.field(
        description="The e-mail address or mobile number (null for Web Push)."
    )
    status: OutboxStatus = strawberry.field(description="Pending, sent or given up.")
    status_label: str = strawberry.field(description="« En attente », « Envoyé », « Échec ».")
    attempts: int = strawberry.field(description="Attempts made so far.")
    next_attempt_at: dt.datetime | None = strawberry.field(
        description="When it is (re)tried, while pending (quiet hours delay SMS and push)."
    )
    sent_at: dt.datetime | None = strawberry.field(description="When it was sent.")
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")

    @classmethod
    def from_row(cls, row: OutboxMessage) -> NotificationDelivery:
        """The API view of an outbox row."""
        pending = row.status is OutboxStatus.PENDING
        return cls(
            channel=row.channel,
            channel_label=label(row.channel),
            address=row.to_address or None,
            status=row.status,
            status_label=label(row.status),
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at if pending else None,
            sent_at=row.sent_at,
            last_error=row.last_error,
        )


@strawberry.type(description="One thing the collectivity told a family, and how it travelled.")
class SentNotification:
    kind: NotificationKind = strawberry.field(description="What it is about.")
    kind_label: str = strawberry.field(description="« Demande traitée », « Rappel »…")
    topic: str = strawberry.field(
        description="The mail template or reminder rule it came from (« day_closed »…)."
    )
    title: str = strawberry.field(description="Its title (the push title, else the subject).")
    created_at: dt.datetime = strawberry.field(description="When it was written.")
    _id: strawberry.Private[int]

    @strawberry.field(description="Each channel it went (or goes) on, with its status.")
    async def deliveries(self, info: strawberry.Info) -> list[NotificationDelivery]:
        rows = await reads.deliveries(info.context, self._id)
        return [NotificationDelivery.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: NotificationRow) -> SentNotification:
        """The API view of a stored notification."""
        return cls(
            kind=row.kind,
            kind_label=label(row.kind),
            topic=row.topic,
            title=row.title,
            created_at=row.created_at,
            _id=row.id,
        )


@strawberry.type(description="What was sent to families.")
class NotificationHistoryQueries:
    @strawberry.field(
        description="What was sent to a family, newest first: each notification and its "
        "deliveries per channel. Staff: any family of the collectivity; a parent: their "
        "own. Null for a family out of reach.",
        permission_classes=[ParentOrStaff],
    )
    async def family_notifications(
        self,
        info: strawberry.Info,
        family: Annotated[relay.GlobalID, strawberry.argument(description="The family.")],
        first: Annotated[
            int, strawberry.argument(description="How many, newest first (≤ 100).")
        ] = 50,
    ) -> list[SentNotification] | None:
        family_id = decode_pk(family, "Family", "family")
        assert family_id is not None
        rows = await reads.family_notifications(info.context, family_id, first)
        return None if rows is None else [SentNotification.from_row(row) for row in rows]
