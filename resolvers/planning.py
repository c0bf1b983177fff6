"""Loading the planning's rows in a constant number of statements, then expanding it.

Seven statements whatever the range and the number of children: children, registrations,
activities, slots, calendar periods, bookings, pending request lines. Core tuples, not ORM
objects: this is the hottest read of the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select

from domain.deadlines import DeadlineRule
from domain.french_calendar import public_holidays
from domain.opening_days import ClosedPeriod
from domain.planning import (
    ActivityFacts,
    BookingFacts,
    HistoryFacts,
    Occurrence,
    OccurrenceKey,
    RegistrationFacts,
    SlotFacts,
    expand_planning,
)
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    OccurrenceAction,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from models.base import utcnow
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus
from resolvers.context import Context

OPEN_REQUESTS = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)


async def visible_children(ctx: Context, child_ids: Sequence[int] | None) -> list[int]:
    """The children whose planning the viewer may read (parents: their own family)."""
    viewer = ctx.viewer
    stmt = select(Child.id).where(Child.tenant_id == ctx.tenant.id)
    if viewer.is_staff:
        if child_ids is None:
            return []  # staff name the children they want (no town-wide planning here)
    elif viewer.is_parent and viewer.family_id is not None:
        stmt = stmt.where(Child.family_id == viewer.family_id)
    else:
        return []
    if child_ids is not None:
        stmt = stmt.where(Child.id.in_(child_ids))
    return [row.id for row in await ctx.db.rows(stmt.order_by(Child.birth_date, Child.id))]


async def planning(
    ctx: Context,
    start: dt.date,
    end: dt.date,
    child_ids: Sequence[int] | None,
    activity_ids: Sequence[int] | None,
    *,
    with_history: bool = False,
) -> list[Occurrence]:
    """The planning of the visible children between two dates (with each occurrence's
    history of actions when asked: one more statement, whatever the range)."""
    children = await visible_children(ctx, child_ids)
    if not children:
        return []
    tenant_id = ctx.tenant.id
    registration_filter = [
        Registration.tenant_id == tenant_id,
        Registration.child_id.in_(children),
        Registration.status == RegistrationStatus.ACTIVE,
        Registration.start_date <= end,
        Registration.end_date >= start,
    ]
    if activity_ids is not None:
        registration_filter.append(Registration.activity_id.in_(activity_ids))
    registrations = [
        RegistrationFacts(r.child_id, r.activity_id, r.start_date, r.end_date)
        for r in await ctx.db.rows(
            select(
                Registration.child_id,
                Registration.activity_id,
                Registration.start_date,
                Registration.end_date,
            ).where(*registration_filter)
        )
    ]
    if not registrations:
        return []
    activity_pks = sorted({r.activity_id for r in registrations})
    activities = {
        a.id: ActivityFacts(
            id=a.id,
            establishment_id=a.establishment_id,
            operating_days=a.operating_days,
            booking=DeadlineRule(
                a.booking_deadline_kind,
                a.booking_deadline_offset,
                a.booking_deadline_time,
                a.booking_deadline_weekday,
            ),
            cancellation=DeadlineRule(
                a.cancellation_deadline_kind,
                a.cancellation_deadline_offset,
                a.cancellation_deadline_time,
                a.cancellation_deadline_weekday,
            ),
            late_absence_billed=a.late_absence_billed,
        )
        for a in await ctx.db.rows(
            select(
                Activity.id,
                Activity.establishment_id,
                Activity.operating_days,
                Activity.booking_deadline_kind,
                Activity.booking_deadline_offset,
                Activity.booking_deadline_time,
                Activity.booking_deadline_weekday,
                Activity.cancellation_deadline_kind,
                Activity.cancellation_deadline_offset,
                Activity.cancellation_deadline_time,
                Activity.cancellation_deadline_weekday,
                Activity.late_absence_billed,
            ).where(Activity.tenant_id == tenant_id, Activity.id.in_(activity_pks))
        )
    }
    slots = [
        SlotFacts(
            s.id, s.activity_id, s.weekday, s.start_time, s.end_time, s.valid_from, s.valid_to
        )
        for s in await ctx.db.rows(
            select(
                Slot.id,
                Slot.activity_id,
                Slot.weekday,
                Slot.start_time,
                Slot.end_time,
                Slot.valid_from,
                Slot.valid_to,
            ).where(
                Slot.tenant_id == tenant_id,
                Slot.activity_id.in_(activity_pks),
                Slot.valid_from <= end,
                or_(Slot.valid_to.is_(None), Slot.valid_to >= start),
            )
        )
    ]
    # Deadlines count working days before the range too: widen the calendar by a month.
    calendar_start = start - dt.timedelta(days=31)
    periods: list[ClosedPeriod] = []
    holidays: set[dt.date] = set()
    for p in await ctx.db.rows(
        select(
            CalendarPeriod.kind,
            CalendarPeriod.start_date,
            CalendarPeriod.end_date,
            CalendarPeriod.establishment_id,
        ).where(
            CalendarPeriod.tenant_id == tenant_id,
            CalendarPeriod.end_date >= calendar_start,
            CalendarPeriod.start_date <= end,
        )
    ):
        periods.append(ClosedPeriod(p.kind, p.start_date, p.end_date, p.establishment_id))
        if p.kind is CalendarPeriodKind.PUBLIC_HOLIDAY and p.establishment_id is None:
            holidays.update(
                p.start_date + dt.timedelta(days=i)
                for i in range((p.end_date - p.start_date).days + 1)
            )
    for year in range(calendar_start.year, end.year + 1):
        holidays.update(public_holidays(year))
    bookings: dict[OccurrenceKey, BookingFacts] = {
        (b.child_id, b.slot_id, b.date): BookingFacts(b.status, b.attendance, b.id)
        for b in await ctx.db.rows(
            select(
                Booking.id,
                Booking.child_id,
                Booking.slot_id,
                Booking.date,
                Booking.status,
                Booking.attendance,
            ).where(
                Booking.tenant_id == tenant_id,
                Booking.child_id.in_(children),
                Booking.date >= start,
                Booking.date <= end,
            )
        )
    }
    pending: dict[OccurrenceKey, RequestLineAction] = {
        (line.child_id, line.slot_id, line.date): line.action
        for line in await ctx.db.rows(
            select(RequestLine.child_id, RequestLine.slot_id, RequestLine.date, RequestLine.action)
            .join(Request, Request.id == RequestLine.request_id)
            .where(
                and_(
                    RequestLine.tenant_id == tenant_id,
                    RequestLine.child_id.in_(children),
                    RequestLine.date >= start,
                    RequestLine.date <= end,
                    RequestLine.status == RequestLineStatus.PENDING,
                    Request.status.in_(OPEN_REQUESTS),
                )
            )
        )
    }
    history = await occurrence_history(ctx, children, start, end) if with_history else None
    return expand_planning(
        start,
        end,
        registrations=registrations,
        slots=slots,
        activities=activities,
        periods=periods,
        bookings=bookings,
        pending=pending,
        now=utcnow(),
        timezone=ZoneInfo(ctx.tenant.timezone),
        holidays=holidays,
        history=history,
    )


async def occurrence_history(
    ctx: Context, children: Sequence[int], start: dt.date, end: dt.date
) -> dict[OccurrenceKey, tuple[HistoryFacts, ...]]:
    """Every action on the children's occurrences between two dates, oldest first, in one
    statement (with the reference of the request behind each)."""
    grouped: dict[OccurrenceKey, list[HistoryFacts]] = {}
    for row in await ctx.db.rows(
        select(
            OccurrenceAction.child_id,
            OccurrenceAction.slot_id,
            OccurrenceAction.date,
            OccurrenceAction.kind,
            OccurrenceAction.occurred_at,
            OccurrenceAction.request_id,
            Request.reference,
        )
        .join(Request, Request.id == OccurrenceAction.request_id, isouter=True)
        .where(
            OccurrenceAction.tenant_id == ctx.tenant.id,
            OccurrenceAction.child_id.in_(children),
            OccurrenceAction.date >= start,
            OccurrenceAction.date <= end,
        )
        .order_by(OccurrenceAction.occurred_at, OccurrenceAction.id)
    ):
        grouped.setdefault((row.child_id, row.slot_id, row.date), []).append(
            HistoryFacts(row.kind, row.occurred_at, row.request_id, row.reference)
        )
    return {key: tuple(entries) for key, entries in grouped.items()}
