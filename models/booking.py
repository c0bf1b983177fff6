"""Bookings: one row per child × slot × date once something happened on it.

The planning is computed (registrations × slots × opening days) and joined with these rows;
a date with no row is simply AVAILABLE. Uniqueness of child × slot × date is a constraint.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk, utcnow


class BookingStatus(enum.StrEnum):
    """State of a booked occurrence (AVAILABLE and PENDING are computed, never stored)."""

    RESERVED = "RESERVED"
    WAITING_LIST = "WAITING_LIST"
    CANCELLED = "CANCELLED"
    ABSENT = "ABSENT"
    ABSENT_BILLED = "ABSENT_BILLED"
    UNBOOKED = "UNBOOKED"


class Attendance(enum.StrEnum):
    """What staff marked on the day (pointage)."""

    PRESENT = "PRESENT"
    ABSENT = "ABSENT"


class Booking(Base):
    """A child's occurrence of a slot on a date, with its status and attendance."""

    __tablename__ = "booking"
    __table_args__ = (
        UniqueConstraint("child_id", "slot_id", "date"),
        Index(None, "slot_id", "date", "status"),
        Index(None, "tenant_id", "date"),
        # Reporting (migration 0005): covers the occupancy/attendance aggregates.
        Index(
            "ix_booking_reporting",
            "tenant_id",
            "date",
            "activity_id",
            "slot_id",
            "status",
            "attendance",
            "child_id",
        ),
        Index(None, "child_id", "date"),
        CheckConstraint(
            "status <> 'WAITING_LIST' OR waiting_since IS NOT NULL", name="waiting_has_rank"
        ),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    child_id: Mapped[int] = fk("child.id", index=False)
    slot_id: Mapped[int] = fk("slot.id", index=False)
    activity_id: Mapped[int] = fk("activity.id", index=False)
    registration_id: Mapped[int | None] = fk("registration.id", nullable=True, ondelete="SET NULL")
    date: Mapped[dt.date]
    status: Mapped[BookingStatus] = mapped_column(enum_column(BookingStatus))
    attendance: Mapped[Attendance | None] = mapped_column(enum_column(Attendance))
    # Waiting list order: first come, first served.
    waiting_since: Mapped[dt.datetime | None]
    absence_justified: Mapped[bool] = mapped_column(default=False)
    justification_document_id: Mapped[int | None] = fk(
        "document.id", nullable=True, ondelete="SET NULL", index=False
    )
    # The invoice line that billed this occurrence (billing runs and credit notes use it).
    invoice_line_id: Mapped[int | None] = fk(
        "invoice_line.id", nullable=True, ondelete="SET NULL", index=False
    )
    created_at: Mapped[CreatedAt]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
