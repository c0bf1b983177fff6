from __future__ import annotations

import datetime
import itertools
from collections.abc import Collection

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar.french_calendar import (
    HOLIDAY_LABEL_SEPARATOR,
    SchoolHoliday,
    UnknownSchoolCalendarError,
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    school_calendar_coverage,
    school_holidays,
    school_year_bounds,
)

D = datetime.date

HOLIDAY_LABELS = {
    "Jour de l'an",
    "Lundi de Pâques",
    "Fête du Travail",
    "Fête de la Victoire",
    "Ascension",
    "Lundi de Pentecôte",
    "Fête nationale",
    "Assomption",
    "Toussaint",
    "Armistice",
    "Noël",
}


def _labels(holidays: dict[datetime.date, str]) -> list[str]:
    return [part for label in holidays.values() for part in label.split(HOLIDAY_LABEL_SEPARATOR)]


def _holidays_around(year: int) -> frozenset[datetime.date]:
    return frozenset(day for y in (year - 1, year, year + 1) for day in public_holidays(y))


# --- Public holidays -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, D(2019, 4, 21)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2038, D(2038, 4, 25)),  # latest possible date
        (2285, D(2285, 3, 22)),  # earliest possible date
    ],
)
def test_easter_sunday_known_dates(year: int, expected: datetime.date) -> None:
    assert easter_sunday(year) == expected


def test_easter_sunday_rejects_pre_gregorian_years() -> None:
    with pytest.raises(ValueError, match="1583"):
        easter_sunday(1582)


def test_public_holidays_2026() -> None:
    assert public_holidays(2026) == {
        D(2026, 1, 1): "Jour de l'an",
        D(2026, 4, 6): "Lundi de Pâques",
        D(2026, 5, 1): "Fête du Travail",
        D(2026, 5, 8): "Fête de la Victoire",
        D(2026, 5, 14): "Ascension",
        D(2026, 5, 25): "Lundi de Pentecôte",
        D(2026, 7, 14): "Fête nationale",
        D(2026, 8, 15): "Assomption",
        D(2026, 11, 1): "Toussaint",
        D(2026, 11, 11): "Armistice",
        D(2026, 12, 25): "Noël",
    }


def test_public_holidays_2025_easter_monday() -> None:
    assert public_holidays(2025)[D(2025, 4, 21)] == "Lundi de Pâques"


def test_coinciding_holidays_share_one_date() -> None:
    holidays = public_holidays(2008)  # Easter 23 March 2008: Ascension on 1 May
    assert len(holidays) == 10
    assert holidays[D(2008, 5, 1)] == "Ascension et Fête du Travail"
    assert sorted(_labels(holidays)) == sorted(HOLIDAY_LABELS)


# The holidays package applies current law from 2008 (Pentecost Monday was a working
# day in 2005-2007) and has no data past 2100.
@given(st.integers(min_value=2008, max_value=2100))
def test_easter_and_holiday_properties(year: int) -> None:
    easter = easter_sunday(year)
    assert easter.weekday() == 6
    assert D(year, 3, 22) <= easter <= D(year, 4, 25)

    holidays = public_holidays(year)
    assert sorted(_labels(holidays)) == sorted(HOLIDAY_LABELS)
    assert all(day.year == year for day in holidays)
    assert list(holidays) == sorted(holidays)
    assert holidays[easter + datetime.timedelta(days=1)].startswith("Lundi de Pâques")


# --- School holidays -------------------------------------------------------------------


def test_school_holidays_2025_2026_zone_a() -> None:
    assert school_holidays("2025-2026", "A") == [
        SchoolHoliday("Vacances de la Toussaint", D(2025, 10, 18), D(2025, 11, 2)),
        SchoolHoliday("Vacances de Noël", D(2025, 12, 20), D(2026, 1, 4)),
        SchoolHoliday("Vacances d'hiver", D(2026, 2, 7), D(2026, 2, 22)),
        SchoolHoliday("Vacances de printemps", D(2026, 4, 4), D(2026, 4, 19)),
        SchoolHoliday("Vacances d'été", D(2026, 7, 4), D(2026, 8, 31)),
    ]


