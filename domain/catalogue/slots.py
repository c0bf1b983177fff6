"""Weekly slots (créneaux): created inside the activity's school year, closed from a date.

A slot is never deleted once anything points at it (a booking, a request line): it is
closed from a date (``valid_to`` = the day before). Closing it under children who hold a
place or wait for one on or after that date is refused with those dates, unless the
administrator asks to cancel them: their bookings become CANCELLED (never billed), which
the event log turns into ``planningChanged`` events for each family, and each family gets
one « booking_changed_by_town » mail listing its cancelled dates (dates still asked for
are refused as staff refuse them, with their own mail).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.bookings.decisions.decide import MAX_LINES, REFUSABLE_LINES, refuse_request
from domain.catalogue.activities import activity_of
from domain.catalogue.codes import (
    BOOKINGS_EXIST,
    DUPLICATE,
    INVALID_DATE,
    INVALID_STATE,
    INVALID_TIMES,
    INVALID_VALUE,
    NOT_FOUND,
    OUTSIDE_SCHOOL_YEAR,
)
from domain.catalogue.common import Actor, audit, raise_all
from domain.catalogue.occupancy import AffectedDate, AffectedDatesFailure, french_dates
from domain.catalogue.town_change_mails import (
    OUTCOME_CANCELLED,
    OUTCOME_LEFT_WAITING_LIST,
    TownChange,
    closing_label,
    mail_town_changes,
)
from domain.labels import WEEKDAY_LABELS
from kernel.results import Problem, fail
from models import Activity, Booking, RequestLine, SchoolYear, Slot
from models.activity import OperatingDays
from models.booking import BookingStatus
from models.request import RequestLineStatus

CREATED = "slot.created"
CLOSED = "slot.closed"
DELETED = "slot.deleted"
FIELDS = ("activity_id", "weekday", "start_time", "end_time", "valid_from", "valid_to", "capacity")
HELD = (BookingStatus.RESERVED, BookingStatus.WAITING_LIST)


@dataclass(frozen=True, slots=True)
class SlotValues:
    """What an administrator gives to create a slot (``valid_to`` None: to the end of
    the school year)."""

    activity_id: int | None
    weekday: int
    start_time: dt.time
    end_time: dt.time
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    capacity: int | None = None


def year_span(activity: Activity, year: SchoolYear) -> tuple[dt.date, dt.date]:
    """The dates an activity's slots may cover: the school year's days of classes, and the
    summer that follows for an activity that runs in the holidays (to 31 August)."""
    if activity.operating_days is OperatingDays.SCHOOL_DAYS:
        return year.start_date, year.end_date
    return year.start_date, dt.date(year.end_date.year, 8, 31)


def slot_dates(activity: Activity, year: SchoolYear, values: SlotValues) -> tuple[dt.date, dt.date]:
    """The slot's first and last dates (defaults: the year's span), once its weekday,
    times, capacity and dates are checked: what ``create_slot`` writes, and what the demo
    loader builds its slots with (``DomainFailure`` when something is wrong)."""
    first, last = year_span(activity, year)
    valid_from = values.valid_from or first
    valid_to = values.valid_to or last
    problems: list[Problem] = []
    if not 1 <= values.weekday <= 7:
        problems.append(
            Problem(INVALID_VALUE, "Le jour doit aller de 1 (lundi) à 7.", ("weekday",))
        )
    if values.end_time <= values.start_time:
        problems.append(
            Problem(INVALID_TIMES, "L'heure de fin doit suivre l'heure de début.", ("endTime",))
        )
    if values.capacity is not None and values.capacity < 0:
        problems.append(
            Problem(INVALID_VALUE, "La capacité doit être positive ou nulle.", ("capacity",))
        )
    span = f"du {first:%d/%m/%Y} au {last:%d/%m/%Y}"
    if not first <= valid_from <= last:
        problems.append(
            Problem(
                OUTSIDE_SCHOOL_YEAR,
                f"Le créneau doit commencer dans l'année scolaire ({span}).",
                ("validFrom",),
            )
        )
    if not first <= valid_to <= last:
        problems.append(
            Problem(
                OUTSIDE_SCHOOL_YEAR,
                f"Le créneau doit finir dans l'année scolaire ({span}).",
                ("validTo",),
            )
        )
    elif valid_to < valid_from:
        problems.append(
            Problem(INVALID_DATE, "La date de fin précède la date de début.", ("validTo",))
        )
    raise_all(problems)
    return valid_from, valid_to


async def slot_of(session: AsyncSession, tenant_id: int, slot_id: int | None) -> Slot:
    """The tenant's slot, or NOT_FOUND."""
    row = None
    if slot_id is not None:
        row = await session.scalar(
            select(Slot).where(Slot.tenant_id == tenant_id, Slot.id == slot_id)
        )
    if row is None:
        raise fail(NOT_FOUND, "Créneau introuvable.", "slot")
    return row


