"""Expanding the planning: registrations × slots × opening days, joined with bookings and
pending lines, with what the family can still do."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain.calendar.deadlines import DeadlineRule
from domain.calendar.opening_days import ClosedPeriod
from domain.planning import (
    ActivityFacts,
    Blocker,
    BookingFacts,
    Occurrence,
    OccurrenceStatus,
    RegistrationFacts,
    SlotFacts,
    expand_planning,
)
from models.activity import DeadlineKind, OperatingDays
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.request import RequestLineAction

PARIS = ZoneInfo("Europe/Paris")
MONDAY = dt.date(2026, 1, 5)
GARDERIE = ActivityFacts(
    id=1,
    establishment_id=10,
    operating_days=OperatingDays.SCHOOL_DAYS,
    booking=DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18)),
    cancellation=DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18)),
    late_absence_billed=True,
)
MORNINGS = [
    SlotFacts(100 + d, 1, d, dt.time(7, 30), dt.time(8, 5), dt.date(2025, 9, 1), None)
    for d in (1, 2, 4, 5)
]


def plan(now: dt.datetime, **kwargs: object) -> list[Occurrence]:
    values: dict[str, object] = {
        "registrations": [RegistrationFacts(7, 1, dt.date(2025, 9, 1), dt.date(2026, 7, 3))],
        "slots": MORNINGS,
        "activities": {1: GARDERIE},
        "periods": [],
        "bookings": {},
        "pending": {},
        "now": now,
        "timezone": PARIS,
        "holidays": set(),
    }
    values.update(kwargs)
    return expand_planning(MONDAY, MONDAY + dt.timedelta(days=4), **values)  # type: ignore[arg-type]


def test_week_of_the_guide_with_every_status() -> None:
    now = dt.datetime(2026, 1, 5, 20, 0, tzinfo=PARIS)  # Monday evening
    occurrences = plan(
        now,
        bookings={
            (7, 101, MONDAY): BookingFacts(BookingStatus.RESERVED, Attendance.PRESENT),
            (7, 102, MONDAY + dt.timedelta(days=1)): BookingFacts(BookingStatus.RESERVED, None),
            (7, 105, MONDAY + dt.timedelta(days=4)): BookingFacts(BookingStatus.WAITING_LIST, None),
        },
        pending={(7, 104, MONDAY + dt.timedelta(days=3)): RequestLineAction.RESERVE},
    )
    by_day = {o.date.isoweekday(): o for o in occurrences}
    assert sorted(by_day) == [1, 2, 4, 5]  # no slot on Wednesday
    assert by_day[1].status is OccurrenceStatus.PRESENT
    tuesday = by_day[2]
    assert tuesday.status is OccurrenceStatus.RESERVED
    assert tuesday.can_cancel
    assert tuesday.absence_would_be_billed  # Monday 18:00 has passed
    assert by_day[4].status is OccurrenceStatus.PENDING
    assert by_day[4].reserve_blocker is Blocker.PENDING_REQUEST
    assert by_day[5].status is OccurrenceStatus.WAITING_LIST


def test_reservation_closes_at_the_deadline() -> None:
    before = plan(dt.datetime(2026, 1, 5, 17, 59, tzinfo=PARIS))
    after = plan(dt.datetime(2026, 1, 5, 18, 0, tzinfo=PARIS))
    tuesday_before = next(o for o in before if o.date == MONDAY + dt.timedelta(days=1))
    tuesday_after = next(o for o in after if o.date == MONDAY + dt.timedelta(days=1))
    assert tuesday_before.status is OccurrenceStatus.AVAILABLE
    assert tuesday_before.can_reserve
    assert tuesday_before.booking_deadline == dt.datetime(2026, 1, 5, 18, tzinfo=PARIS)
    assert not tuesday_after.can_reserve
    assert tuesday_after.reserve_blocker is Blocker.DEADLINE_PASSED


def test_closed_days_and_registration_bounds_have_no_occurrence() -> None:
    strike = ClosedPeriod(CalendarPeriodKind.STRIKE, MONDAY, MONDAY, establishment_id=10)
    elsewhere = ClosedPeriod(
        CalendarPeriodKind.CLOSURE, MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=1), 99
    )
    occurrences = plan(
        dt.datetime(2026, 1, 1, tzinfo=PARIS),
        periods=[strike, elsewhere],
        registrations=[RegistrationFacts(7, 1, dt.date(2025, 9, 1), MONDAY + dt.timedelta(days=3))],
    )
    assert [o.date.isoweekday() for o in occurrences] == [2, 4]


def test_a_cancelled_booking_is_available_again() -> None:
    occurrences = plan(
        dt.datetime(2026, 1, 1, tzinfo=PARIS),
        bookings={(7, 101, MONDAY): BookingFacts(BookingStatus.CANCELLED, None)},
    )
    assert occurrences[0].status is OccurrenceStatus.AVAILABLE
    assert occurrences[0].can_reserve
