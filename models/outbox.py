"""The mail outbox: mails written in the same transaction as the change, sent by a worker."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, tenant_fk, utcnow


class OutboxStatus(enum.StrEnum):
    """Delivery state of a queued mail."""

    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class OutboxMail(Base):
    """A mail to deliver, retried with backoff until sent or given up."""

    __tablename__ = "outbox_mail"
    __table_args__ = (
        Index(None, "status", "next_attempt_at"),
        CheckConstraint("attempts >= 0", name="attempts_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    template: Mapped[str] = mapped_column(String(80))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    sent_at: Mapped[dt.datetime | None]
