"""Everything the rules need to judge a reservation or absence request, loaded in a handful
of statements inside the request's transaction.

The same facts as the planning (``resolvers.planning`` — registrations × slots × opening
days, bookings, pending lines), read through the transaction's session rather than the
request's read-only database access, so that the judgement and the writes it leads to see
one consistent state; plus what the planning does not need: the children's grade and
birth date (eligibility), all their registrations to the activity (to tell « not
registered » from « outside the registration period »), the bookings and pending lines of
the activity's exclusivity group, and the places taken when a full slot must be refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import slot_capacity
from domain.french_calendar import public_holidays
from domain.opening_days import ClosedPeriod
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus

OPEN_REQUESTS = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
# Bookings that hold (or wait for) the child's place on a slot: they block another slot of
# the same exclusivity group that day.
HOLDING = (BookingStatus.RESERVED, BookingStatus.WAITING_LIST)
# Deadlines count working days before the first date: look at the calendar a month earlier.
_CALENDAR_MARGIN = dt.timedelta(days=31)

OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date


@dataclass
class Situation:
    """The state a request is judged against (children and slots in display order)."""

    timezone: ZoneInfo
    activity: Activity
    slots: list[Slot]
    children: list[Child]
    registrations: dict[int, list[Registration]]  # ACTIVE ones to the activity, by child
    periods: list[tuple[ClosedPeriod, str]]  # with their labels (« Vacances de Noël »)
    holidays: frozenset[dt.date]  # public holidays, for working-day deadlines
    bookings: dict[OccurrenceKey, Booking]  # on the activity's slots
    pending: dict[OccurrenceKey, RequestLineAction]  # open lines on the activity's slots
    # (child, date) → slots of the exclusivity group held or asked for that day.
    group_taken: dict[tuple[int, dt.date], set[int]] = field(default_factory=dict)
    # (slot, date) → RESERVED count; only loaded when a full slot is refused at once.
    reserved: dict[tuple[int, dt.date], int] | None = None


async def load_children(
    session: AsyncSession, tenant_id: int, family_id: int | None, child_ids: Sequence[int]
) -> dict[int, Child]:
    """The requested children that belong to the family (others are « introuvable »)."""
    if family_id is None or not child_ids:
        return {}
    rows = await session.scalars(
        select(Child).where(
            Child.tenant_id == tenant_id,
            Child.family_id == family_id,
            Child.id.in_(sorted(set(child_ids))),
        )
    )
    return {child.id: child for child in rows}


async def load_activity(session: AsyncSession, tenant_id: int, activity_id: int) -> Activity | None:
    """The activity, if it is the tenant's and still runs."""
    return await session.scalar(
        select(Activity).where(
            Activity.tenant_id == tenant_id,
            Activity.id == activity_id,
            Activity.is_active.is_(True),
        )
    )


async def load_slots(
    session: AsyncSession, activity: Activity, start: dt.date, end: dt.date
) -> list[Slot]:
    """The activity's slots valid at some point of [start, end], by weekday and time."""
    rows = await session.scalars(
        select(Slot)
        .where(
            Slot.tenant_id == activity.tenant_id,
            Slot.activity_id == activity.id,
            Slot.valid_from <= end,
            or_(Slot.valid_to.is_(None), Slot.valid_to >= start),
        )
        .order_by(Slot.weekday, Slot.start_time, Slot.id)
    )
    return list(rows)


async def _calendar(
    session: AsyncSession, tenant_id: int, start: dt.date, end: dt.date
) -> tuple[list[tuple[ClosedPeriod, str]], frozenset[dt.date]]:
    first = start - _CALENDAR_MARGIN
    periods: list[tuple[ClosedPeriod, str]] = []
    holidays: set[dt.date] = set()
    for row in await session.execute(
        select(
            CalendarPeriod.kind,
            CalendarPeriod.start_date,
            CalendarPeriod.end_date,
            CalendarPeriod.establishment_id,
            CalendarPeriod.label,
        ).where(
            CalendarPeriod.tenant_id == tenant_id,
            CalendarPeriod.end_date >= first,
            CalendarPeriod.start_date <= end,
        )
    ):
        period = ClosedPeriod(row.kind, row.start_date, row.end_date, row.establishment_id)
        periods.append((period, row.label))
        if row.kind is CalendarPeriodKind.PUBLIC_HOLIDAY and row.establishment_id is None:
            day = row.start_date
            while day <= row.end_date:
                holidays.add(day)
                day += dt.timedelta(days=1)
    for year in range(first.year, end.year + 1):
        holidays.update(public_holidays(year))
    return periods, frozenset(holidays)


