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

A parent's period reservation takes many places at once: ``take_places`` locks every slot
of the request in one statement (ascending ids, so two such requests cannot deadlock),
reads the bookings and the places taken of all its dates in one statement each, decides in
memory in the request's order, and writes the bookings in one flush — a constant number
of statements whatever the number of dates. ``take_place`` is ``take_places`` for one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from domain.bookings.facts import places_of
from kernel.results import fail
from models import (
    Activity,
    Booking,
    Event,
    OccurrenceAction,
    RequestHistory,
    RequestLine,
    Slot,
)
from models.booking import BookingStatus
from models.sqlite_batch import number_new_rows

SLOT_FULL = "SLOT_FULL"
_LOCKED = "creneau_locked_slots"  # session.info: ids of the slots this transaction locked

FREED_STATUSES = frozenset(
    {BookingStatus.CANCELLED, BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED}
)


async def lock_slot(session: AsyncSession, slot_id: int) -> Slot:
    """Own the slot for writing until commit, so counting its places is race-free.

    PostgreSQL: row lock with ``SELECT … FOR UPDATE``. SQLite: a no-op ``UPDATE`` of the
    slot row, which takes the database write lock before we count (see the module doc).
    """
    return (await lock_slots(session, [slot_id]))[slot_id]


async def lock_slots(session: AsyncSession, slot_ids: Iterable[int]) -> dict[int, Slot]:
    """``lock_slot`` for several slots in one statement (ascending ids: no deadlock between
    two callers locking overlapping sets); raises NOT_FOUND if one does not exist."""
    ids = sorted(set(slot_ids))
    slots: dict[int, Slot] = {}
    locked: set[int] = session.sync_session.info.setdefault(_LOCKED, set())
    if locked.issuperset(ids):
        # Locked earlier in this transaction (e.g. by the calendar re-check): held until it
        # ends, so no second statement; the rows are those read under the lock.
        for slot_id in ids:
            found = await session.get(Slot, slot_id)
            if found is not None:
                slots[slot_id] = found
    elif session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Slot)
            .where(Slot.id.in_(ids))
            .values(capacity=Slot.capacity)
            .execution_options(synchronize_session=False)
        )
        # The no-op update changed nothing: the identity map's copies (if any) are current
        # (``get`` reads them without a statement; the request path has loaded them).
        for slot_id in ids:
            found = await session.get(Slot, slot_id)
            if found is not None:
                slots[slot_id] = found
    else:
        rows = await session.scalars(
            select(Slot)
            .where(Slot.id.in_(ids))
            .order_by(Slot.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        slots = {slot.id: slot for slot in rows}
    if len(slots) != len(ids):
        raise fail("NOT_FOUND", "Ce créneau n'existe pas.")
    locked.update(ids)
    return slots


@event.listens_for(Session, "after_transaction_end")
def _forget_locked_slots(session: Session, transaction: SessionTransaction) -> None:
    """Locks end with the transaction (or the savepoint rolled back: forgotten with any)."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(_LOCKED, None)


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


@dataclass(frozen=True, slots=True)
class PlaceWanted:
    """A child's place asked for on a slot and date (with the registration covering it)."""

    child_id: int
    slot_id: int
    date: dt.date
    registration_id: int | None


@dataclass(frozen=True, slots=True)
class PlaceTaken:
    """What a wanted place became: RESERVED or WAITING_LIST with its booking, or nothing
    (``status`` None) when the slot is full and the activity keeps no waiting list."""

    status: BookingStatus | None
    booking: Booking | None


async def take_places(
    session: AsyncSession,
    *,
    tenant_id: int,
    activity: Activity,
    wanted: Sequence[PlaceWanted],
    now: dt.datetime,
) -> list[PlaceTaken]:
    """Reserve each wanted place, or put the child on the waiting list — in order, as if
    ``take_place`` had been called for each, in a constant number of statements.

    Every slot is locked first (``lock_slots``); the bookings of the children on those
    slots and dates, and the RESERVED count per slot and date, are then read once (after
    the lock, so they are the committed state) and updated in memory as places are taken;
    the new or changed bookings are written by one flush. All slots must belong to
    ``activity`` (checked), which must be the tenant's.
    """
    if activity.tenant_id != tenant_id:
        raise fail("NOT_FOUND", "Cette activité n'existe pas.")
    if not wanted:
        return []
    slots = await lock_slots(session, [w.slot_id for w in wanted])
    # Locked: on SQLite the transaction holds the write lock, so its new rows (bookings,
    # then their lines, events and history) can be numbered and inserted together.
    number_new_rows(
        session.sync_session, ahead=(Booking, RequestLine, Event, OccurrenceAction, RequestHistory)
    )
    if any(s.tenant_id != tenant_id or s.activity_id != activity.id for s in slots.values()):
        raise fail("NOT_FOUND", "Cette activité n'existe pas.")
    slot_ids = sorted(slots)
    child_ids = sorted({w.child_id for w in wanted})
    first, last = min(w.date for w in wanted), max(w.date for w in wanted)
    bookings: dict[tuple[int, int, dt.date], Booking] = {
        (b.child_id, b.slot_id, b.date): b
        for b in await session.scalars(
            select(Booking)
            .where(
                Booking.child_id.in_(child_ids),
                Booking.slot_id.in_(slot_ids),
                Booking.date >= first,
                Booking.date <= last,
            )
            .execution_options(populate_existing=True)
        )
    }
    limited = [i for i in slot_ids if places_of(slots[i], activity) is not None]
    taken: dict[tuple[int, dt.date], int] = {}
    if limited:
        taken = {
            (row.slot_id, row.date): int(row.taken)
            for row in await session.execute(
                select(Booking.slot_id, Booking.date, func.count().label("taken"))
                .where(
                    Booking.slot_id.in_(limited),
                    Booking.date >= first,
                    Booking.date <= last,
                    Booking.status == BookingStatus.RESERVED,
                )
                .group_by(Booking.slot_id, Booking.date)
            )
        }
    results: list[PlaceTaken] = []
    for want in wanted:
        key = (want.child_id, want.slot_id, want.date)
        booking = bookings.get(key)
        if booking is not None and booking.status == BookingStatus.RESERVED:
            results.append(PlaceTaken(BookingStatus.RESERVED, booking))
            continue
        capacity = places_of(slots[want.slot_id], activity)
        places = (want.slot_id, want.date)
        if capacity is None or taken.get(places, 0) < capacity:
            status = BookingStatus.RESERVED
            waiting_since = None
            taken[places] = taken.get(places, 0) + 1
        elif activity.waiting_list_enabled:
            status = BookingStatus.WAITING_LIST
            keeps_rank = booking is not None and booking.status == BookingStatus.WAITING_LIST
            waiting_since = booking.waiting_since if keeps_rank and booking else now
        else:
            results.append(PlaceTaken(None, None))
            continue
        if booking is None:
            booking = Booking(
                tenant_id=tenant_id,
                child_id=want.child_id,
                slot_id=want.slot_id,
                activity_id=activity.id,
                date=want.date,
            )
            session.add(booking)
            bookings[key] = booking
        booking.registration_id = want.registration_id
        booking.status = status
        booking.waiting_since = waiting_since
        booking.attendance = None
        booking.absence_justified = False
        results.append(PlaceTaken(status, booking))
    await session.flush()
    return results


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
    activity = await session.get(Activity, activity_id)
    if activity is None or activity.tenant_id != tenant_id:
        raise fail("NOT_FOUND", "Cette activité n'existe pas.")
    (place,) = await take_places(
        session,
        tenant_id=tenant_id,
        activity=activity,
        wanted=[PlaceWanted(child_id, slot_id, date, registration_id)],
        now=now,
    )
    if place.status is None:
        raise fail(
            SLOT_FULL,
            f"Plus aucune place n'est disponible sur ce créneau le {date:%d/%m/%Y}.",
        )
    return place.status


async def free_place(
    session: AsyncSession, *, booking: Booking, new_status: BookingStatus, now: dt.datetime
) -> None:
    """Give up a reserved (or waiting) place: the booking becomes CANCELLED, ABSENT or
    ABSENT_BILLED.

    Only the booking changes here; promoting the first child of the waiting list into the
    freed place is the staff side's job (``domain.bookings.decisions``), which calls
    ``take_place`` for that child. ``now`` stamps ``updated_at`` so the change is dated
    consistently with the request that caused it.
    """
    if new_status not in FREED_STATUSES:
        raise ValueError(f"free_place cannot set {new_status}")
    booking.status = new_status
    booking.waiting_since = None
    booking.updated_at = now
    await session.flush()
