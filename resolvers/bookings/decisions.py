"""Staff's side of reservations and absences: decisions, promotion, attendance — each run
in one transaction (the caller checked the viewer is staff of this tenant)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from domain.bookings.decisions.attendance import Mark, mark_attendance
from domain.bookings.decisions.decide import Decision, accept_request, refuse_request
from domain.bookings.decisions.waiting_list import promote_booking
from models import Booking
from models.base import utcnow
from resolvers.context import Context


def _account(ctx: Context) -> int:
    account_id = ctx.viewer.account_id
    assert account_id is not None
    return account_id


async def accept(
    ctx: Context, request_id: int | None, line_ids: Sequence[int | None] | None, message: str | None
) -> Decision:
    """requestAccept."""
    async with ctx.db.transaction() as session:
        return await accept_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            line_ids=line_ids,
            account_id=_account(ctx),
            message=message,
            now=utcnow(),
        )


async def refuse(
    ctx: Context, request_id: int | None, line_ids: Sequence[int | None] | None, message: str
) -> Decision:
    """requestRefuse."""
    async with ctx.db.transaction() as session:
        return await refuse_request(
            session,
            tenant_id=ctx.tenant.id,
            request_id=request_id,
            line_ids=line_ids,
            account_id=_account(ctx),
            message=message,
            now=utcnow(),
        )


async def promote(ctx: Context, booking_id: int | None) -> Booking:
    """waitingListPromote."""
    async with ctx.db.transaction() as session:
        return await promote_booking(
            session,
            tenant_id=ctx.tenant.id,
            booking_id=booking_id,
            account_id=_account(ctx),
            now=utcnow(),
        )


async def attendance(
    ctx: Context, slot_id: int | None, day: dt.date, marks: Sequence[Mark]
) -> list[Booking]:
    """attendanceMark."""
    async with ctx.db.transaction() as session:
        return await mark_attendance(
            session,
            tenant_id=ctx.tenant.id,
            slot_id=slot_id,
            day=day,
            marks=marks,
            now=utcnow(),
        )
