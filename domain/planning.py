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

from domain.bookings.codes import BookingRule
from domain.bookings.engine import (
    RULES,
    Action,
    Facts,
    Occasion,
    Rule,
    first_broken_each,
    occasion,
    would_wait_list,
)
from domain.bookings.facts import ActivityRules, ChildFacts, SlotFacts
from domain.bookings.rules import absence_consequence
from domain.calendar.facts import CalendarFacts
from domain.calendar.opening_days import ClosedPeriod, runs_on, weekly_dates
from domain.labels import LABELS, register_labels
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
    """Why an occurrence cannot be reserved or cancelled right now: the code of the first
    rule of ``domain.bookings.engine.RULES`` it breaks — the request's own code — except
    STARTED (an absence on a slot that has begun, DEADLINE_PASSED for the request)."""

    DEADLINE_PASSED = "DEADLINE_PASSED"
    ALREADY_RESERVED = "ALREADY_RESERVED"
    NOT_RESERVED = "NOT_RESERVED"
    PENDING_REQUEST = "PENDING_REQUEST"
    STARTED = "STARTED"
    NOT_REGISTERED = "NOT_REGISTERED"
    OUTSIDE_REGISTRATION_PERIOD = "OUTSIDE_REGISTRATION_PERIOD"
    CLOSED_DAY = "CLOSED_DAY"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    EXCLUSIVE_SLOT_TAKEN = "EXCLUSIVE_SLOT_TAKEN"
    SLOT_FULL = "SLOT_FULL"
    MONTHLY_LIMIT_REACHED = "MONTHLY_LIMIT_REACHED"


@dataclass(frozen=True, slots=True)
class RegistrationFacts:
    """An active registration: the child may use the activity between two dates."""

    child_id: int
    activity_id: int
    start: dt.date
    end: dt.date


# The planning's view of slots and activities is the rule engine's.
ActivityFacts = ActivityRules
__all__ = ["ActivityFacts", "SlotFacts"]


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
class PendingRequestFacts:
    """The open request whose line awaits a decision on an occurrence: what the planning
    links a PENDING slot to (the parent follows or cancels it there)."""

    request_id: int
    reference: int


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
    reserve_would_wait_list: bool = False  # reservable, but the slot is full: waiting list
    # The request whose line awaits a decision on this date (status PENDING), if any.
    pending_request: PendingRequestFacts | None = None


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
    return _SHOWN[booking.status]


# The status shown for a booking that is not RESERVED.
_SHOWN = {
    BookingStatus.WAITING_LIST: OccurrenceStatus.WAITING_LIST,
    BookingStatus.CANCELLED: OccurrenceStatus.AVAILABLE,
    BookingStatus.ABSENT: OccurrenceStatus.ABSENT,
    BookingStatus.ABSENT_BILLED: OccurrenceStatus.ABSENT_BILLED,
    BookingStatus.UNBOOKED: OccurrenceStatus.PRESENT,
}


# The planning's code of each rule (its own, or ``shown_as``), by the rule's identity:
# looked up twice per occurrence (``RULES`` lives as long as the process).
_BLOCKERS: dict[int, Blocker] = {id(rule): Blocker(rule.shown_as or rule.code) for rule in RULES}


def _blocker(rule: Rule | None) -> Blocker | None:
    return None if rule is None else _BLOCKERS[id(rule)]


