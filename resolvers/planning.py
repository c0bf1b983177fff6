"""Loading the planning's rows in a constant number of statements, then expanding it.

Six statements whatever the range and the number of children: children with their
registrations, activities, slots, calendar periods, bookings, pending request lines — and
a seventh, the places taken per slot and date, when a slot has a capacity. Core tuples,
not ORM objects, from statements built once per process: this is the hottest read of the
portal. Each occurrence is then judged by the booking rule engine
(``domain.bookings.engine``), the one the requests use; the children's and activities'
rows also give the occurrences' links (``PlanningRead``).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, bindparam, func, or_, select

from domain.bookings.engine import Facts
from domain.bookings.facts import (
    SLOT_RULE_COLUMNS,
    activity_rules,
    child_facts,
    holdings_window,
    places_of,
    slot_facts,
)
from domain.bookings.holdings import held_bookings_read, held_pending_lines_read
from domain.calendar.facts import calendar_from_rows, calendar_read
from domain.planning import (
    BookingFacts,
    HistoryFacts,
    Occurrence,
    OccurrenceKey,
    PendingRequestFacts,
    RegistrationFacts,
    expand_planning,
)
from models import (
    Activity,
    Booking,
    Child,
    OccurrenceAction,
    Registration,
    Request,
    Slot,
)
from models.base import utcnow
from models.booking import BookingStatus
from models.core_columns import core, one_of, table_columns
from models.registration import RegistrationStatus
from models.request import RequestLineAction
from resolvers.context import Context

# The planning's statements, built once per process (per shape): every value comes as a
# bind parameter, so a request neither rebuilds them nor recomputes their cache keys. They
# name the tables' columns, not the models' attributes: a plain Core statement, which the
# session runs without the ORM's per-execution set-up and row processing (same rows, same
# names: each attribute is named as its column).
_CHILD = table_columns(Child)
_REGISTRATION = table_columns(Registration)
_ACTIVITY = table_columns(Activity)
_SLOT = table_columns(Slot)
_BOOKING = table_columns(Booking)
_ACTION = table_columns(OccurrenceAction)
_REQUEST = table_columns(Request)


@functools.cache
def _children_statement(pg: bool, by_family: bool, by_ids: bool) -> Select[*tuple[Any, ...]]:
    # Every column: what the rules read, and what an API Child shows (``Child.from_row``
    # reads a row as it reads the entity), so the occurrences' links need no read.
    return _visible_children(select(*_CHILD), pg, by_family, by_ids)


def _visible_children(
    statement: Select[*tuple[Any, ...]], pg: bool, by_family: bool, by_ids: bool
) -> Select[*tuple[Any, ...]]:
    """``statement`` on the tenant's children the viewer may see (one family, or given ids),
    oldest first: the one filter both children statements share."""
    statement = statement.where(_CHILD.tenant_id == bindparam("tenant_id"))
    if by_family:
        statement = statement.where(_CHILD.family_id == bindparam("family_id"))
    if by_ids:
        statement = statement.where(one_of(_CHILD.id, "child_ids", pg))
    return statement.order_by(_CHILD.birth_date, _CHILD.id)


@functools.cache
def _children_and_registrations_statement(
    pg: bool, by_family: bool, by_ids: bool, by_activities: bool, by_establishments: bool
) -> Select[*tuple[Any, ...]]:
    # The visible children (``_children_statement``), each with its ACTIVE registrations
    # over the dates, one row per registration (one row with no registration: NULLs).
    r = _REGISTRATION
    joined = [
        r.child_id == _CHILD.id,
        r.tenant_id == bindparam("tenant_id"),
        r.status == RegistrationStatus.ACTIVE,
        r.start_date <= bindparam("end"),
        r.end_date >= bindparam("start"),
    ]
    if by_activities:
        joined.append(one_of(r.activity_id, "activity_ids", pg))
    if by_establishments:
        # An agent limited to some establishments sees their activities only.
        joined.append(
            r.activity_id.in_(
                select(_ACTIVITY.id).where(
                    one_of(_ACTIVITY.establishment_id, "establishment_ids", pg)
                )
            )
        )
    statement = select(
        *_CHILD,
        r.activity_id.label("registration_activity_id"),
        r.start_date.label("registration_start"),
        r.end_date.label("registration_end"),
    ).select_from(Child.__table__.outerjoin(Registration.__table__, and_(*joined)))
    return _visible_children(statement, pg, by_family, by_ids)


# Every column: the activity's rules, and what an API Activity shows (``Activity.from_row``
# reads a row as it reads the entity), so the occurrences' links need no read.
@functools.cache
def _activities_statement(pg: bool) -> Select[*tuple[Any, ...]]:
    return select(*_ACTIVITY).where(
        _ACTIVITY.tenant_id == bindparam("tenant_id"), one_of(_ACTIVITY.id, "activity_ids", pg)
    )


@functools.cache
def _slots_statement(pg: bool) -> Select[*tuple[Any, ...]]:
    return select(*core(SLOT_RULE_COLUMNS)).where(
        _SLOT.tenant_id == bindparam("tenant_id"),
        one_of(_SLOT.activity_id, "activity_ids", pg),
        _SLOT.valid_from <= bindparam("end"),
        or_(_SLOT.valid_to.is_(None), _SLOT.valid_to >= bindparam("start")),
    )


@functools.cache
def _places_taken_statement(pg: bool) -> Select[*tuple[Any, ...]]:
    return (
        select(_BOOKING.slot_id, _BOOKING.date, func.count().label("taken"))
        .where(
            one_of(_BOOKING.slot_id, "slot_ids", pg),
            _BOOKING.date >= bindparam("start"),
            _BOOKING.date <= bindparam("end"),
            _BOOKING.status == BookingStatus.RESERVED,
        )
        .group_by(_BOOKING.slot_id, _BOOKING.date)
    )


@functools.cache
def _history_statement(pg: bool) -> Select[*tuple[Any, ...]]:
    return (
        select(
            _ACTION.child_id,
            _ACTION.slot_id,
            _ACTION.date,
            _ACTION.kind,
            _ACTION.occurred_at,
            _ACTION.request_id,
            _REQUEST.reference,
        )
        .select_from(
            OccurrenceAction.__table__.outerjoin(
                Request.__table__, _REQUEST.id == _ACTION.request_id
            )
        )
        .where(
            _ACTION.tenant_id == bindparam("tenant_id"),
            one_of(_ACTION.child_id, "child_ids", pg),
            _ACTION.date >= bindparam("start"),
            _ACTION.date <= bindparam("end"),
        )
        .order_by(_ACTION.occurred_at, _ACTION.id)
    )


def _on_postgresql(ctx: Context) -> bool:
    """Whether the request's database is PostgreSQL (its lists are bound as arrays)."""
    return bool(ctx.sessions.kw["bind"].dialect.name == "postgresql")


