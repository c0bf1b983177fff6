"""Staff's side of reservations and absences: decisions, promotion, attendance — each run
in one transaction (the caller checked the viewer is staff of this tenant).

An agent limited to some establishments acts only on their activities: a request, booking
or slot of another establishment is « introuvable » for them (the domain's NOT_FOUND), as
one that does not exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.attendance import Mark, mark_attendance
from domain.bookings.decisions.decide import Decision, accept_request, refuse_request
from domain.bookings.decisions.waiting_list import promote_booking
from models import Activity, Booking, Request, Slot
from models.base import utcnow
from resolvers.context import Context
from resolvers.requests.lists import within_establishments


async def _request_in_reach(
    ctx: Context, session: AsyncSession, request_id: int | None
) -> int | None:
    limits = ctx.viewer.establishment_ids
    if request_id is None or limits is None:
        return request_id
    return await session.scalar(
        select(Request.id).where(
            Request.tenant_id == ctx.tenant.id,
            Request.id == request_id,
            within_establishments(limits),
        )
    )


async def _slot_in_reach(ctx: Context, session: AsyncSession, slot_id: int | None) -> int | None:
    limits = ctx.viewer.establishment_ids
    if slot_id is None or limits is None:
        return slot_id
    establishment_id = await session.scalar(
        select(Activity.establishment_id)
        .join(Slot, Slot.activity_id == Activity.id)
        .where(Slot.tenant_id == ctx.tenant.id, Slot.id == slot_id)
    )
    return slot_id if establishment_id in limits else None


async def _booking_in_reach(
    ctx: Context, session: AsyncSession, booking_id: int | None
) -> int | None:
    limits = ctx.viewer.establishment_ids
    if booking_id is None or limits is None:
        return booking_id
    establishment_id = await session.scalar(
        select(Activity.establishment_id)
        .join(Slot, Slot.activity_id == Activity.id)
        .join(Booking, Booking.slot_id == Slot.id)
        .where(Booking.tenant_id == ctx.tenant.id, Booking.id == booking_id)
    )
    return booking_id if establishment_id in limits else None


def _account(ctx: Context) -> int:
    account_id = ctx.viewer.account_id
    assert account_id is not None
    return account_id


async def accept(
    ctx: Context, request_id: int | None, line_ids: Sequence[int | None] | None, message: str | None
) -> Decision:
    """requestAccept."""
    async with ctx.db.transaction() as session:
        request_id = await _request_in_reach(ctx, session, request_id)
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
        request_id = await _request_in_reach(ctx, session, request_id)
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
        booking_id = await _booking_in_reach(ctx, session, booking_id)
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
        slot_id = await _slot_in_reach(ctx, session, slot_id)
        return await mark_attendance(
            session,
            tenant_id=ctx.tenant.id,
            slot_id=slot_id,
            day=day,
            marks=marks,
            now=utcnow(),
        )
