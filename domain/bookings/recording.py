"""Writing the dates of a request that passed the rules: one request line each, applied at
once when the activity auto-accepts.

A reservation either waits for staff (line PENDING) or, with auto-acceptance, takes its
place through ``capacity.take_places`` (all the dates of a request at once) — RESERVED,
or WAITING_LIST when the slot is full and the activity keeps a waiting list; a full slot
without one rejects the date. An absence frees the place through ``capacity.free_place``:
free before the cancellation deadline, billed after it (unless justified later), the
waiting list moving up when the activity promotes automatically
(``booking_decisions.waiting_list.on_place_freed``) — or waits for staff with the same
consequence written on the line, judged on the time the parent declared it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.calendar_recheck import closed_meanwhile
from domain.bookings.capacity import PlaceWanted, free_place, lock_slot, take_places
from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.decisions.waiting_list import on_place_freed
from domain.bookings.engine import HOLDING
from domain.bookings.loading import Situation
from domain.bookings.reports import LineReport
from domain.bookings.rules import absence_consequence, registration_for
from domain.events import remember_families
from models import Child, Request, RequestLine, Slot
from models.booking import BookingStatus
from models.request import RequestLineAction, RequestLineStatus

PENDING_MESSAGE = "Demande enregistrée, en attente de validation par la collectivité."
ACCEPTED_MESSAGE = "Réservation acceptée."
WAITING_MESSAGE = "Créneau complet : l'enfant est inscrit en liste d'attente."


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording one date gave: its report, and its line when one was stored."""

    report: LineReport
    line: RequestLine | None


def _report(
    child: Child, slot: Slot, day: dt.date, outcome: LineOutcome, message: str
) -> LineReport:
    return LineReport(child.id, slot.activity_id, slot.id, day, outcome, None, message)


def _line(
    request: Request, child: Child, slot: Slot, day: dt.date, action: RequestLineAction
) -> RequestLine:
    return RequestLine(
        tenant_id=request.tenant_id,
        request_id=request.id,
        child_id=child.id,
        activity_id=slot.activity_id,
        slot_id=slot.id,
        date=day,
        action=action,
        status=RequestLineStatus.PENDING,
    )


async def record_reservation(
    session: AsyncSession,
    request: Request,
    situation: Situation,
    child: Child,
    slot: Slot,
    day: dt.date,
    *,
    now: dt.datetime,
) -> Recorded:
    """Store a reservation date: pending, or (auto-acceptance) reserved / waiting list."""
    (recorded,) = await record_reservations(
        session, request, situation, [(child, slot, day)], now=now
    )
    return recorded


