"""What children hold over a window — their bookings and the pending lines of their open
requests, each with its activity's exclusivity group — as Core statements built once per
process.

The planning (``resolvers.planning``) and the deadline reminders
(``domain.reminders.booking_deadline``) read these on their hot paths and hand the rows to
the rule engine; the request path (``loading.load_situation``) reads the same facts through
the ORM, for the rows its writes change. Separate from ``loading`` because it is a
different read for different callers: statements and bind parameters, no session.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, select

from models import Activity, Booking, Request, RequestLine
from models.core_columns import one_of, table_columns
from models.request import RequestLineStatus, RequestStatus

# The requests whose pending lines hold (or ask for) a slot.
OPEN_REQUESTS = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)

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
