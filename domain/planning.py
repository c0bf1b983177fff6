"""The planning: every slot occurrence of the chosen children, with its status and what
the family may still do about it.

Computed, never stored: registrations × slots × opening days, joined with the bookings
and the pending request lines (ARCHITECTURE: « The planning is computed »). The callers
load those rows in a constant number of statements; this module is pure and fast.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.deadlines import DeadlineRule, deadline_for, is_open
from domain.labels import register_labels
from domain.opening_days import ClosedPeriod, DayKinds, classify_day, date_range, runs_on
from models.activity import OperatingDays
from models.booking import Attendance, BookingStatus
from models.occurrence_log import OccurrenceActionKind
from models.request import RequestLineAction

MAX_PLANNING_DAYS = 93  # three months: a month view with its surrounding weeks


class OccurrenceStatus(enum.StrEnum):
    """What the planning shows on a slot occurrence (the guide's legend)."""

    AVAILABLE = "AVAILABLE"
    RESERVED = "RESERVED"
    PENDING = "PENDING"
    WAITING_LIST = "WAITING_LIST"
    ABSENT = "ABSENT"
    ABSENT_BILLED = "ABSENT_BILLED"
    PRESENT = "PRESENT"


class Blocker(enum.StrEnum):
    """Why an occurrence cannot be reserved or cancelled right now."""

    DEADLINE_PASSED = "DEADLINE_PASSED"
    ALREADY_RESERVED = "ALREADY_RESERVED"
    NOT_RESERVED = "NOT_RESERVED"
    PENDING_REQUEST = "PENDING_REQUEST"
    STARTED = "STARTED"


@dataclass(frozen=True, slots=True)
class RegistrationFacts:
    """An active registration: the child may use the activity between two dates."""

    child_id: int
    activity_id: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class SlotFacts:
    """A weekly slot of an activity."""

    id: int
    activity_id: int
    weekday: int
    start_time: dt.time
    end_time: dt.time
    valid_from: dt.date
    valid_to: dt.date | None


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    """What of an activity the planning needs: where, when it runs, its deadlines."""

    id: int
    establishment_id: int
    operating_days: OperatingDays
    booking: DeadlineRule
    cancellation: DeadlineRule
    late_absence_billed: bool


@dataclass(frozen=True, slots=True)
class BookingFacts:
    """A stored booking row."""

    status: BookingStatus
    attendance: Attendance | None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class HistoryFacts:
    """One action taken on an occurrence (requested, accepted, marked present…)."""

    kind: OccurrenceActionKind
    occurred_at: dt.datetime
    request_id: int | None
    request_reference: int | None


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One line of the planning."""

    date: dt.date
    child_id: int
    activity_id: int
    slot_id: int
    start_time: dt.time
    end_time: dt.time
    status: OccurrenceStatus
    booking_deadline: dt.datetime
    cancellation_deadline: dt.datetime
    can_reserve: bool
    reserve_blocker: Blocker | None
    can_cancel: bool
    cancel_blocker: Blocker | None
    absence_would_be_billed: bool
    history: tuple[HistoryFacts, ...] = ()
    booking_id: int | None = None


OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date


def occurrence_status(
    booking: BookingFacts | None, pending: RequestLineAction | None
) -> OccurrenceStatus:
    """The status shown: a pending request wins, then the booking, else AVAILABLE."""
    if pending is not None:
        return OccurrenceStatus.PENDING
    if booking is None:
        return OccurrenceStatus.AVAILABLE
    if booking.status is BookingStatus.RESERVED:
        if booking.attendance is Attendance.PRESENT:
            return OccurrenceStatus.PRESENT
        if booking.attendance is Attendance.ABSENT:
            return OccurrenceStatus.ABSENT_BILLED
        return OccurrenceStatus.RESERVED
    return {
        BookingStatus.WAITING_LIST: OccurrenceStatus.WAITING_LIST,
        BookingStatus.CANCELLED: OccurrenceStatus.AVAILABLE,
        BookingStatus.ABSENT: OccurrenceStatus.ABSENT,
        BookingStatus.ABSENT_BILLED: OccurrenceStatus.ABSENT_BILLED,
        BookingStatus.UNBOOKED: OccurrenceStatus.PRESENT,
    }[booking.status]


def _what_can_be_done(
    status: OccurrenceStatus,
    booking_deadline: dt.datetime,
    slot_start: dt.datetime,
    now: dt.datetime,
) -> tuple[Blocker | None, Blocker | None]:
    if status is OccurrenceStatus.PENDING:
        return Blocker.PENDING_REQUEST, Blocker.PENDING_REQUEST
    if status is OccurrenceStatus.AVAILABLE:
        reserve = None if is_open(booking_deadline, now) else Blocker.DEADLINE_PASSED
        return reserve, Blocker.NOT_RESERVED
    if status in (OccurrenceStatus.RESERVED, OccurrenceStatus.WAITING_LIST):
        # An absence may be declared until the slot starts; after the cancellation
        # deadline it is billed (absence_would_be_billed says so before confirming).
        return Blocker.ALREADY_RESERVED, None if now < slot_start else Blocker.STARTED
    return Blocker.ALREADY_RESERVED, Blocker.NOT_RESERVED


def expand_planning(
    start: dt.date,
    end: dt.date,
    *,
    registrations: Iterable[RegistrationFacts],
    slots: Iterable[SlotFacts],
    activities: Mapping[int, ActivityFacts],
    periods: Collection[ClosedPeriod],
    bookings: Mapping[OccurrenceKey, BookingFacts],
    pending: Mapping[OccurrenceKey, RequestLineAction],
    now: dt.datetime,
    timezone: ZoneInfo,
    holidays: Collection[dt.date],
    history: Mapping[OccurrenceKey, tuple[HistoryFacts, ...]] | None = None,
) -> list[Occurrence]:
    """Every occurrence in [start, end] of the registrations, by date, time and child,
    each with its ``history`` (oldest action first) when given."""
    history = history or {}
    slots_by_activity: dict[int, list[SlotFacts]] = {}
    for slot in slots:
        slots_by_activity.setdefault(slot.activity_id, []).append(slot)
    day_kinds: dict[tuple[dt.date, int], DayKinds] = {}
    occurrences: list[Occurrence] = []
    for registration in registrations:
        activity = activities[registration.activity_id]
        first = max(start, registration.start)
        last = min(end, registration.end)
        for slot in slots_by_activity.get(activity.id, []):
            slot_first = max(first, slot.valid_from)
            slot_last = min(last, slot.valid_to) if slot.valid_to else last
            for day in date_range(slot_first, slot_last):
                if day.isoweekday() != slot.weekday:
                    continue
                # The calendar facts of a day depend on the establishment only; whether the
                # activity runs then depends on its own operating days.
                cache_key = (day, activity.establishment_id)
                kinds = day_kinds.get(cache_key)
                if kinds is None:
                    kinds = day_kinds[cache_key] = classify_day(
                        day, activity.establishment_id, periods
                    )
                if not runs_on(activity.operating_days, kinds):
                    continue
                key = (registration.child_id, slot.id, day)
                booking = bookings.get(key)
                status = occurrence_status(booking, pending.get(key))
                booking_deadline = deadline_for(
                    activity.booking, day, slot.start_time, timezone=timezone, holidays=holidays
                )
                cancellation_deadline = deadline_for(
                    activity.cancellation,
                    day,
                    slot.start_time,
                    timezone=timezone,
                    holidays=holidays,
                )
                slot_start = dt.datetime.combine(day, slot.start_time, tzinfo=timezone)
                reserve, cancel = _what_can_be_done(status, booking_deadline, slot_start, now)
                occurrences.append(
                    Occurrence(
                        date=day,
                        child_id=registration.child_id,
                        activity_id=activity.id,
                        slot_id=slot.id,
                        start_time=slot.start_time,
                        end_time=slot.end_time,
                        status=status,
                        booking_deadline=booking_deadline,
                        cancellation_deadline=cancellation_deadline,
                        can_reserve=reserve is None,
                        reserve_blocker=reserve,
                        can_cancel=cancel is None,
                        cancel_blocker=cancel,
                        absence_would_be_billed=cancel is None
                        and activity.late_absence_billed
                        and not is_open(cancellation_deadline, now),
                        history=history.get(key, ()),
                        booking_id=booking.id if booking is not None else None,
                    )
                )
    occurrences.sort(key=lambda o: (o.date, o.start_time, o.child_id, o.activity_id))
    return occurrences


register_labels(
    OccurrenceStatus,
    {
        "AVAILABLE": "Disponible",
        "RESERVED": "Activité réservée",
        "PENDING": "Demande en attente de validation",
        "WAITING_LIST": "Enfant en liste d'attente",
        "ABSENT": "Enfant absent à cette activité",
        "ABSENT_BILLED": "Absence facturée",
        "PRESENT": "Enfant présent",
    },
)

register_labels(
    Blocker,
    {
        "DEADLINE_PASSED": "Le délai de réservation est dépassé",
        "ALREADY_RESERVED": "Déjà réservé",
        "NOT_RESERVED": "Pas de réservation à annuler",
        "PENDING_REQUEST": "Une demande est déjà en cours pour ce créneau",
        "STARTED": "Le créneau a commencé",
    },
)
