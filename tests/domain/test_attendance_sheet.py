"""Who is on an attendance sheet and in which order (``domain.attendance_sheet``)."""

from __future__ import annotations

import datetime as dt

from domain.attendance_sheet import SheetBooking, sheet_lines, slot_runs_on
from domain.planning import OccurrenceStatus
from models.booking import Attendance, BookingStatus


def _booking(
    pk: int, last: str, first: str, status: BookingStatus, attendance: Attendance | None = None
) -> SheetBooking:
    return SheetBooking(pk, pk * 10, 1, last, first, status, attendance)


def test_places_taken_are_listed_by_name_the_others_are_not() -> None:
    lines = sheet_lines(
        [
            _booking(1, "Roussel", "Lenny", BookingStatus.RESERVED),
            _booking(2, "andré", "Zoé", BookingStatus.ABSENT),
            _booking(3, "Blanc", "Léa", BookingStatus.WAITING_LIST),
            _booking(4, "Blanc", "Tom", BookingStatus.CANCELLED),
            _booking(5, "André", "Anna", BookingStatus.UNBOOKED, Attendance.PRESENT),
            _booking(6, "Roussel", "Eva", BookingStatus.RESERVED, Attendance.ABSENT),
        ]
    )
    assert [line.booking_id for line in lines] == [5, 2, 6, 1]
    assert [line.status for line in lines] == [
        OccurrenceStatus.PRESENT,
        OccurrenceStatus.ABSENT,
        OccurrenceStatus.ABSENT_BILLED,  # a no-show on a reserved date, as the planning says
        OccurrenceStatus.RESERVED,
    ]
    assert [line.expected for line in lines] == [False, False, True, True]
    assert lines[0].child_id == 50


def test_a_slot_runs_on_its_weekday_within_its_validity() -> None:
    monday = dt.date(2026, 1, 12)
    assert slot_runs_on(1, dt.date(2025, 9, 1), None, monday)
    assert not slot_runs_on(2, dt.date(2025, 9, 1), None, monday)
    assert not slot_runs_on(1, dt.date(2026, 2, 1), None, monday)
    assert not slot_runs_on(1, dt.date(2025, 9, 1), dt.date(2026, 1, 5), monday)
