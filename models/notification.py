"""Notifications: what a family was told, through which channels, and what it agreed to.

A ``Notification`` is one thing said to one recipient (a request decided, a new message, an
invoice issued, a reminder…); each channel that carries it is one ``OutboxMessage`` row
(mail, SMS, Web Push), written in the same transaction and delivered by the worker. The
recipient's ``NotificationPreference`` rows say which kinds they want on which channel, within
what the town offers; ``NotificationConsent`` rows date each channel's consent and its
revocation; ``PushSubscription`` rows are the browsers and phones a parent's app registered.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class NotificationKind(enum.StrEnum):
    """What a notification is about: the unit of a recipient's preferences.

    ``ACCOUNT`` covers account security mails (activation, password reset, invitations): they
    are always sent by mail and no preference can turn them off. ``TOWN_NOTICE`` covers what
    the town must tell a family (a closed day, a booking changed by the town, a file decision).
    """

    REQUEST_DECIDED = "REQUEST_DECIDED"
    NEW_MESSAGE = "NEW_MESSAGE"
    INVOICE_ISSUED = "INVOICE_ISSUED"
    PAYMENT_DUE = "PAYMENT_DUE"
    REMINDER = "REMINDER"
    TOWN_NOTICE = "TOWN_NOTICE"
    ACCOUNT = "ACCOUNT"


class NotificationChannel(enum.StrEnum):
    """How a notification travels."""

    MAIL = "MAIL"
    SMS = "SMS"
    PUSH = "PUSH"


class Notification(Base):
    """One thing said to one recipient; its deliveries are the outbox rows pointing to it.

    ``dedupe_key`` makes "never twice for the same thing" a database constraint: a reminder
    computed twice (two workers, a restart) inserts once.
    """

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("tenant_id", "dedupe_key"),
        Index(None, "family_id", "created_at"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int | None] = fk("family.id", nullable=True, index=False)
    account_id: Mapped[int | None] = fk("account.id", nullable=True, ondelete="SET NULL")
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind))
    # The mail template (or reminder rule) that produced it: what staff see in the history.
    topic: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[CreatedAt]


class NotificationPreference(Base):
    """A recipient's choice for one kind on one channel (absent row: the channel's default)."""

    __tablename__ = "notification_preference"

    account_id: Mapped[int] = fk("account.id", primary_key=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind), primary_key=True)
    channel: Mapped[NotificationChannel] = mapped_column(
        enum_column(NotificationChannel), primary_key=True
    )
    tenant_id: Mapped[int] = tenant_fk()
    enabled: Mapped[bool]
    updated_at: Mapped[CreatedAt]


class NotificationConsent(Base):
    """A dated consent to be reached on a channel (SMS to a number, Web Push), and its end.

    Never updated but to set ``revoked_at``: the history of consents is the rows.
    """

    __tablename__ = "notification_consent"
    __table_args__ = (Index(None, "account_id", "channel", "revoked_at"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    account_id: Mapped[int] = fk("account.id", index=False)
    channel: Mapped[NotificationChannel] = mapped_column(enum_column(NotificationChannel))
    # The mobile number (E.164) an SMS consent was given for; null for other channels.
    address: Mapped[str | None] = mapped_column(String(32))
    granted_at: Mapped[CreatedAt]
    revoked_at: Mapped[dt.datetime | None]


class PushSubscription(Base):
    """A Web Push endpoint registered by a parent's app (RFC 8030/8291 keys)."""

    __tablename__ = "push_subscription"
    __table_args__ = (UniqueConstraint("tenant_id", "endpoint"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    account_id: Mapped[int] = fk("account.id")
    endpoint: Mapped[str] = mapped_column(String(1000))
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    user_agent: Mapped[str | None] = mapped_column(String(400))
    created_at: Mapped[CreatedAt]
    # Set when the push service answers 404/410 (the subscription is gone) or the parent
    # unregisters: the row stays so the history of deliveries keeps its meaning.
    revoked_at: Mapped[dt.datetime | None]
