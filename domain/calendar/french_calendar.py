"""French calendar data: public holidays, school holidays and working-day arithmetic.

The dates are maintained data, never typed here: public holidays come from the
``holidays`` package (country FR, metropolitan France, French labels) and school holidays
from the official data.education.gouv.fr calendar by zone that ``vacances-scolaires-france``
ships (a CSV, one row per date). A school year the data does not cover raises
``UnknownSchoolCalendarError``: nothing is guessed. Pure functions (the data is read once
per process), so that booking rules, opening calendars and deadlines can rely on them
anywhere.
"""

from __future__ import annotations

import csv
import datetime
import functools
import importlib.resources
from collections.abc import Collection
from dataclasses import dataclass

import holidays as holidays_data

_ONE_DAY = datetime.timedelta(days=1)

# Separator used when two public holidays fall on the same date (e.g. Ascension on 1 May 2008).
HOLIDAY_LABEL_SEPARATOR = " et "

ZONES = ("A", "B", "C")


def easter_sunday(year: int) -> datetime.date:
    """Return the Gregorian Easter Sunday of ``year``.

    Easter drives three French public holidays (Easter Monday, Ascension, Pentecost
    Monday). Uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher); valid from
    1583, the first full Gregorian year.
    """
    if not 1583 <= year <= datetime.MAXYEAR:
        raise ValueError(f"year must be between 1583 and {datetime.MAXYEAR}, got {year}")
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    century_leap, century_rest = divmod(century, 4)
    moon_correction = (century + 8) // 25
    solar_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - century_leap - solar_correction + 15) % 30
    leap, year_rest = divmod(year_in_century, 4)
    weekday_shift = (32 + 2 * century_rest + 2 * leap - epact - year_rest) % 7
    late_correction = (golden + 11 * epact + 22 * weekday_shift) // 451
    month, day = divmod(epact + weekday_shift - 7 * late_correction + 114, 31)
    return datetime.date(year, month, day + 1)


@functools.lru_cache(maxsize=64)
def _public_holidays(year: int) -> tuple[tuple[datetime.date, str], ...]:
    calendar = holidays_data.country_holidays("FR", years=year, language="fr")
    return tuple(
        (day, HOLIDAY_LABEL_SEPARATOR.join(calendar.get_list(day))) for day in sorted(calendar)
    )


def public_holidays(year: int) -> dict[datetime.date, str]:
    """Return the French metropolitan public holidays (jours fériés) of ``year``.

    Needed to know which days facilities are closed and which days do not count as
    working days for booking deadlines. From the ``holidays`` package (metropolitan
    France; Alsace-Moselle's extra days are not included), with its French labels. When
    two holidays fall on the same date (Ascension can coincide with 1 or 8 May), the date
    appears once and its labels are joined with ``HOLIDAY_LABEL_SEPARATOR``.
    """
    return dict(_public_holidays(year))


@dataclass(frozen=True, slots=True)
class SchoolHoliday:
    """A school holiday period, given by its first and last day without classes."""

    label: str
    first_day_off: datetime.date
    last_day_off: datetime.date


class UnknownSchoolCalendarError(ValueError):
    """Raised when no school calendar is known for a school year or zone."""


SUMMER = "Vacances d'été"


@dataclass(frozen=True, slots=True)
class _SchoolData:
    """The official school-holiday data: each zone's periods, and the dates covered."""

    first_day: datetime.date
    last_day: datetime.date
    by_zone: dict[str, tuple[SchoolHoliday, ...]]


@functools.lru_cache(maxsize=1)
def _school_data() -> _SchoolData:
    """Read the official CSV once: consecutive days off with the same name make a period."""
    resource = importlib.resources.files("vacances_scolaires_france") / "data" / "data.csv"
    days: dict[str, list[tuple[datetime.date, str]]] = {zone: [] for zone in ZONES}
    first_day = last_day = None
    with resource.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = datetime.date.fromisoformat(row["date"])
            first_day = day if first_day is None else min(first_day, day)
            last_day = day if last_day is None else max(last_day, day)
            for zone in ZONES:
                if row[f"vacances_zone_{zone.lower()}"] == "True":
                    days[zone].append((day, row["nom_vacances"].strip()))
    if first_day is None or last_day is None:
        raise UnknownSchoolCalendarError("the official school calendar data is empty")
    by_zone: dict[str, tuple[SchoolHoliday, ...]] = {}
    for zone, entries in days.items():
        periods: list[SchoolHoliday] = []
        for day, name in sorted(entries):
            last = periods[-1] if periods else None
            if last is not None and last.label == name and last.last_day_off + _ONE_DAY == day:
                periods[-1] = SchoolHoliday(name, last.first_day_off, day)
            else:
                periods.append(SchoolHoliday(name, day, day))
        by_zone[zone] = tuple(periods)
    return _SchoolData(first_day, last_day, by_zone)


