"""Registrations (inscriptions): a child × activity × period, giving access to the slots."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class RegistrationStatus(enum.StrEnum):
    """A wished registration becomes ACTIVE when staff validate it."""

    REQUESTED = "REQUESTED"
    ACTIVE = "ACTIVE"
    REFUSED = "REFUSED"
    CANCELLED = "CANCELLED"


class Registration(Base):
    """Child registered to an activity between two dates (bookings must fall inside)."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("child_id", "activity_id", "start_date"),
        CheckConstraint("end_date >= start_date", name="ordered_dates"),
        Index(None, "activity_id", "status"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    child_id: Mapped[int] = fk("child.id")
    activity_id: Mapped[int] = fk("activity.id", index=False)
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    status: Mapped[RegistrationStatus] = mapped_column(
        enum_column(RegistrationStatus), default=RegistrationStatus.REQUESTED
    )
    created_at: Mapped[CreatedAt]
    decided_at: Mapped[dt.datetime | None]
