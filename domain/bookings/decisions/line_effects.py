"""What accepting one date does to the bookings: take a place, or free one.

A reservation date takes a place through ``take_place`` (RESERVED, or WAITING_LIST when the
slot is full and the activity keeps a waiting list; SLOT_FULL otherwise). An absence date
frees the reserved place — ABSENT or ABSENT_BILLED by the cancellation deadline — or takes
the child off the waiting list; freed places are offered to the waiting list once every
date of the decision is done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import free_place, lock_slot, take_place
from domain.bookings.decisions.absence import accepted_absence
from domain.bookings.decisions.codes import NOT_FOUND, NOT_RESERVED
from domain.bookings.decisions.waiting_list import on_place_freed
from domain.labels import label
from kernel.results import fail
from models import Activity, Booking, Registration, Request, RequestLine, Slot, Tenant
from models.booking import BookingStatus
from models.registration import RegistrationStatus
from models.request import RequestLineAction, RequestLineStatus

WAITING_MESSAGE = "Créneau complet : l'enfant est inscrit en liste d'attente."


class Effects:
    """One decision's context: the rows it reads repeatedly, and the places it freed."""

    def __init__(
        self, session: AsyncSession, request: Request, *, account_id: int, now: dt.datetime
    ) -> None:
        self.session = session
        self.request = request
        self.account_id = account_id
        self.now = now
        self._tenant: Tenant | None = None
        self._activities: dict[int, Activity] = {}
        self._slots: dict[int, Slot] = {}
        self._freed: dict[tuple[int, dt.date], Activity] = {}

    async def tenant(self) -> Tenant:
        """The request's tenant (its time zone drives deadlines)."""
        if self._tenant is None:
            self._tenant = await self.session.get(Tenant, self.request.tenant_id)
            assert self._tenant is not None
        return self._tenant

    async def activity(self, activity_id: int) -> Activity:
        """An activity of the request's tenant, read once per decision."""
        if activity_id not in self._activities:
            row = await self.session.scalar(
                select(Activity).where(
                    Activity.tenant_id == self.request.tenant_id, Activity.id == activity_id
                )
            )
            if row is None:
                raise fail(NOT_FOUND, "Cette activité n'existe plus.")
            self._activities[activity_id] = row
        return self._activities[activity_id]

    async def slot(self, slot_id: int) -> Slot:
        """A slot of the request's tenant, read once per decision."""
        if slot_id not in self._slots:
            row = await self.session.scalar(
                select(Slot).where(Slot.tenant_id == self.request.tenant_id, Slot.id == slot_id)
            )
            if row is None:
                raise fail(NOT_FOUND, "Ce créneau n'existe plus.")
            self._slots[slot_id] = row
        return self._slots[slot_id]

    async def slots(self, slot_ids: Iterable[int]) -> dict[int, Slot]:
        """Slots of the request's tenant, read in one statement (those that no longer
        exist are left out: accepting their date reports NOT_FOUND)."""
        wanted = list(dict.fromkeys(slot_ids))
        missing = sorted(set(wanted) - self._slots.keys())
        if missing:
            for row in await self.session.scalars(
                select(Slot).where(Slot.tenant_id == self.request.tenant_id, Slot.id.in_(missing))
            ):
                self._slots[row.id] = row
        return {i: self._slots[i] for i in wanted if i in self._slots}

    def freed(self, activity: Activity, slot_id: int, date: dt.date) -> None:
        """Remember a place given up, to offer it to the waiting list afterwards."""
        self._freed[(slot_id, date)] = activity

    async def promote_freed(self) -> None:
        """Offer the freed places to the waiting lists (when the activity says so)."""
        for (slot_id, date), activity in sorted(self._freed.items(), key=lambda i: i[0]):
            await on_place_freed(
                self.session,
                activity=activity,
                slot_id=slot_id,
                date=date,
                actor_account_id=self.account_id,
                now=self.now,
            )


async def booking_of(session: AsyncSession, line: RequestLine) -> Booking | None:
    """The booking of a line's child, slot and date (linked, or found by its key)."""
    if line.booking_id is not None:
        booking = await session.get(Booking, line.booking_id)
        if booking is not None:
            return booking
    return await session.scalar(
        select(Booking).where(
            Booking.child_id == line.child_id,
            Booking.slot_id == line.slot_id,
            Booking.date == line.date,
        )
    )


async def _registration_id(session: AsyncSession, line: RequestLine) -> int | None:
    return await session.scalar(
        select(Registration.id)
        .where(
            Registration.child_id == line.child_id,
            Registration.activity_id == line.activity_id,
            Registration.status == RegistrationStatus.ACTIVE,
            Registration.start_date <= line.date,
            Registration.end_date >= line.date,
        )
        .order_by(Registration.id)
        .limit(1)
    )


async def _accept_reservation(effects: Effects, line: RequestLine) -> str:
    session = effects.session
    status = await take_place(
        session,
        tenant_id=line.tenant_id,
        child_id=line.child_id,
        slot_id=line.slot_id,
        activity_id=line.activity_id,
        registration_id=await _registration_id(session, line),
        date=line.date,
        now=effects.now,
    )
    booking = await booking_of(session, line)
    assert booking is not None
    line.booking_id = booking.id
    if status is BookingStatus.RESERVED:
        line.status = RequestLineStatus.ACCEPTED
        return label(RequestLineStatus.ACCEPTED)
    line.status = RequestLineStatus.WAITING_LIST
    line.message = WAITING_MESSAGE
    return label(RequestLineStatus.WAITING_LIST)


async def _accept_absence(effects: Effects, line: RequestLine) -> str:
    session = effects.session
    # Own the slot first, so the booking read below is the current one (a promotion or
    # attendance mark on the same occurrence waits for this decision).
    await lock_slot(session, line.slot_id)
    booking = await booking_of(session, line)
    if booking is not None:
        await session.refresh(booking)
    if booking is None or booking.status not in (
        BookingStatus.RESERVED,
        BookingStatus.WAITING_LIST,
    ):
        raise fail(
            NOT_RESERVED,
            f"Il n'y a plus de réservation à annuler le {line.date:%d/%m/%Y} pour ce créneau.",
        )
    activity = await effects.activity(line.activity_id)
    consequence = await accepted_absence(
        session,
        tenant=await effects.tenant(),
        activity=activity,
        slot=await effects.slot(line.slot_id),
        booking=booking,
        requested_at=effects.request.created_at,
    )
    place_freed = booking.status is BookingStatus.RESERVED
    await free_place(session, booking=booking, new_status=consequence.status, now=effects.now)
    if place_freed:
        effects.freed(activity, line.slot_id, line.date)
    line.booking_id = booking.id
    line.status = RequestLineStatus.ACCEPTED
    line.message = consequence.message
    if consequence.status is BookingStatus.ABSENT_BILLED:
        return f"{label(RequestLineStatus.ACCEPTED)} ({label(consequence.status).lower()})"
    return label(RequestLineStatus.ACCEPTED)


async def accept_line(effects: Effects, line: RequestLine) -> str:
    """Accept one pending date; returns its outcome in French for the history and mail.

    Raises ``DomainFailure`` (SLOT_FULL, NOT_RESERVED, NOT_FOUND) when it cannot be done.
    """
    if line.action is RequestLineAction.RESERVE:
        outcome = await _accept_reservation(effects, line)
    else:
        outcome = await _accept_absence(effects, line)
    line.decided_at = effects.now
    return outcome
