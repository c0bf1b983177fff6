"""The attendance sheet (feuille de pointage) of one slot on one date: which children staff
expect there, in which order, and what the planning would show of each.

The sheet is the other side of ``attendanceMark`` (``domain.bookings.decisions.attendance``):
staff mark the children it lists. It is computed from the bookings of that slot and date,
never stored. A child is on the sheet when a place was theirs that day:
- RESERVED: expected (whatever was marked since, present or absent);
- ABSENT / ABSENT_BILLED: an absence was declared — listed, not expected, so staff know
  why the child is missing (and can still mark them present if they come after all);
- UNBOOKED: marked present without a place — listed, so the mark can be corrected.
A child on the waiting list or whose booking was cancelled had no place: not listed (the
agent marks a child who turns up anyway through ``attendanceMark``, which records them
present without booking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from domain.planning import BookingFacts, OccurrenceStatus, occurrence_status
from models.booking import Attendance, BookingStatus

ON_THE_SHEET: Final = frozenset(
    {
        BookingStatus.RESERVED,
        BookingStatus.ABSENT,
        BookingStatus.ABSENT_BILLED,
        BookingStatus.UNBOOKED,
    }
)


@dataclass(frozen=True, slots=True)
class SheetBooking:
    """A booking of the slot and date, with the child's name (what the sheet is sorted by)."""

    booking_id: int
    child_id: int
    family_id: int
    last_name: str
    first_name: str
    status: BookingStatus
    attendance: Attendance | None


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One child of the sheet."""

    booking_id: int
    child_id: int
    family_id: int
    booking_status: BookingStatus
    attendance: Attendance | None
    status: OccurrenceStatus  # what the planning shows (the same legend)
    expected: bool  # a place is reserved and no absence was declared


def slot_runs_on(weekday: int, valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    """Whether a weekly slot takes place on ``day`` at all (its weekday, within its
    validity): a sheet of another day would always be empty, so clients are told."""
    return (
        day.isoweekday() == weekday and valid_from <= day and (valid_to is None or day <= valid_to)
    )


def sheet_lines(bookings: Iterable[SheetBooking]) -> list[SheetLine]:
    """The sheet's lines: the bookings that put a child on it (``ON_THE_SHEET``), by last
    name then first name (the order of a class register), each with the planning's status."""
    kept = sorted(
        (b for b in bookings if b.status in ON_THE_SHEET),
        key=lambda b: (b.last_name.casefold(), b.first_name.casefold(), b.child_id),
    )
    return [
        SheetLine(
            booking_id=b.booking_id,
            child_id=b.child_id,
            family_id=b.family_id,
            booking_status=b.status,
            attendance=b.attendance,
            status=occurrence_status(BookingFacts(b.status, b.attendance, b.booking_id), None),
            expected=b.status is BookingStatus.RESERVED,
        )
        for b in kept
    ]
