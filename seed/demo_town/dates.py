"""Dates and times of the demo: wall-clock instants, French dates, months."""

from __future__ import annotations

import calendar
import datetime as dt

from seed.demo_town.constants import _PARIS


def _at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    """A wall-clock time in Saint-Ismier on ``day`` (stored as UTC by the models)."""
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=_PARIS)


def _fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
