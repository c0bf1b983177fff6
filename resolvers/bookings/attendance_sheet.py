"""Loading the attendance sheet of a slot on a date (staff) in four statements, whatever
the number of children: the slot with its activity, the bookings with their children, the
children's health records, the families' guardians.

An agent limited to some establishments reads the sheets of their activities only: the
slot of another establishment is « introuvable » (None), as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from domain.attendance_sheet import ON_THE_SHEET, SheetBooking, SheetLine, sheet_lines
from models import Activity, Booking, Child, Guardian, HealthRecord, Slot
from resolvers.context import Context


@dataclass(frozen=True, slots=True)
class AttendanceSheetRows:
    """What the sheet shows: the slot and activity rows, the lines, and per child and per
    family what staff need at hand (Core rows of health data and guardians)."""

    slot: Slot
    activity: Activity
    day: dt.date
    lines: list[SheetLine]
    children: dict[int, Child]
    health: dict[int, Any] = field(default_factory=dict)
    guardians: dict[int, list[Any]] = field(default_factory=dict)


async def _slot_in_reach(ctx: Context, slot_id: int) -> tuple[Slot, Activity] | None:
    found: Sequence[Any] = (
        await ctx.db.rows(
            select(Slot, Activity)
            .join(Activity, Activity.id == Slot.activity_id)
            .where(Slot.tenant_id == ctx.tenant.id, Slot.id == slot_id)
        )
    )[:1]
    if not found:
        return None
    slot, activity = found[0]
    if not ctx.viewer.reaches_establishment(activity.establishment_id):
        return None
    return slot, activity


async def attendance_sheet(
    ctx: Context, slot_id: int | None, day: dt.date
) -> AttendanceSheetRows | None:
    """attendanceSheet: None when the slot is unknown or out of the agent's reach."""
    if slot_id is None:
        return None
    reached = await _slot_in_reach(ctx, slot_id)
    if reached is None:
        return None
    slot, activity = reached
    tenant_id = ctx.tenant.id
    rows: Sequence[Any] = await ctx.db.rows(
        select(Booking.id, Booking.status, Booking.attendance, Child)
        .join(Child, Child.id == Booking.child_id)
        .where(
            Booking.tenant_id == tenant_id,
            Booking.slot_id == slot.id,
            Booking.date == day,
            Booking.status.in_(ON_THE_SHEET),
        )
    )
    children: dict[int, Child] = {row.Child.id: row.Child for row in rows}
    lines = sheet_lines(
        SheetBooking(
            booking_id=row.id,
            child_id=row.Child.id,
            family_id=row.Child.family_id,
            last_name=row.Child.last_name,
            first_name=row.Child.first_name,
            status=row.status,
            attendance=row.attendance,
        )
        for row in rows
    )
    sheet = AttendanceSheetRows(slot, activity, day, lines, children)
    if not lines:
        return sheet
    for health in await ctx.db.rows(
        select(
            HealthRecord.child_id,
            HealthRecord.diet,
            HealthRecord.food_allergies,
            HealthRecord.other_allergies,
            HealthRecord.has_pai,
        ).where(HealthRecord.tenant_id == tenant_id, HealthRecord.child_id.in_(list(children)))
    ):
        sheet.health[health.child_id] = health
    families = sorted({line.family_id for line in lines})
    for guardian in await ctx.db.rows(
        select(
            Guardian.family_id,
            Guardian.civility,
            Guardian.first_name,
            Guardian.last_name,
            Guardian.relationship,
            Guardian.mobile_phone,
            Guardian.phone,
            Guardian.work_phone,
            Guardian.email,
        )
        .where(Guardian.tenant_id == tenant_id, Guardian.family_id.in_(families))
        .order_by(Guardian.family_id, Guardian.rank)
    ):
        sheet.guardians.setdefault(guardian.family_id, []).append(guardian)
    return sheet
