"""Everything the rules need to judge a reservation or absence request, loaded in a handful
of statements inside the request's transaction.

The same facts as the planning (``resolvers.planning`` — registrations × slots × opening
days, bookings, pending lines), read through the transaction's session rather than the
request's read-only database access, so that the judgement and the writes it leads to see
one consistent state; plus what the planning does not need: the children's grade and
birth date (eligibility), all their registrations to the activity (to tell « not
registered » from « outside the registration period »), the bookings and pending lines of
the activity's exclusivity group, and the places taken when a full slot must be refused.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.engine import HOLDING, Facts
from domain.bookings.facts import ActivityRules, activity_rules, holdings_window, places_of
from domain.calendar.facts import load_calendar
from models import (
    Activity,
    Booking,
    Child,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from models.booking import BookingStatus
from models.core_columns import one_of, table_columns
from models.registration import RegistrationStatus
from models.request import RequestLineStatus, RequestStatus

OPEN_REQUESTS = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
__all__ = [
    "HOLDING",
    "OPEN_REQUESTS",
    "Situation",
    "held_bookings",
    "held_bookings_read",
    "held_pending_lines",
    "held_pending_lines_read",
    "load_situation",
]

OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date


@dataclass
class Situation:
    """The state a request is judged against (children and slots in display order): the
    rule engine's ``facts``, plus the ORM rows the writes need."""

    timezone: ZoneInfo
    activity: Activity
    slots: list[Slot]
    children: list[Child]
    registrations: dict[int, list[Registration]]  # ACTIVE ones to the activity, by child
    bookings: dict[OccurrenceKey, Booking]  # on the activity's slots
    facts: Facts
    rules: ActivityRules

    @property
    def holidays(self) -> frozenset[dt.date]:
        """Public holidays, for working-day deadlines."""
        return self.facts.calendar.holidays


async def load_children(
    session: AsyncSession, tenant_id: int, family_id: int | None, child_ids: Sequence[int]
) -> dict[int, Child]:
    """The requested children that belong to the family (others are « introuvable »)."""
    if family_id is None or not child_ids:
        return {}
    rows = await session.scalars(
        select(Child).where(
            Child.tenant_id == tenant_id,
            Child.family_id == family_id,
            Child.id.in_(sorted(set(child_ids))),
        )
    )
    return {child.id: child for child in rows}


async def load_activity(session: AsyncSession, tenant_id: int, activity_id: int) -> Activity | None:
    """The activity, if it is the tenant's and still runs."""
    return await session.scalar(
        select(Activity).where(
            Activity.tenant_id == tenant_id,
            Activity.id == activity_id,
            Activity.is_active.is_(True),
        )
    )


async def load_slots(
    session: AsyncSession, activity: Activity, start: dt.date, end: dt.date
) -> list[Slot]:
    """The activity's slots valid at some point of [start, end], by weekday and time."""
    rows = await session.scalars(
        select(Slot)
        .where(
            Slot.tenant_id == activity.tenant_id,
            Slot.activity_id == activity.id,
            Slot.valid_from <= end,
            or_(Slot.valid_to.is_(None), Slot.valid_to >= start),
        )
        .order_by(Slot.weekday, Slot.start_time, Slot.id)
    )
    return list(rows)


async def _group_activity_ids(session: AsyncSession, activity: Activity) -> list[int]:
    if activity.exclusivity_group is None:
        return [activity.id]
    ids = await session.scalars(
        select(Activity.id).where(
            Activity.tenant_id == activity.tenant_id,
            Activity.exclusivity_group == activity.exclusivity_group,
        )
    )
    return sorted(set(ids) | {activity.id})


# The rows of the two reads: (id, child, slot, activity, date, status, attendance, group)
# and (request, reference, child, slot, activity, date, action, group).
BookingsRow = Select[*tuple[Any, ...]]
PendingLinesRow = Select[*tuple[Any, ...]]


_BOOKING = table_columns(Booking)
_LINE = table_columns(RequestLine)
_REQUEST = table_columns(Request)
_ACTIVITY = table_columns(Activity)


