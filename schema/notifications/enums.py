"""The notification enums as GraphQL enums (registered once, whichever module comes first)
and their French labels (``domain.notifications.labels``)."""

from __future__ import annotations

import enum
from typing import TypeVar

import strawberry

import domain.notifications.labels  # noqa: F401  (the French labels of the enums below)
from models.notification import NotificationChannel, NotificationKind
from models.outbox import OutboxStatus

EnumT = TypeVar("EnumT", bound=type[enum.Enum])


def published(cls: EnumT, description: str) -> EnumT:
    """The model enum as a GraphQL enum, registered once whichever module comes first."""
    if hasattr(cls, "__strawberry_definition__"):
        return cls
    return strawberry.enum(cls, description=description)


published(NotificationChannel, "How a notification travels: mail, SMS or Web Push.")
published(NotificationKind, "What a notification is about (the unit of preferences).")
published(OutboxStatus, "Where a delivery stands: pending (or retrying), sent, given up.")
