"""Closing days that were open: what a new period (closure, strike, holiday…) or a new
official calendar does to the bookings already made.

In the transaction that adds the period, for every date it closes (an activity ran that
day before and does not now — ``opening_days.runs_on`` before and after):

- each RESERVED or WAITING_LIST booking becomes CANCELLED, free of charge (the billing
  run bills RESERVED, UNBOOKED and ABSENT_BILLED only, so it never sees it) — unless it
  was billed or its attendance marked already (a day closed in hindsight);
- each undecided request date is closed with the reason: a reservation (or a date still on
  the waiting list) is REFUSED with the code CLOSED_DAY, the rule a new request on that
  day breaks; an absence, now without object, is CANCELLED; a request left with no pending
  date gets its decision in its history;
- each family concerned gets ONE mail (« day_closed ») listing its children, activities
  and dates, through the outbox;
- the status changes write their BOOKING_CHANGED / REQUEST_LINE_DECIDED events (the
  ``planningChanged`` subscription of each child) through the event log's flush hook;
- every change has its audit entry.

A reservation recorded at the same moment cannot slip a place onto a day being closed:
before reading the bookings, the closure locks every slot running in [start, end] (as
``domain.bookings.capacity.lock_slots`` does: ``FOR UPDATE`` on PostgreSQL, the write lock
on SQLite), and the booking path reads the calendar again once it holds its slots. Either
the reservation committed first and the closure, waiting for the lock, cancels it, or the
closure committed first and the reservation, waiting for the lock, finds the day closed.

Only models and flat domain modules are used (``domain.bookings`` imports the calendar,
so the calendar cannot import it back).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.calendar.opening_days import ClosedPeriod, classify_day, runs_on
from domain.family_mails import child_label, load_mail_rows, mail_each_family
from domain.requests.history import record_decision, record_step
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Request,
    RequestLine,
    Slot,
)
from models.activity import OperatingDays
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineAction, RequestLineStatus, RequestStatus

__all__ = ["CLOSED_DAY", "ClosureEffects", "close_days", "load_periods"]

# The refusal code of a request date closed by the calendar (the booking rule's code).
CLOSED_DAY: Final = "CLOSED_DAY"
TEMPLATE: Final = "day_closed"
ACTIVE_BOOKINGS: Final = (BookingStatus.RESERVED, BookingStatus.WAITING_LIST)
OPEN_LINES: Final = (RequestLineStatus.PENDING, RequestLineStatus.WAITING_LIST)
OPEN_REQUESTS: Final = frozenset({RequestStatus.PENDING, RequestStatus.TRANSMITTED})

OUTCOME_RESERVED: Final = "Réservation annulée, non facturée"
OUTCOME_WAITING: Final = "Retiré de la liste d'attente"
OUTCOME_REFUSED: Final = "Demande refusée"
OUTCOME_ABSENCE: Final = "Demande d'absence sans objet"


@dataclass(frozen=True, slots=True)
class ClosureEffects:
    """What closing the days did."""

    bookings_cancelled: int = 0
    lines_closed: int = 0
    families_notified: int = 0


async def load_periods(
    session: AsyncSession, tenant_id: int, start: dt.date, end: dt.date
) -> list[ClosedPeriod]:
    """The tenant's periods overlapping [start, end], as the opening-day rules read them."""
    rows = await session.execute(
        select(
            CalendarPeriod.kind,
            CalendarPeriod.start_date,
            CalendarPeriod.end_date,
            CalendarPeriod.establishment_id,
        ).where(
            CalendarPeriod.tenant_id == tenant_id,
            CalendarPeriod.end_date >= start,
            CalendarPeriod.start_date <= end,
        )
    )
    return [ClosedPeriod(r.kind, r.start_date, r.end_date, r.establishment_id) for r in rows]


def _closed_now(
    day: dt.date,
    establishment_id: int,
    operating_days: OperatingDays,
    before: Sequence[ClosedPeriod],
    after: Sequence[ClosedPeriod],
) -> bool:
    """Whether the activity ran on ``day`` with the ``before`` calendar and no longer does."""
    return runs_on(operating_days, classify_day(day, establishment_id, before)) and not runs_on(
        operating_days, classify_day(day, establishment_id, after)
    )