def planning_facts(
    *,
    timezone: ZoneInfo,
    periods: Collection[ClosedPeriod],
    holidays: Collection[dt.date],
    registrations: Iterable[RegistrationFacts],
    slots: Iterable[SlotFacts],
    activities: Mapping[int, ActivityFacts],
    bookings: Mapping[OccurrenceKey, BookingFacts],
    pending: Mapping[OccurrenceKey, RequestLineAction],
) -> Facts:
    """The rule engine's facts from the planning's rows alone (bookings and pending lines
    on the loaded slots; no place counts): what ``expand_planning`` uses when the caller
    did not load the fuller facts (``resolvers.planning`` does)."""
    facts = Facts(timezone, CalendarFacts.of(periods, holidays))
    for r in registrations:
        facts.registrations.setdefault((r.child_id, r.activity_id), []).append((r.start, r.end))
    activity_of = {s.id: s.activity_id for s in slots}
    for (child_id, slot_id, day), booking in bookings.items():
        activity = activities.get(activity_of.get(slot_id, -1))
        if activity is None:
            facts.bookings[(child_id, slot_id, day)] = booking.status
            continue
        group = activity.exclusivity_group
        facts.add_booking(child_id, slot_id, activity.id, group, day, booking.status)
    for (child_id, slot_id, day), action in pending.items():
        activity = activities.get(activity_of.get(slot_id, -1))
        if activity is None:
            facts.pending[(child_id, slot_id, day)] = action
            continue
        group = activity.exclusivity_group
        facts.add_pending(child_id, slot_id, activity.id, group, day, action)
    return facts


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
    facts: Facts | None = None,
    children: Mapping[int, ChildFacts] | None = None,
    pending_requests: Mapping[OccurrenceKey, PendingRequestFacts] | None = None,
) -> list[Occurrence]:
    """Every occurrence in [start, end] of the registrations, by date, time and child,
    each with its ``history`` (oldest action first) when given.

    What can be done on each (``can_reserve`` / ``can_cancel`` and why not, whether the
    date would be waiting-listed, whether an absence would be billed) is the rule engine's
    answer for that child × slot × date, over ``facts`` (built from the rows given when
    None) and the ``children``'s grade and birth date (eligibility). A PENDING occurrence
    names its request when ``pending_requests`` has it.
    """
    history = history or {}
    pending_requests = pending_requests or {}
    slot_list = list(slots)
    registration_list = list(registrations)
    if facts is None:
        facts = planning_facts(
            timezone=timezone,
            periods=periods,
            holidays=holidays,
            registrations=registration_list,
            slots=slot_list,
            activities=activities,
            bookings=bookings,
            pending=pending,
        )
    children = children or {}
    slots_by_activity: dict[int, list[SlotFacts]] = {}
    for slot in slot_list:
        slots_by_activity.setdefault(slot.activity_id, []).append(slot)
    occurrences: list[Occurrence] = []
    # The deadlines of a slot's date, for all children: memoised within this expansion only.
    deadlines: dict[tuple[int, dt.date], tuple[dt.datetime, dt.datetime]] = {}
    for registration in registration_list:
        activity = activities[registration.activity_id]
        child_id = registration.child_id
        child = children.get(child_id) or ChildFacts(child_id, "", None, dt.date.min)
        first = max(start, registration.start)
        last = min(end, registration.end)
        for slot in slots_by_activity.get(activity.id, []):
            slot_first = max(first, slot.valid_from)
            slot_last = min(last, slot.valid_to) if slot.valid_to else last
            for day in weekly_dates(slot_first, slot_last, slot.weekday):
                # The calendar facts of a day depend on the establishment only (cached);
                # whether the activity runs then depends on its own operating days.
                kinds = facts.calendar.day_kinds(day, activity.establishment_id)
                if not runs_on(activity.operating_days, kinds):
                    continue
                key = (child_id, slot.id, day)
                booking = bookings.get(key)
                status = occurrence_status(booking, pending.get(key))
                known = deadlines.get((slot.id, day))
                if known is None:
                    reserving = occasion(facts, Action.RESERVE, child, activity, slot, day, now)
                    known = deadlines[(slot.id, day)] = (
                        reserving.booking_deadline,
                        reserving.cancellation_deadline,
                    )
                else:
                    reserving = Occasion(
                        Action.RESERVE, child, activity, slot, day, now, known[0], known[1]
                    )
                booking_deadline, cancellation_deadline = known
                cancelling = Occasion(
                    Action.ABSENCE,
                    child,
                    activity,
                    slot,
                    day,
                    now,
                    booking_deadline,
                    cancellation_deadline,
                )
                reserve_rule, cancel_rule = first_broken_each(facts, reserving, cancelling)
                reserve = _blocker(reserve_rule)
                cancel = _blocker(cancel_rule)
                billed = False
                if cancel is None and booking is not None:
                    billed = (
                        absence_consequence(
                            activity,
                            slot,
                            day,
                            booking.status,
                            declared_at=now,
                            timezone=timezone,
                            holidays=facts.calendar.holidays,
                            deadline=cancellation_deadline,
                        ).status
                        is BookingStatus.ABSENT_BILLED
                    )
                occurrences.append(
                    Occurrence(
                        date=day,
                        child_id=child_id,
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
                        absence_would_be_billed=billed,
                        history=history.get(key, ()),
                        booking_id=booking.id if booking is not None else None,
                        reserve_would_wait_list=reserve is None
                        and would_wait_list(facts, reserving),
                        pending_request=pending_requests.get(key)
                        if status is OccurrenceStatus.PENDING
                        else None,
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

# A blocker is a booking rule's code (but STARTED): its label is that rule's, from the one
# mapping of the rule list (``domain.bookings.codes``), so the planning and the requests
# word a refusal the same way.
register_labels(
    Blocker,
    {
        **{b.value: LABELS[BookingRule][b.value] for b in Blocker if b is not Blocker.STARTED},
        "STARTED": "Le créneau a commencé",
    },
)