@functools.cache
def _held_bookings(by_activity: bool, pg: bool) -> BookingsRow:
    # Built once per process (per shape), on the tables' columns (plain Core: no ORM set-up
    # per execution): the values come as bind parameters.
    statement = (
        select(
            _BOOKING.id,
            _BOOKING.child_id,
            _BOOKING.slot_id,
            _BOOKING.activity_id,
            _BOOKING.date,
            _BOOKING.status,
            _BOOKING.attendance,
            _ACTIVITY.exclusivity_group,
        )
        .select_from(
            Booking.__table__.join(Activity.__table__, _ACTIVITY.id == _BOOKING.activity_id)
        )
        .where(
            _BOOKING.tenant_id == bindparam("tenant_id"),
            one_of(_BOOKING.child_id, "child_ids", pg),
            _BOOKING.date >= bindparam("first"),
            _BOOKING.date <= bindparam("last"),
        )
    )
    if by_activity:
        statement = statement.where(one_of(_BOOKING.activity_id, "activity_ids", pg))
    return statement


@functools.cache
def _held_pending_lines(by_activity: bool, pg: bool) -> PendingLinesRow:
    # Built once per process (per shape), on the tables' columns, like ``_held_bookings``.
    statement = (
        select(
            _REQUEST.id.label("request_id"),
            _REQUEST.reference,
            _LINE.child_id,
            _LINE.slot_id,
            _LINE.activity_id,
            _LINE.date,
            _LINE.action,
            _ACTIVITY.exclusivity_group,
        )
        .select_from(
            RequestLine.__table__.join(Request.__table__, _REQUEST.id == _LINE.request_id).join(
                Activity.__table__, _ACTIVITY.id == _LINE.activity_id
            )
        )
        .where(
            _LINE.tenant_id == bindparam("tenant_id"),
            one_of(_LINE.child_id, "child_ids", pg),
            _LINE.date >= bindparam("first"),
            _LINE.date <= bindparam("last"),
            _LINE.status == RequestLineStatus.PENDING,
            _REQUEST.status.in_(OPEN_REQUESTS),
        )
    )
    if by_activity:
        statement = statement.where(one_of(_LINE.activity_id, "activity_ids", pg))
    return statement


def _held_parameters(
    tenant_id: int,
    child_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    activity_ids: Sequence[int] | None,
) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "tenant_id": tenant_id,
        "child_ids": list(child_ids),
        "first": first,
        "last": last,
    }
    if activity_ids is not None:
        parameters["activity_ids"] = list(activity_ids)
    return parameters


def held_bookings_read(
    tenant_id: int,
    child_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    activity_ids: Sequence[int] | None = None,
    *,
    postgresql: bool = False,
) -> tuple[BookingsRow, dict[str, Any]]:
    """The children's bookings over [first, last] (``holdings_window``), with each one's
    activity and exclusivity group: what the planning and the reminders give the rules
    (on ``activity_ids`` only when given). The statement is built once per process; run
    it as ``execute(statement, parameters)`` (the planning's hot path); ``postgresql``:
    the lists bound as arrays (``one_of``), for a PostgreSQL connection only."""
    parameters = _held_parameters(tenant_id, child_ids, first, last, activity_ids)
    return _held_bookings(activity_ids is not None, postgresql), parameters


def held_pending_lines_read(
    tenant_id: int,
    child_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    activity_ids: Sequence[int] | None = None,
    *,
    postgresql: bool = False,
) -> tuple[PendingLinesRow, dict[str, Any]]:
    """The children's pending lines of open requests over [first, last], with their
    request (id, reference), activity and exclusivity group — the planning's and the
    reminders' second read (on ``activity_ids`` only when given), as a statement built
    once per process and its parameters."""
    parameters = _held_parameters(tenant_id, child_ids, first, last, activity_ids)
    return _held_pending_lines(activity_ids is not None, postgresql), parameters


def held_bookings(
    tenant_id: int,
    child_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    activity_ids: Sequence[int] | None = None,
) -> BookingsRow:
    """``held_bookings_read`` as one statement carrying its values (for a plain
    ``execute(statement)``)."""
    statement, parameters = held_bookings_read(tenant_id, child_ids, first, last, activity_ids)
    return statement.params(parameters)


