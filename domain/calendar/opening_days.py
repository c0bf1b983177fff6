"""Which dates an activity runs on: the school calendar applied to an operating mode.

The planning, the demo town, the synthetic town and the booking rules all need the same
answer to "does this activity run on this date?", so it is computed in one place from data:
the school year's bounds and the closed periods (school holidays, public holidays,
closures, strike days) recorded in the tenant's calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from models.activity import OperatingDays
from models.calendar import CalendarPeriodKind

_ONE_DAY = dt.timedelta(days=1)
_ONE_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ClosedPeriod:
    """A period of the calendar, for the whole tenant or one establishment."""

    kind: CalendarPeriodKind
    start: dt.date
    end: dt.date
    establishment_id: int | None = None

    def covers(self, day: dt.date, establishment_id: int) -> bool:
        """Whether this period applies to ``day`` at ``establishment_id``."""
        applies_here = self.establishment_id is None or self.establishment_id == establishment_id
        return applies_here and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class DayKinds:
    """The calendar facts of one date at one establishment."""

    school_holiday: bool
    closed: bool


def classify_day(day: dt.date, establishment_id: int, periods: Iterable[ClosedPeriod]) -> DayKinds:
    """Whether ``day`` is a school-holiday day and whether the establishment is closed.

    Public holidays, closures and strike days close the establishment; school holidays
    only close school-day activities (holiday activities run then).
    """
    school_holiday = False
    closed = False
    for period in periods:
        if not period.covers(day, establishment_id):
            continue
        if period.kind is CalendarPeriodKind.SCHOOL_HOLIDAY:
            school_holiday = True
        else:
            closed = True
    return DayKinds(school_holiday=school_holiday, closed=closed)


def runs_on(operating_days: OperatingDays, kinds: DayKinds) -> bool:
    """Whether an activity with this operating mode runs on a day of these kinds."""
    if kinds.closed:
        return False
    if operating_days is OperatingDays.SCHOOL_DAYS:
        return not kinds.school_holiday
    if operating_days is OperatingDays.SCHOOL_HOLIDAYS:
        return kinds.school_holiday
    return True


def date_range(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every date from ``start`` to ``end`` inclusive."""
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY


def weekly_dates(start: dt.date, end: dt.date, weekday: int) -> Iterator[dt.date]:
    """Every date from ``start`` to ``end`` inclusive that falls on ISO ``weekday``: a
    weekly slot's dates without visiting the six other days of each week."""
    day = start + dt.timedelta(days=(weekday - start.isoweekday()) % 7)
    while day <= end:
        yield day
        day += _ONE_WEEK


def opening_days(
    start: dt.date,
    end: dt.date,
    *,
    establishment_id: int,
    operating_days: OperatingDays,
    weekdays: Iterable[int],
    periods: Iterable[ClosedPeriod],
) -> list[dt.date]:
    """The dates in [start, end] on which an activity's slots (on ISO ``weekdays``) run."""
    wanted = set(weekdays)
    relevant = [
        p
        for p in periods
        if p.end >= start
        and p.start <= end
        and (p.establishment_id is None or p.establishment_id == establishment_id)
    ]
    return [
        day
        for day in date_range(start, end)
        if day.isoweekday() in wanted
        and runs_on(operating_days, classify_day(day, establishment_id, relevant))
    ]


@dataclass(frozen=True, slots=True)
class CalendarDayFacts:
    """What the calendar says about one date, for day-by-day calendar views."""

    date: dt.date
    is_school_day: bool
    is_school_holiday: bool
    is_public_holiday: bool
    is_closed: bool
    labels: tuple[str, ...]


def calendar_days(
    start: dt.date,
    end: dt.date,
    periods: Iterable[tuple[ClosedPeriod, str]],
    establishment_id: int | None = None,
) -> list[CalendarDayFacts]:
    """Each date of [start, end] with its holiday/closure facts and the periods' labels.

    Without an establishment only collectivity-wide closures count as closed.
    """
    relevant = [
        (period, text)
        for period, text in periods
        if period.end >= start
        and period.start <= end
        and (period.establishment_id is None or period.establishment_id == establishment_id)
    ]
    days: list[CalendarDayFacts] = []
    for day in date_range(start, end):
        covering = [(p, text) for p, text in relevant if p.start <= day <= p.end]
        kinds = {p.kind for p, _ in covering}
        school_holiday = CalendarPeriodKind.SCHOOL_HOLIDAY in kinds
        public_holiday = CalendarPeriodKind.PUBLIC_HOLIDAY in kinds
        closed = bool(kinds - {CalendarPeriodKind.SCHOOL_HOLIDAY})
        days.append(
            CalendarDayFacts(
                date=day,
                is_school_day=day.isoweekday() <= 5 and not school_holiday and not closed,
                is_school_holiday=school_holiday,
                is_public_holiday=public_holiday,
                is_closed=closed,
                labels=tuple(text for _, text in covering),
            )
        )
    return days
