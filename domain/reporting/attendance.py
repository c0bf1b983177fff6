"""Attendance (pointage): present, absent, billed absences, present without booking.

One grouped statement over the booking rows of the period. ``count`` is the number of
booking rows; a group is suppressed when it describes fewer distinct children than the
minimum group size. The attendance rate is present / (present + absent) of the group.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, func, or_, select

from domain.reporting.query import (
    Dimension,
    KeyColumn,
    ReportQuery,
    check_query,
    count_if,
    date_keys,
    date_range,
    finish,
    grouped,
)
from models import Activity, Booking, Child, Establishment
from models.booking import Attendance, BookingStatus

NAME = "attendance"
DIMENSIONS = (
    Dimension.DAY,
    Dimension.WEEK,
    Dimension.MONTH,
    Dimension.ACTIVITY,
    Dimension.ESTABLISHMENT,
    Dimension.GRADE,
    Dimension.STATUS,
)
MEASURES = ("present", "absent", "absent_billed", "present_without_booking")

ABSENT_STATUSES = (BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED)


def statement(query: ReportQuery) -> Select[Any]:
    """The attendance report's single statement."""
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    keys: dict[Dimension, KeyColumn] = {
        **date_keys(Booking.date, query.dialect),
        Dimension.ACTIVITY: KeyColumn(Activity.id, Activity.name),
        Dimension.ESTABLISHMENT: KeyColumn(Establishment.id, Establishment.name),
        Dimension.GRADE: KeyColumn(Child.grade),
        Dimension.STATUS: KeyColumn(Booking.status),
    }
    present = Booking.attendance == Attendance.PRESENT
    absent = or_(Booking.status.in_(ABSENT_STATUSES), Booking.attendance == Attendance.ABSENT)
    measures: Mapping[str, Any] = {
        "present": count_if(present),
        "absent": count_if(absent),
        "absent_billed": count_if(Booking.status == BookingStatus.ABSENT_BILLED),
        "present_without_booking": count_if(present & (Booking.status == BookingStatus.UNBOOKED)),
    }
    needs_activity = bool(
        where.establishment_ids
        or {Dimension.ACTIVITY, Dimension.ESTABLISHMENT} & set(query.group_by)
    )
    needs_child = bool(where.grades or Dimension.GRADE in query.group_by)

    def build(columns: list[Any]) -> Select[Any]:
        statement = select(*columns).select_from(Booking)
        if needs_activity:
            statement = statement.join(Activity, Activity.id == Booking.activity_id).join(
                Establishment, Establishment.id == Activity.establishment_id
            )
        if needs_child:
            statement = statement.join(Child, Child.id == Booking.child_id)
        statement = statement.where(
            Booking.tenant_id == query.tenant_id, *date_range(Booking.date, where)
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
            measures=measures,
            build=build,
        ),
    )


def convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Integers, and the attendance rate of the group."""
    out: dict[str, Any] = {k: int(values[k] or 0) for k in MEASURES}
    out["children"] = int(values["population"] or 0)  # distinct children
    seen = out["present"] + out["absent"]
    out["attendance_rate"] = round(out["present"] / seen, 4) if seen else None
    return out
