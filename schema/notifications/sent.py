"""``NotificationSentEvent``: what the ``notificationSent`` subscription delivers — a
notification reached the family on one channel (mail, SMS, Web Push), as the worker
recorded it (a ``NOTIFICATION_SENT`` event of the log, committed with the delivery)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, TypeVar

import strawberry

from models.event import EventKind
from models.notification import NotificationChannel, NotificationKind
from subscriptions.log import LoggedEvent

EnumT = TypeVar("EnumT", bound=type[enum.Enum])
SENT_KINDS = frozenset({EventKind.NOTIFICATION_SENT})


def _published(cls: EnumT, description: str) -> EnumT:
    """The model enum as a GraphQL enum, registered once whichever module comes first."""
    if hasattr(cls, "__strawberry_definition__"):
        return cls
    return strawberry.enum(cls, description=description)


_published(NotificationChannel, "How a notification travels: mail, SMS or Web Push.")
_published(NotificationKind, "What a notification is about (the unit of preferences).")


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
