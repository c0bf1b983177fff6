"""The few SQL expressions that differ between SQLite and PostgreSQL, in one place.

Reports are plain SQLAlchemy Core; only date truncation (day, ISO week, month), durations
and percentiles are spelled differently by the two databases:

- ISO week: the week is represented by its Monday. PostgreSQL ``date_trunc('week', d)``
  is ISO (weeks start on Monday); SQLite moves to the next Sunday (``weekday 0``, a no-op on
  a Sunday) then six days back.
- Month: its first day (``date_trunc('month', d)`` / ``date(d, 'start of month')``).
- Timestamps to the tenant's calendar day: PostgreSQL converts with ``AT TIME ZONE``;
  SQLite has no time zones, so its days are UTC days (a request made between midnight and
  2 a.m. Paris time may count for the previous day on SQLite only).
- Durations: whole minutes (exact integers) between two times of day, and hours between two
  timestamps.
- Calendar of days (``occupancy``): the next day is ``d + 1`` / ``date(d, '+1 day')`` and
  the ISO weekday ``extract(isodow …)`` / ``strftime('%w', d)`` shifted to Monday = 1.
- Plans: on PostgreSQL a report's statement is planned for its own values each time
  (``custom_plans``); SQLite has no plan cache to steer.
- Percentiles: ``percentile_cont`` on PostgreSQL; on SQLite, a window function ranks the
  values of each group and the aggregate interpolates between the two ranks around the
  wanted position (see ``domain.reporting.requests``) — no Python loop over rows either way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Float, Integer, cast, func, literal_column
from sqlalchemy.sql.elements import ColumnElement

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


def is_postgresql(dialect: str) -> bool:
    """True for PostgreSQL; everything else is treated as SQLite."""
    return dialect == POSTGRESQL


def day_of_timestamp(column: Any, dialect: str, timezone: str) -> ColumnElement[Any]:
    """The calendar day of a timestamp, in the tenant's zone (UTC on SQLite)."""
    if is_postgresql(dialect):
        return cast(func.timezone(timezone, column), Date)
    return func.date(column, type_=Date)


def week_of(day: Any, dialect: str) -> ColumnElement[Any]:
    """The Monday of the ISO week of a date."""
    if is_postgresql(dialect):
        return cast(func.date_trunc("week", day), Date)
    return func.date(day, "weekday 0", "-6 days", type_=Date)


def month_of(day: Any, dialect: str) -> ColumnElement[Any]:
    """The first day of the month of a date."""
    if is_postgresql(dialect):
        return cast(func.date_trunc("month", day), Date)
    return func.date(day, "start of month", type_=Date)


def minutes_between_times(start: Any, end: Any, dialect: str) -> ColumnElement[int]:
    """Whole minutes from one time of day to a later one (slot durations)."""
    if is_postgresql(dialect):
        return cast(func.extract("epoch", end - start) / 60, Integer)
    return cast(func.round((func.julianday(end) - func.julianday(start)) * 1440), Integer)


def hours_between(start: Any, end: Any, dialect: str) -> ColumnElement[Any]:
    """Hours (fractional) from one timestamp to a later one (processing times)."""
    if is_postgresql(dialect):
        return cast(func.extract("epoch", end - start), Float) / 3600.0
    return (func.julianday(end) - func.julianday(start)) * 24.0


def floor_nonnegative(value: Any, dialect: str) -> ColumnElement[int]:
    """The integer part of a number ≥ 0: ``floor`` on PostgreSQL (where CAST rounds), CAST on
    SQLite (which truncates, and may lack the math functions)."""
    if is_postgresql(dialect):
        return cast(func.floor(value), Integer)
    return cast(value, Integer)


def percentile(value: Any, share: float) -> ColumnElement[float]:
    """PostgreSQL's continuous percentile of ``value`` within the group."""
    return func.percentile_cont(literal_column(repr(float(share)))).within_group(value)


def next_day(day: Any, dialect: str) -> ColumnElement[Any]:
    """The day after a date (the step of the recursive calendar of ``occupancy``)."""
    if is_postgresql(dialect):
        return cast(day + literal_column("1"), Date)
    return func.date(day, "+1 day", type_=Date)


def iso_weekday(day: Any, dialect: str) -> ColumnElement[int]:
    """The ISO weekday of a date (1 Monday … 7 Sunday), as ``slot.weekday`` stores it.

    SQLite's ``strftime('%w')`` counts from Sunday = 0, hence ``(w + 6) % 7 + 1``."""
    if is_postgresql(dialect):
        return cast(func.extract("isodow", day), Integer)
    return (cast(func.strftime("%w", day), Integer) + 6) % 7 + 1


def custom_plans(dialect: str) -> ColumnElement[Any] | None:
    """PostgreSQL: a column to read in a statement run before the report, in its
    transaction, so that the report is planned for its own values (``plan_cache_mode =
    force_custom_plan``, transaction scope: it ends with the transaction); None on SQLite.

    Why: asyncpg prepares every statement, and from its sixth execution on a connection
    PostgreSQL may keep a generic plan, built without the bounds of the period. For the
    occupancy report of the 2,000-child town over a school year that plan took 1.5–1.8 s
    against 0.2–0.4 s planned with the dates (issue 14's Q4). A report is rare and heavy:
    planning it each time costs nothing next to it. A column (``set_config``) rather than
    ``SET LOCAL`` so that it rides on the read of the tenant's settings: no round trip more.
    """
    if not is_postgresql(dialect):
        return None
    return func.set_config("plan_cache_mode", "force_custom_plan", True)
