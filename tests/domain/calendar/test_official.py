"""The official calendar of a school year: school holidays of the zone and public
holidays, from the maintained data; a year the data does not cover is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.calendar.codes import DATA_NOT_AVAILABLE
from domain.calendar.official import academic_label, official_periods, year_span
from kernel.results import DomainFailure
from models.calendar import CalendarPeriodKind

D = dt.date
SCHOOL = CalendarPeriodKind.SCHOOL_HOLIDAY
PUBLIC = CalendarPeriodKind.PUBLIC_HOLIDAY


def test_academic_label_and_span() -> None:
    assert academic_label(D(2026, 9, 1)) == "2026-2027"
    assert academic_label(D(2027, 1, 4)) == "2026-2027"
    assert year_span(D(2026, 9, 1), D(2027, 7, 3)) == (D(2026, 9, 1), D(2027, 8, 31))


def test_zone_b_2026_2027_periods_with_french_labels() -> None:
    periods = official_periods(D(2026, 9, 1), D(2027, 7, 2), "B")
    school = [(p.label, p.start, p.end) for p in periods if p.kind is SCHOOL]
    assert school == [
        ("Vacances de la Toussaint", D(2026, 10, 17), D(2026, 11, 1)),
        ("Vacances de Noël", D(2026, 12, 19), D(2027, 1, 3)),
        ("Vacances d'hiver", D(2027, 2, 20), D(2027, 3, 7)),
        ("Vacances de printemps", D(2027, 4, 17), D(2027, 5, 2)),
        ("Pont de l'Ascension", D(2027, 5, 6), D(2027, 5, 8)),
        ("Vacances d'été", D(2027, 7, 3), D(2027, 8, 31)),
    ]
    public = {p.start: p.label for p in periods if p.kind is PUBLIC}
    assert public[D(2026, 11, 11)] == "Armistice"
    assert public[D(2027, 5, 6)] == "Ascension"
    assert public[D(2027, 7, 14)] == "Fête nationale"  # in the summer that closes the year
    assert public[D(2027, 8, 15)] == "Assomption"
    assert D(2026, 8, 15) not in public  # before the rentrée: the previous year's
    assert all(p.start == p.end for p in periods if p.kind is PUBLIC)
    assert [p.start for p in periods] == sorted(p.start for p in periods)


def test_zones_differ_in_winter() -> None:
    def winter(zone: str) -> tuple[dt.date, dt.date]:
        found = official_periods(D(2025, 9, 1), D(2026, 7, 3), zone)
        return next((p.start, p.end) for p in found if p.label == "Vacances d'hiver")

    assert winter("A") == (D(2026, 2, 7), D(2026, 2, 22))
    assert winter("C") == (D(2026, 2, 21), D(2026, 3, 8))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2028, 9, 1), D(2029, 7, 6)),
        (D(2035, 9, 3), D(2036, 7, 4)),
        (D(1985, 9, 5), D(1986, 7, 1)),
    ],
)
def test_a_year_the_data_does_not_cover_is_refused(start: dt.date, end: dt.date) -> None:
    with pytest.raises(DomainFailure) as raised:
        official_periods(start, end, "A", field=("schoolYear",))
    (problem,) = raised.value.problems
    assert problem.code == DATA_NOT_AVAILABLE
    assert problem.field == ("schoolYear",)
    assert "n'est pas disponible" in problem.message
    assert academic_label(start) in problem.message