def _final_status(lines: Iterable[RequestLine]) -> RequestStatus | None:
    """A request's decision once no date is pending (the staff decisions' rule)."""
    statuses = [line.status for line in lines]
    if RequestLineStatus.PENDING in statuses:
        return None
    accepted = any(
        s in (RequestLineStatus.ACCEPTED, RequestLineStatus.WAITING_LIST) for s in statuses
    )
    refused = RequestLineStatus.REFUSED in statuses
    if accepted and refused:
        return RequestStatus.PARTIALLY_ACCEPTED
    if accepted:
        return RequestStatus.ACCEPTED
    if refused:
        return RequestStatus.REFUSED
    return RequestStatus.CANCELLED


@dataclass(frozen=True, slots=True)
class _Closed:
    """One child × slot × date the closure touched, for the family's mail."""

    child_id: int
    slot_id: int
    activity_id: int
    day: dt.date
    outcome: str


@dataclass(frozen=True, slots=True)
class _Closure:
    """The closure being applied: the days of [start, end] that ``after`` closes and
    ``before`` left open, its reason, who entered it and when."""

    tenant_id: int
    start: dt.date
    end: dt.date
    before: Sequence[ClosedPeriod]
    after: Sequence[ClosedPeriod]
    reason: str
    actor_account_id: int | None
    now: dt.datetime

    def closes(self, day: dt.date, establishment_id: int, operating_days: OperatingDays) -> bool:
        """Whether the activity ran on ``day`` before this closure and no longer does."""
        return _closed_now(day, establishment_id, operating_days, self.before, self.after)


async def close_days(
    session: AsyncSession,
    *,
    tenant_id: int,
    start: dt.date,
    end: dt.date,
    before: Sequence[ClosedPeriod],
    after: Sequence[ClosedPeriod],
    reason: str,
    actor_account_id: int | None,
    now: dt.datetime,
) -> ClosureEffects:
    """Apply the closing of the days of [start, end] that ``after`` closes and ``before``
    left open (see the module doc), in the caller's transaction."""
    if start > end:
        return ClosureEffects()
    await _lock_slots(session, tenant_id, start, end)
    closed: dict[tuple[int, int, dt.date], _Closed] = {}
    closure = _Closure(tenant_id, start, end, before, after, reason, actor_account_id, now)
    cancelled = await _cancel_bookings(session, closure, closed)
    lines = await _close_lines(session, closure, closed)
    await session.flush()
    families = await _mail_families(session, tenant_id, reason, list(closed.values()))
    return ClosureEffects(cancelled, lines, families)


async def _lock_slots(session: AsyncSession, tenant_id: int, start: dt.date, end: dt.date) -> None:
    """Own, until commit, every slot of the tenant running in [start, end] (ascending ids,
    as the booking path locks them: no deadlock), before any booking is read."""
    running = (
        Slot.tenant_id == tenant_id,
        Slot.valid_from <= end,
        or_(Slot.valid_to.is_(None), Slot.valid_to >= start),
    )
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Slot)
            .where(*running)
            .values(capacity=Slot.capacity)
            .execution_options(synchronize_session=False)
        )
        return
    await session.execute(select(Slot.id).where(*running).order_by(Slot.id).with_for_update())


async def _cancel_bookings(
    session: AsyncSession,
    closure: _Closure,
    closed: dict[tuple[int, int, dt.date], _Closed],
) -> int:
    rows = await session.execute(
        select(Booking, Activity.operating_days, Activity.establishment_id)
        .join(Activity, Activity.id == Booking.activity_id)
        .where(
            Booking.tenant_id == closure.tenant_id,
            Booking.date >= closure.start,
            Booking.date <= closure.end,
            Booking.status.in_(ACTIVE_BOOKINGS),
            # Billed or marked bookings are history: a period entered afterwards (a day
            # closed in hindsight) leaves them to the credit notes and the pointage.
            Booking.invoice_line_id.is_(None),
            Booking.attendance.is_(None),
        )
        .order_by(Booking.date, Booking.id)
        .with_for_update(of=Booking)
    )
    count = 0
    for booking, operating_days, establishment_id in rows:
        if not closure.closes(booking.date, establishment_id, operating_days):
            continue
        was = booking.status
        booking.status = BookingStatus.CANCELLED
        booking.waiting_since = None
        booking.updated_at = closure.now
        count += 1
        record_change(
            session,
            tenant_id=closure.tenant_id,
            actor_account_id=closure.actor_account_id,
            action="booking.cancelled_by_closure",
            object_type="Booking",
            object_id=booking.id,
            before={"status": was},
            after={"status": BookingStatus.CANCELLED, "reason": closure.reason},
        )
        outcome = OUTCOME_RESERVED if was is BookingStatus.RESERVED else OUTCOME_WAITING
        key = (booking.child_id, booking.slot_id, booking.date)
        closed[key] = _Closed(*key[:2], booking.activity_id, booking.date, outcome)
    return count


