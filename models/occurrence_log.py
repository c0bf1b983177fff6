"""The history of one planning occurrence (child × slot × date): every action taken on it.

Requests, decisions, waiting-list moves, attendance marks and absence justifications are
written by several modules (parents' requests, staff decisions, promotions, pointage…).
Rather than asking each of them to remember to log, the log is derived from the rows
themselves: a ``before_flush`` listener watches ``RequestLine.status`` and the booking's
attendance / justification columns and appends one ``OccurrenceAction`` per transition,
in the same flush (so the same transaction) as the change. A writer cannot forget it.

Bulk ``UPDATE`` statements bypass the ORM and are therefore not logged: change request
lines and bookings through ORM attributes (the whole code base does).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Index, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import get_history

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk, utcnow
from models.booking import Attendance, Booking, BookingStatus
from models.request import Request, RequestLine, RequestLineAction, RequestLineStatus


class OccurrenceActionKind(enum.StrEnum):
    """What happened to an occurrence; French labels live in ``domain.labels``."""

    RESERVATION_REQUESTED = "RESERVATION_REQUESTED"
    ABSENCE_DECLARED = "ABSENCE_DECLARED"
    ACCEPTED = "ACCEPTED"
    ABSENCE_ACCEPTED = "ABSENCE_ACCEPTED"
    REFUSED = "REFUSED"
    WAITING_LISTED = "WAITING_LISTED"
    PROMOTED = "PROMOTED"
    REMOVED_FROM_WAITING_LIST = "REMOVED_FROM_WAITING_LIST"
    CANCELLED = "CANCELLED"
    MARKED_PRESENT = "MARKED_PRESENT"
    MARKED_ABSENT = "MARKED_ABSENT"
    JUSTIFICATION_SUBMITTED = "JUSTIFICATION_SUBMITTED"
    ABSENCE_JUSTIFIED = "ABSENCE_JUSTIFIED"
    JUSTIFICATION_REFUSED = "JUSTIFICATION_REFUSED"


class OccurrenceAction(Base):
    """One action on a child's slot occurrence, with its time and the request behind it."""

    __tablename__ = "occurrence_action"
    __table_args__ = (Index(None, "child_id", "date"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    child_id: Mapped[int] = fk("child.id", index=False)
    slot_id: Mapped[int] = fk("slot.id", index=False)
    date: Mapped[dt.date]
    kind: Mapped[OccurrenceActionKind] = mapped_column(enum_column(OccurrenceActionKind))
    request_id: Mapped[int | None] = fk("request.id", nullable=True, ondelete="SET NULL")
    occurred_at: Mapped[CreatedAt]


def _line_kind(
    action: RequestLineAction, old: RequestLineStatus | None, new: RequestLineStatus
) -> OccurrenceActionKind | None:
    if new is RequestLineStatus.ACCEPTED:
        if old is RequestLineStatus.WAITING_LIST:
            return OccurrenceActionKind.PROMOTED
        if action is RequestLineAction.ABSENCE:
            return OccurrenceActionKind.ABSENCE_ACCEPTED
        return OccurrenceActionKind.ACCEPTED
    if new is RequestLineStatus.WAITING_LIST:
        return OccurrenceActionKind.WAITING_LISTED
    if new is RequestLineStatus.REFUSED:
        if old is RequestLineStatus.WAITING_LIST:
            return OccurrenceActionKind.REMOVED_FROM_WAITING_LIST
        return OccurrenceActionKind.REFUSED
    if new is RequestLineStatus.CANCELLED:
        return OccurrenceActionKind.CANCELLED
    return None


def _changed(obj: Any, attribute: str) -> tuple[bool, Any]:
    """Whether ``attribute`` changed in this flush, and its previous value."""
    history = get_history(obj, attribute)
    if not history.added:
        return False, None
    old = history.deleted[0] if history.deleted else None
    return history.added[0] != old, old


def _when(obj: Any, attribute: str) -> dt.datetime:
    """The time set on ``attribute`` in this flush (the caller's ``now``), else now."""
    added = get_history(obj, attribute).added
    return added[0] if added and isinstance(added[0], dt.datetime) else utcnow()


def _requests_in(session: Session) -> dict[int, Request]:
    return {
        obj.id: obj
        for obj in list(session.identity_map.values()) + list(session.new)
        if isinstance(obj, Request) and obj.id is not None
    }


def _line_actions(
    requests: dict[int, Request], line: RequestLine, new: bool
) -> list[OccurrenceAction]:
    actions: list[tuple[OccurrenceActionKind, dt.datetime]] = []
    status = line.status or RequestLineStatus.PENDING
    if new:
        request = requests.get(line.request_id)
        asked = request.created_at if request is not None and request.created_at else None
        asked = asked or line.decided_at or utcnow()
        first = (
            OccurrenceActionKind.ABSENCE_DECLARED
            if line.action is RequestLineAction.ABSENCE
            else OccurrenceActionKind.RESERVATION_REQUESTED
        )
        actions.append((first, asked))
        kind = _line_kind(line.action, None, status)
        if kind is not None:
            actions.append((kind, line.decided_at or asked))
    else:
        changed, old = _changed(line, "status")
        if changed:
            kind = _line_kind(line.action, old, status)
            if kind is not None:
                actions.append((kind, _when(line, "decided_at")))
    return [
        OccurrenceAction(
            tenant_id=line.tenant_id,
            child_id=line.child_id,
            slot_id=line.slot_id,
            date=line.date,
            kind=kind,
            request_id=line.request_id,
            occurred_at=when,
        )
        for kind, when in actions
    ]


def _booking_kinds(booking: Booking, new: bool) -> list[OccurrenceActionKind]:
    kinds: list[OccurrenceActionKind] = []
    if new:
        if booking.attendance is Attendance.PRESENT:
            kinds.append(OccurrenceActionKind.MARKED_PRESENT)
        return kinds
    changed, _ = _changed(booking, "attendance")
    if changed:
        if booking.attendance is Attendance.PRESENT:
            kinds.append(OccurrenceActionKind.MARKED_PRESENT)
        elif booking.attendance is Attendance.ABSENT or (booking.status is BookingStatus.CANCELLED):
            kinds.append(OccurrenceActionKind.MARKED_ABSENT)
    changed, old = _changed(booking, "justification_document_id")
    if changed and booking.justification_document_id is not None:
        kinds.append(OccurrenceActionKind.JUSTIFICATION_SUBMITTED)
    elif changed and old is not None and not booking.absence_justified:
        kinds.append(OccurrenceActionKind.JUSTIFICATION_REFUSED)
    changed, _ = _changed(booking, "absence_justified")
    if changed and booking.absence_justified:
        kinds.append(OccurrenceActionKind.ABSENCE_JUSTIFIED)
    return kinds


def _booking_actions(booking: Booking, new: bool) -> list[OccurrenceAction]:
    kinds = _booking_kinds(booking, new)
    if not kinds:
        return []
    when = utcnow() if new else _when(booking, "updated_at")
    return [
        OccurrenceAction(
            tenant_id=booking.tenant_id,
            child_id=booking.child_id,
            slot_id=booking.slot_id,
            date=booking.date,
            kind=kind,
            occurred_at=when,
        )
        for kind in kinds
    ]


@event.listens_for(Session, "before_flush")
def _log_occurrence_actions(session: Session, _context: Any, _instances: Any) -> None:
    """Append the actions implied by the request lines and bookings about to be written."""
    actions: list[OccurrenceAction] = []
    new_lines = [obj for obj in session.new if isinstance(obj, RequestLine)]
    # The requests of new lines, for the time they were made (read once per flush).
    requests = _requests_in(session) if new_lines else {}
    for line in new_lines:
        actions.extend(_line_actions(requests, line, new=True))
    for obj in list(session.new):
        if isinstance(obj, Booking):
            actions.extend(_booking_actions(obj, new=True))
    for obj in list(session.dirty):
        if isinstance(obj, RequestLine) and inspect(obj).persistent:
            actions.extend(_line_actions(requests, obj, new=False))
        elif isinstance(obj, Booking) and inspect(obj).persistent:
            actions.extend(_booking_actions(obj, new=False))
    session.add_all(actions)