async def create_slot(session: AsyncSession, actor: Actor, values: SlotValues) -> Slot:
    """A new weekly slot of an active activity, inside its school year; refused when the
    activity already has a slot on that weekday and start time over overlapping dates."""
    activity = await activity_of(session, actor.tenant_id, values.activity_id)
    if not activity.is_active:
        raise fail(INVALID_STATE, "Cette activité est fermée.", "activity")
    year = await session.get(SchoolYear, activity.school_year_id)
    assert year is not None
    valid_from, valid_to = slot_dates(activity, year, values)
    clash = await session.scalar(
        select(Slot.id).where(
            Slot.activity_id == activity.id,
            Slot.weekday == values.weekday,
            Slot.start_time < values.end_time,
            Slot.end_time > values.start_time,
            or_(Slot.valid_to.is_(None), Slot.valid_to >= valid_from),
            Slot.valid_from <= valid_to,
        )
    )
    if clash is not None:
        raise fail(
            DUPLICATE,
            "Cette activité a déjà un créneau ce jour-là à ces heures sur ces dates.",
            "startTime",
        )
    row = Slot(
        tenant_id=actor.tenant_id,
        activity_id=activity.id,
        weekday=values.weekday,
        start_time=values.start_time,
        end_time=values.end_time,
        valid_from=valid_from,
        valid_to=valid_to,
        capacity=values.capacity,
    )
    session.add(row)
    await session.flush()
    audit(session, actor, CREATED, row, FIELDS)
    await session.flush()
    return row


@dataclass(frozen=True, slots=True)
class SlotClosure:
    """What closing a slot did: the slot (None when it was removed, never having been
    used) and the bookings cancelled."""

    slot: Slot | None
    cancelled: list[Booking]


async def held_bookings(session: AsyncSession, slot_id: int, since: dt.date) -> list[Booking]:
    """RESERVED and WAITING_LIST bookings of the slot on or after ``since``, by date."""
    return list(
        await session.scalars(
            select(Booking)
            .where(Booking.slot_id == slot_id, Booking.date >= since, Booking.status.in_(HELD))
            .order_by(Booking.date, Booking.id)
        )
    )


async def _used(session: AsyncSession, slot_id: int) -> bool:
    used = await session.scalar(
        select(
            exists().where(Booking.slot_id == slot_id)
            | exists().where(RequestLine.slot_id == slot_id)
        )
    )
    return bool(used)


async def open_lines(session: AsyncSession, slot_id: int, since: dt.date) -> list[RequestLine]:
    """Request lines of the slot on or after ``since`` still open to a decision: pending
    dates and dates on the waiting list, by request."""
    return list(
        await session.scalars(
            select(RequestLine)
            .where(
                RequestLine.slot_id == slot_id,
                RequestLine.date >= since,
                RequestLine.status.in_(REFUSABLE_LINES),
            )
            .order_by(RequestLine.request_id, RequestLine.id)
        )
    )


async def _refuse_open_lines(
    session: AsyncSession,
    actor: Actor,
    slot: Slot,
    lines: list[RequestLine],
    since: dt.date,
    now: dt.datetime,
) -> None:
    """Staff's refusal of each open date, as requestRefuse does it: the request's history,
    the family's mail (« Accusé de traitement »), a waiting child leaving the list."""
    if actor.account_id is None:
        raise ValueError("closing a slot with open requests needs an administrator")
    message = (
        f"Le créneau du {WEEKDAY_LABELS[slot.weekday - 1]} {slot.start_time:%H:%M} ne "
        f"fonctionne plus à partir du {since:%d/%m/%Y}."
    )
    by_request: dict[int, list[int | None]] = defaultdict(list)
    for line in lines:
        by_request[line.request_id].append(line.id)
    for request_id, line_ids in by_request.items():
        for start in range(0, len(line_ids), MAX_LINES):
            await refuse_request(
                session,
                tenant_id=actor.tenant_id,
                request_id=request_id,
                line_ids=line_ids[start : start + MAX_LINES],
                account_id=actor.account_id,
                message=message,
                now=now,
            )


