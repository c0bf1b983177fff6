"""The pieces the booking rules share — pure functions: the French date and instant
formats of their messages, eligibility, the registration covering a date, and what an
absence does (free, billed, or leaving the waiting list).

The rules themselves, in their order, are ``domain.bookings.engine.RULES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from domain.bookings.codes import BookingRule
from domain.bookings.facts import ActivityRules, booking_rule, cancellation_rule
from domain.calendar.deadlines import deadline_for, is_open
from models import Registration
from models.booking import BookingStatus
from models.child import Grade

__all__ = ["booking_rule", "cancellation_rule"]


class _Eligible(Protocol):
    """What eligibility reads of a child (an ORM ``Child`` or ``facts.ChildFacts``)."""

    @property
    def grade(self) -> Grade | None: ...

    @property
    def birth_date(self) -> dt.date: ...


class _Limits(Protocol):
    """What eligibility reads of an activity (ORM or ``facts.ActivityRules``)."""

    @property
    def min_grade(self) -> Grade | None: ...

    @property
    def max_grade(self) -> Grade | None: ...

    @property
    def born_on_or_after(self) -> dt.date | None: ...

    @property
    def born_on_or_before(self) -> dt.date | None: ...


class _Starts(Protocol):
    @property
    def start_time(self) -> dt.time: ...


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a date cannot be requested: a rule code and a French sentence."""

    rule: BookingRule
    message: str


@dataclass(frozen=True, slots=True)
class AbsenceConsequence:
    """What an absence does to the booking, and what the parent is told about it."""

    status: BookingStatus  # ABSENT (free), ABSENT_BILLED, or CANCELLED (waiting list left)
    late: bool  # declared after the cancellation deadline
    message: str


def date_fr(day: dt.date) -> str:
    """« 04/04/2019 »."""
    return f"{day:%d/%m/%Y}"


def instant_fr(moment: dt.datetime, timezone: ZoneInfo) -> str:
    """« 04/04/2019 à 12:00 », in the tenant's time zone."""
    local = moment.astimezone(timezone)
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


def registration_for(registrations: Iterable[Registration], day: dt.date) -> Registration | None:
    """The active registration covering ``day``, if any."""
    return next((r for r in registrations if r.start_date <= day <= r.end_date), None)


def is_eligible(child: _Eligible, activity: _Limits) -> bool:
    """Whether the child's grade and birth date fit the activity's eligibility data."""
    if activity.min_grade is not None or activity.max_grade is not None:
        if child.grade is None:
            return False
        if activity.min_grade is not None and child.grade.rank < activity.min_grade.rank:
            return False
        if activity.max_grade is not None and child.grade.rank > activity.max_grade.rank:
            return False
    if activity.born_on_or_after is not None and child.birth_date < activity.born_on_or_after:
        return False
    return not (
        activity.born_on_or_before is not None and child.birth_date > activity.born_on_or_before
    )


def absence_consequence(
    activity: ActivityRules,
    slot: _Starts,
    day: dt.date,
    booking_status: BookingStatus,
    *,
    declared_at: dt.datetime,
    timezone: ZoneInfo,
    holidays: Collection[dt.date] = (),
    deadline: dt.datetime | None = None,
) -> AbsenceConsequence:
    """What an absence declared at ``declared_at`` does: free before the cancellation
    deadline (ABSENT), billed after it when the activity bills late absences
    (ABSENT_BILLED, unless justified later), and a simple withdrawal from the waiting list.

    Staff deciding a pending absence call this with the request's creation time, so the
    parent is judged on when they declared it, not on when staff got to it.
    """
    if booking_status is BookingStatus.WAITING_LIST:
        return AbsenceConsequence(
            BookingStatus.CANCELLED, False, "Retrait de la liste d'attente (non facturé)."
        )
    if deadline is None:  # the caller may already hold it (the planning does)
        deadline = deadline_for(
            activity.cancellation, day, slot.start_time, timezone=timezone, holidays=holidays
        )
    if is_open(deadline, declared_at):
        return AbsenceConsequence(
            BookingStatus.ABSENT, False, "Absence déclarée dans les délais : non facturée."
        )
    late = f"Absence déclarée après le délai d'annulation ({instant_fr(deadline, timezone)})"
    if not activity.late_absence_billed:
        return AbsenceConsequence(BookingStatus.ABSENT, True, f"{late} : non facturée.")
    justification = ""
    if activity.justification_accepted:
        days = activity.justification_delay_days
        justification = (
            f", sauf justificatif (certificat médical) transmis sous {days} "
            f"jour{'s' if days > 1 else ''}"
        )
    return AbsenceConsequence(
        BookingStatus.ABSENT_BILLED, True, f"{late} : facturée{justification}."
    )
