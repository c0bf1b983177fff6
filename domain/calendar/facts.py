"""The calendar facts every booking rule reads: closed periods (with their labels) and
public holidays — loaded in one place, with one look-back, by the request path, the staff
absence path and the planning.

Deadlines count working days *before* an occurrence, so the calendar is read from
``CALENDAR_LOOKBACK`` before the first date: every deadline kind a town configures (a few
working days, a weekly cut-off the week before) lands well within it.

The statement is separate from its execution so that the planning can run it through its
read-only access (Core rows) and the request path through the transaction's session.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.french_calendar import public_holidays
from domain.calendar.opening_days import ClosedPeriod, DayKinds, classify_day
from models import CalendarPeriod
from models.calendar import CalendarPeriodKind
from models.core_columns import table_columns

CALENDAR_LOOKBACK = dt.timedelta(days=62)


@dataclass
class CalendarFacts:
    """Closed periods (aligned with their French labels) and public holidays."""

    periods: list[ClosedPeriod]
    labels: list[str]
    holidays: frozenset[dt.date]
    _kinds: dict[tuple[dt.date, int], DayKinds] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, periods: Iterable[ClosedPeriod], holidays: Iterable[dt.date] = ()) -> CalendarFacts:
        """Facts from bare periods (no labels), e.g. what a caller already holds."""
        kept = list(periods)
        return cls(kept, [""] * len(kept), frozenset(holidays))

    def day_kinds(self, day: dt.date, establishment_id: int) -> DayKinds:
        """``classify_day`` for that date and establishment, computed once (the planning
        asks it for every occurrence)."""
        key = (day, establishment_id)
        kinds = self._kinds.get(key)
        if kinds is None:
            kinds = self._kinds[key] = classify_day(day, establishment_id, self.periods)
        return kinds

    def covering(self, day: dt.date, establishment_id: int) -> list[str]:
        """The labels of the periods that apply to that date and establishment."""
        return [
            label
            for period, label in zip(self.periods, self.labels, strict=True)
            if period.covers(day, establishment_id)
        ]


_PERIOD = table_columns(CalendarPeriod)


@functools.cache
def _calendar_statement() -> Select[*tuple[Any, ...]]:
    # Built once per process, on the table's columns (plain Core: no ORM set-up per
    # execution): the values come as bind parameters (``calendar_read``).
    return select(
        _PERIOD.kind, _PERIOD.start_date, _PERIOD.end_date, _PERIOD.establishment_id, _PERIOD.label
    ).where(
        _PERIOD.tenant_id == bindparam("tenant_id"),
        _PERIOD.end_date >= bindparam("since"),
        _PERIOD.start_date <= bindparam("until"),
    )


def calendar_read(
    tenant_id: int, start: dt.date, end: dt.date
) -> tuple[Select[*tuple[Any, ...]], dict[str, Any]]:
    """The one statement reading the calendar for occurrences in [start, end] (built once
    per process) and the values of its parameters: run it as ``execute(statement,
    parameters)``."""
    parameters = {"tenant_id": tenant_id, "since": start - CALENDAR_LOOKBACK, "until": end}
    return _calendar_statement(), parameters


def calendar_from_rows(rows: Iterable[Any], start: dt.date, end: dt.date) -> CalendarFacts:
    """The facts from the rows of ``calendar_statement`` (national holidays added)."""
    periods: list[ClosedPeriod] = []
    labels: list[str] = []
    holidays: set[dt.date] = set()
    for row in rows:
        periods.append(ClosedPeriod(row.kind, row.start_date, row.end_date, row.establishment_id))
        labels.append(row.label)
        if row.kind is CalendarPeriodKind.PUBLIC_HOLIDAY and row.establishment_id is None:
            day = row.start_date
            while day <= row.end_date:
                holidays.add(day)
                day += dt.timedelta(days=1)
    for year in range((start - CALENDAR_LOOKBACK).year, end.year + 1):
        holidays.update(public_holidays(year))
    return CalendarFacts(periods, labels, frozenset(holidays))


async def load_calendar(
    session: AsyncSession, tenant_id: int, start: dt.date, end: dt.date
) -> CalendarFacts:
    """The calendar facts for occurrences in [start, end], in one statement."""
    rows = await session.execute(*calendar_read(tenant_id, start, end))
    return calendar_from_rows(rows, start, end)
