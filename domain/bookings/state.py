"""The state the booking rules judge: ``Facts`` (what was loaded), ``Occasion`` (one
child × slot × date and the action asked, with its deadlines) — plain values, no I/O.

Loaded by the request path (``loading.load_situation``, in the request's transaction) and
by the planning (``resolvers.planning``, Core rows), in a constant number of statements
either way; judged by ``engine.RULES``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.bookings.facts import ActivityRules, ChildFacts, SlotFacts, places_of
from domain.calendar.deadlines import deadlines_for
from domain.calendar.facts import CalendarFacts
from models.booking import BookingStatus
from models.request import RequestLineAction

# Bookings that hold (or wait for) the child's place on a slot.
HOLDING = (BookingStatus.RESERVED, BookingStatus.WAITING_LIST)

OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date
MonthKey = tuple[int, int, int, int]  # child, activity, year, month


class Action(enum.StrEnum):
    """What is asked of a date: a reservation, or an absence on a reserved date."""

    RESERVE = "RESERVE"
    ABSENCE = "ABSENCE"


@dataclass
class Facts:
    """The state the rules judge against, loaded by the request path (its transaction) or
    by the planning (Core rows), in a constant number of statements either way."""

    timezone: ZoneInfo
    calendar: CalendarFacts
    # (child, activity) → spans of its ACTIVE registrations.
    registrations: dict[tuple[int, int], list[tuple[dt.date, dt.date]]] = field(
        default_factory=dict
    )
    bookings: dict[OccurrenceKey, BookingStatus] = field(default_factory=dict)
    pending: dict[OccurrenceKey, RequestLineAction] = field(default_factory=dict)
    # (child, exclusivity group, date) → slots of the group held or asked for that day.
    group_taken: dict[tuple[int, str, dt.date], set[int]] = field(default_factory=dict)
    # (child, activity, year, month) → dates of the activity held or asked for that month.
    month_days: dict[MonthKey, set[dt.date]] = field(default_factory=dict)
    # (slot, date) → RESERVED bookings, for slots with a capacity.
    reserved: dict[tuple[int, dt.date], int] = field(default_factory=dict)

    def _holds(
        self, child_id: int, slot_id: int, activity_id: int, group: str | None, day: dt.date
    ) -> None:
        if group is not None:
            self.group_taken.setdefault((child_id, group, day), set()).add(slot_id)
        month = (child_id, activity_id, day.year, day.month)
        self.month_days.setdefault(month, set()).add(day)

    def add_booking(
        self,
        child_id: int,
        slot_id: int,
        activity_id: int,
        group: str | None,
        day: dt.date,
        status: BookingStatus,
    ) -> None:
        """Record a stored booking (``group``: its activity's exclusivity group)."""
        self.bookings[(child_id, slot_id, day)] = status
        if status in HOLDING:
            self._holds(child_id, slot_id, activity_id, group, day)

    def add_pending(
        self,
        child_id: int,
        slot_id: int,
        activity_id: int,
        group: str | None,
        day: dt.date,
        action: RequestLineAction,
        *,
        holds: bool = True,
    ) -> None:
        """Record an undecided request line (a pending reservation holds like a booking,
        unless ``holds`` is False: staff deciding, where only what is booked holds)."""
        self.pending[(child_id, slot_id, day)] = action
        if holds and action is RequestLineAction.RESERVE:
            self._holds(child_id, slot_id, activity_id, group, day)

    def hold(self, occasion: Occasion) -> None:
        """A reservation date of a request passed: later dates of the same request are
        judged as if it were recorded (exclusivity group, monthly limit, and — when the
        activity auto-accepts, so the date takes a place at once — the places left)."""
        activity, slot, day = occasion.activity, occasion.slot, occasion.day
        self._holds(occasion.child.id, slot.id, activity.id, activity.exclusivity_group, day)
        limited = places_of(slot, activity) is not None
        if activity.auto_accept and limited and not slot_is_full(self, occasion):
            self.reserved[(slot.id, day)] = self.reserved.get((slot.id, day), 0) + 1


@dataclass(frozen=True, slots=True)
class Occasion:
    """One child × slot × date, the action asked, and when (with its two deadlines)."""

    action: Action
    child: ChildFacts
    activity: ActivityRules
    slot: SlotFacts
    day: dt.date
    now: dt.datetime
    booking_deadline: dt.datetime
    cancellation_deadline: dt.datetime


def occasion(
    facts: Facts,
    action: Action,
    child: ChildFacts,
    activity: ActivityRules,
    slot: SlotFacts,
    day: dt.date,
    now: dt.datetime,
) -> Occasion:
    """The occasion with its booking and cancellation deadlines computed (tenant's zone,
    working days skipping the calendar's public holidays)."""
    booking, cancellation = deadlines_for(
        activity.booking,
        activity.cancellation,
        day,
        slot.start_time,
        timezone=facts.timezone,
        holidays=facts.calendar.holidays,
    )
    return Occasion(action, child, activity, slot, day, now, booking, cancellation)


def slot_is_full(facts: Facts, o: Occasion) -> bool:
    """Every place of the slot is taken on that date (RESERVED bookings ≥ capacity)."""
    places = places_of(o.slot, o.activity)
    return places is not None and facts.reserved.get((o.slot.id, o.day), 0) >= places