async def record_reservations(
    session: AsyncSession,
    request: Request,
    situation: Situation,
    dates: Sequence[tuple[Child, Slot, dt.date]],
    *,
    now: dt.datetime,
) -> list[Recorded]:
    """Store reservation dates that passed the rules, in order: pending lines for staff,
    or (auto-acceptance) places taken all at once by ``capacity.take_places`` — a
    constant number of statements whatever the number of dates. The lines are added to
    the session, written by the caller's next flush."""
    activity = situation.activity
    if not activity.auto_accept:
        recorded: list[Recorded] = []
        for child, slot, day in dates:
            line = _line(request, child, slot, day, RequestLineAction.RESERVE)
            session.add(line)
            report = _report(child, slot, day, LineOutcome.CREATED, PENDING_MESSAGE)
            recorded.append(Recorded(report, line))
        return recorded
    # A period created meanwhile may have closed some dates: read again under the slots'
    # locks (calendar_recheck), those dates rejected, the others recorded as asked.
    closed = await closed_meanwhile(session, request.tenant_id, situation, dates)
    if closed:
        rest = [date for index, date in enumerate(dates) if index not in closed]
        done = iter(await record_reservations(session, request, situation, rest, now=now))
        return [
            Recorded(closed[index], None) if index in closed else next(done)
            for index in range(len(dates))
        ]
    # The events of the new bookings and lines name each child's family: known here.
    remember_families(session, {child.id: child.family_id for child, _, _ in dates})
    wanted = []
    for child, slot, day in dates:
        registration = registration_for(situation.registrations.get(child.id, []), day)
        wanted.append(
            PlaceWanted(child.id, slot.id, day, registration.id if registration else None)
        )
    places = await take_places(
        session, tenant_id=request.tenant_id, activity=activity, wanted=wanted, now=now
    )
    recorded = []
    for (child, slot, day), place in zip(dates, places, strict=True):
        if place.status is None or place.booking is None:
            rejected = LineReport(
                child.id,
                slot.activity_id,
                slot.id,
                day,
                LineOutcome.REJECTED,
                BookingRule.SLOT_FULL,
                f"Plus aucune place n'est disponible sur ce créneau le {day:%d/%m/%Y}.",
            )
            recorded.append(Recorded(rejected, None))
            continue
        line = _line(request, child, slot, day, RequestLineAction.RESERVE)
        line.booking_id = place.booking.id
        if place.status is BookingStatus.RESERVED:
            line.status = RequestLineStatus.ACCEPTED
            line.decided_at = now
            line.message = ACCEPTED_MESSAGE
            outcome = LineOutcome.ACCEPTED
        else:
            line.status = RequestLineStatus.WAITING_LIST
            line.message = WAITING_MESSAGE
            outcome = LineOutcome.WAITING_LIST
        session.add(line)
        recorded.append(Recorded(_report(child, slot, day, outcome, line.message), line))
    return recorded


async def record_absence(
    session: AsyncSession,
    request: Request,
    situation: Situation,
    child: Child,
    slot: Slot,
    day: dt.date,
    *,
    now: dt.datetime,
) -> Recorded:
    """Store an absence date: applied at once (auto-acceptance) or pending for staff.

    Whether it is late — and so billed — is decided now, on the time the parent declares
    it, and written in the line's ``message`` (``refusal_code`` is only for refusals);
    staff deciding a pending absence recompute it with ``rules.absence_consequence`` and
    the request's ``created_at``.
    """
    booking = situation.bookings[(child.id, slot.id, day)]
    auto = situation.activity.auto_accept
    if auto:
        # Own the slot, then read the booking again: a promotion or an attendance mark on
        # the same occurrence (staff do not wait for the request counter) waits for us.
        await lock_slot(session, slot.id)
        await session.refresh(booking)
        if booking.status not in HOLDING:
            rejected = LineReport(
                child.id,
                slot.activity_id,
                slot.id,
                day,
                LineOutcome.REJECTED,
                BookingRule.NOT_RESERVED,
                f"Aucune réservation à annuler le {day:%d/%m/%Y} pour {child.first_name}.",
            )
            return Recorded(rejected, None)
    consequence = absence_consequence(
        situation.rules,
        slot,
        day,
        booking.status,
        declared_at=now,
        timezone=situation.timezone,
        holidays=situation.holidays,
    )
    line = _line(request, child, slot, day, RequestLineAction.ABSENCE)
    line.booking_id = booking.id
    line.message = consequence.message
    session.add(line)
    if not auto:
        message = f"{PENDING_MESSAGE} {consequence.message}"
        return Recorded(_report(child, slot, day, LineOutcome.CREATED, message), line)
    place_freed = booking.status is BookingStatus.RESERVED
    await free_place(session, booking=booking, new_status=consequence.status, now=now)
    line.status = RequestLineStatus.ACCEPTED
    line.decided_at = now
    if place_freed:
        # The waiting list moves up when the activity promotes automatically.
        await on_place_freed(
            session,
            activity=situation.activity,
            slot_id=slot.id,
            date=day,
            actor_account_id=None,
            now=now,
        )
    return Recorded(_report(child, slot, day, LineOutcome.ACCEPTED, consequence.message), line)
