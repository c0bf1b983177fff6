"""The opening-days calculator, on the real 2025-2026 zone A calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.calendar.french_calendar import public_holidays, school_holidays
from domain.calendar.opening_days import ClosedPeriod, date_range, opening_days, weekly_dates
from models.activity import OperatingDays
from models.calendar import CalendarPeriodKind

YEAR_START = dt.date(2025, 9, 1)
YEAR_END = dt.date(2026, 7, 3)


def zone_a_periods() -> list[ClosedPeriod]:
    periods = [
        ClosedPeriod(CalendarPeriodKind.SCHOOL_HOLIDAY, h.first_day_off, h.last_day_off)
        for h in school_holidays("2025-2026", "A")
    ]
    for year in (2025, 2026):
        periods += [
            ClosedPeriod(CalendarPeriodKind.PUBLIC_HOLIDAY, day, day)
            for day in public_holidays(year)
        ]
    return periods


def test_school_day_activity_skips_holidays_and_public_holidays() -> None:
    days = opening_days(
        YEAR_START,
        YEAR_END,
        establishment_id=1,
        operating_days=OperatingDays.SCHOOL_DAYS,
        weekdays=[1, 2, 4, 5],
        periods=zone_a_periods(),
    )
    assert dt.date(2025, 9, 1) in days
    assert dt.date(2025, 10, 20) not in days  # Toussaint holidays
    assert dt.date(2025, 11, 11) not in days  # Armistice, a Tuesday
    assert dt.date(2026, 4, 6) not in days  # Easter Monday, inside spring holidays anyway
    assert dt.date(2026, 5, 14) not in days  # Ascension
    # The official data has no pont de l'Ascension in 2026: the Friday is a school day
    # unless the town enters it as its own period.
    assert dt.date(2026, 5, 15) in days
    assert dt.date(2026, 5, 25) not in days  # Pentecost Monday
    assert all(day.isoweekday() in {1, 2, 4, 5} for day in days)
    # A French school year has about 36 weeks of four such days.
    assert 135 <= len(days) <= 145


def test_holiday_activity_runs_only_in_school_holidays_and_not_on_public_holidays() -> None:
    days = opening_days(
        YEAR_START,
        YEAR_END,
        establishment_id=1,
        operating_days=OperatingDays.SCHOOL_HOLIDAYS,
        weekdays=[1, 2, 3, 4, 5],
        periods=zone_a_periods(),
    )
    assert dt.date(2025, 10, 20) in days
    assert dt.date(2025, 12, 25) not in days
    assert dt.date(2025, 9, 2) not in days


def test_closure_of_one_establishment_does_not_close_another() -> None:
    closure = ClosedPeriod(
        CalendarPeriodKind.STRIKE, dt.date(2026, 1, 6), dt.date(2026, 1, 6), establishment_id=2
    )
    kwargs: dict[str, Any] = {
        "operating_days": OperatingDays.SCHOOL_DAYS,
        "weekdays": [2],
        "periods": [closure],
    }
    here = opening_days(dt.date(2026, 1, 5), dt.date(2026, 1, 9), establishment_id=2, **kwargs)
    there = opening_days(dt.date(2026, 1, 5), dt.date(2026, 1, 9), establishment_id=1, **kwargs)
    assert here == []
    assert there == [dt.date(2026, 1, 6)]


def test_weekly_dates_are_the_dates_of_that_weekday() -> None:
    start = dt.date(2026, 2, 26)  # a Thursday
    for span in range(0, 40):
        end = start + dt.timedelta(days=span)
        for weekday in range(1, 8):
            expected = [d for d in date_range(start, end) if d.isoweekday() == weekday]
            assert list(weekly_dates(start, end, weekday)) == expected
    assert list(weekly_dates(start, start - dt.timedelta(days=1), 4)) == []
