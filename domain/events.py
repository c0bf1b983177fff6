"""Appending to the event log: what subscriptions read, written with the change itself.

Every change a client may watch (a request's status, a line's outcome, a booking, a new
request for staff, an issued invoice) calls :func:`append_event` inside the transaction
that makes the change, so the log and the data can never disagree: a rolled-back change
leaves no event, a committed one always has its event.

Two kinds of change are logged here automatically, by a ``before_flush`` hook, because
several code paths make them: a booking's status (``BOOKING_CHANGED``, with its child) and
a request line's outcome (``REQUEST_LINE_DECIDED``). Request history steps are logged by
``domain.requests.history``, the single writer of request history.

The cursor. Event ids come from a sequence at insert time, so two concurrent
transactions may commit out of id order, and a reader that saw id 11 would miss id 10
committed a moment later. The cursor is therefore a second number, ``seq``, given to a
transaction's events just before it commits, under a per-tenant lock (PostgreSQL
``pg_advisory_xact_lock``, held until the commit ends; SQLite has a single writer
anyway): within a tenant, ``seq`` order is commit order, and a reader that has seen
``seq`` N has seen every committed event below it. The lock is taken after the
transaction's last flush, when it holds every other lock it will need, so it cannot
deadlock. A transaction of one tenant (nearly all) takes it and numbers its events in one
statement: every statement run under a tenant-wide lock makes the tenant's other writers
wait for one more round trip.

After the commit, :func:`on_events_committed` listeners (the subscription hub) are told
which tenants have new events: they only wake readers, who read the log.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import bindparam, event, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction, attributes

from domain.labels import label
from models import Booking, Child, Event, RequestLine
from models.event import EventKind
from models.request import RequestLineStatus

logger = logging.getLogger("creneau.events")

# session.info keys (one transaction's bookkeeping).
_FLUSHED = "creneau_events_flushed"  # [(tenant_id, event_id)] inserted in this transaction
_COMMITTED = "creneau_events_committed"  # tenant ids with events, kept for after_commit
_FAMILIES = "creneau_child_family"  # child id -> family id, read once per session
_WATCHED = "creneau_events_watched"  # bookings and lines changed by the current flush
# First key of the two-key advisory lock (the second is the tenant id): "CR" + "EV".
ADVISORY_LOCK_NAMESPACE = 0x43524556 & 0x7FFFFFFF
# PostgreSQL sequence of the cursor (created by migration 0003).
CURSOR_SEQUENCE = "event_cursor_seq"

CommitListener = Callable[[frozenset[int]], None]
_listeners: list[CommitListener] = []


def append_event(
    session: AsyncSession,
    *,
    tenant_id: int,
    kind: EventKind,
    subject_type: str,
    subject_id: int,
    family_id: int | None = None,
    child_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> Event:
    """Add one event to the session's transaction; its id comes at flush, its cursor
    (``seq``) at commit."""
    return _append(
        session.sync_session if isinstance(session, AsyncSession) else session,
        tenant_id=tenant_id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        family_id=family_id,
        child_id=child_id,
        payload=payload,
    )


def _append(
    session: Session,
    *,
    tenant_id: int,
    kind: EventKind,
    subject_type: str,
    subject_id: int,
    family_id: int | None,
    child_id: int | None,
    payload: dict[str, Any] | None,
) -> Event:
    row = Event(
        tenant_id=tenant_id,
        kind=kind,
        subject_type=subject_type,
        subject_id=subject_id,
        family_id=family_id,
        child_id=child_id,
        payload=payload or {},
    )
    session.add(row)
    return row


def on_events_committed(listener: CommitListener) -> Callable[[], None]:
    """Call ``listener(tenant_ids)`` after every commit that wrote events (in the thread of
    the commit, so it must not block: schedule work, never do it). Returns an unsubscribe
    function. A failing listener is logged; it never fails the commit that called it."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def _changed(obj: object, name: str) -> bool:
    """Whether an attribute really changed in this flush (a re-assigned equal value did not)."""
    history = attributes.get_history(obj, name)
    if not history.added:
        return False
    return not history.deleted or history.deleted[0] != history.added[0]


