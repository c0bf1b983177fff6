"""The append-only event log that subscriptions read from a cursor.

Written in the same transaction as the change it describes; the broker only wakes
subscribers, who then read from here, so a reconnecting client misses nothing.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigId, CreatedAt, enum_column, fk, tenant_fk


class EventKind(enum.StrEnum):
    """What changed."""

    REQUEST_CREATED = "REQUEST_CREATED"
    REQUEST_STATUS_CHANGED = "REQUEST_STATUS_CHANGED"
    REQUEST_LINE_DECIDED = "REQUEST_LINE_DECIDED"
    BOOKING_CHANGED = "BOOKING_CHANGED"
    INVOICE_ISSUED = "INVOICE_ISSUED"
    NOTIFICATION_SENT = "NOTIFICATION_SENT"


class Event(Base):
    """An event with a monotonic cursor (``seq``), scoped to a tenant and maybe a family."""

    __tablename__ = "event"
    __table_args__ = (
        Index(None, "tenant_id", "id"),
        Index(None, "family_id", "id"),
        Index(None, "occurred_at"),
        Index(None, "tenant_id", "seq"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int | None] = fk("family.id", nullable=True, index=False)
    child_id: Mapped[int | None] = fk("child.id", nullable=True, index=False)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(BigId)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    occurred_at: Mapped[CreatedAt]
    # The cursor: given at commit, in commit order within a tenant (see domain.events);
    # null while the writing transaction is still open.
    seq: Mapped[int | None] = mapped_column(BigId, unique=True)
