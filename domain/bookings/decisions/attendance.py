"""Attendance marking (pointage): staff say, for one slot and date, who was there.

What billing will later read:
- present on a reserved date → attendance PRESENT;
- absent on a reserved date → attendance ABSENT (a no-show: billed as the town decides);
- present without a place (no booking, cancelled, waiting list) → a booking UNBOOKED with
  attendance PRESENT (« présent sans réservation », the penalty case);
- present on a date declared absent → attendance PRESENT (the child came after all);
- a mark can be corrected: absent on an UNBOOKED booking cancels it.
A whole call is one transaction: either every mark is recorded or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import lock_slot
from domain.bookings.decisions.codes import DUPLICATE, FUTURE_DATE, NOT_FOUND, NOT_RUNNING, TOO_MANY
from kernel.clock import local_date
from kernel.results import DomainFailure, Problem, fail
from models import Booking, Child, Registration, Slot, Tenant
from models.booking import Attendance, BookingStatus
from models.registration import RegistrationStatus

MAX_MARKS: Final = 200
_NO_PLACE: Final = frozenset(
    {BookingStatus.CANCELLED, BookingStatus.WAITING_LIST, BookingStatus.UNBOOKED}
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One child's presence on the slot and date (``child_id`` None: unknown ID)."""

    child_id: int | None
    present: bool


def _apply(booking: Booking, present: bool) -> bool:
    """Record a mark on an existing booking; False when there is nothing to record."""
    if present:
        if booking.status in _NO_PLACE:
            booking.status = BookingStatus.UNBOOKED
            booking.waiting_since = None
        booking.attendance = Attendance.PRESENT
        return True
    if booking.status is BookingStatus.UNBOOKED:
        # Marked present by mistake: the child had no place, so nothing remains.
        booking.status = BookingStatus.CANCELLED
        booking.attendance = None
        return True
    if booking.status in (BookingStatus.CANCELLED, BookingStatus.WAITING_LIST):
        return False
    booking.attendance = Attendance.ABSENT
    return True


async def _checked(
    session: AsyncSession, tenant_id: int, slot_id: int | None, day: dt.date, now: dt.datetime
) -> Slot:
    slot = None
    if slot_id is not None:
        slot = await session.scalar(
            select(Slot).where(Slot.tenant_id == tenant_id, Slot.id == slot_id)
        )
    if slot is None:
        raise fail(NOT_FOUND, "Créneau introuvable.", "slot")
    runs = (
        slot.weekday == day.isoweekday()
        and slot.valid_from <= day
        and (slot.valid_to is None or day <= slot.valid_to)
    )
    if not runs:
        raise fail(NOT_RUNNING, f"Ce créneau n'a pas lieu le {day:%d/%m/%Y}.", "date")
    tenant = await session.get(Tenant, tenant_id)
    assert tenant is not None
    if day > local_date(now, tenant.timezone):
        raise fail(FUTURE_DATE, "Le pointage se fait le jour même ou après.", "date")
    return slot


async def mark_attendance(
    session: AsyncSession,
    *,
    tenant_id: int,
    slot_id: int | None,
    day: dt.date,
    marks: Sequence[Mark],
    now: dt.datetime,
) -> list[Booking]:
    """Record who was present on the slot and date; returns the bookings changed or created,
    in the order of the marks."""
    if len(marks) > MAX_MARKS:
        raise fail(TOO_MANY, f"{MAX_MARKS} enfants au plus par pointage.", "marks")
    slot = await _checked(session, tenant_id, slot_id, day, now)
    # Serialized with reservations and promotions of the same slot (same lock), so a
    # present-without-booking row never races a booking being created for that child.
    await lock_slot(session, slot.id)
    wanted = {m.child_id for m in marks if m.child_id is not None}
    known = set(
        await session.scalars(
            select(Child.id).where(Child.tenant_id == tenant_id, Child.id.in_(wanted))
        )
    )
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, mark in enumerate(marks):
        path = ("marks", str(index), "child")
        if mark.child_id is None or mark.child_id not in known:
            problems.append(Problem(NOT_FOUND, "Enfant introuvable.", path))
        elif mark.child_id in seen:
            problems.append(Problem(DUPLICATE, "Cet enfant est pointé deux fois.", path))
        else:
            seen.add(mark.child_id)
    if problems:
        raise DomainFailure(problems)
    bookings = {
        b.child_id: b
        for b in await session.scalars(
            select(Booking).where(
                Booking.slot_id == slot.id, Booking.date == day, Booking.child_id.in_(seen)
            )
        )
    }
    registrations = await _registrations(session, slot, day, seen - set(bookings))
    changed: list[Booking] = []
    for mark in marks:
        assert mark.child_id is not None
        booking = bookings.get(mark.child_id)
        if booking is None:
            if not mark.present:
                continue
            booking = Booking(
                tenant_id=tenant_id,
                child_id=mark.child_id,
                slot_id=slot.id,
                activity_id=slot.activity_id,
                registration_id=registrations.get(mark.child_id),
                date=day,
                status=BookingStatus.UNBOOKED,
                attendance=Attendance.PRESENT,
            )
            session.add(booking)
            changed.append(booking)
        elif _apply(booking, mark.present):
            booking.updated_at = now
            changed.append(booking)
    await session.flush()
    return changed


async def _registrations(
    session: AsyncSession, slot: Slot, day: dt.date, child_ids: set[int]
) -> dict[int, int]:
    # A child present without booking may still be registered (then billed at its price).
    if not child_ids:
        return {}
    rows = await session.execute(
        select(Registration.child_id, Registration.id).where(
            Registration.activity_id == slot.activity_id,
            Registration.child_id.in_(child_ids),
            Registration.status == RegistrationStatus.ACTIVE,
            Registration.start_date <= day,
            Registration.end_date >= day,
        )
    )
    return {row.child_id: row.id for row in rows}
