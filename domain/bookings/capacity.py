"""Places of a slot occurrence: taking one (reserve or wait) and freeing one.

Capacity is the number of RESERVED bookings a slot may hold on one date: the slot's own
``capacity`` when set, else the activity's, ``None`` meaning unlimited. The check "count the
reserved bookings, then add one" must never let two writers both see the last free place,
or a town would seat 21 children in a room for 20 — the Thursday-evening peak makes that
a real race, not a theoretical one. So the count runs only once this transaction owns the
slot for writing:

- on PostgreSQL, ``SELECT … FROM slot WHERE id = :id FOR UPDATE`` locks the slot row; any
  other transaction taking a place on the same slot waits at that statement until we commit
  or roll back, and (READ COMMITTED) its count then sees our booking;
- on SQLite, ``FOR UPDATE`` does not exist. SQLite allows a single writer at a time, and the
  driver only opens the transaction (``BEGIN`` DEFERRED) at the first write, so a count run
  before any write could read a stale state. We therefore *touch* the slot row first
  (``UPDATE slot SET capacity = capacity WHERE id = :id``, a no-op write): it takes the
  database write lock (waiting up to ``busy_timeout`` if another writer holds it), which we
  keep until commit. The count that follows runs inside that write transaction, and no
  other writer can commit in between — ``BEGIN IMMEDIATE`` semantics, reached from a
  deferred transaction.

The staff side (acceptance of pending lines, waiting-list promotion) calls the same two
functions, so every path to a reserved place goes through this one check.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.results import fail
from models import Activity, Booking, Slot
from models.booking import BookingStatus

SLOT_FULL = "SLOT_FULL"

FREED_STATUSES = frozenset(
    {BookingStatus.CANCELLED, BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED}
)


async def lock_slot(session: AsyncSession, slot_id: int) -> Slot:
    """Own the slot for writing until commit, so counting its places is race-free.

    PostgreSQL: row lock with ``SELECT … FOR UPDATE``. SQLite: a no-op ``UPDATE`` of the
    slot row, which takes the database write lock before we count (see the module doc).
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Slot)
            .where(Slot.id == slot_id)
            .values(capacity=Slot.capacity)
            .execution_options(synchronize_session=False)
        )
        # The no-op update changed nothing: the identity map's copy (if any) is current.
        slot = await session.get(Slot, slot_id)
    else:
        slot = await session.scalar(select(Slot).where(Slot.id == slot_id).with_for_update())
    if slot is None:
        raise fail("NOT_FOUND", "Ce créneau n'existe pas.")
    return slot


async def reserved_count(session: AsyncSession, *, slot_id: int, date: dt.date) -> int:
    """How many places of the slot are taken on that date (RESERVED bookings)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.slot_id == slot_id,
            Booking.date == date,
            Booking.status == BookingStatus.RESERVED,
        )
    )
    return int(count or 0)


def slot_capacity(slot: Slot, activity: Activity) -> int | None:
    """Places per occurrence: the slot's override, else the activity's; None = unlimited."""
    return slot.capacity if slot.capacity is not None else activity.capacity


async def take_place(
    session: AsyncSession,
    *,
    tenant_id: int,
    child_id: int,
    slot_id: int,
    activity_id: int,
    registration_id: int | None,
    date: dt.date,
    now: dt.datetime,
) -> BookingStatus:
    """Reserve the child's place on the slot and date, or put the child on the waiting list.

    Creates or updates the Booking row of child × slot × date: RESERVED if a place is free
    (capacity = slot.capacity or activity.capacity; None = unlimited; places taken = RESERVED
    bookings of that slot and date), else WAITING_LIST with ``waiting_since=now`` when the
    activity's waiting list is enabled, else raises ``DomainFailure`` with code SLOT_FULL
    (the caller's transaction then rolls back, or the caller reports the line as rejected).

    Concurrency-safe: the slot is locked for writing before counting (PostgreSQL row lock
    ``SELECT … FOR UPDATE``; SQLite write lock taken by a no-op update — module doc), so
    under any number of concurrent callers there are never more reservations than places.
    A booking already RESERVED stays RESERVED (idempotent); one already on the waiting list
    keeps its rank unless a place is free.
    """
    slot = await lock_slot(session, slot_id)
    activity = await session.get(Activity, activity_id)
    if slot.tenant_id != tenant_id or activity is None or activity.tenant_id != tenant_id:
        raise fail("NOT_FOUND", "Cette activité n'existe pas.")
    booking = await session.scalar(
        select(Booking).where(
            Booking.child_id == child_id, Booking.slot_id == slot_id, Booking.date == date
        )
    )
    if booking is not None and booking.status == BookingStatus.RESERVED:
        return BookingStatus.RESERVED
    capacity = slot_capacity(slot, activity)
    if capacity is None or await reserved_count(session, slot_id=slot_id, date=date) < capacity:
        status = BookingStatus.RESERVED
        waiting_since = None
    elif activity.waiting_list_enabled:
        status = BookingStatus.WAITING_LIST
        keeps_rank = booking is not None and booking.status == BookingStatus.WAITING_LIST
        waiting_since = booking.waiting_since if keeps_rank and booking else now
    else:
        raise fail(
            SLOT_FULL,
            f"Plus aucune place n'est disponible sur ce créneau le {date:%d/%m/%Y}.",
        )
    if booking is None:
        booking = Booking(
            tenant_id=tenant_id,
            child_id=child_id,
            slot_id=slot_id,
            activity_id=activity_id,
            date=date,
        )
        session.add(booking)
    booking.registration_id = registration_id
    booking.status = status
    booking.waiting_since = waiting_since
    booking.attendance = None
    booking.absence_justified = False
    await session.flush()
    return status


async def free_place(
    session: AsyncSession, *, booking: Booking, new_status: BookingStatus, now: dt.datetime
) -> None:
    """Give up a reserved (or waiting) place: the booking becomes CANCELLED, ABSENT or
    ABSENT_BILLED.

    Only the booking changes here; promoting the first child of the waiting list into the
    freed place is the staff side's job (``domain.booking_decisions``), which calls
    ``take_place`` for that child. ``now`` stamps ``updated_at`` so the change is dated
    consistently with the request that caused it.
    """
    if new_status not in FREED_STATUSES:
        raise ValueError(f"free_place cannot set {new_status}")
    booking.status = new_status
    booking.waiting_since = None
    booking.updated_at = now
    await session.flush()
