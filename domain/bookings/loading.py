"""Everything the rules need to judge a reservation or absence request, loaded in a handful
of statements inside the request's transaction.

The same facts as the planning (``resolvers.planning`` — registrations × slots × opening
days, bookings, pending lines; its statements are in ``holdings``), read through the
transaction's session rather than the request's read-only database access, so that the
judgement and the writes it leads to see one consistent state; plus what the planning does
not need: the children's grade and birth date (eligibility), all their registrations to the
activity (to tell « not registered » from « outside the registration period »), the
bookings and pending lines of the activity's exclusivity group, and the places taken when a
full slot must be refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.engine import Facts
from domain.bookings.facts import ActivityRules, activity_rules, holdings_window, places_of
from domain.bookings.holdings import OPEN_REQUESTS
from domain.calendar.facts import load_calendar
from models import (
    Activity,
    Booking,
    Child,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from models.booking import BookingStatus
from models.registration import RegistrationStatus
from models.request import RequestLineStatus

OccurrenceKey = tuple[int, int, dt.date]  # child, slot, date


@dataclass
class Situation:
    """The state a request is judged against (children and slots in display order): the
    rule engine's ``facts``, plus the ORM rows the writes need."""

    timezone: ZoneInfo
    activity: Activity
    slots: list[Slot]
    children: list[Child]
    registrations: dict[int, list[Registration]]  # ACTIVE ones to the activity, by child
    bookings: dict[OccurrenceKey, Booking]  # on the activity's slots
    facts: Facts
    rules: ActivityRules

    @property
    def holidays(self) -> frozenset[dt.date]:
        """Public holidays, for working-day deadlines."""
        return self.facts.calendar.holidays


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
    deciding: int | None = None,
) -> Situation:
    """Load the rest of the facts for ``children`` × ``slots`` between two dates.

    ``with_counts``: also count the places taken per slot and date (a reservation: full
    slots are refused, or waiting-listed). ``deciding``: the request staff are deciding —
    its own pending lines are left out, and the other requests' pending lines only count
    as asked (PENDING_REQUEST), not as holding a slot of the exclusivity group or a day
    of the month: when staff decide, what holds is what is booked (the first ask accepted
    wins). The bookings and pending lines are read over the whole months when the
    activity limits the days per month.
    """
    tenant_id = activity.tenant_id
    child_ids = [c.id for c in children]
    rules = activity_rules(activity)
    registrations: dict[int, list[Registration]] = {c: [] for c in child_ids}
    facts = Facts(timezone, await load_calendar(session, tenant_id, start, end))
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
        facts.registrations.setdefault((registration.child_id, activity.id), []).append(
            (registration.start_date, registration.end_date)
        )
    group_ids = await _group_activity_ids(session, activity)
    group = activity.exclusivity_group
    own_slots = {s.id for s in slots}
    situation = Situation(
        timezone=timezone,
        activity=activity,
        slots=slots,
        children=children,
        registrations=registrations,
        bookings={},
        facts=facts,
        rules=rules,
    )
    first, last = holdings_window(start, end, [rules])
    for booking in await session.scalars(
        select(Booking).where(
            Booking.tenant_id == tenant_id,
            Booking.child_id.in_(child_ids),
            Booking.activity_id.in_(group_ids),
            Booking.date >= first,
            Booking.date <= last,
        )
    ):
        if booking.slot_id in own_slots:
            situation.bookings[(booking.child_id, booking.slot_id, booking.date)] = booking
        facts.add_booking(
            booking.child_id,
            booking.slot_id,
            booking.activity_id,
            group,
            booking.date,
            booking.status,
        )
    for line in await session.execute(
        select(
            RequestLine.child_id,
            RequestLine.slot_id,
            RequestLine.activity_id,
            RequestLine.date,
            RequestLine.action,
        )
        .join(Request, Request.id == RequestLine.request_id)
        .where(
            RequestLine.tenant_id == tenant_id,
            RequestLine.child_id.in_(child_ids),
            RequestLine.activity_id.in_(group_ids),
            RequestLine.date >= first,
            RequestLine.date <= last,
            RequestLine.status == RequestLineStatus.PENDING,
            Request.status.in_(OPEN_REQUESTS),
            *([] if deciding is None else [RequestLine.request_id != deciding]),
        )
    ):
        facts.add_pending(
            line.child_id,
            line.slot_id,
            line.activity_id,
            group,
            line.date,
            line.action,
            holds=deciding is None,
        )
    limited = [s.id for s in slots if places_of(s, activity) is not None]
    if with_counts and limited:
        facts.reserved = {
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
