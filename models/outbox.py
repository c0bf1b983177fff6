"""The notification outbox: one row per channel delivery (mail, SMS, Web Push), written in
the same transaction as the change it announces, sent by a worker."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk, utcnow
from models.notification import NotificationChannel


class OutboxStatus(enum.StrEnum):
    """Delivery state of a queued message."""

    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"


class OutboxMessage(Base):
    """A message to deliver on one channel, retried with backoff until sent or given up.

    ``to_address`` is an e-mail address (MAIL), an E.164 mobile number (SMS) or empty (PUSH:
    the target is ``push_subscription_id``). ``subject`` is empty but for mails; ``text_body``
    is the mail's text, the SMS text or the push payload (JSON).
    """

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index(None, "status", "next_attempt_at"),
        CheckConstraint("attempts >= 0", name="attempts_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    channel: Mapped[NotificationChannel] = mapped_column(
        enum_column(NotificationChannel), default=NotificationChannel.MAIL
    )
    notification_id: Mapped[int | None] = fk("notification.id", nullable=True)
    push_subscription_id: Mapped[int | None] = fk(
        "push_subscription.id", nullable=True, index=False, ondelete="SET NULL"
    )
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