@pytest.mark.parametrize(
    ("zone", "winter", "spring"),
    [
        ("A", (D(2026, 2, 7), D(2026, 2, 22)), (D(2026, 4, 4), D(2026, 4, 19))),
        ("B", (D(2026, 2, 14), D(2026, 3, 1)), (D(2026, 4, 11), D(2026, 4, 26))),
        ("C", (D(2026, 2, 21), D(2026, 3, 8)), (D(2026, 4, 18), D(2026, 5, 3))),
    ],
)
def test_school_holidays_2025_2026_zoned_periods(
    zone: str,
    winter: tuple[datetime.date, datetime.date],
    spring: tuple[datetime.date, datetime.date],
) -> None:
    periods = {
        p.label: (p.first_day_off, p.last_day_off) for p in school_holidays("2025-2026", zone)
    }
    assert periods["Vacances d'hiver"] == winter
    assert periods["Vacances de printemps"] == spring
    assert periods["Vacances de la Toussaint"] == (D(2025, 10, 18), D(2025, 11, 2))
    assert periods["Vacances de Noël"] == (D(2025, 12, 20), D(2026, 1, 4))
    # The official data has no pont de l'Ascension in 2026 (a town enters its own).
    assert "Pont de l'Ascension" not in periods
    assert periods["Vacances d'été"] == (D(2026, 7, 4), D(2026, 8, 31))


@pytest.mark.parametrize("zone", ["A", "B", "C"])
def test_school_holidays_are_ordered_and_disjoint(zone: str) -> None:
    periods = school_holidays("2025-2026", zone)
    for period in periods:
        assert period.first_day_off <= period.last_day_off
        # Classes resume on a Monday (Tuesday 1 September after the summer).
        assert (period.last_day_off + datetime.timedelta(days=1)).weekday() in (0, 1)
    for before, after in itertools.pairwise(periods):
        assert before.last_day_off < after.first_day_off


def test_school_holidays_returns_a_fresh_list() -> None:
    school_holidays("2025-2026", "A").clear()
    assert len(school_holidays("2025-2026", "A")) == 5


def test_school_holidays_2026_2027_from_the_official_data() -> None:
    assert school_holidays("2026-2027", "B") == [
        SchoolHoliday("Vacances de la Toussaint", D(2026, 10, 17), D(2026, 11, 1)),
        SchoolHoliday("Vacances de Noël", D(2026, 12, 19), D(2027, 1, 3)),
        SchoolHoliday("Vacances d'hiver", D(2027, 2, 20), D(2027, 3, 7)),
        SchoolHoliday("Vacances de printemps", D(2027, 4, 17), D(2027, 5, 2)),
        SchoolHoliday("Pont de l'Ascension", D(2027, 5, 6), D(2027, 5, 8)),
        SchoolHoliday("Vacances d'été", D(2027, 7, 3), D(2027, 8, 31)),
    ]


def test_school_calendar_coverage_reaches_2028() -> None:
    first, last = school_calendar_coverage()
    assert first <= D(2024, 9, 1)
    assert last >= D(2028, 8, 31)


def test_school_year_bounds_2025_2026() -> None:
    assert school_year_bounds("2025-2026") == (D(2025, 9, 1), D(2026, 7, 3))


@pytest.mark.parametrize(
    ("school_year", "zone"),
    [("2028-2029", "A"), ("2025-2026", "D"), ("2025", "A"), ("2025-2027", "A")],
)
def test_unknown_school_calendar(school_year: str, zone: str) -> None:
    with pytest.raises(UnknownSchoolCalendarError, match="unknown school"):
        school_holidays(school_year, zone)


def test_unknown_school_year_bounds() -> None:
    with pytest.raises(ValueError, match="2030-2031"):
        school_year_bounds("2030-2031")


