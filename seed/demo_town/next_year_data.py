"""The demo's second school year, 2026-2027, as plain data: calendar, activities,
registrations, standing reservations, and the date the year's story is told from.

2025-2026 (the guide's year) is over by the real clock; this year makes ``make run`` feel
current: Sept–Nov 2026 are attended (pointage done), December is booked ahead, January is
open to reservations, and the inbox holds pending requests and a waiting list.

Every date here is fixed (the year is told from ``NEXT_YEAR_TODAY``, not from the clock),
so loading the demo twice writes the same rows.

Calendar (académie de Grenoble, zone A, per the ministry's 2026-2027 calendar): rentrée
Tuesday 1 September 2026; the dates below give the first and last day without classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from domain.calendar.french_calendar import school_holidays
from models.activity import ActivityCategory, DeadlineKind
from models.billing import PricingMode
from seed.demo_town.activity_data import ACTIVITIES, ActivityData, Deadline, PriceData
from seed.demo_town.town_data import (
    ETUDE_GARDERIE_2,
    GARDERIE_BOURG,
    GARDERIE_MATIN,
    JEUNES_APRES_MIDI,
    JEUNES_MATIN,
    JEUNES_REPAS,
    MERCREDI_APRES_MIDI,
    MERCREDI_MATIN,
    MERCREDI_REPAS,
    REPAS_BOURG,
    REPAS_LUX,
    SCHOOL_WEEK,
    WEDNESDAY,
    WORKING_WEEK,
    YOUTH,
)

_d = dt.date

NEXT_YEAR_LABEL = "2026-2027"
NEXT_YEAR_START = _d(2026, 9, 1)  # rentrée: Tuesday 1 September 2026
NEXT_YEAR_CLASSES_END = _d(2027, 7, 2)  # last day of classes (summer from Saturday 3 July)
NEXT_YEAR_END = _d(2027, 8, 31)  # holiday activities run until the eve of the next rentrée
# The year's story is told from Saturday 28 November 2026 (fixed: the demo is deterministic).
NEXT_YEAR_TODAY = _d(2026, 11, 28)
# Standing reservations of the year run until the last school day before Christmas.
NEXT_YEAR_HORIZON = _d(2026, 12, 18)

# (label, first day off, last day off) — zone A, from the official data (maintained, as
# calendarImport reads it), not typed here.
NEXT_YEAR_HOLIDAYS: tuple[tuple[str, dt.date, dt.date], ...] = tuple(
    (holiday.label, holiday.first_day_off, holiday.last_day_off)
    for holiday in school_holidays(NEXT_YEAR_LABEL, "A")
)

NEXT_YEAR_SUFFIX = " 26-27"


def next_code(code: str) -> str:
    """The 2026-2027 code of a 2025-2026 activity (codes are unique per tenant)."""
    return code + NEXT_YEAR_SUFFIX


# A workshop new in 2026-2027: two editing stations, hence two places and a waiting list.
ATELIER_VIDEO = "10/Atelier vidéo/Jeunes"
ATELIER_VIDEO_NAME = "Atelier montage vidéo"
ATELIER_VIDEO_CAPACITY = 2

ATELIER_VIDEO_DATA = ActivityData(
    ATELIER_VIDEO,
    ATELIER_VIDEO_NAME,
    YOUTH,
    ActivityCategory.OTHER,
    dt.time(14, 0),
    dt.time(16, 30),
    WEDNESDAY,
    PriceData(PricingMode.FLAT, flat_cents=400, non_resident_cents=600),
    "Le mercredi hors vacances (14h00 – 16h30), dès 8 ans : deux postes de montage, donc "
    "deux places ; liste d'attente, places libérées attribuées par le Secteur Jeunes. "
    "Réservation et annulation au plus tard la veille à 18h00.",
    booking=Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18, 0)),
    cancellation=Deadline(DeadlineKind.CALENDAR_DAYS_BEFORE, 1, dt.time(18, 0)),
    capacity=ATELIER_VIDEO_CAPACITY,
    born_on_or_after=_d(2008, 1, 1),
    born_on_or_before=_d(2018, 12, 31),
)

# Every activity of 2025-2026 again (same rules, codes suffixed), plus the workshop.
NEXT_YEAR_ACTIVITIES: tuple[ActivityData, ...] = (
    *(replace(a, code=next_code(a.code)) for a in ACTIVITIES),
    ATELIER_VIDEO_DATA,
)


def year_code(code: str) -> str:
    """The 2026-2027 code of an activity named by its 2025-2026 code (or its own)."""
    return code if code == ATELIER_VIDEO else next_code(code)


# Registrations of 2026-2027 by child key (codes as in 2025-2026, or ATELIER_VIDEO).
# The BENALI family is still awaiting validation: no registration.
NEXT_YEAR_REGISTRATIONS: dict[str, tuple[str, ...]] = {
    "lenny": (
        GARDERIE_MATIN,
        REPAS_LUX,
        ETUDE_GARDERIE_2,
        MERCREDI_MATIN,
        MERCREDI_REPAS,
        MERCREDI_APRES_MIDI,
        ATELIER_VIDEO,
    ),
    "simon": (GARDERIE_MATIN, REPAS_LUX, MERCREDI_MATIN),
    "elsa": (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI, ATELIER_VIDEO),
    "georgette": (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI, ATELIER_VIDEO),
    "leo": (GARDERIE_BOURG, REPAS_BOURG),
    "lea": (GARDERIE_BOURG, REPAS_BOURG),
}


@dataclass(frozen=True, slots=True)
class NextYearPlan:
    """Standing reservations of 2026-2027: from the rentrée to ``NEXT_YEAR_HORIZON``."""

    child: str
    activity: str
    weekdays: tuple[int, ...]


NEXT_YEAR_PLANS: tuple[NextYearPlan, ...] = (
    NextYearPlan("lenny", GARDERIE_MATIN, SCHOOL_WEEK),
    NextYearPlan("lenny", REPAS_LUX, SCHOOL_WEEK),
    NextYearPlan("lenny", ETUDE_GARDERIE_2, (1, 2, 4)),
    NextYearPlan("lenny", MERCREDI_MATIN, WEDNESDAY),
    NextYearPlan("lenny", MERCREDI_REPAS, WEDNESDAY),
    NextYearPlan("simon", GARDERIE_MATIN, (1, 4)),
    NextYearPlan("simon", REPAS_LUX, (1, 2, 4)),
    NextYearPlan("elsa", ATELIER_VIDEO, WEDNESDAY),
    NextYearPlan("georgette", ATELIER_VIDEO, WEDNESDAY),
    # The Toussaint holidays at the Secteur Jeunes (over by "today").
    NextYearPlan("georgette", JEUNES_MATIN, WORKING_WEEK),
    NextYearPlan("georgette", JEUNES_REPAS, WORKING_WEEK),
    NextYearPlan("elsa", JEUNES_APRES_MIDI, (1, 2, 4)),
    NextYearPlan("leo", GARDERIE_BOURG, (1, 2, 4)),
    NextYearPlan("lea", REPAS_BOURG, (1, 2, 4, 5)),
)

del _d
