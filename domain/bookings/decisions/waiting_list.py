"""The waiting list (« liste d'attente »): first come, first served, when a place frees.

A place frees when an absence is accepted or a reservation cancelled. The child waiting
longest (``waiting_since``, then the booking's id for equal times) gets it: automatically
when the activity says so (``auto_promote_waiting_list``), else when staff promote that
child. Every promotion goes through ``take_place`` — the slot locked for writing, the
places counted inside the lock — so a promotion can never overfill a slot, whatever runs
at the same time.

A promoted child's request line becomes ACCEPTED, its request gets a PROMOTED history step,
and the family is told by mail.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import lock_slot, take_place
from domain.bookings.decisions.codes import INVALID_STATE, NOT_FIRST_IN_LINE, NOT_FOUND, SLOT_FULL
from domain.bookings.decisions.mails import mail_decision
from domain.requests.history import record_step
from kernel.results import fail
from models import Activity, Booking, Request, RequestLine
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineAction, RequestLineStatus

PROMOTED_MESSAGE = "Une place s'est libérée : la réservation est confirmée."
PROMOTED_OUTCOME = "Acceptée (sortie de la liste d'attente)"


async def waiting_queue(session: AsyncSession, *, slot_id: int, date: dt.date) -> list[Booking]:
    """The children waiting for a place on the slot and date, first come first."""
    rows = await session.scalars(
        select(Booking)
        .where(
            Booking.slot_id == slot_id,
            Booking.date == date,
            Booking.status == BookingStatus.WAITING_LIST,
        )
        .order_by(Booking.waiting_since, Booking.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def _waiting_line(session: AsyncSession, booking: Booking) -> RequestLine | None:
    # The line that put the child on the waiting list: linked to the booking, or (written
    # before the link existed) the same child, slot and date.
    return await session.scalar(
        select(RequestLine)
        .where(
            RequestLine.tenant_id == booking.tenant_id,
            RequestLine.status == RequestLineStatus.WAITING_LIST,
            RequestLine.action == RequestLineAction.RESERVE,
            or_(
                RequestLine.booking_id == booking.id,
                (RequestLine.child_id == booking.child_id)
                & (RequestLine.slot_id == booking.slot_id)
                & (RequestLine.date == booking.date),
            ),
        )
        .order_by(RequestLine.id)
        .limit(1)
    )


async def _promoted(
    session: AsyncSession, booking: Booking, *, actor_account_id: int | None, now: dt.datetime
) -> None:
    line = await _waiting_line(session, booking)
    if line is None:
        return
    line.status = RequestLineStatus.ACCEPTED
    line.booking_id = booking.id
    line.message = PROMOTED_MESSAGE
    line.decided_at = now
    request = await session.get(Request, line.request_id)
    if request is None:
        return
    record_step(
        session,
        request,
        HistoryStep.PROMOTED,
        request.status,
        actor_account_id=actor_account_id,
        now=now,
        note=f"Place libérée le {booking.date:%d/%m/%Y} : réservation confirmée",
        lines=[line],
    )
    await session.flush()
    await mail_decision(session, request, [(line, PROMOTED_OUTCOME)], message=None, now=now)


async def _reserve(
    session: AsyncSession, booking: Booking, *, actor_account_id: int | None, now: dt.datetime
) -> bool:
    status = await take_place(
        session,
        tenant_id=booking.tenant_id,
        child_id=booking.child_id,
        slot_id=booking.slot_id,
        activity_id=booking.activity_id,
        registration_id=booking.registration_id,
        date=booking.date,
        now=now,
    )
    if status is not BookingStatus.RESERVED:
        return False
    await _promoted(session, booking, actor_account_id=actor_account_id, now=now)
    return True


async def promote_waiting(
    session: AsyncSession,
    *,
    slot_id: int,
    date: dt.date,
    actor_account_id: int | None,
    now: dt.datetime,
) -> list[Booking]:
    """Give every free place of the slot and date to the waiting children, in order.

    Returns the promoted bookings (often one; several when the capacity was raised).
    """
    await lock_slot(session, slot_id)
    promoted: list[Booking] = []
    for booking in await waiting_queue(session, slot_id=slot_id, date=date):
        if not await _reserve(session, booking, actor_account_id=actor_account_id, now=now):
            break
        promoted.append(booking)
    return promoted


async def on_place_freed(
    session: AsyncSession,
    *,
    activity: Activity,
    slot_id: int,
    date: dt.date,
    actor_account_id: int | None,
    now: dt.datetime,
) -> list[Booking]:
    """Call after a reserved place was given up (absence, cancellation): promotes the
    waiting list when the activity promotes automatically, else leaves it to staff."""
    if not activity.auto_promote_waiting_list:
        return []
    return await promote_waiting(
        session, slot_id=slot_id, date=date, actor_account_id=actor_account_id, now=now
    )


async def promote_booking(
    session: AsyncSession,
    *,
    tenant_id: int,
    booking_id: int | None,
    account_id: int,
    now: dt.datetime,
) -> Booking:
    """Staff give a freed place to a waiting child — the first in line (first come, first
    served), when a place is free."""
    booking = None
    if booking_id is not None:
        booking = await session.scalar(
            select(Booking).where(Booking.tenant_id == tenant_id, Booking.id == booking_id)
        )
    if booking is None:
        raise fail(NOT_FOUND, "Réservation introuvable.", "booking")
    await lock_slot(session, booking.slot_id)
    # Read again under the lock: another agent may have promoted this child meanwhile.
    await session.refresh(booking)
    if booking.status is not BookingStatus.WAITING_LIST:
        raise fail(INVALID_STATE, "Cet enfant n'est pas en liste d'attente.", "booking")
    queue = await waiting_queue(session, slot_id=booking.slot_id, date=booking.date)
    rank = [waiting.id for waiting in queue].index(booking.id)
    if rank > 0:
        ahead = "1 enfant attend" if rank == 1 else f"{rank} enfants attendent"
        raise fail(
            NOT_FIRST_IN_LINE,
            f"{ahead} depuis plus longtemps sur ce créneau : la place revient au premier "
            "inscrit en liste d'attente.",
            "booking",
        )
    if not await _reserve(session, booking, actor_account_id=account_id, now=now):
        raise fail(SLOT_FULL, "Aucune place n'est libre sur ce créneau à cette date.", "booking")
    return booking