# --- Working days ----------------------------------------------------------------------

HOLIDAYS_2026 = frozenset(public_holidays(2026))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 5, 13), True),  # Wednesday
        (D(2026, 5, 14), False),  # Ascension (Thursday)
        (D(2026, 5, 16), False),  # Saturday
        (D(2026, 5, 17), False),  # Sunday
    ],
)
def test_is_working_day(day: datetime.date, expected: bool) -> None:
    assert is_working_day(day, HOLIDAYS_2026) is expected


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 5, 18), -3, D(2026, 5, 12)),  # skips weekend and Ascension
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # skips Ascension
        (D(2026, 4, 3), 1, D(2026, 4, 7)),  # skips weekend and Easter Monday
        (D(2026, 5, 13), 0, D(2026, 5, 13)),  # working day: unchanged
        (D(2026, 5, 17), 0, D(2026, 5, 15)),  # Sunday: previous working day
        (D(2026, 5, 17), -1, D(2026, 5, 15)),
        (D(2026, 5, 17), 1, D(2026, 5, 18)),
    ],
)
def test_add_working_days_examples(day: datetime.date, n: int, expected: datetime.date) -> None:
    assert add_working_days(day, n, HOLIDAYS_2026) == expected


def test_add_working_days_accepts_public_holidays_dict() -> None:
    assert add_working_days(D(2026, 5, 13), 1, public_holidays(2026)) == D(2026, 5, 15)


days = st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31))
offsets = st.integers(min_value=-60, max_value=60)


def _count_working_days(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """Number of working days in the inclusive range [start, end]."""
    count = 0
    while start <= end:
        count += is_working_day(start, holidays)
        start += datetime.timedelta(days=1)
    return count


@given(days, offsets)
def test_result_is_a_working_day_at_exact_distance(day: datetime.date, n: int) -> None:
    holidays = _holidays_around(day.year)
    result = add_working_days(day, n, holidays)
    one_day = datetime.timedelta(days=1)
    assert is_working_day(result, holidays)
    if n > 0:
        assert result > day
        assert _count_working_days(day + one_day, result, holidays) == n
    elif n < 0:
        assert result < day
        assert _count_working_days(result, day - one_day, holidays) == -n
    else:
        assert result <= day
        assert _count_working_days(result + one_day, day, holidays) == 0


@given(days, offsets)
def test_round_trip_from_a_working_day(day: datetime.date, n: int) -> None:
    holidays = _holidays_around(day.year)
    start = add_working_days(day, 0, holidays)  # normalise to a working day
    assert add_working_days(add_working_days(start, n, holidays), -n, holidays) == start


@given(days, offsets, offsets)
def test_monotonic_in_n(day: datetime.date, n1: int, n2: int) -> None:
    holidays = _holidays_around(day.year)
    low, high = sorted((n1, n2))
    result_low = add_working_days(day, low, holidays)
    result_high = add_working_days(day, high, holidays)
    assert result_low <= result_high
    if low < high and is_working_day(day, holidays):
        assert result_low < result_high


@given(days, st.integers(min_value=0, max_value=30), offsets)
def test_monotonic_in_day(day: datetime.date, gap: int, n: int) -> None:
    later = day + datetime.timedelta(days=gap)
    holidays = _holidays_around(day.year) | _holidays_around(later.year)
    assert add_working_days(day, n, holidays) <= add_working_days(later, n, holidays)


@given(
    days,
    offsets,
    st.frozensets(st.dates(min_value=D(2025, 1, 1), max_value=D(2025, 12, 31)), max_size=60),
)
def test_arbitrary_holiday_sets(
    day: datetime.date, n: int, holidays: frozenset[datetime.date]
) -> None:
    result = add_working_days(day, n, holidays)
    assert is_working_day(result, holidays)
    if is_working_day(day, holidays):
        assert add_working_days(result, -n, holidays) == day
