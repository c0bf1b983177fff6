"""Occupancy: places reserved, capacity and waiting list per slot occurrence, with peaks.

Every opening occurrence of every slot in the period counts, booked or not, so that the
capacity and the occupancy rate include the days nobody booked. The planning is computed,
not stored; this report recomputes its calendar in SQL, in the same single statement:

1. ``days``: a recursive CTE lists the dates of the period (at most ``MAX_OCCUPANCY_DAYS``;
   a longer explicit period is refused). A missing bound is taken from the booked days in
   scope (first or last booking date); the recursion still stops after
   ``MAX_OCCUPANCY_DAYS`` days, later occurrences then count only through their bookings.
2. ``day_kinds`` (materialized: once per day and establishment) then the opening
   occurrences: slots joined on ISO weekday and validity (``valid_from``/``valid_to``),
   within their activity's school year, active activities only, minus the days the
   activity does not run — the rules of ``domain.calendar.opening_days`` (``classify_day`` and
   ``runs_on``): a calendar period other than a school holiday (public holiday, closure,
   strike) of the whole tenant or of the activity's establishment closes the day; a
   school holiday closes SCHOOL_DAYS activities and opens SCHOOL_HOLIDAYS ones; ALL_DAYS
   activities run whenever not closed. As in the planning, only the calendar periods
   recorded by the tenant close a day (the legal public-holiday list of
   ``domain.calendar.french_calendar`` only moves deadlines).
3. The booking counts per slot and date (read once, from the covering reporting index) are
   added to the opening occurrences by a UNION ALL regrouped per occurrence (a portable
   full outer join). An occurrence outside the opening days that still holds reserved or
   waiting-list places (a booking kept on a day closed afterwards, a slot of a deactivated
   activity) is kept too, so that no place is lost.

Why the opening-day rule is restated in SQL rather than calling ``domain.calendar.opening_days``
(the function the booking rule engine and the planning use, through
``domain.calendar.facts``): this report aggregates a whole town over up to
``MAX_OCCUPANCY_DAYS`` in one statement, grouped and suppressed in the database; calling
the Python function would mean fetching every slot × day occurrence to the process (tens
of thousands of rows) to aggregate them there. The two are kept equal by a test
(``tests/domain/reporting/test_occupancy.py`` compares the occurrences counted here with
``domain.calendar.opening_days.opening_days`` over a calendar with a public holiday, a closure
and a strike, for school-day and holiday activities); change both together.

With a grade filter, only the children of those grades are counted (capacity stays the
slot's). ``count`` is the number of occurrences; a group is suppressed when it holds fewer
reservations and waiting-list places than the minimum group size — so a group made only
of occurrences nobody booked (population 0) is always suppressed, even at size 1: its
capacity still counts in any coarser grouping that contains it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Select,
    and_,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from domain.reporting import dialect as sqlx
from domain.reporting.query import (
    Dimension,
    KeyColumn,
    ReportingError,
    ReportQuery,
    check_query,
    count_if,
    date_keys,
    date_range,
    finish,
    grouped,
    sum_if,
)
from models import Activity, Booking, CalendarPeriod, Child, Establishment, SchoolYear, Slot
from models.activity import OperatingDays
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind

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


MAX_OCCUPANCY_DAYS = 400


def statement(query: ReportQuery) -> Select[Any]:
    """The occupancy report's single statement."""
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    if (
        where.date_from
        and where.date_to
        and ((where.date_to - where.date_from).days >= MAX_OCCUPANCY_DAYS)
    ):
        raise ReportingError(f"Le rapport d'occupation couvre au plus {MAX_OCCUPANCY_DAYS} jours.")
    # The booking counts per occurrence, from the booking index alone.
    counts = (
        select(
            Booking.slot_id,
            Booking.date,
            count_if(Booking.status == BookingStatus.RESERVED).label("reserved"),
            count_if(Booking.status == BookingStatus.WAITING_LIST).label("waiting_list"),
        )
        .where(Booking.tenant_id == query.tenant_id, *date_range(Booking.date, where))
        # activity_id (fixed by the slot) keeps the planner on the covering reporting index.
        .group_by(Booking.slot_id, Booking.date, Booking.activity_id)
    )
    if where.activity_ids:
        counts = counts.where(Booking.activity_id.in_(where.activity_ids))
    if where.grades:
        counts = counts.join(Child, Child.id == Booking.child_id).where(
            Child.grade.in_(where.grades)
        )
    per_slot = counts.subquery("per_slot")
    # Opening occurrences (no places) and booked ones (their places) in one UNION ALL,
    # regrouped per occurrence: the booking counts are read once. An occurrence outside
    # the opening days stays only if it holds places.
    both = union_all(
        _opening_occurrences(query).add_columns(
            literal(1).label("opening"), literal(0).label("reserved"), literal(0).label("waiting")
        ),
        select(
            per_slot.c.slot_id,
            per_slot.c.date,
            literal(0).label("opening"),
            per_slot.c.reserved,
            per_slot.c.waiting_list,
        ),
    ).subquery("occurrence_row")
    reserved = func.sum(both.c.reserved)
    waiting = func.sum(both.c.waiting)
    per_occurrence = (
        select(
            both.c.slot_id,
            both.c.date,
            reserved.label("reserved"),
            waiting.label("waiting_list"),
        )
        .group_by(both.c.slot_id, both.c.date)
        .having(or_(func.max(both.c.opening) == 1, reserved + waiting > 0))
        .subquery("per_occurrence")
    )
    # The occurrence with its counts, capacity, activity and establishment.
    inner = (
        select(
            per_occurrence.c.date,
            per_occurrence.c.reserved,
            per_occurrence.c.waiting_list,
            Activity.id.label("activity_id"),
            Activity.name.label("activity_name"),
            Establishment.id.label("establishment_id"),
            Establishment.name.label("establishment_name"),
            func.coalesce(Slot.capacity, Activity.capacity).label("capacity"),
        )
        .select_from(per_occurrence)
        .join(Slot, Slot.id == per_occurrence.c.slot_id)
        .join(Activity, Activity.id == Slot.activity_id)
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


def _opening_occurrences(query: ReportQuery) -> Select[Any]:
    """(slot_id, date) of every occurrence the calendar opens in the period (see the
    module docstring for the rules mirrored from ``domain.calendar.opening_days``)."""
    where = query.where
    dialect = query.dialect
    first: Any = None if where.date_from is None else literal(where.date_from, Date)
    last: Any = None if where.date_to is None else literal(where.date_to, Date)
    if first is None or last is None:
        # No explicit bound: the span of the booked days in scope fills it in.
        span = select(func.min(Booking.date), func.max(Booking.date)).where(
            Booking.tenant_id == query.tenant_id, *date_range(Booking.date, where)
        )
        if where.activity_ids:
            span = span.where(Booking.activity_id.in_(where.activity_ids))
        booked = span.subquery("booked_span")
        cols = list(booked.c)
        bounds = select(
            (cols[0] if first is None else first).label("first"),
            (cols[1] if last is None else last).label("last"),
        ).select_from(booked)
    else:
        bounds = select(first.label("first"), last.label("last"))
    bound = bounds.cte("bounds")
    # The dates of the period; ``n`` caps the recursion whatever the bounds.
    days = select(
        bound.c.first.label("day"), bound.c.last.label("last"), literal(0).label("n")
    ).cte("days", recursive=True)
    days = days.union_all(
        select(sqlx.next_day(days.c.day, dialect), days.c.last, days.c.n + 1).where(
            days.c.day < days.c.last, days.c.n < MAX_OCCUPANCY_DAYS - 1
        )
    )
    day = days.c.day

    def covered(*conditions: Any) -> Any:
        return exists().where(
            CalendarPeriod.tenant_id == query.tenant_id,
            CalendarPeriod.start_date <= day,
            CalendarPeriod.end_date >= day,
            or_(
                CalendarPeriod.establishment_id.is_(None),
                CalendarPeriod.establishment_id == Establishment.id,
            ),
            *conditions,
        )

    # The calendar facts of each day at each establishment, computed once (``classify_day``).
    facts = (
        select(
            day.label("day"),
            Establishment.id.label("establishment_id"),
            covered(CalendarPeriod.kind != CalendarPeriodKind.SCHOOL_HOLIDAY).label("closed"),
            covered(CalendarPeriod.kind == CalendarPeriodKind.SCHOOL_HOLIDAY).label(
                "school_holiday"
            ),
        )
        .select_from(days)
        .join(Establishment, Establishment.tenant_id == query.tenant_id)
        .where(day.is_not(null()))
    )
    if where.establishment_ids:
        facts = facts.where(Establishment.id.in_(where.establishment_ids))
    # MATERIALIZED (SQLite ≥ 3.35, PostgreSQL ≥ 12): the planner would otherwise inline it and
    # probe the calendar once per slot rather than once per day and establishment.
    kinds = facts.cte("day_kinds").prefix_with("MATERIALIZED")
    # Whether the activity runs on such a day (``runs_on``).
    runs = and_(
        ~kinds.c.closed,
        or_(
            Activity.operating_days == OperatingDays.ALL_DAYS,
            and_(Activity.operating_days == OperatingDays.SCHOOL_DAYS, ~kinds.c.school_holiday),
            and_(Activity.operating_days == OperatingDays.SCHOOL_HOLIDAYS, kinds.c.school_holiday),
        ),
    )
    opening = (
        select(Slot.id.label("slot_id"), kinds.c.day.label("date"))
        .select_from(kinds)
        .join(Activity, Activity.establishment_id == kinds.c.establishment_id)
        .join(SchoolYear, SchoolYear.id == Activity.school_year_id)
        .join(
            Slot,
            and_(
                Slot.activity_id == Activity.id,
                Slot.weekday == sqlx.iso_weekday(kinds.c.day, dialect),
                Slot.valid_from <= kinds.c.day,
                or_(Slot.valid_to.is_(None), Slot.valid_to >= kinds.c.day),
            ),
        )
        .where(
            Activity.tenant_id == query.tenant_id,
            Activity.is_active.is_(True),
            SchoolYear.start_date <= kinds.c.day,
            SchoolYear.end_date >= kinds.c.day,
            runs,
        )
    )
    if where.activity_ids:
        opening = opening.where(Activity.id.in_(where.activity_ids))
    if where.establishment_ids:
        opening = opening.where(Activity.establishment_id.in_(where.establishment_ids))
    return opening