def _visible(ctx: Context, child_ids: Sequence[int] | None) -> tuple[bool, dict[str, Any]] | None:
    """Which children the viewer may read: (by family, the statement's parameters), or
    None when none (staff name the children they want: no town-wide planning here)."""
    viewer = ctx.viewer
    parameters: dict[str, Any] = {"tenant_id": ctx.tenant.id}
    if viewer.is_staff:
        if child_ids is None:
            return None
        by_family = False
    elif viewer.is_parent and viewer.family_id is not None:
        by_family = True
        parameters["family_id"] = viewer.family_id
    else:
        return None
    if child_ids is not None:
        parameters["child_ids"] = list(child_ids)
    return by_family, parameters


async def visible_child_rows(ctx: Context, child_ids: Sequence[int] | None) -> list[Any]:
    """The children whose planning the viewer may read (parents: their own family), with
    every column of each (Core rows: what eligibility reads, what an API Child shows)."""
    visible = _visible(ctx, child_ids)
    if visible is None:
        return []
    by_family, parameters = visible
    statement = _children_statement(_on_postgresql(ctx), by_family, child_ids is not None)
    return list(await ctx.db.rows(statement, parameters))


async def visible_children(ctx: Context, child_ids: Sequence[int] | None) -> list[int]:
    """The ids of the children whose planning the viewer may read."""
    return [row.id for row in await visible_child_rows(ctx, child_ids)]


@dataclass(frozen=True, slots=True)
class PlanningRead:
    """The planning's occurrences, with the rows (every column) of the children and
    activities they were computed from, by id: what the schema builds the occurrences'
    links from, without another read."""

    occurrences: list[Occurrence]
    children: dict[int, Any]
    activities: dict[int, Any]


_NOTHING = PlanningRead([], {}, {})


async def planning(
    ctx: Context,
    start: dt.date,
    end: dt.date,
    child_ids: Sequence[int] | None,
    activity_ids: Sequence[int] | None,
    *,
    with_history: bool = False,
) -> list[Occurrence]:
    """The planning of the visible children between two dates (``planning_read``'s
    occurrences)."""
    read = await planning_read(ctx, start, end, child_ids, activity_ids, with_history=with_history)
    return read.occurrences


