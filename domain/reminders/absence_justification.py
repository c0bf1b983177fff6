"""Reminder: a billed absence can still be justified, for a day or two more.

An absence declared after the cancellation deadline is billed (ABSENT_BILLED); when its
activity accepts justifications, the family may send one (a medical certificate) until
the absence date + ``justification_delay_days`` — ``justification_deadline`` of
``domain.documents.absence_justification``, the rule the upload itself enforces. The
family is reminded once, when at most ``NOTICE_DAYS`` days are left (the day before the
last day, and the last day itself if the worker missed the day before), as long as no
justification is waiting for staff or accepted. One reminder per family and last day,
listing its absences.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.documents.absence_justification import justification_deadline
from domain.reminders.base import (
    ABSENCE_JUSTIFICATION,
    ReminderIntent,
    local_now,
)
from models import Activity, Booking, Child, Family, Tenant
from models.booking import BookingStatus

# Remind when the last day to justify is at most this many days away (1: the day before).
NOTICE_DAYS: Final = 1


async def absence_justification_reminders(
    session: AsyncSession, tenant: Tenant, now: dt.datetime
) -> list[ReminderIntent]:
    """The families to remind at ``now`` that a billed absence can still be justified."""
    today = local_now(tenant, now).date()
    activities = {
        activity.id: activity
        for activity in await session.scalars(
            select(Activity).where(
                Activity.tenant_id == tenant.id,
                Activity.late_absence_billed.is_(True),
                Activity.justification_accepted.is_(True),
            )
        )
    }
    if not activities:
        return []
    # The last day is the absence date + the activity's delay: only absences of the last
    # (longest delay) days can have theirs between today and today + NOTICE_DAYS.
    longest = max(a.justification_delay_days for a in activities.values())
    rows = await session.execute(
        select(
            Booking.id,
            Booking.date,
            Booking.activity_id,
            Child.family_id,
            Child.first_name,
            Child.last_name,
        )
        .join(Child, Child.id == Booking.child_id)
        .where(
            Booking.tenant_id == tenant.id,
            Booking.activity_id.in_(sorted(activities)),
            Booking.status == BookingStatus.ABSENT_BILLED,
            Booking.absence_justified.is_(False),
            # A justification waiting for staff keeps its link; a refused one loses it.
            Booking.justification_document_id.is_(None),
            Booking.date >= today - dt.timedelta(days=longest),
            Booking.date <= today + dt.timedelta(days=NOTICE_DAYS),
        )
        .order_by(Booking.date, Booking.id)
    )
    lines: dict[tuple[int, dt.date], list[dict[str, Any]]] = {}
    for row in rows:
        activity = activities[row.activity_id]
        deadline = justification_deadline(activity, row.date)
        if deadline is None or not 0 <= (deadline - today).days <= NOTICE_DAYS:
            continue
        lines.setdefault((row.family_id, deadline), []).append(
            {
                "booking_id": row.id,
                "date": row.date,
                "child": f"{row.first_name} {row.last_name.upper()}",
                "activity": activity.name,
            }
        )
    if not lines:
        return []
    names = {
        row.id: row.name
        for row in await session.execute(
            select(Family.id, Family.name).where(
                Family.id.in_(sorted({family for family, _ in lines}))
            )
        )
    }
    return [
        ReminderIntent(
            topic=ABSENCE_JUSTIFICATION,
            family_id=family_id,
            thing=f"family-{family_id}",
            day=deadline,
            context={
                "family_name": names.get(family_id, ""),
                "last_day": deadline,
                "days_left": (deadline - today).days,
                "absence_lines": family_lines,
            },
        )
        for (family_id, deadline), family_lines in sorted(lines.items())
    ]