def remember_families(session: AsyncSession | Session, families: Mapping[int, int]) -> None:
    """Tell the flush hooks the family of children the caller has loaded (child id ->
    family id), so that their events do not read them again."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(_FAMILIES, {}).update(families)


def _families(session: Session, child_ids: Iterable[int]) -> dict[int, int]:
    """Family of each child, read in one statement and remembered for the session."""
    known: dict[int, int] = session.info.setdefault(_FAMILIES, {})
    missing = {cid for cid in child_ids if cid is not None and cid not in known}
    if missing:
        rows = session.execute(select(Child.id, Child.family_id).where(Child.id.in_(missing)))
        known.update({row.id: row.family_id for row in rows})
    return known


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _booking_event(session: Session, booking: Booking, family_id: int | None) -> None:
    _append(
        session,
        tenant_id=booking.tenant_id,
        kind=EventKind.BOOKING_CHANGED,
        subject_type="Booking",
        subject_id=booking.id,
        family_id=family_id,
        child_id=booking.child_id,
        payload={
            "bookingId": booking.id,
            "childId": booking.child_id,
            "slotId": booking.slot_id,
            "activityId": booking.activity_id,
            "date": _iso(booking.date),
            "status": str(booking.status),
            "statusLabel": label(booking.status),
        },
    )


def _line_event(session: Session, line: RequestLine, family_id: int | None) -> None:
    _append(
        session,
        tenant_id=line.tenant_id,
        kind=EventKind.REQUEST_LINE_DECIDED,
        subject_type="RequestLine",
        subject_id=line.id,
        family_id=family_id,
        child_id=line.child_id,
        payload={
            "lineId": line.id,
            "requestId": line.request_id,
            "childId": line.child_id,
            "slotId": line.slot_id,
            "activityId": line.activity_id,
            "date": _iso(line.date),
            "status": str(line.status),
            "statusLabel": label(line.status),
        },
    )


def _new_and_watched(obj: object) -> bool:
    if isinstance(obj, Booking):
        return obj.status is not None
    return isinstance(obj, RequestLine) and obj.status not in (None, RequestLineStatus.PENDING)


def _dirty_and_watched(obj: object) -> bool:
    if isinstance(obj, Booking):
        return _changed(obj, "status")
    return (
        isinstance(obj, RequestLine)
        and obj.status is not RequestLineStatus.PENDING
        and _changed(obj, "status")
    )


@event.listens_for(Session, "before_flush")
def _watch_booking_and_line_changes(session: Session, flush_context: Any, instances: Any) -> None:
    """Note the bookings that are new or changed status, and the lines whose outcome
    changed to a decided one (attribute history is only known before the flush)."""
    watched: list[Booking | RequestLine] = [obj for obj in session.new if _new_and_watched(obj)] + [
        obj for obj in session.dirty if _dirty_and_watched(obj)
    ]
    if watched:
        session.info.setdefault(_WATCHED, []).extend(watched)


@event.listens_for(Session, "after_flush_postexec")
def _log_booking_and_line_changes(session: Session, flush_context: Any) -> None:
    """BOOKING_CHANGED and REQUEST_LINE_DECIDED events for what the flush changed (the
    rows have their ids now); they are flushed with the transaction's next flush."""
    watched: list[Booking | RequestLine] = session.info.pop(_WATCHED, [])
    if not watched:
        return
    families = _families(session, [obj.child_id for obj in watched])
    for obj in watched:
        if isinstance(obj, Booking):
            _booking_event(session, obj, families.get(obj.child_id))
        else:
            _line_event(session, obj, families.get(obj.child_id))


@event.listens_for(Session, "after_flush")
def _remember_flushed_events(session: Session, flush_context: Any) -> None:
    flushed = [(obj.tenant_id, obj.id) for obj in session.new if isinstance(obj, Event) and obj.id]
    if flushed:
        session.info.setdefault(_FLUSHED, []).extend(flushed)


