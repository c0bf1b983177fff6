"""The official calendar of a school year for a zone: what ``calendarImport`` writes.

Public holidays (``holidays``, FR) and the school holidays of the zone (the official
data.education.gouv.fr calendar shipped by ``vacances-scolaires-france``), as periods with
their French labels (« Vacances de la Toussaint », « Armistice »…). A school year's span
runs from its first day of classes to the end of the summer holidays that close it, so
that holiday activities (accueil de loisirs) in July and August are covered. A year the
data does not cover is refused with DATA_NOT_AVAILABLE: the town enters it by hand or
waits for the data, nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.calendar.codes import DATA_NOT_AVAILABLE
from domain.calendar.french_calendar import (
    SUMMER,
    UnknownSchoolCalendarError,
    public_holidays,
    school_calendar_coverage,
    school_holidays,
)
from kernel.results import fail
from models.calendar import CalendarPeriodKind

__all__ = ["OfficialPeriod", "academic_label", "official_periods", "year_span"]


@dataclass(frozen=True, slots=True)
class OfficialPeriod:
    """One period of the official calendar (dates inclusive)."""

    kind: CalendarPeriodKind
    label: str
    start: dt.date
    end: dt.date


def academic_label(start: dt.date) -> str:
    """« 2025-2026 » for a school year whose classes start on ``start`` (August onwards
    opens a new school year)."""
    first = start.year if start.month >= 8 else start.year - 1
    return f"{first}-{first + 1}"


def year_span(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The days a school year's calendar covers: from its first day of classes to the end
    of the summer that follows its last one (31 August at the latest day of ``end``'s
    year, or ``end`` itself when later)."""
    return start, max(end, dt.date(end.year, 8, 31))


def _unavailable(label: str, *field: str) -> Exception:
    first, last = school_calendar_coverage()
    return fail(
        DATA_NOT_AVAILABLE,
        f"Le calendrier officiel de l'année scolaire {label} n'est pas disponible (les "
        f"données officielles couvrent du {first:%d/%m/%Y} au {last:%d/%m/%Y}). Saisissez "
        "les périodes à la main ou importez-le quand les données seront publiées.",
        *field,
    )


def official_periods(
    start: dt.date, end: dt.date, zone: str, *, field: tuple[str, ...] = ()
) -> list[OfficialPeriod]:
    """The official periods of the school year running from ``start`` to ``end`` in
    ``zone`` (A, B or C), by start date: the zone's school holidays and the public holidays
    of the year's span. DATA_NOT_AVAILABLE (a ``DomainFailure`` on ``field``) when the
    official data does not cover the year."""
    label = academic_label(start)
    first_day, last_day = year_span(start, end)
    try:
        holidays = school_holidays(label, zone)
    except UnknownSchoolCalendarError:
        raise _unavailable(label, *field) from None
    summer_end = max((h.last_day_off for h in holidays if h.label == SUMMER), default=None)
    if summer_end is None or summer_end < end:
        raise _unavailable(label, *field)
    last_day = max(last_day, summer_end)
    periods = [
        OfficialPeriod(CalendarPeriodKind.SCHOOL_HOLIDAY, h.label, h.first_day_off, h.last_day_off)
        for h in holidays
        if h.last_day_off >= first_day and h.first_day_off <= last_day
    ]
    for year in range(first_day.year, last_day.year + 1):
        for day, name in public_holidays(year).items():
            if first_day <= day <= last_day:
                periods.append(OfficialPeriod(CalendarPeriodKind.PUBLIC_HOLIDAY, name, day, day))
    periods.sort(key=lambda p: (p.start, p.kind is CalendarPeriodKind.SCHOOL_HOLIDAY, p.label))
    return periods
