"""CAF-style yearly statistics: hours of attendance per age band and per activity.

One grouped statement over the bookings of the calendar year where the child was present,
in childcare activities only (meals are not childcare, as for the yearly certificate).
Hours are the slot's duration, summed as whole minutes (exact on both databases). The age
band is the child's age on 1 January of the year: under 6, or 6 and over.

``count`` is the number of attendances; a group is suppressed when it describes fewer
distinct children than the minimum group size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, case, func, literal, select

from domain.reporting import dialect as sqlx
from domain.reporting.query import (
    AgeBand,
    Dimension,
    KeyColumn,
    ReportFilter,
    ReportingError,
    ReportQuery,
    check_query,
    date_keys,
    date_range,
    finish,
    grouped,
)
from models import Activity, Booking, Child, Establishment, Slot
from models.booking import Attendance

NAME = "caf"
DIMENSIONS = (
    Dimension.AGE_BAND,
    Dimension.ACTIVITY,
    Dimension.ESTABLISHMENT,
    Dimension.MONTH,
    Dimension.WEEK,
    Dimension.DAY,
    Dimension.GRADE,
)
MEASURES = ("minutes",)


def year_query(query: ReportQuery) -> ReportQuery:
    """The query restricted to its calendar year (``year``, else the year of ``from``)."""
    year = query.year or (query.where.date_from.year if query.where.date_from else None)
    if year is None:
        raise ReportingError("Indiquez l'année des statistiques CAF.")
    if not 2000 <= year <= 2100:
        raise ReportingError("Année invalide.")
    where: ReportFilter = replace(
        query.where, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31)
    )
    return replace(query, year=year, where=where)


def statement(query: ReportQuery) -> Select[Any]:
    """The CAF report's single statement."""
    query = year_query(query)
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    assert query.year is not None
    cutoff = dt.date(query.year - 6, 1, 1)
    minutes = sqlx.minutes_between_times(Slot.start_time, Slot.end_time, query.dialect)
    keys: dict[Dimension, KeyColumn] = {
        **date_keys(Booking.date, query.dialect),
        Dimension.AGE_BAND: KeyColumn(
            case(
                (Child.birth_date > cutoff, literal(AgeBand.UNDER_6.value)),
                else_=literal(AgeBand.SIX_AND_OVER.value),
            )
        ),
        Dimension.ACTIVITY: KeyColumn(Activity.id, Activity.name),
        Dimension.ESTABLISHMENT: KeyColumn(Establishment.id, Establishment.name),
        Dimension.GRADE: KeyColumn(Child.grade),
    }

    def build(columns: list[Any]) -> Select[Any]:
        statement = (
            select(*columns)
            .select_from(Booking)
            .join(Slot, Slot.id == Booking.slot_id)
            .join(Activity, Activity.id == Booking.activity_id)
            .join(Establishment, Establishment.id == Activity.establishment_id)
            .join(Child, Child.id == Booking.child_id)
            .where(
                Booking.tenant_id == query.tenant_id,
                Booking.attendance == Attendance.PRESENT,
                Activity.is_childcare.is_(True),
                *date_range(Booking.date, where),
            )
        )
        if where.activity_ids:
            statement = statement.where(Booking.activity_id.in_(where.activity_ids))
        if where.establishment_ids:
            statement = statement.where(Activity.establishment_id.in_(where.establishment_ids))
        if where.grades:
            statement = statement.where(Child.grade.in_(where.grades))
        return statement

    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(),
            population=func.count(func.distinct(Booking.child_id)),
            measures={
                "minutes": func.coalesce(func.sum(minutes), 0),
            },
            build=build,
        ),
    )


def convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Minutes and hours (two decimals), children."""
    minutes = int(values["minutes"] or 0)
    return {
        "minutes": minutes,
        "hours": round(minutes / 60, 2),
        "children": int(values["population"] or 0),
    }