def held_pending_lines(
    tenant_id: int,
    child_ids: Sequence[int],
    first: dt.date,
    last: dt.date,
    activity_ids: Sequence[int] | None = None,
) -> PendingLinesRow:
    """``held_pending_lines_read`` as one statement carrying its values."""
    statement, parameters = held_pending_lines_read(tenant_id, child_ids, first, last, activity_ids)
    return statement.params(parameters)


async def load_situation(
    session: AsyncSession,
    *,
    timezone: ZoneInfo,
    activity: Activity,
    slots: list[Slot],
    children: list[Child],
    start: dt.date,
    end: dt.date,
    with_counts: bool,
    deciding: int | None = None,
) -> Situation:
    """Load the rest of the facts for ``children`` × ``slots`` between two dates.

    ``with_counts``: also count the places taken per slot and date (a reservation: full
    slots are refused, or waiting-listed). ``deciding``: the request staff are deciding —
    its own pending lines are left out, and the other requests' pending lines only count
    as asked (PENDING_REQUEST), not as holding a slot of the exclusivity group or a day
    of the month: when staff decide, what holds is what is booked (the first ask accepted
    wins). The bookings and pending lines are read over the whole months when the
    activity limits the days per month.
    """
    tenant_id = activity.tenant_id
    child_ids = [c.id for c in children]
    rules = activity_rules(activity)
    registrations: dict[int, list[Registration]] = {c: [] for c in child_ids}
    facts = Facts(timezone, await load_calendar(session, tenant_id, start, end))
    for registration in await session.scalars(
        select(Registration)
        .where(
            Registration.tenant_id == tenant_id,
            Registration.activity_id == activity.id,
            Registration.child_id.in_(child_ids),
            Registration.status == RegistrationStatus.ACTIVE,
        )
        .order_by(Registration.start_date)
    ):
        registrations[registration.child_id].append(registration)
        facts.registrations.setdefault((registration.child_id, activity.id), []).append(
            (registration.start_date, registration.end_date)
        )
    group_ids = await _group_activity_ids(session, activity)
    group = activity.exclusivity_group
    own_slots = {s.id for s in slots}
    situation = Situation(
        timezone=timezone,
        activity=activity,
        slots=slots,
        children=children,
        registrations=registrations,
        bookings={},
        facts=facts,
        rules=rules,
    )
    first, last = holdings_window(start, end, [rules])
    for booking in await session.scalars(
        select(Booking).where(
            Booking.tenant_id == tenant_id,
            Booking.child_id.in_(child_ids),
            Booking.activity_id.in_(group_ids),
            Booking.date >= first,
            Booking.date <= last,
        )
    ):
        if booking.slot_id in own_slots:
            situation.bookings[(booking.child_id, booking.slot_id, booking.date)] = booking
        facts.add_booking(
            booking.child_id,
            booking.slot_id,
            booking.activity_id,
            group,
            booking.date,
            booking.status,
        )
    for line in await session.execute(
        select(
            RequestLine.child_id,
            RequestLine.slot_id,
            RequestLine.activity_id,
            RequestLine.date,
            RequestLine.action,
        )
        .join(Request, Request.id == RequestLine.request_id)
        .where(
            RequestLine.tenant_id == tenant_id,
            RequestLine.child_id.in_(child_ids),
            RequestLine.activity_id.in_(group_ids),
            RequestLine.date >= first,
            RequestLine.date <= last,
            RequestLine.status == RequestLineStatus.PENDING,
            Request.status.in_(OPEN_REQUESTS),
            *([] if deciding is None else [RequestLine.request_id != deciding]),
        )
    ):
        facts.add_pending(
            line.child_id,
            line.slot_id,
            line.activity_id,
            group,
            line.date,
            line.action,
            holds=deciding is None,
        )
    limited = [s.id for s in slots if places_of(s, activity) is not None]
    if with_counts and limited:
        facts.reserved = {
            (row.slot_id, row.date): int(row.taken)
            for row in await session.execute(
                select(Booking.slot_id, Booking.date, func.count().label("taken"))
                .where(
                    Booking.slot_id.in_(limited),
                    Booking.date >= start,
                    Booking.date <= end,
                    Booking.status == BookingStatus.RESERVED,
                )
                .group_by(Booking.slot_id, Booking.date)
            )
        }
    return situation
