"""Activities (prestations) with their rules as data, and their weekly slots (créneaux).

Every rule a town configures lives in a column here, none in code: booking and cancellation
deadlines, absence billing, capacity and waiting list, auto-acceptance, eligibility by grade
or birth date, and the exclusivity group ("choose only ONE of the four evening slots").
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, IntPk, enum_column, fk, tenant_fk
from models.child import Grade


class ActivityCategory(enum.StrEnum):
    """Family of activity; drives icons, reports and the childcare certificate."""

    MORNING_CARE = "MORNING_CARE"
    MEAL = "MEAL"
    EVENING_CARE = "EVENING_CARE"
    STUDY = "STUDY"
    WEDNESDAY = "WEDNESDAY"
    HOLIDAY = "HOLIDAY"
    OTHER = "OTHER"


class OperatingDays(enum.StrEnum):
    """Which days of the school year an activity runs on."""

    SCHOOL_DAYS = "SCHOOL_DAYS"
    SCHOOL_HOLIDAYS = "SCHOOL_HOLIDAYS"
    ALL_DAYS = "ALL_DAYS"


class DeadlineKind(enum.StrEnum):
    """How a booking or cancellation deadline is computed from the slot's date.

    - NONE: no deadline (until the slot starts);
    - CALENDAR_DAYS_BEFORE: ``offset`` days before, at ``time`` (J-2 à 12:00);
    - WORKING_DAYS_BEFORE: ``offset`` working days before, at ``time`` (3 jours ouvrés);
    - HOURS_BEFORE: ``offset`` hours before the slot starts (72 h);
    - WEEKLY_CUTOFF: for a slot in week W, ``weekday`` of week W-1 at ``time``
      (jeudi 9:00 pour la semaine suivante).
    """

    NONE = "NONE"
    CALENDAR_DAYS_BEFORE = "CALENDAR_DAYS_BEFORE"
    WORKING_DAYS_BEFORE = "WORKING_DAYS_BEFORE"
    HOURS_BEFORE = "HOURS_BEFORE"
    WEEKLY_CUTOFF = "WEEKLY_CUTOFF"


def _deadline_checks(prefix: str) -> tuple[CheckConstraint, ...]:
    return (
        CheckConstraint(f"{prefix}_offset >= 0", name=f"{prefix}_offset_positive"),
        CheckConstraint(
            f"{prefix}_weekday IS NULL OR {prefix}_weekday BETWEEN 1 AND 7",
            name=f"{prefix}_weekday_iso",
        ),
        CheckConstraint(
            f"{prefix}_kind <> 'WEEKLY_CUTOFF' OR {prefix}_weekday IS NOT NULL",
            name=f"{prefix}_weekly_has_weekday",
        ),
    )


class Activity(Base):
    """An activity of an establishment ("Garderie Matin", "Repas") and its rules."""

    __tablename__ = "activity"
    __table_args__ = (
        UniqueConstraint("tenant_id", "code"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        CheckConstraint("justification_delay_days >= 0", name="justification_delay_positive"),
        *_deadline_checks("booking_deadline"),
        *_deadline_checks("cancellation_deadline"),
        Index(None, "tenant_id", "establishment_id", "sort_order"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    establishment_id: Mapped[int] = fk("establishment.id", index=False)
    school_year_id: Mapped[int] = fk("school_year.id")
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[ActivityCategory] = mapped_column(enum_column(ActivityCategory))
    operating_days: Mapped[OperatingDays] = mapped_column(
        enum_column(OperatingDays), default=OperatingDays.SCHOOL_DAYS
    )
    # Counts towards the yearly childcare certificate (meals do not).
    is_childcare: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)

    # Booking and cancellation deadlines (délai de prévenance).
    booking_deadline_kind: Mapped[DeadlineKind] = mapped_column(
        enum_column(DeadlineKind, "deadlinekind_booking"), default=DeadlineKind.NONE
    )
    booking_deadline_offset: Mapped[int] = mapped_column(default=0)
    booking_deadline_time: Mapped[dt.time | None]
    booking_deadline_weekday: Mapped[int | None]
    cancellation_deadline_kind: Mapped[DeadlineKind] = mapped_column(
        enum_column(DeadlineKind, "deadlinekind_cancellation"), default=DeadlineKind.NONE
    )
    cancellation_deadline_offset: Mapped[int] = mapped_column(default=0)
    cancellation_deadline_time: Mapped[dt.time | None]
    cancellation_deadline_weekday: Mapped[int | None]

    # Absences notified after the cancellation deadline are billed unless justified
    # within ``justification_delay_days`` (amounts live in the price list).
    late_absence_billed: Mapped[bool] = mapped_column(default=True)
    justification_accepted: Mapped[bool] = mapped_column(default=True)
    justification_delay_days: Mapped[int] = mapped_column(default=2)

    # Capacity (per slot occurrence; a slot may override), waiting list, processing.
    capacity: Mapped[int | None]
    waiting_list_enabled: Mapped[bool] = mapped_column(default=True)
    auto_promote_waiting_list: Mapped[bool] = mapped_column(default=False)
    auto_accept: Mapped[bool] = mapped_column(default=False)

    # Eligibility: grade range and/or birth-date range, all optional.
    min_grade: Mapped[Grade | None] = mapped_column(enum_column(Grade, "grade_min"))
    max_grade: Mapped[Grade | None] = mapped_column(enum_column(Grade, "grade_max"))
    born_on_or_after: Mapped[dt.date | None]
    born_on_or_before: Mapped[dt.date | None]

    # At most one slot of a group per child and day (the four evening slots).
    exclusivity_group: Mapped[str | None] = mapped_column(String(60))
    # At most this many dates of the activity per child and calendar month (None: no limit).
    max_days_per_month: Mapped[int | None]

    slots: Mapped[list[Slot]] = relationship(
        lazy="raise", order_by="(Slot.weekday, Slot.start_time)"
    )


class Slot(Base):
    """A weekly créneau of an activity: ISO weekday, start and end time, validity range."""

    __tablename__ = "slot"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 1 AND 7", name="weekday_iso"),
        CheckConstraint("end_time > start_time", name="ordered_times"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ordered_dates"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_positive"),
        UniqueConstraint("activity_id", "weekday", "start_time", "valid_from"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    activity_id: Mapped[int] = fk("activity.id", index=False)
    weekday: Mapped[int]
    start_time: Mapped[dt.time]
    end_time: Mapped[dt.time]
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None]
    capacity: Mapped[int | None]