async def planning_read(
    ctx: Context,
    start: dt.date,
    end: dt.date,
    child_ids: Sequence[int] | None,
    activity_ids: Sequence[int] | None,
    *,
    with_history: bool = False,
) -> PlanningRead:
    """The planning of the visible children between two dates (with each occurrence's
    history of actions when asked: one more statement, whatever the range), and the rows
    of its children and activities.

    Every occurrence is judged by the booking rule engine, so the facts it reads are
    loaded here too, each in the same statement as before or one more: the children's
    grade and birth date, the activities' rules, the slots' capacities, the bookings and
    pending lines of every activity (exclusivity groups; whole months when an activity
    limits the days per month) and, when a slot has a capacity, the places taken.
    """
    visible = _visible(ctx, child_ids)
    if visible is None:
        return _NOTHING
    by_family, parameters = visible
    tenant_id = ctx.tenant.id
    timezone = ZoneInfo(ctx.tenant.timezone)
    pg = _on_postgresql(ctx)
    parameters["start"] = start
    parameters["end"] = end
    if activity_ids is not None:
        parameters["activity_ids"] = list(activity_ids)
    viewer = ctx.viewer
    by_establishments = viewer.is_limited_to_establishments and viewer.establishment_ids is not None
    if by_establishments:
        parameters["establishment_ids"] = list(viewer.establishment_ids or ())
    # The visible children and their registrations in one statement (a row per
    # registration, a child without any once).
    statement = _children_and_registrations_statement(
        pg, by_family, child_ids is not None, activity_ids is not None, by_establishments
    )
    child_rows: dict[int, Any] = {}
    registrations: list[RegistrationFacts] = []
    for row in await ctx.db.rows(statement, parameters):
        child_rows.setdefault(row.id, row)
        if row.registration_activity_id is not None:
            registrations.append(
                RegistrationFacts(
                    row.id,
                    row.registration_activity_id,
                    row.registration_start,
                    row.registration_end,
                )
            )
    if not child_rows:
        return _NOTHING
    children = list(child_rows)
    parameters["child_ids"] = children
    if not registrations:
        return _NOTHING
    activity_pks = sorted({r.activity_id for r in registrations})
    parameters["activity_ids"] = activity_pks
    activity_rows = {
        row.id: row for row in await ctx.db.rows(_activities_statement(pg), parameters)
    }
    activities = {pk: activity_rules(row) for pk, row in activity_rows.items()}
    slots = [slot_facts(s) for s in await ctx.db.rows(_slots_statement(pg), parameters)]
    calendar = calendar_from_rows(
        await ctx.db.rows(*calendar_read(tenant_id, start, end)), start, end
    )
    facts = Facts(timezone, calendar)
    for r in registrations:
        facts.registrations.setdefault((r.child_id, r.activity_id), []).append((r.start, r.end))
    # The two reads below cover what the rules count (whole months for a monthly limit).
    first, last = holdings_window(start, end, activities.values())
    bookings: dict[OccurrenceKey, BookingFacts] = {}
    for b in await ctx.db.rows(
        *held_bookings_read(tenant_id, children, first, last, postgresql=pg)
    ):
        bookings[(b.child_id, b.slot_id, b.date)] = BookingFacts(b.status, b.attendance, b.id)
        facts.add_booking(
            b.child_id, b.slot_id, b.activity_id, b.exclusivity_group, b.date, b.status
        )
    pending: dict[OccurrenceKey, RequestLineAction] = {}
    pending_requests: dict[OccurrenceKey, PendingRequestFacts] = {}
    for line in await ctx.db.rows(
        *held_pending_lines_read(tenant_id, children, first, last, postgresql=pg)
    ):
        pending[(line.child_id, line.slot_id, line.date)] = line.action
        pending_requests[(line.child_id, line.slot_id, line.date)] = PendingRequestFacts(
            line.request_id, line.reference
        )
        facts.add_pending(
            line.child_id,
            line.slot_id,
            line.activity_id,
            line.exclusivity_group,
            line.date,
            line.action,
        )
    limited = [s.id for s in slots if places_of(s, activities[s.activity_id]) is not None]
    if limited:
        facts.reserved = {
            (row.slot_id, row.date): int(row.taken)
            for row in await ctx.db.rows(
                _places_taken_statement(pg), {"slot_ids": limited, "start": start, "end": end}
            )
        }
    history = await occurrence_history(ctx, children, start, end) if with_history else None
    occurrences = expand_planning(
        start,
        end,
        registrations=registrations,
        slots=slots,
        activities=activities,
        periods=calendar.periods,
        bookings=bookings,
        pending=pending,
        now=utcnow(),
        timezone=timezone,
        holidays=calendar.holidays,
        history=history,
        facts=facts,
        children={pk: child_facts(row) for pk, row in child_rows.items()},
        pending_requests=pending_requests,
    )
    return PlanningRead(occurrences, child_rows, activity_rows)


async def occurrence_history(
    ctx: Context, children: Sequence[int], start: dt.date, end: dt.date
) -> dict[OccurrenceKey, tuple[HistoryFacts, ...]]:
    """Every action on the children's occurrences between two dates, oldest first, in one
    statement (with the reference of the request behind each)."""
    grouped: dict[OccurrenceKey, list[HistoryFacts]] = {}
    parameters: dict[str, Any] = {
        "tenant_id": ctx.tenant.id,
        "child_ids": list(children),
        "start": start,
        "end": end,
    }
    for row in await ctx.db.rows(_history_statement(_on_postgresql(ctx)), parameters):
        grouped.setdefault((row.child_id, row.slot_id, row.date), []).append(
            HistoryFacts(row.kind, row.occurred_at, row.request_id, row.reference)
        )
    return {key: tuple(entries) for key, entries in grouped.items()}
