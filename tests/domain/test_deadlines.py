"""Deadlines as towns write them, and their properties (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from domain.calendar.deadlines import DeadlineRule, deadline_for, deadlines_for, is_open
from domain.calendar.french_calendar import is_working_day, public_holidays
from models.activity import DeadlineKind

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = set(public_holidays(2025)) | set(public_holidays(2026)) | set(public_holidays(2027))
MONDAY = dt.date(2026, 1, 5)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


def test_rules_towns_write() -> None:
    garderie = dt.time(7, 30)
    # J-2 à 12:00.
    assert deadline_for(
        DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 2, dt.time(12)),
        MONDAY,
        garderie,
        timezone=PARIS,
    ) == at(dt.date(2026, 1, 3), 12)
    # Meals: 3 working days ahead at 12:00 — Monday 18 May 2026 skips the weekend and
    # Ascension (Thursday 14 May).
    assert deadline_for(
        DeadlineRule(DeadlineKind.WORKING_DAYS_BEFORE, 3, dt.time(12)),
        dt.date(2026, 5, 18),
        dt.time(11, 30),
        timezone=PARIS,
        holidays=HOLIDAYS,
    ) == at(dt.date(2026, 5, 12), 12)
    # 72 h before the slot.
    assert deadline_for(
        DeadlineRule(DeadlineKind.HOURS_BEFORE, 72), MONDAY, garderie, timezone=PARIS
    ) == at(dt.date(2026, 1, 2), 7, 30)
    # Thursday 9:00 for the next week.
    wednesday = dt.date(2026, 1, 7)
    assert deadline_for(
        DeadlineRule(DeadlineKind.WEEKLY_CUTOFF, 0, dt.time(9), weekday=4),
        wednesday,
        dt.time(8),
        timezone=PARIS,
    ) == at(dt.date(2026, 1, 1), 9)
    # Same day 7:00 for the garderie at 16:15.
    assert deadline_for(
        DeadlineRule(DeadlineKind.CALENDAR_DAYS_BEFORE, 0, dt.time(7)),
        MONDAY,
        dt.time(16, 15),
        timezone=PARIS,
    ) == at(MONDAY, 7)
    # No deadline: until the slot starts.
    assert deadline_for(DeadlineRule(DeadlineKind.NONE), MONDAY, garderie, timezone=PARIS) == at(
        MONDAY, 7, 30
    )


def test_hours_before_across_the_daylight_saving_change() -> None:
    # Sunday 29 March 2026 is 23 hours long in Paris: 72 real hours before Monday 30 March
    # 08:00 is Friday 27 March 07:00 local time, not 08:00.
    deadline = deadline_for(
        DeadlineRule(DeadlineKind.HOURS_BEFORE, 72),
        dt.date(2026, 3, 30),
        dt.time(8),
        timezone=PARIS,
    )
    assert deadline == at(dt.date(2026, 3, 27), 7)


def test_the_deadline_instant_itself_is_too_late() -> None:
    deadline = at(MONDAY, 12)
    assert is_open(deadline, deadline - dt.timedelta(seconds=1))
    assert not is_open(deadline, deadline)


kinds = st.sampled_from(list(DeadlineKind))
days = st.dates(min_value=dt.date(2025, 9, 1), max_value=dt.date(2027, 6, 30))
times = st.times().map(lambda t: t.replace(microsecond=0))


@given(kinds, st.integers(0, 10), times, st.integers(1, 7), days, times)
def test_a_deadline_never_falls_after_the_slot_starts(
    kind: DeadlineKind, offset: int, time: dt.time, weekday: int, day: dt.date, start: dt.time
) -> None:
    rule = DeadlineRule(kind, offset, time, weekday)
    deadline = deadline_for(rule, day, start, timezone=PARIS, holidays=HOLIDAYS)
    assert deadline <= dt.datetime.combine(day, start, tzinfo=PARIS)


@given(st.integers(1, 10), days, times)
def test_working_day_deadlines_fall_on_working_days(
    offset: int, day: dt.date, time: dt.time
) -> None:
    rule = DeadlineRule(DeadlineKind.WORKING_DAYS_BEFORE, offset, time)
    deadline = deadline_for(rule, day, dt.time(23, 59), timezone=PARIS, holidays=HOLIDAYS)
    assert is_working_day(deadline.date(), HOLIDAYS)
    assert deadline.date() < day


@given(st.integers(0, 10), days, days)
def test_later_occurrences_never_have_earlier_deadlines(
    offset: int, first: dt.date, second: dt.date
) -> None:
    earlier, later = sorted((first, second))
    for kind in DeadlineKind:
        rule = DeadlineRule(kind, offset, dt.time(12), weekday=4)
        assert deadline_for(
            rule, earlier, dt.time(8), timezone=PARIS, holidays=HOLIDAYS
        ) <= deadline_for(rule, later, dt.time(8), timezone=PARIS, holidays=HOLIDAYS)


RULES = st.builds(
    DeadlineRule,
    st.sampled_from(DeadlineKind),
    st.integers(0, 5),
    st.none() | st.sampled_from([dt.time(0), dt.time(9), dt.time(12), dt.time(18)]),
    st.none() | st.integers(1, 7),
)


@given(
    RULES,
    RULES,
    st.dates(dt.date(2025, 9, 1), dt.date(2027, 6, 30)),
    st.sampled_from([dt.time(7, 30), dt.time(11, 30), dt.time(16, 30)]),
    st.booleans(),
)
def test_both_deadlines_are_each_rules_deadline(
    booking: DeadlineRule, cancellation: DeadlineRule, day: dt.date, start: dt.time, same: bool
) -> None:
    cancellation = dataclasses.replace(booking) if same else cancellation  # equal, not the same
    assert deadlines_for(booking, cancellation, day, start, timezone=PARIS, holidays=HOLIDAYS) == (
        deadline_for(booking, day, start, timezone=PARIS, holidays=HOLIDAYS),
        deadline_for(cancellation, day, start, timezone=PARIS, holidays=HOLIDAYS),
    )