# The numbering of a transaction's events; ``{gate}`` is empty, or the condition that takes
# the tenant's lock (_LOCK_THEN_NUMBER).
_NUMBER = (
    "UPDATE event SET seq = numbered.seq FROM ("
    f"  SELECT id, nextval('{CURSOR_SEQUENCE}') AS seq FROM ("
    "    SELECT id FROM event WHERE id IN :ids AND seq IS NULL{gate} ORDER BY id"
    "  ) AS ordered"
    ") AS numbered WHERE event.id = numbered.id"
)
_LOCK = "SELECT pg_advisory_xact_lock(:namespace, CAST(:tenant AS integer))"
# One round trip instead of two while the tenant-wide lock is held (issue 14). The lock is
# an uncorrelated subquery in the condition that selects the rows to number: PostgreSQL
# evaluates it once, before the first row passes that condition, and ``nextval`` is only
# computed for rows that passed it, after their sort (a subquery with ORDER BY and a
# volatile output is never merged into its parent). So no cursor is drawn before the lock
# is held, as with the lock taken by a statement of its own.
_LOCK_THEN_NUMBER = text(
    _NUMBER.format(gate=f" AND (SELECT count(*) FROM ({_LOCK}) AS locked) = 1")
).bindparams(bindparam("ids", expanding=True))
_NUMBER_ONLY = text(_NUMBER.format(gate="")).bindparams(bindparam("ids", expanding=True))


def _assign_cursors(session: Session, flushed: list[tuple[int, int]]) -> None:
    """Give this transaction's events their cursor, in id order, under the tenant locks."""
    ids = sorted(event_id for _, event_id in flushed)
    if session.get_bind().dialect.name == "postgresql":
        tenants = sorted({tenant for tenant, _ in flushed})
        if len(tenants) == 1:  # the usual case: lock and number in one statement
            session.execute(
                _LOCK_THEN_NUMBER,
                {"ids": ids, "namespace": ADVISORY_LOCK_NAMESPACE, "tenant": tenants[0]},
            )
            return
        for tenant_id in tenants:  # in tenant order, as every writer, so no deadlock
            session.execute(
                text(_LOCK), {"namespace": ADVISORY_LOCK_NAMESPACE, "tenant": tenant_id}
            )
        session.execute(_NUMBER_ONLY, {"ids": ids})
    else:
        # One writer at a time (the database lock is held since the first write), and ids
        # only grow while it is held: commit order is id order.
        session.execute(
            update(Event)
            .where(Event.id.in_(ids), Event.seq.is_(None))
            .values(seq=Event.id)
            .execution_options(synchronize_session=False)
        )


def claim_numbering(session: AsyncSession, tenant_id: int) -> list[int] | None:
    """This transaction's events that have no cursor yet, for a caller that gives them
    their cursors itself, in the last statement of the transaction, under this module's
    lock of ``tenant_id`` and exactly as :func:`_assign_cursors` does (PostgreSQL;
    ``counters.take_request_reference``: one round trip fewer under the tenant's locks).
    None when some are another tenant's: the commit numbers them. The commit then numbers
    only what is flushed later, and still tells the listeners."""
    sync = session.sync_session
    flushed: list[tuple[int, int]] = sync.info.get(_FLUSHED, [])
    if any(tenant != tenant_id for tenant, _ in flushed):
        return None
    sync.info.pop(_FLUSHED, None)
    if flushed:
        sync.info[_COMMITTED] = sync.info.get(_COMMITTED, frozenset()) | {tenant_id}
    return sorted(event_id for _, event_id in flushed)


@event.listens_for(Session, "before_commit")
def _number_events_before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return
    # Booking and line events are added by a flush: flush until nothing is left.
    for _ in range(10):
        if not (session.new or session.dirty or session.deleted):
            break
        session.flush()
    flushed: list[tuple[int, int]] = session.info.pop(_FLUSHED, [])
    if not flushed:
        return
    _assign_cursors(session, flushed)
    tenants = frozenset(tenant for tenant, _ in flushed)
    session.info[_COMMITTED] = session.info.get(_COMMITTED, frozenset()) | tenants


@event.listens_for(Session, "after_commit")
def _announce_committed_events(session: Session) -> None:
    tenants: frozenset[int] | None = session.info.pop(_COMMITTED, None)
    if not tenants:
        return
    for listener in list(_listeners):
        try:
            listener(tenants)
        except Exception:  # a wake-up must never fail a commit that already happened
            logger.exception("event commit listener failed")


@event.listens_for(Session, "after_transaction_end")
def _forget_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)
        session.info.pop(_COMMITTED, None)
        session.info.pop(_WATCHED, None)
