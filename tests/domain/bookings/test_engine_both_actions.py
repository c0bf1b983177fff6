"""``first_broken_each`` (the planning's one walk of the rules for a reservation and an
absence) answers exactly what ``first_broken`` answers for each action, on every
combination of the facts the rules read."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from domain.bookings.engine import (
    RULES,
    Action,
    Facts,
    Occasion,
    first_broken,
    first_broken_each,
    occasion,
)
from domain.bookings.facts import ActivityRules, ChildFacts, SlotFacts
from domain.calendar.deadlines import DeadlineRule
from domain.calendar.facts import CalendarFacts
from domain.calendar.opening_days import ClosedPeriod
from models.activity import DeadlineKind, OperatingDays
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.request import RequestLineAction

PARIS = ZoneInfo("Europe/Paris")
DAY = dt.date(2026, 3, 10)  # a Tuesday
SLOT = SlotFacts(5, 1, 2, dt.time(7, 30), dt.time(8, 30), dt.date(2025, 9, 1), None, 1)
OTHER_SLOT = 6


def _activity(eligible: bool, grouped: bool, monthly: bool, waiting_list: bool) -> ActivityRules:
    return ActivityRules(
        id=1,
        establishment_id=10,
        operating_days=OperatingDays.SCHOOL_DAYS,
        booking=DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18)),
        cancellation=DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18)),
        late_absence_billed=True,
        name="Garderie",
        waiting_list_enabled=waiting_list,
        min_grade=None if eligible else Grade.CM2,
        exclusivity_group="matin" if grouped else None,
        max_days_per_month=1 if monthly else None,
    )


def _facts(
    registered: str, closed: bool, booked: BookingStatus | None, pending: bool, full: bool
) -> Facts:
    periods = [ClosedPeriod(CalendarPeriodKind.CLOSURE, DAY, DAY)] if closed else []
    facts = Facts(PARIS, CalendarFacts.of(periods))
    if registered == "yes":
        facts.registrations[(7, 1)] = [(dt.date(2025, 9, 1), dt.date(2026, 7, 3))]
    elif registered == "elsewhen":
        facts.registrations[(7, 1)] = [(dt.date(2025, 9, 1), dt.date(2025, 12, 19))]
    if booked is not None:
        facts.add_booking(7, SLOT.id, 1, "matin", DAY, booked)
    if pending:
        facts.add_pending(7, SLOT.id, 1, "matin", DAY, RequestLineAction.RESERVE)
    if full:
        facts.reserved[(SLOT.id, DAY)] = 1
    return facts


def test_one_walk_answers_as_two() -> None:
    child = ChildFacts(7, "Léa", Grade.CP, dt.date(2019, 5, 1))
    nows = [
        dt.datetime(2026, 3, 8, 12, tzinfo=PARIS),  # before both deadlines
        dt.datetime(2026, 3, 9, 20, tzinfo=PARIS),  # deadlines passed, not started
        dt.datetime(2026, 3, 10, 8, tzinfo=PARIS),  # started
    ]
    seen: set[tuple[object, object]] = set()
    for values in itertools.product(
        ("yes", "no", "elsewhen"),
        (False, True),  # closed
        (None, *BookingStatus),
        (False, True),  # pending
        (False, True),  # full
        (False, True),  # eligible
        (False, True),  # exclusivity group, another slot taken that day
        (False, True),  # monthly limit, another day taken
        (False, True),  # waiting list
        nows,
    ):
        registered, closed, booked, pending, full, eligible, grouped, monthly, listed, now = values
        facts = _facts(registered, closed, booked, pending, full)
        activity = _activity(eligible, grouped, monthly, listed)
        if grouped:
            facts.add_booking(7, OTHER_SLOT, 2, "matin", DAY, BookingStatus.RESERVED)
        if monthly:
            later = DAY + dt.timedelta(days=7)
            facts.add_booking(7, SLOT.id, 1, None, later, BookingStatus.RESERVED)
        reserving = occasion(facts, Action.RESERVE, child, activity, SLOT, DAY, now)
        cancelling = Occasion(
            Action.ABSENCE,
            child,
            activity,
            SLOT,
            DAY,
            now,
            reserving.booking_deadline,
            reserving.cancellation_deadline,
        )
        expected = (first_broken(facts, reserving), first_broken(facts, cancelling))
        assert first_broken_each(facts, reserving, cancelling) == expected, values
        seen.add(expected)
    # Every rule is the answer somewhere, for each action it applies to.
    for rule in RULES:
        if Action.RESERVE in rule.actions:
            assert any(r is rule for r, _ in seen), rule.code
        if Action.ABSENCE in rule.actions:
            assert any(c is rule for _, c in seen), rule.code
