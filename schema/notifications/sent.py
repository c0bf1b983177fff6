"""``NotificationSentEvent``: what the ``notificationSent`` subscription delivers — a
notification reached the family on one channel (mail, SMS, Web Push), as the worker
recorded it (a ``NOTIFICATION_SENT`` event of the log, committed with the delivery)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry

import schema.notifications.enums  # noqa: F401  (NotificationChannel, NotificationKind published)
from models.event import EventKind
from models.notification import NotificationChannel, NotificationKind
from subscriptions.log import LoggedEvent

SENT_KINDS = frozenset({EventKind.NOTIFICATION_SENT})


@strawberry.type(
    description="A notification reached the family on one channel (« Notification envoyée »)."
)
class NotificationSentEvent:
    notification_pk: strawberry.Private[int]
    cursor: str = strawberry.field(
        description="Opaque position in the event log: pass it as ``after`` to resume."
    )
    occurred_at: dt.datetime = strawberry.field(description="When the delivery was recorded.")
    channel: NotificationChannel = strawberry.field(description="The channel it went on.")
    kind: NotificationKind = strawberry.field(description="What it is about.")
    title: str = strawberry.field(description="Its title, in French (« Demande acceptée »).")

    @classmethod
    def from_event(cls, event: LoggedEvent) -> NotificationSentEvent:
        """Map a logged NOTIFICATION_SENT event to the API type."""
        payload: dict[str, Any] = event.payload
        return cls(
            notification_pk=event.subject_id,
            cursor=event.cursor,
            occurred_at=event.occurred_at,
            channel=NotificationChannel(payload["channel"]),
            kind=NotificationKind(payload["kind"]),
            title=str(payload.get("title") or ""),
        )
