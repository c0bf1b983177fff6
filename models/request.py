"""Requests (demandes): what a parent asks — reservation, absence, a change to the file.

A request is a header plus, for reservations and absences, one line per child × slot × date,
each with its own outcome. File changes carry their proposed values in ``payload`` until staff
accept them (applied atomically) or refuse them. Every status change appends to the history.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class RequestType(enum.StrEnum):
    """Type demande; French labels live in ``domain.labels``."""

    RESERVATION = "RESERVATION"
    ABSENCE = "ABSENCE"
    FAMILY_REGISTRATION = "FAMILY_REGISTRATION"
    ACTIVITY_REGISTRATION = "ACTIVITY_REGISTRATION"
    GUARDIAN_CHANGE = "GUARDIAN_CHANGE"
    GUARDIAN_ADDRESS_CHANGE = "GUARDIAN_ADDRESS_CHANGE"
    BANK_ACCOUNT_CHANGE = "BANK_ACCOUNT_CHANGE"
    CHILD_CHANGE = "CHILD_CHANGE"
    CHILD_COMPLEMENT_CHANGE = "CHILD_COMPLEMENT_CHANGE"
    CHILD_AUTHORIZATIONS_CHANGE = "CHILD_AUTHORIZATIONS_CHANGE"
    CHILD_PHOTO_CHANGE = "CHILD_PHOTO_CHANGE"
    HEALTH_RECORD_CHANGE = "HEALTH_RECORD_CHANGE"
    VACCINATION_CHANGE = "VACCINATION_CHANGE"
    AUTHORIZED_PERSON_ADD = "AUTHORIZED_PERSON_ADD"
    AUTHORIZED_PERSON_CHANGE = "AUTHORIZED_PERSON_CHANGE"
    AUTHORIZED_PERSON_REMOVE = "AUTHORIZED_PERSON_REMOVE"


class RequestStatus(enum.StrEnum):
    """Life cycle: PENDING → TRANSMITTED → ACCEPTED | PARTIALLY_ACCEPTED | REFUSED; CANCELLED."""

    PENDING = "PENDING"
    TRANSMITTED = "TRANSMITTED"
    ACCEPTED = "ACCEPTED"
    PARTIALLY_ACCEPTED = "PARTIALLY_ACCEPTED"
    REFUSED = "REFUSED"
    CANCELLED = "CANCELLED"


class RequestLineAction(enum.StrEnum):
    """What a line asks for its date."""

    RESERVE = "RESERVE"
    ABSENCE = "ABSENCE"


class RequestLineStatus(enum.StrEnum):
    """Outcome of one line."""

    PENDING = "PENDING"
    WAITING_LIST = "WAITING_LIST"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"
    CANCELLED = "CANCELLED"


class HistoryStep(enum.StrEnum):
    """Steps shown in "Historique de la demande"."""

    CREATED = "CREATED"
    TRANSMITTED = "TRANSMITTED"
    DECIDED = "DECIDED"
    LINE_DECIDED = "LINE_DECIDED"
    PROMOTED = "PROMOTED"
    CANCELLED = "CANCELLED"


class Request(Base):
    """A parent's request with a human reference ("17 378 981")."""

    __tablename__ = "request"
    __table_args__ = (
        UniqueConstraint("tenant_id", "reference"),
        Index(
            "uq_request_idempotency_key",
            "tenant_id",
            "idempotency_key",
            unique=True,
            sqlite_where=text("idempotency_key IS NOT NULL"),
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
        Index(None, "tenant_id", "status", "created_at"),
        Index(None, "tenant_id", "created_at"),  # reporting (0005)
        Index(None, "family_id", "created_at"),
        CheckConstraint(
            "period_end IS NULL OR period_start IS NULL OR period_end >= period_start",
            name="ordered_period",
        ),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id", index=False)
    reference: Mapped[int] = mapped_column(BigInteger)
    type: Mapped[RequestType] = mapped_column(enum_column(RequestType))
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus), default=RequestStatus.PENDING
    )
    created_by_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    decided_by_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    # What the request is about, for the list screen (child, activity, period).
    child_id: Mapped[int | None] = fk("child.id", nullable=True)
    guardian_id: Mapped[int | None] = fk("guardian.id", nullable=True, index=False)
    activity_id: Mapped[int | None] = fk("activity.id", nullable=True, index=False)
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    reason: Mapped[str | None] = mapped_column(String(500))
    comment: Mapped[str | None] = mapped_column(Text)
    # File changes: the proposed values, applied on acceptance.
    payload: Mapped[dict[str, Any] | None]
    created_at: Mapped[CreatedAt]
    transmitted_at: Mapped[dt.datetime | None]
    decided_at: Mapped[dt.datetime | None]

    lines: Mapped[list[RequestLine]] = relationship(lazy="raise", order_by="RequestLine.date")
    history: Mapped[list[RequestHistory]] = relationship(
        lazy="raise", order_by="RequestHistory.occurred_at"
    )


class RequestLine(Base):
    """One date of a reservation or absence request, with its own outcome."""

    __tablename__ = "request_line"
    __table_args__ = (
        UniqueConstraint("request_id", "child_id", "slot_id", "date"),
        Index(None, "child_id", "date"),
        Index(None, "slot_id", "date", "status"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    request_id: Mapped[int] = fk("request.id", index=False)
    child_id: Mapped[int] = fk("child.id", index=False)
    activity_id: Mapped[int] = fk("activity.id", index=False)
    slot_id: Mapped[int] = fk("slot.id", index=False)
    date: Mapped[dt.date]
    action: Mapped[RequestLineAction] = mapped_column(enum_column(RequestLineAction))
    status: Mapped[RequestLineStatus] = mapped_column(
        enum_column(RequestLineStatus), default=RequestLineStatus.PENDING
    )
    refusal_code: Mapped[str | None] = mapped_column(String(60))
    message: Mapped[str | None] = mapped_column(String(1000))
    booking_id: Mapped[int | None] = fk("booking.id", nullable=True, ondelete="SET NULL")
    decided_at: Mapped[dt.datetime | None]


class RequestHistory(Base):
    """An entry of a request's history (création, transmission, décision), with its time."""

    __tablename__ = "request_history"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    request_id: Mapped[int] = fk("request.id")
    step: Mapped[HistoryStep] = mapped_column(enum_column(HistoryStep))
    status: Mapped[RequestStatus] = mapped_column(enum_column(RequestStatus, "history_status"))
    actor_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    note: Mapped[str | None] = mapped_column(String(1000))
    occurred_at: Mapped[CreatedAt]
