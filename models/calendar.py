"""The school calendar: school years and the periods when establishments are closed."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IntPk, enum_column, fk, tenant_fk


class SchoolYear(Base):
    """A school year ("2025-2026"): first and last day of classes."""

    __tablename__ = "school_year"
    __table_args__ = (
        UniqueConstraint("tenant_id", "label"),
        CheckConstraint("end_date > start_date", name="ordered_dates"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    label: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    # The registration campaign (« Inscriptions ») for this year: families may wish
    # registrations between these days (both NULL: no campaign open).
    registration_opens_on: Mapped[dt.date | None]
    registration_closes_on: Mapped[dt.date | None]


class CalendarPeriodKind(enum.StrEnum):
    """Why days are special: school holidays, public holidays, closures, strikes."""

    SCHOOL_HOLIDAY = "SCHOOL_HOLIDAY"
    PUBLIC_HOLIDAY = "PUBLIC_HOLIDAY"
    CLOSURE = "CLOSURE"
    STRIKE = "STRIKE"


class CalendarPeriod(Base):
    """A range of days (inclusive) of one kind, for the whole tenant or one establishment."""

    __tablename__ = "calendar_period"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="ordered_dates"),
        Index(None, "tenant_id", "start_date", "end_date"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    school_year_id: Mapped[int | None] = fk("school_year.id", nullable=True)
    establishment_id: Mapped[int | None] = fk("establishment.id", nullable=True)
    kind: Mapped[CalendarPeriodKind] = mapped_column(enum_column(CalendarPeriodKind))
    label: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    # Imported from the official data (public and school holidays); a new import of the
    # same year replaces these rows and never touches the ones the town entered.
    official: Mapped[bool] = mapped_column(default=False)
