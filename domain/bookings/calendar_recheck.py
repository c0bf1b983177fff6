"""The calendar read again once a reservation holds its slots.

A request is judged on the calendar read when it starts; a period created at the same
moment (``calendarPeriodCreate``, ``calendarImport``) may close one of its days before
its places are taken. The closure locks every slot it touches before reading the
bookings (``domain.calendar.closures``); the reservation locks its slots, then reads the
calendar again here: whichever commits first, the other sees it — never a place on a
closed day (PostgreSQL row locks, the SQLite write lock: both hold).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import lock_slots
from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.loading import Situation
from domain.bookings.reports import LineReport
from domain.bookings.rule_checks import closed_message
from domain.calendar.facts import load_calendar
from models import Child, Slot


async def closed_meanwhile(
    session: AsyncSession,
    tenant_id: int,
    situation: Situation,
    dates: Sequence[tuple[Child, Slot, dt.date]],
) -> dict[int, LineReport]:
    """Lock the slots of ``dates``, read the calendar again, and return the dates (by
    index) a period closed since the request was judged, each with its CLOSED_DAY report
    — two statements, whatever the number of dates."""
    if not dates:
        return {}
    await lock_slots(session, [slot.id for _, slot, _ in dates])
    days = [day for _, _, day in dates]
    calendar = await load_calendar(session, tenant_id, min(days), max(days))
    facts = dataclasses.replace(situation.facts, calendar=calendar)
    closed: dict[int, LineReport] = {}
    for index, (child, slot, day) in enumerate(dates):
        why = closed_message(facts, situation.rules, day)
        if why is not None:
            closed[index] = LineReport(
                child.id,
                slot.activity_id,
                slot.id,
                day,
                LineOutcome.REJECTED,
                BookingRule.CLOSED_DAY,
                why,
            )
    return closed
