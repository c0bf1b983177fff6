"""French calendar data: public holidays, school holidays and working-day arithmetic.

Pure functions and constant data only (no database, no I/O), so that booking rules,
opening calendars and deadline computations can rely on them anywhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

_ONE_DAY = datetime.timedelta(days=1)

# Separator used when two public holidays fall on the same date (e.g. Ascension on 1 May 2008).
HOLIDAY_LABEL_SEPARATOR = " et "


def easter_sunday(year: int) -> datetime.date:
    """Return the Gregorian Easter Sunday of ``year``.

    Easter drives three French public holidays (Easter Monday, Ascension, Pentecost
    Monday), so it must be computed rather than stored. Uses the anonymous Gregorian
    algorithm (Meeus/Jones/Butcher); valid from 1583, the first full Gregorian year.
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


def public_holidays(year: int) -> dict[datetime.date, str]:
    """Return the French metropolitan public holidays (jours fériés) of ``year``.

    Needed to know which days facilities are closed and which days do not count as
    working days for booking deadlines. The 11 holidays of current law are applied to
    every year (no historical variations); Alsace-Moselle's extra days (Vendredi saint,
    26 décembre) are not included. When two holidays fall on the same date (Ascension
    can coincide with 1 or 8 May), the date appears once and its labels are joined with
    ``HOLIDAY_LABEL_SEPARATOR``, so the dict then has 10 entries.
    """
    easter = easter_sunday(year)
    holidays: list[tuple[datetime.date, str]] = [
        (datetime.date(year, 1, 1), "Jour de l'an"),
        (easter + datetime.timedelta(days=1), "Lundi de Pâques"),
        (datetime.date(year, 5, 1), "Fête du Travail"),
        (datetime.date(year, 5, 8), "Victoire 1945"),
        (easter + datetime.timedelta(days=39), "Ascension"),
        (easter + datetime.timedelta(days=50), "Lundi de Pentecôte"),
        (datetime.date(year, 7, 14), "Fête nationale"),
        (datetime.date(year, 8, 15), "Assomption"),
        (datetime.date(year, 11, 1), "Toussaint"),
        (datetime.date(year, 11, 11), "Armistice 1918"),
        (datetime.date(year, 12, 25), "Noël"),
    ]
    result: dict[datetime.date, str] = {}
    for day, label in sorted(holidays, key=lambda holiday: holiday[0]):
        existing = result.get(day)
        result[day] = label if existing is None else existing + HOLIDAY_LABEL_SEPARATOR + label
    return result


@dataclass(frozen=True, slots=True)
class SchoolHoliday:
    """A school holiday period, given by its first and last day without classes."""

    label: str
    first_day_off: datetime.date
    last_day_off: datetime.date


class UnknownSchoolCalendarError(ValueError):
    """Raised when no school calendar is known for a school year or zone."""


def _period(label: str, first_day_off: datetime.date, reprise: datetime.date) -> SchoolHoliday:
    """Build a period from the official wording: classes resume on ``reprise``."""
    return SchoolHoliday(label, first_day_off, reprise - _ONE_DAY)


_d = datetime.date

# Official calendar (Ministère de l'Éducation nationale), metropolitan zones A, B and C.
_SCHOOL_YEAR_BOUNDS: dict[str, tuple[datetime.date, datetime.date]] = {
    "2025-2026": (_d(2025, 9, 1), _d(2026, 7, 3)),
}

_SCHOOL_HOLIDAYS: dict[str, dict[str, tuple[SchoolHoliday, ...]]] = {
    "2025-2026": {
        zone: (
            _period("Vacances de la Toussaint", _d(2025, 10, 18), _d(2025, 11, 3)),
            _period("Vacances de Noël", _d(2025, 12, 20), _d(2026, 1, 5)),
            _period("Vacances d'hiver", *winter),
            _period("Vacances de printemps", *spring),
            # Classes end Wednesday 13 May after school; Thursday 14 is the first day off.
            _period("Pont de l'Ascension", _d(2026, 5, 14), _d(2026, 5, 18)),
            # Rentrée 2026 is Tuesday 1 September.
            _period("Vacances d'été", _d(2026, 7, 4), _d(2026, 9, 1)),
        )
        for zone, winter, spring in (
            ("A", (_d(2026, 2, 7), _d(2026, 2, 23)), (_d(2026, 4, 4), _d(2026, 4, 20))),
            ("B", (_d(2026, 2, 14), _d(2026, 3, 2)), (_d(2026, 4, 11), _d(2026, 4, 27))),
            ("C", (_d(2026, 2, 21), _d(2026, 3, 9)), (_d(2026, 4, 18), _d(2026, 5, 4))),
        )
    },
}

del _d


def school_holidays(school_year: str, zone: str) -> list[SchoolHoliday]:
    """Return the school holiday periods of ``school_year`` (e.g. "2025-2026") in ``zone``.

    Holiday periods change which activities are open (accueil de loisirs instead of
    périscolaire) and are fixed nationally per zone (A, B or C), so they are stored as
    data. Periods are returned in chronological order.
    """
    try:
        by_zone = _SCHOOL_HOLIDAYS[school_year]
    except KeyError:
        raise UnknownSchoolCalendarError(
            f"unknown school year {school_year!r}; known: {', '.join(sorted(_SCHOOL_HOLIDAYS))}"
        ) from None
    try:
        return list(by_zone[zone])
    except KeyError:
        raise UnknownSchoolCalendarError(
            f"unknown school zone {zone!r} for {school_year}; known: {', '.join(sorted(by_zone))}"
        ) from None


def school_year_bounds(school_year: str) -> tuple[datetime.date, datetime.date]:
    """Return the rentrée and the last day of classes of ``school_year``.

    Needed to bound school-time (périscolaire, cantine) booking calendars, which only
    exist between the first and last day of classes.
    """
    try:
        return _SCHOOL_YEAR_BOUNDS[school_year]
    except KeyError:
        raise UnknownSchoolCalendarError(
            f"unknown school year {school_year!r}; known: {', '.join(sorted(_SCHOOL_YEAR_BOUNDS))}"
        ) from None


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