def school_calendar_coverage() -> tuple[datetime.date, datetime.date]:
    """The first and last dates the official school-holiday data covers."""
    data = _school_data()
    return data.first_day, data.last_day


def _first_year(school_year: str) -> int:
    """2025 for « 2025-2026 »; UnknownSchoolCalendarError for anything else."""
    first, dash, second = school_year.partition("-")
    if not (dash and first.isdigit() and second.isdigit() and int(second) == int(first) + 1):
        raise UnknownSchoolCalendarError(
            f"unknown school year {school_year!r}: expected two consecutive years, e.g. '2025-2026'"
        )
    return int(first)


def _zone_periods(zone: str) -> tuple[SchoolHoliday, ...]:
    try:
        return _school_data().by_zone[zone]
    except KeyError:
        raise UnknownSchoolCalendarError(
            f"unknown school zone {zone!r}; known: {', '.join(ZONES)}"
        ) from None


def _summer(year: int, zone: str, school_year: str) -> SchoolHoliday:
    for period in _zone_periods(zone):
        if period.label == SUMMER and period.first_day_off.year == year:
            return period
    data = _school_data()
    raise UnknownSchoolCalendarError(
        f"unknown school year {school_year!r}: the official data covers "
        f"{data.first_day.isoformat()} to {data.last_day.isoformat()} "
        f"(no summer holidays in {year})"
    )


def school_holidays(school_year: str, zone: str) -> list[SchoolHoliday]:
    """Return the school holiday periods of ``school_year`` (e.g. "2025-2026") in ``zone``.

    Holiday periods change which activities are open (accueil de loisirs instead of
    périscolaire) and are fixed nationally per zone (A, B or C): from the rentrée to the
    end of the following summer holidays, in chronological order, as the official data
    states them. A year the data does not cover raises ``UnknownSchoolCalendarError``.
    """
    year = _first_year(school_year)
    periods = _zone_periods(zone)
    before = _summer(year, zone, school_year)
    summer = _summer(year + 1, zone, school_year)
    return [
        period
        for period in periods
        if before.last_day_off < period.first_day_off <= summer.first_day_off
    ]


def school_year_bounds(school_year: str, zone: str = "A") -> tuple[datetime.date, datetime.date]:
    """Return the rentrée and the last day of classes of ``school_year``.

    Needed to bound school-time (périscolaire, cantine) booking calendars, which only
    exist between the first and last day of classes: the day after one summer holidays
    and the day before the next, in the official data.
    """
    year = _first_year(school_year)
    before = _summer(year, zone, school_year)
    after = _summer(year + 1, zone, school_year)
    return before.last_day_off + _ONE_DAY, after.first_day_off - _ONE_DAY


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    """Tell whether ``day`` is a working day (jour ouvré): Monday to Friday, not a holiday.

    Booking and cancellation deadlines are expressed in working days, so weekends and
    public holidays must be skipped when counting them.
    """
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    day: datetime.date, n: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """Return the date ``n`` working days after ``day`` (before it if ``n`` is negative).

    Used by deadline rules such as "3 working days before at 12:00". ``day`` itself is
    never counted: for ``n > 0`` the result is the n-th working day strictly after
    ``day``, for ``n < 0`` the |n|-th working day strictly before it. For ``n == 0``
    the result is ``day`` if it is a working day, otherwise the previous working day
    (the latest working day not after ``day``), which is the conservative choice for a
    deadline. Consequently, when ``day`` is not a working day, ``n == 0`` and
    ``n == -1`` give the same date. ``holidays`` must cover every year crossed.
    """
    if n == 0:
        while not is_working_day(day, holidays):
            day -= _ONE_DAY
        return day
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, holidays):
            remaining -= 1
    return day
