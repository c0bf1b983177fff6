"""Occupancy: places reserved, capacity and waiting list per slot occurrence, with peaks.

Two levels in one statement: the inner query makes one row per slot occurrence (slot × date)
that has at least one booking row — reserved places, waiting list, capacity (the slot's, or
the activity's; NULL when unlimited) — and the outer query groups occurrences by the asked
keys. Occurrences nobody booked do not appear (the planning is computed, not stored).
With a grade filter, only the children of those grades are counted.

``count`` is the number of occurrences; a group is suppressed when it holds fewer
reservations and waiting-list places than the minimum group size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Float, Select, cast, func, select

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
    sum_if,
)
from models import Activity, Booking, Child, Establishment, Slot
from models.booking import BookingStatus

NAME = "occupancy"
DIMENSIONS = (
    Dimension.DAY,
    Dimension.WEEK,
    Dimension.MONTH,
    Dimension.ACTIVITY,
    Dimension.ESTABLISHMENT,
)
MEASURES = (
    "reserved",
    "capacity",
    "waiting_list",
    "reserved_with_capacity",
    "max_reserved",
    "max_waiting_list",
    "max_occupancy_rate",
)


def statement(query: ReportQuery) -> Select[Any]:
    """The occupancy report's single statement."""
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    # Level 1, from the booking index alone: one row per occurrence with its counts.
    counts = (
        select(
            Booking.slot_id,
            Booking.date,
            Booking.activity_id,
            count_if(Booking.status == BookingStatus.RESERVED).label("reserved"),
            count_if(Booking.status == BookingStatus.WAITING_LIST).label("waiting_list"),
        )
        .where(Booking.tenant_id == query.tenant_id, *date_range(Booking.date, where))
        .group_by(Booking.slot_id, Booking.date, Booking.activity_id)
    )
    if where.activity_ids:
        counts = counts.where(Booking.activity_id.in_(where.activity_ids))
    if where.grades:
        counts = counts.join(Child, Child.id == Booking.child_id).where(
            Child.grade.in_(where.grades)
        )
    per_slot = counts.subquery("per_slot")
    # Level 2: the occurrence with its capacity, activity and establishment.
    inner = (
        select(
            per_slot.c.date,
            per_slot.c.reserved,
            per_slot.c.waiting_list,
            Activity.id.label("activity_id"),
            Activity.name.label("activity_name"),
            Establishment.id.label("establishment_id"),
            Establishment.name.label("establishment_name"),
            func.coalesce(Slot.capacity, Activity.capacity).label("capacity"),
        )
        .select_from(per_slot)
        .join(Slot, Slot.id == per_slot.c.slot_id)
        .join(Activity, Activity.id == per_slot.c.activity_id)
        .join(Establishment, Establishment.id == Activity.establishment_id)
    )
    if where.establishment_ids:
        inner = inner.where(Activity.establishment_id.in_(where.establishment_ids))
    occurrence = inner.subquery("occurrence")
    o = occurrence.c
    keys: dict[Dimension, KeyColumn] = {
        **date_keys(o.date, query.dialect),
        Dimension.ACTIVITY: KeyColumn(o.activity_id, o.activity_name),
        Dimension.ESTABLISHMENT: KeyColumn(o.establishment_id, o.establishment_name),
    }
    capped = o.capacity.is_not(None)
    rate = cast(o.reserved, Float) / func.nullif(o.capacity, 0)
    measures: Mapping[str, Any] = {
        "reserved": func.coalesce(func.sum(o.reserved), 0),
        "capacity": func.coalesce(func.sum(o.capacity), 0),
        "waiting_list": func.coalesce(func.sum(o.waiting_list), 0),
        "reserved_with_capacity": sum_if(capped, o.reserved),
        "max_reserved": func.coalesce(func.max(o.reserved), 0),
        "max_waiting_list": func.coalesce(func.max(o.waiting_list), 0),
        "max_occupancy_rate": func.max(rate),
    }
    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(),
            population=func.coalesce(func.sum(o.reserved + o.waiting_list), 0),
            measures=measures,
            build=lambda columns: select(*columns).select_from(occurrence),
        ),
    )


def convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Integers as integers, the occupancy rate of the group from its sums."""
    out: dict[str, Any] = {k: int(values[k] or 0) for k in MEASURES if k != "max_occupancy_rate"}
    peak = values["max_occupancy_rate"]
    out["max_occupancy_rate"] = None if peak is None else round(float(peak), 4)
    out["occupancy_rate"] = (
        round(out["reserved_with_capacity"] / out["capacity"], 4) if out["capacity"] else None
    )
    return out
