"""A slot's capacity changed by an administrator.

Lowering it below the places already reserved on some future date is refused with those
dates (date, reserved, new capacity), unless the administrator asks to move the excess to
the waiting list. Then, per date, the last children to have booked (latest ``created_at``,
then highest id) leave their place first; they keep their priority: they stand at the head
of the waiting list, ahead of the children already waiting, in the order they had booked
(``waiting_since`` set just before the first waiting child's). Each status change is a
``planningChanged`` event for the family (written by the event log from the booking), and
each family gets one « booking_changed_by_town » mail listing its moved dates. The request
line that had given the place goes back to WAITING_LIST (with a step in its request's
history), so that the promotion that later gives the place back finds it, marks it
accepted again and mails the family, as for any child promoted from the waiting list.

Raising it gives the new places to waiting children at once when the activity promotes
its waiting list automatically (``waiting_list.promote_waiting``: first come, first
served, families mailed); otherwise staff promote them as usual.

Places per occurrence are ``bookings.facts.places_of`` (the slot's, else the activity's):
the one statement of the rule the engine and the capacity path use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.bookings.capacity import lock_slot
from domain.bookings.decisions.waiting_list import promote_waiting
from domain.bookings.facts import places_of
from domain.catalogue.codes import CAPACITY_BELOW_RESERVED, INVALID_VALUE
from domain.catalogue.common import Actor
from domain.catalogue.occupancy import AffectedDate, AffectedDatesFailure, french_dates
from domain.catalogue.slots import slot_of
from domain.catalogue.town_change_mails import (
    OUTCOME_MOVED,
    TownChange,
    capacity_label,
    mail_town_changes,
)
from domain.requests.history import record_step
from kernel.results import Problem, fail
from models import Activity, Booking, Request, RequestLine, Slot
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineAction, RequestLineStatus

CHANGED = "slot.capacity_changed"
MOVED_MESSAGE = (
    "Places réduites par la collectivité : l'enfant est placé en tête de la liste d'attente."
)


@dataclass(frozen=True, slots=True)
class _Places:
    capacity: int | None


@dataclass(slots=True)
class CapacityChange:
    """What the change did: the slot, the bookings moved to the waiting list and those
    promoted from it."""

    slot: Slot
    moved: list[Booking] = field(default_factory=list)
    promoted: list[Booking] = field(default_factory=list)


async def _counts(
    session: AsyncSession, slot_id: int, status: BookingStatus, today: dt.date
) -> dict[dt.date, int]:
    rows = await session.execute(
        select(Booking.date, func.count())
        .where(Booking.slot_id == slot_id, Booking.date >= today, Booking.status == status)
        .group_by(Booking.date)
    )
    return {day: int(count) for day, count in rows}


async def _move_excess(
    session: AsyncSession, slot_id: int, day: dt.date, excess: int, now: dt.datetime
) -> list[Booking]:
    reserved = list(
        await session.scalars(
            select(Booking)
            .where(
                Booking.slot_id == slot_id,
                Booking.date == day,
                Booking.status == BookingStatus.RESERVED,
            )
            .order_by(Booking.created_at.desc(), Booking.id.desc())
            .limit(excess)
        )
    )
    head = await session.scalar(
        select(func.min(Booking.waiting_since)).where(
            Booking.slot_id == slot_id,
            Booking.date == day,
            Booking.status == BookingStatus.WAITING_LIST,
        )
    )
    head = head or now
    moved = sorted(reserved, key=lambda b: (b.created_at, b.id))
    for rank, booking in enumerate(moved):
        # Ahead of every waiting child, in the order they had booked.
        ahead = head - dt.timedelta(seconds=len(moved) - rank)
        booking.status = BookingStatus.WAITING_LIST
        booking.waiting_since = min(booking.created_at, ahead)
        booking.updated_at = now
    return moved


async def _lines_back_to_waiting(
    session: AsyncSession, moved: list[Booking], actor_account_id: int | None, now: dt.datetime
) -> None:
    """The accepted reservation line of each moved booking waits again (see the module doc);
    a booking made without a request (by staff) has none and is left as it is."""
    for booking in moved:
        line = await session.scalar(
            select(RequestLine)
            .where(
                RequestLine.tenant_id == booking.tenant_id,
                RequestLine.status == RequestLineStatus.ACCEPTED,
                RequestLine.action == RequestLineAction.RESERVE,
                or_(
                    RequestLine.booking_id == booking.id,
                    (RequestLine.child_id == booking.child_id)
                    & (RequestLine.slot_id == booking.slot_id)
                    & (RequestLine.date == booking.date),
                ),
            )
            .order_by(RequestLine.id.desc())
            .limit(1)
        )
        if line is None:
            continue
        line.status = RequestLineStatus.WAITING_LIST
        line.booking_id = booking.id
        line.message = MOVED_MESSAGE
        request = await session.get(Request, line.request_id)
        if request is not None:
            record_step(
                session,
                request,
                HistoryStep.LINE_DECIDED,
                request.status,
                actor_account_id=actor_account_id,
                now=now,
                note=f"Places réduites le {booking.date:%d/%m/%Y} : en tête de la liste d'attente",
                lines=[line],
            )


async def change_slot_capacity(
    session: AsyncSession,
    actor: Actor,
    slot_id: int | None,
    capacity: int | None,
    *,
    move_excess_to_waiting_list: bool,
    today: dt.date,
    now: dt.datetime,
) -> CapacityChange:
    """Set the slot's own capacity (None: the activity's applies); see the module doc."""
    slot = await slot_of(session, actor.tenant_id, slot_id)
    if capacity is not None and capacity < 0:
        raise fail(
            INVALID_VALUE,
            "La capacité doit être positive ou nulle (vide : celle de l'activité).",
            "capacity",
        )
    if capacity == slot.capacity:
        return CapacityChange(slot)  # nothing changes, nothing to record
    await lock_slot(session, slot.id)  # the counts below are then the committed state
    activity = await session.get(Activity, slot.activity_id)
    assert activity is not None
    old_places = places_of(slot, activity)
    new_places = places_of(_Places(capacity), activity)
    reserved = await _counts(session, slot.id, BookingStatus.RESERVED, today)
    over = {
        day: count
        for day, count in sorted(reserved.items())
        if new_places is not None and count > new_places
    }
    if over and not move_excess_to_waiting_list:
        waiting = await _counts(session, slot.id, BookingStatus.WAITING_LIST, today)
        raise AffectedDatesFailure(
            Problem(
                CAPACITY_BELOW_RESERVED,
                f"Plus d'enfants ont déjà une place que la nouvelle capacité ({new_places}) "
                f"n'en offre, le {french_dates(over)} : choisissez de placer les derniers "
                "inscrits en liste d'attente, ou gardez une capacité plus grande.",
                ("capacity",),
            ),
            [
                AffectedDate(day, count, waiting.get(day, 0), new_places)
                for day, count in over.items()
            ],
        )
    if over and not activity.waiting_list_enabled:
        raise fail(
            INVALID_VALUE,
            "Cette activité n'a pas de liste d'attente : les enfants en trop ne peuvent pas "
            "y être placés.",
            "moveExcessToWaitingList",
        )
    before = slot.capacity
    slot.capacity = capacity
    result = CapacityChange(slot)
    assert new_places is not None or not over
    for day, count in over.items():
        result.moved += await _move_excess(session, slot.id, day, count - (new_places or 0), now)
    await _lines_back_to_waiting(session, result.moved, actor.account_id, now)
    await session.flush()
    raised = old_places is not None and (new_places is None or new_places > old_places)
    if raised and activity.auto_promote_waiting_list:
        waiting_days = await _counts(session, slot.id, BookingStatus.WAITING_LIST, today)
        for day in sorted(waiting_days):
            result.promoted += await promote_waiting(
                session, slot_id=slot.id, date=day, actor_account_id=actor.account_id, now=now
            )
    record_change(
        session,
        tenant_id=actor.tenant_id,
        actor_account_id=actor.account_id,
        action=CHANGED,
        object_type="Slot",
        object_id=slot.id,
        before={"capacity": before},
        after={
            "capacity": capacity,
            "moved_to_waiting_list": [b.id for b in result.moved],
            "promoted": [b.id for b in result.promoted],
        },
    )
    await session.flush()
    if result.moved:
        await mail_town_changes(
            session,
            actor.tenant_id,
            capacity_label(slot, new_places or 0),
            [TownChange(booking, OUTCOME_MOVED, waiting=True) for booking in result.moved],
        )
    return result