async def _close_lines(
    session: AsyncSession,
    closure: _Closure,
    closed: dict[tuple[int, int, dt.date], _Closed],
) -> int:
    rows = await session.execute(
        select(RequestLine, Activity.operating_days, Activity.establishment_id)
        .join(Activity, Activity.id == RequestLine.activity_id)
        .where(
            RequestLine.tenant_id == closure.tenant_id,
            RequestLine.date >= closure.start,
            RequestLine.date <= closure.end,
            RequestLine.status.in_(OPEN_LINES),
        )
        .order_by(RequestLine.date, RequestLine.id)
    )
    message = f"Journée fermée : {closure.reason}"[:1000]
    touched: dict[int, list[RequestLine]] = {}
    for line, operating_days, establishment_id in rows:
        if not closure.closes(line.date, establishment_id, operating_days):
            continue
        was = line.status
        absence = line.action is RequestLineAction.ABSENCE and was is RequestLineStatus.PENDING
        line.status = RequestLineStatus.CANCELLED if absence else RequestLineStatus.REFUSED
        line.refusal_code = CLOSED_DAY
        line.message = message
        line.decided_at = closure.now
        touched.setdefault(line.request_id, []).append(line)
        record_change(
            session,
            tenant_id=closure.tenant_id,
            actor_account_id=closure.actor_account_id,
            action="request_line.closed_by_calendar",
            object_type="RequestLine",
            object_id=line.id,
            before={"status": was},
            after={"status": line.status, "refusalCode": CLOSED_DAY, "reason": closure.reason},
        )
        key = (line.child_id, line.slot_id, line.date)
        if key not in closed:
            outcome = OUTCOME_ABSENCE if absence else OUTCOME_REFUSED
            closed[key] = _Closed(*key[:2], line.activity_id, line.date, outcome)
    if touched:
        await session.flush()
        await _decide_requests(session, touched, message, closure.actor_account_id, closure.now)
    return sum(len(lines) for lines in touched.values())


async def _decide_requests(
    session: AsyncSession,
    touched: dict[int, list[RequestLine]],
    message: str,
    actor_account_id: int | None,
    now: dt.datetime,
) -> None:
    """History of the requests whose dates were closed; the decision of those left with
    no pending date."""
    requests = await session.scalars(
        select(Request).where(Request.id.in_(touched)).order_by(Request.id)
    )
    all_lines: dict[int, list[RequestLine]] = {}
    for line in await session.scalars(
        select(RequestLine).where(RequestLine.request_id.in_(touched))
    ):
        all_lines.setdefault(line.request_id, []).append(line)
    for request in requests:
        closed = touched[request.id]
        note = f"{message} ({', '.join(f'{line.date:%d/%m/%Y}' for line in closed)})"[:1000]
        final = _final_status(all_lines.get(request.id, []))
        if final is not None and request.status in OPEN_REQUESTS:
            record_decision(
                session,
                request,
                final,
                actor_account_id=actor_account_id,
                now=now,
                note=note,
                lines=closed,
            )
        else:
            record_step(
                session,
                request,
                HistoryStep.LINE_DECIDED,
                request.status,
                actor_account_id=actor_account_id,
                now=now,
                note=note,
                lines=closed,
            )


async def _mail_families(
    session: AsyncSession, tenant_id: int, reason: str, closed: Sequence[_Closed]
) -> int:
    """One « day_closed » mail per family concerned, to its payer (else a guardian with an
    address); returns the number of mails queued."""
    if not closed:
        return 0
    rows = await load_mail_rows(
        session,
        tenant_id,
        child_ids=(item.child_id for item in closed),
        activity_ids=(item.activity_id for item in closed),
        slot_ids=(item.slot_id for item in closed),
    )
    if rows is None:
        return 0
    by_family: dict[int, list[dict[str, Any]]] = {}
    for item in sorted(closed, key=lambda i: (i.day, rows.slots[i.slot_id].start_time, i.child_id)):
        child = rows.children[item.child_id]
        by_family.setdefault(child.family_id, []).append(
            {
                "date": item.day,
                "time": f"{rows.slots[item.slot_id].start_time:%H:%M}",
                "child": child_label(child),
                "activity": rows.activities[item.activity_id].name,
                "outcome": item.outcome,
            }
        )
    return await mail_each_family(
        session,
        rows,
        template=TEMPLATE,
        tables=by_family,
        context=lambda lines: {"closure_label": reason, "closed_lines": lines},
    )