async def close_slot(
    session: AsyncSession,
    actor: Actor,
    slot_id: int | None,
    since: dt.date,
    *,
    cancel_bookings: bool,
    today: dt.date,
    now: dt.datetime,
) -> SlotClosure:
    """Close the slot from ``since`` (today or later): ``valid_to`` = the day before.

    Children holding a place, waiting for one, or asked for on or after ``since`` stop it
    (BOOKINGS_EXIST, with their dates) unless ``cancel_bookings``: the dates still asked
    for or waiting are refused as staff refuse them (the family is mailed), the places
    held are cancelled (CANCELLED, not billed; each family's planning changes). A slot
    nothing ever pointed at, closed from its first day, is removed.
    """
    slot = await slot_of(session, actor.tenant_id, slot_id)
    if since < today:
        raise fail(INVALID_DATE, "Un créneau ne se ferme pas dans le passé.", "from")
    if slot.valid_to is not None and since > slot.valid_to:
        raise fail(
            INVALID_STATE,
            f"Ce créneau s'arrête déjà le {slot.valid_to:%d/%m/%Y}.",
            "from",
        )
    held = await held_bookings(session, slot.id, since)
    lines = await open_lines(session, slot.id, since)
    if (held or lines) and not cancel_bookings:
        reserved = Counter(b.date for b in held if b.status is BookingStatus.RESERVED)
        waiting = Counter(b.date for b in held if b.status is BookingStatus.WAITING_LIST)
        pending = Counter(line.date for line in lines if line.status is RequestLineStatus.PENDING)
        dates = sorted({b.date for b in held} | {line.date for line in lines})
        raise AffectedDatesFailure(
            Problem(
                BOOKINGS_EXIST,
                f"Des enfants sont inscrits ou attendus sur ce créneau à partir de cette date "
                f"({french_dates(dates)}) : confirmez l'annulation de leurs réservations.",
                ("from",),
            ),
            [AffectedDate(d, reserved[d], waiting[d], None, pending[d]) for d in dates],
        )
    before = {"valid_to": slot.valid_to}
    if since <= slot.valid_from:
        if held or lines or await _used(session, slot.id):
            raise fail(
                INVALID_DATE,
                f"Ce créneau a déjà servi : il se ferme au plus tôt le lendemain de son "
                f"premier jour ({slot.valid_from:%d/%m/%Y}).",
                "from",
            )
        record_change(
            session,
            tenant_id=actor.tenant_id,
            actor_account_id=actor.account_id,
            action=DELETED,
            object_type="Slot",
            object_id=slot.id,
            before={"valid_from": slot.valid_from, "valid_to": slot.valid_to},
            after=None,
        )
        await session.delete(slot)
        await session.flush()
        return SlotClosure(None, [])
    if lines:
        await _refuse_open_lines(session, actor, slot, lines, since, now)
    cancelled = []
    changes: list[TownChange] = []
    for booking in held:
        await session.refresh(booking)  # a refused waiting date has left the list already
        if booking.status in HELD:
            # As ``capacity.free_place`` does, for many bookings in one flush; the event
            # log writes each family's planningChanged event from the status change.
            had_place = booking.status is BookingStatus.RESERVED
            booking.status = BookingStatus.CANCELLED
            booking.waiting_since = None
            booking.updated_at = now
            outcome = OUTCOME_CANCELLED if had_place else OUTCOME_LEFT_WAITING_LIST
            changes.append(TownChange(booking, outcome))
        cancelled.append(booking)
    slot.valid_to = since - dt.timedelta(days=1)
    record_change(
        session,
        tenant_id=actor.tenant_id,
        actor_account_id=actor.account_id,
        action=CLOSED,
        object_type="Slot",
        object_id=slot.id,
        before=before,
        after={
            "valid_to": slot.valid_to,
            "cancelled_bookings": [b.id for b in cancelled],
            "refused_request_lines": [line.id for line in lines],
        },
    )
    await session.flush()
    await mail_town_changes(session, actor.tenant_id, closing_label(slot, since), changes)
    return SlotClosure(slot, cancelled)
