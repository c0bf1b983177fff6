"""Requests: counts by type and outcome, processing time from creation to decision.

One statement. An inner query computes, per request, its keys (the creation day in the
tenant's zone, type, status, activity, establishment, child's grade) and its processing
time in hours (decided requests only: accepted, partially accepted, refused). The outer
query groups and computes the median and 90th percentile of that time:

- PostgreSQL: ``percentile_cont(p) WITHIN GROUP (ORDER BY hours)``;
- SQLite (no percentile function): the inner query ranks each group's times with
  ``row_number() OVER (PARTITION BY <keys> ORDER BY hours)`` and counts them with
  ``count(hours) OVER (PARTITION BY <keys>)``; the outer aggregate takes the values at ranks
  ⌊p·(n−1)⌋ and the next one and interpolates linearly — the same definition as
  ``percentile_cont``, so both databases give the same figures.

``count`` is the number of requests; a group is suppressed when it comes from fewer distinct
families than the minimum group size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from domain.reporting import dialect as sqlx
from domain.reporting.query import (
    NAME_SUFFIX,
    Dimension,
    KeyColumn,
    ReportQuery,
    check_query,
    count_if,
    date_keys,
    finish,
    grouped,
)
from models import Activity, Child, Establishment, Request
from models.request import RequestStatus

NAME = "requests"
DIMENSIONS = (
    Dimension.DAY,
    Dimension.WEEK,
    Dimension.MONTH,
    Dimension.ACTIVITY,
    Dimension.ESTABLISHMENT,
    Dimension.GRADE,
    Dimension.STATUS,
    Dimension.REQUEST_TYPE,
)
MEASURES = (
    "in_progress",
    "accepted",
    "partially_accepted",
    "refused",
    "cancelled",
    "decided",
    "decided_within_48h",
    "median_hours",
    "p90_hours",
)
DECIDED = (RequestStatus.ACCEPTED, RequestStatus.PARTIALLY_ACCEPTED, RequestStatus.REFUSED)
WITHIN_HOURS = 48


def utc_bounds(
    day_from: dt.date | None, day_to: dt.date | None, timezone: str
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The UTC instants [start of ``day_from``, start of the day after ``day_to``) in the
    tenant's zone, so that filtering timestamps by calendar day is exact on both databases."""
    zone = ZoneInfo(timezone)

    def start(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)

    return (
        start(day_from) if day_from else None,
        start(day_to + dt.timedelta(days=1)) if day_to else None,
    )


def statement(query: ReportQuery) -> Select[Any]:
    """The requests report's single statement."""
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    day = sqlx.day_of_timestamp(Request.created_at, query.dialect, query.timezone)
    base_keys: dict[Dimension, KeyColumn] = {
        **date_keys(day, query.dialect),
        Dimension.ACTIVITY: KeyColumn(Activity.id, Activity.name),
        Dimension.ESTABLISHMENT: KeyColumn(Establishment.id, Establishment.name),
        Dimension.GRADE: KeyColumn(Child.grade),
        Dimension.STATUS: KeyColumn(Request.status),
        Dimension.REQUEST_TYPE: KeyColumn(Request.type),
    }
    decided = and_(Request.status.in_(DECIDED), Request.decided_at.is_not(None))
    hours = case(
        (decided, sqlx.hours_between(Request.created_at, Request.decided_at, query.dialect)),
        else_=None,
    )
    inner_columns: list[Any] = []
    partition: list[ColumnElement[Any]] = []
    for dimension in query.group_by:
        key = base_keys[dimension]
        label = f"k_{dimension.value.lower()}"
        inner_columns.append(key.key.label(label))
        partition.append(key.key)
        if key.name is not None:
            inner_columns.append(key.name.label(label + NAME_SUFFIX))
    inner_columns += [
        Request.family_id,
        Request.status,
        hours.label("hours"),
    ]
    postgresql = sqlx.is_postgresql(query.dialect)
    if not postgresql:
        inner_columns += [
            func.row_number()
            .over(partition_by=[*partition, hours.is_(None)], order_by=hours)
            .label("rank"),
            func.count(hours).over(partition_by=partition or None).label("ranked"),
        ]
    inner = (
        select(*inner_columns)
        .select_from(Request)
        .outerjoin(Activity, Activity.id == Request.activity_id)
        .outerjoin(Establishment, Establishment.id == Activity.establishment_id)
        .outerjoin(Child, Child.id == Request.child_id)
        .where(Request.tenant_id == query.tenant_id)
    )
    start, end = utc_bounds(where.date_from, where.date_to, query.timezone)
    if start is not None:
        inner = inner.where(Request.created_at >= start)
    if end is not None:
        inner = inner.where(Request.created_at < end)
    if where.activity_ids:
        inner = inner.where(Request.activity_id.in_(where.activity_ids))
    if where.establishment_ids:
        inner = inner.where(Activity.establishment_id.in_(where.establishment_ids))
    if where.grades:
        inner = inner.where(Child.grade.in_(where.grades))
    rows = inner.subquery("request_row")
    r = rows.c
    keys = {
        dimension: KeyColumn(
            r[f"k_{dimension.value.lower()}"],
            r[f"k_{dimension.value.lower()}{NAME_SUFFIX}"]
            if base_keys[dimension].name is not None
            else None,
        )
        for dimension in query.group_by
    }
    if postgresql:
        median: ColumnElement[Any] = sqlx.percentile(r.hours, 0.5)
        p90: ColumnElement[Any] = sqlx.percentile(r.hours, 0.9)
    else:
        median = _interpolated(r, 0.5, query.dialect)
        p90 = _interpolated(r, 0.9, query.dialect)
    status = r.status
    measures: Mapping[str, Any] = {
        "in_progress": count_if(
            status.in_((RequestStatus.PENDING.value, RequestStatus.TRANSMITTED.value))
        ),
        "accepted": count_if(status == RequestStatus.ACCEPTED.value),
        "partially_accepted": count_if(status == RequestStatus.PARTIALLY_ACCEPTED.value),
        "refused": count_if(status == RequestStatus.REFUSED.value),
        "cancelled": count_if(status == RequestStatus.CANCELLED.value),
        "decided": func.count(r.hours),
        "decided_within_48h": count_if(r.hours <= WITHIN_HOURS),
        "median_hours": median,
        "p90_hours": p90,
    }
    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(),
            population=func.count(func.distinct(r.family_id)),
            measures=measures,
            build=lambda columns: select(*columns).select_from(rows),
        ),
    )


def _interpolated(r: Any, share: float, dialect: str) -> ColumnElement[Any]:
    """percentile_cont(share) from the ranks of the inner query (SQLite)."""
    position = literal(share) * (r.ranked - 1)
    lower = sqlx.floor_nonnegative(position, dialect)
    fraction = position - lower
    value = func.sum(
        case(
            (and_(r.hours.is_not(None), r.rank - 1 == lower), r.hours * (1 - fraction)),
            (and_(r.hours.is_not(None), r.rank - 1 == lower + 1), r.hours * fraction),
            else_=0.0,
        )
    )
    return case((func.count(r.hours) == 0, None), else_=value)


def convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Integers, rounded hours, and the share decided within 48 hours."""
    out: dict[str, Any] = {
        k: int(values[k] or 0) for k in MEASURES if k not in ("median_hours", "p90_hours")
    }
    out["families"] = int(values["population"] or 0)  # distinct families
    for k in ("median_hours", "p90_hours"):
        out[k] = None if values[k] is None else round(float(values[k]), 2)
    out["decided_within_48h_share"] = (
        round(out["decided_within_48h"] / out["decided"], 4) if out["decided"] else None
    )
    return out
