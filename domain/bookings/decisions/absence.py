"""Whether an absence staff accept is free or billed (« absence facturée »).

The rule is the parents' side's (``domain.bookings.rules.absence_consequence``), so a
pending absence is judged exactly as an auto-accepted one: free before the cancellation
deadline of that date (ABSENT), billed after it when the activity bills late absences
(ABSENT_BILLED). What counts is when the family *asked* (the request's creation), not when
staff got round to accepting it — a family must not pay for the back office's delay — and
an absence already justified (medical certificate accepted) is never billed.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.facts import activity_rules
from domain.bookings.rules import AbsenceConsequence, absence_consequence
from domain.calendar.facts import load_calendar
from models import Activity, Booking, Slot, Tenant
from models.booking import BookingStatus

JUSTIFIED_MESSAGE = "Absence justifiée : non facturée."


async def holidays_before(
    session: AsyncSession, tenant_id: int, day: dt.date
) -> frozenset[dt.date]:
    """Public holidays (national ones plus the tenant's own) in the weeks before ``day``,
    which working-day deadlines skip — from the one calendar-facts loader, with its
    look-back, as the request path and the planning read them."""
    return (await load_calendar(session, tenant_id, day, day)).holidays


async def accepted_absence(
    session: AsyncSession,
    *,
    tenant: Tenant,
    activity: Activity,
    slot: Slot,
    booking: Booking,
    requested_at: dt.datetime,
) -> AbsenceConsequence:
    """What accepting an absence on ``booking`` does, judged on ``requested_at``."""
    consequence = absence_consequence(
        activity_rules(activity),
        slot,
        booking.date,
        booking.status,
        declared_at=requested_at,
        timezone=ZoneInfo(tenant.timezone),
        holidays=await holidays_before(session, tenant.id, booking.date),
    )
    if consequence.status is BookingStatus.ABSENT_BILLED and booking.absence_justified:
        return AbsenceConsequence(BookingStatus.ABSENT, consequence.late, JUSTIFIED_MESSAGE)
    return consequence