async def _group_activity_ids(session: AsyncSession, activity: Activity) -> list[int]:
    if activity.exclusivity_group is None:
        return [activity.id]
    ids = await session.scalars(
        select(Activity.id).where(
            Activity.tenant_id == activity.tenant_id,
            Activity.exclusivity_group == activity.exclusivity_group,
        )
    )
    return sorted(set(ids) | {activity.id})


async def load_situation(
    session: AsyncSession,
    *,
    timezone: ZoneInfo,
    activity: Activity,
    slots: list[Slot],
    children: list[Child],
    start: dt.date,
    end: dt.date,
    with_counts: bool,
) -> Situation:
    """Load the rest of the facts for ``children`` × ``slots`` between two dates.

    ``with_counts``: also count the places taken per slot and date (needed when a full
    slot is refused at once rather than left to staff or the waiting list).
    """
    tenant_id = activity.tenant_id
    child_ids = [c.id for c in children]
    registrations: dict[int, list[Registration]] = {c: [] for c in child_ids}
    for registration in await session.scalars(
        select(Registration)
        .where(
            Registration.tenant_id == tenant_id,
            Registration.activity_id == activity.id,
            Registration.child_id.in_(child_ids),
            Registration.status == RegistrationStatus.ACTIVE,
        )
        .order_by(Registration.start_date)
    ):
        registrations[registration.child_id].append(registration)
    periods, holidays = await _calendar(session, tenant_id, start, end)
    group_ids = await _group_activity_ids(session, activity)
    own_slots = {s.id for s in slots}
    situation = Situation(
        timezone=timezone,
        activity=activity,
        slots=slots,
        children=children,
        registrations=registrations,
        periods=periods,
        holidays=holidays,
        bookings={},
        pending={},
    )
    grouped = activity.exclusivity_group is not None
    for booking in await session.scalars(
        select(Booking).where(
            Booking.tenant_id == tenant_id,
            Booking.child_id.in_(child_ids),
            Booking.activity_id.in_(group_ids),
            Booking.date >= start,
            Booking.date <= end,
        )
    ):
        if booking.slot_id in own_slots:
            situation.bookings[(booking.child_id, booking.slot_id, booking.date)] = booking
        if grouped and booking.status in HOLDING:
            situation.group_taken.setdefault((booking.child_id, booking.date), set()).add(
                booking.slot_id
            )
    for line in await session.execute(
        select(RequestLine.child_id, RequestLine.slot_id, RequestLine.date, RequestLine.action)
        .join(Request, Request.id == RequestLine.request_id)
        .where(
            RequestLine.tenant_id == tenant_id,
            RequestLine.child_id.in_(child_ids),
            RequestLine.activity_id.in_(group_ids),
            RequestLine.date >= start,
            RequestLine.date <= end,
            RequestLine.status == RequestLineStatus.PENDING,
            Request.status.in_(OPEN_REQUESTS),
        )
    ):
        if line.slot_id in own_slots:
            situation.pending[(line.child_id, line.slot_id, line.date)] = line.action
        if grouped and line.action is RequestLineAction.RESERVE:
            situation.group_taken.setdefault((line.child_id, line.date), set()).add(line.slot_id)
    limited = [s.id for s in slots if slot_capacity(s, activity) is not None]
    if with_counts and limited:
        situation.reserved = {
            (row.slot_id, row.date): int(row.taken)
            for row in await session.execute(
                select(Booking.slot_id, Booking.date, func.count().label("taken"))
                .where(
                    Booking.slot_id.in_(limited),
                    Booking.date >= start,
                    Booking.date <= end,
                    Booking.status == BookingStatus.RESERVED,
                )
                .group_by(Booking.slot_id, Booking.date)
            )
        }
    return situation
