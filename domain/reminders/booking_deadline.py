"""Reminder: next week's booking deadline is tomorrow and nothing is booked yet.

For each activity, the deadline « for next week » is the booking deadline of its first
occurrence next week (Monday to Sunday after the current week): a weekly cut-off
(« le jeudi 9:00 pour la semaine suivante ») is the same for every day, a « J-2 » rule's
first deadline is the one that closes first. When that instant falls tomorrow (tenant's
calendar) and has not passed, every child registered to the activity who could still
book a day of next week and has nothing there — no booking, no pending request, on the
activity or on another activity of its exclusivity group — is reminded, one reminder
per family listing its children and activities.

Nothing is computed twice: the deadlines are ``domain.calendar.deadlines.deadline_for``
over the activity's rule as ``domain.bookings.facts`` builds it, the opening days the
calendar facts' ones, and whether a child can still book a day is the planning's
``can_reserve`` (``domain.planning.expand_planning``, the booking rule engine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.facts import (
    ACTIVITY_RULE_COLUMNS,
    CHILD_RULE_COLUMNS,
    SLOT_RULE_COLUMNS,
    ActivityRules,
    SlotFacts,
    activity_rules,
    child_facts,
    holdings_window,
    slot_facts,
)
from domain.bookings.holdings import held_bookings, held_pending_lines
from domain.bookings.rules import instant_fr
from domain.calendar.deadlines import deadline_for
from domain.calendar.facts import CalendarFacts, load_calendar
from domain.calendar.opening_days import date_range, runs_on
from domain.planning import BookingFacts, OccurrenceKey, RegistrationFacts, expand_planning
from domain.reminders.base import (
    BOOKING_DEADLINE,
    ReminderIntent,
    local_now,
    next_week,
)
from models import (
    Activity,
    Child,
    Family,
    Registration,
    Slot,
    Tenant,
)
from models.booking import BookingStatus
from models.registration import RegistrationStatus
from models.request import RequestLineAction


@dataclass(frozen=True, slots=True)
class _Due:
    """An activity whose first booking deadline of next week is tomorrow."""

    activity: ActivityRules
    deadline: dt.datetime


def first_deadline(
    activity: ActivityRules,
    slots: Iterable[SlotFacts],
    calendar: CalendarFacts,
    week: tuple[dt.date, dt.date],
    timezone: ZoneInfo,
) -> dt.datetime | None:
    """The earliest booking deadline of the activity's occurrences in ``week`` (its opening
    days only); None when it does not run that week."""
    found: dt.datetime | None = None
    for slot in slots:
        for day in date_range(max(week[0], slot.valid_from), week[1]):
            if slot.valid_to is not None and day > slot.valid_to:
                break
            if day.isoweekday() != slot.weekday:
                continue
            if not runs_on(
                activity.operating_days, calendar.day_kinds(day, activity.establishment_id)
            ):
                continue
            deadline = deadline_for(
                activity.booking,
                day,
                slot.start_time,
                timezone=timezone,
                holidays=calendar.holidays,
            )
            if found is None or deadline < found:
                found = deadline
    return found


async def _due_activities(
    session: AsyncSession,
    tenant: Tenant,
    now: dt.datetime,
    week: tuple[dt.date, dt.date],
    calendar: CalendarFacts,
) -> tuple[list[_Due], list[SlotFacts], set[int]]:
    """The activities whose first deadline of ``week`` is tomorrow, their slots, and the
    activities whose bookings count for them (themselves and their exclusivity groups)."""
    timezone = ZoneInfo(tenant.timezone)
    tomorrow = local_now(tenant, now).date() + dt.timedelta(days=1)
    activities = [
        activity_rules(row)
        for row in await session.execute(
            select(*ACTIVITY_RULE_COLUMNS).where(
                Activity.tenant_id == tenant.id, Activity.is_active.is_(True)
            )
        )
    ]
    slots = [
        slot_facts(row)
        for row in await session.execute(
            select(*SLOT_RULE_COLUMNS).where(
                Slot.tenant_id == tenant.id,
                Slot.valid_from <= week[1],
                or_(Slot.valid_to.is_(None), Slot.valid_to >= week[0]),
            )
        )
    ]
    due: list[_Due] = []
    for activity in activities:
        own = [s for s in slots if s.activity_id == activity.id]
        deadline = first_deadline(activity, own, calendar, week, timezone)
        if (
            deadline is not None
            and deadline.astimezone(timezone).date() == tomorrow
            and now < deadline
        ):
            due.append(_Due(activity, deadline))
    wanted = {d.activity.id for d in due}
    groups = {d.activity.exclusivity_group for d in due} - {None}
    related = wanted | {a.id for a in activities if a.exclusivity_group in groups}
    return due, [s for s in slots if s.activity_id in wanted], related


async def _held(
    session: AsyncSession,
    tenant_id: int,
    child_ids: Sequence[int],
    activity_ids: set[int],
    week: tuple[dt.date, dt.date],
    window: tuple[dt.date, dt.date],
) -> tuple[dict[OccurrenceKey, BookingFacts], dict[OccurrenceKey, RequestLineAction], set[Any]]:
    """The children's bookings and pending lines on ``activity_ids`` over ``window`` (what
    the rules count: ``holdings_window``, whole months for a monthly limit), and what they
    hold next ``week``: (child, activity) and (child, exclusivity group) pairs with
    something booked or asked."""
    bookings: dict[OccurrenceKey, BookingFacts] = {}
    pending: dict[OccurrenceKey, RequestLineAction] = {}
    held: set[Any] = set()
    activities = sorted(activity_ids)
    for row in await session.execute(
        held_bookings(tenant_id, child_ids, window[0], window[1], activities)
    ):
        bookings[(row.child_id, row.slot_id, row.date)] = BookingFacts(
            row.status, row.attendance, row.id
        )
        if row.status is not BookingStatus.CANCELLED and week[0] <= row.date <= week[1]:
            held.add((row.child_id, row.activity_id))
            if row.exclusivity_group is not None:
                held.add((row.child_id, row.exclusivity_group))
    for line in await session.execute(
        held_pending_lines(tenant_id, child_ids, window[0], window[1], activities)
    ):
        pending[(line.child_id, line.slot_id, line.date)] = line.action
        if line.action is RequestLineAction.RESERVE and week[0] <= line.date <= week[1]:
            held.add((line.child_id, line.activity_id))
            if line.exclusivity_group is not None:
                held.add((line.child_id, line.exclusivity_group))
    return bookings, pending, held


async def booking_deadline_reminders(
    session: AsyncSession, tenant: Tenant, now: dt.datetime
) -> list[ReminderIntent]:
    """The families to remind at ``now`` that next week's booking deadline is tomorrow,
    with, per family, the children and activities that have nothing booked next week."""
    timezone = ZoneInfo(tenant.timezone)
    week = next_week(local_now(tenant, now).date())
    calendar = await load_calendar(session, tenant.id, week[0], week[1])
    due, slots, related = await _due_activities(session, tenant, now, week, calendar)
    if not due:
        return []
    by_id = {d.activity.id: d for d in due}
    registrations = [
        RegistrationFacts(r.child_id, r.activity_id, r.start_date, r.end_date)
        for r in await session.execute(
            select(
                Registration.child_id,
                Registration.activity_id,
                Registration.start_date,
                Registration.end_date,
            ).where(
                Registration.tenant_id == tenant.id,
                Registration.activity_id.in_(sorted(by_id)),
                Registration.status == RegistrationStatus.ACTIVE,
                Registration.start_date <= week[1],
                Registration.end_date >= week[0],
            )
        )
    ]
    if not registrations:
        return []
    child_ids = sorted({r.child_id for r in registrations})
    children = {
        row.id: row
        for row in await session.execute(
            select(*CHILD_RULE_COLUMNS, Child.last_name, Child.family_id).where(
                Child.id.in_(child_ids)
            )
        )
    }
    window = holdings_window(week[0], week[1], [d.activity for d in due])
    bookings, pending, held = await _held(session, tenant.id, child_ids, related, week, window)

    def holds(child_id: int, activity: ActivityRules) -> bool:
        group = activity.exclusivity_group
        return (child_id, activity.id) in held or (group is not None and (child_id, group) in held)

    # Only what holds nothing is judged (most children of a town book ahead).
    unheld = [r for r in registrations if not holds(r.child_id, by_id[r.activity_id].activity)]
    if not unheld:
        return []
    occurrences = expand_planning(
        week[0],
        week[1],
        registrations=unheld,
        slots=slots,
        activities={d.activity.id: d.activity for d in due},
        periods=calendar.periods,
        bookings=bookings,
        pending=pending,
        now=now,
        timezone=timezone,
        holidays=calendar.holidays,
        children={cid: child_facts(row) for cid, row in children.items()},
    )
    bookable = {(o.child_id, o.activity_id) for o in occurrences if o.can_reserve}
    lines: dict[int, list[dict[str, Any]]] = {}
    for child_id, activity_id in sorted(bookable):
        activity = by_id[activity_id].activity
        child = children[child_id]
        lines.setdefault(child.family_id, []).append(
            {
                "child": f"{child.first_name} {child.last_name.upper()}",
                "activity": activity.name,
                "deadline": by_id[activity_id].deadline,
            }
        )
    if not lines:
        return []
    names = {
        row.id: row.name
        for row in await session.execute(
            select(Family.id, Family.name).where(Family.id.in_(sorted(lines)))
        )
    }
    intents: list[ReminderIntent] = []
    for family_id, family_lines in sorted(lines.items()):
        deadline = min(line["deadline"] for line in family_lines)
        intents.append(
            ReminderIntent(
                topic=BOOKING_DEADLINE,
                family_id=family_id,
                thing=f"family-{family_id}",
                day=deadline.astimezone(timezone).date(),
                context={
                    "family_name": names.get(family_id, ""),
                    "deadline": deadline,
                    "deadline_label": instant_fr(deadline, timezone),
                    "week_start": week[0],
                    "week_end": week[1],
                    "deadline_lines": family_lines,
                },
            )
        )
    return intents
