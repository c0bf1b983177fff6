"""A parent withdraws a reservation or absence request that is not decided yet.

« Pour chacune des demandes effectuées, vous pouvez l'annuler avant d'avoir eu une réponse
à votre demande initiale de la part de votre collectivité. » A request can be cancelled
while PENDING or TRANSMITTED and none of its dates has been accepted: an accepted date
(an auto-accepted reservation, or one staff already accepted) is a booking, which the
parent gives up by declaring an absence — the deadlines and billing rules then apply.
Pending dates and places on the waiting list are simply withdrawn.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.capacity import free_place
from domain.bookings.codes import NOT_CANCELLABLE, NOT_FOUND
from domain.requests.history import record_step
from kernel.results import fail
from models import Booking, Request, RequestLine
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType

CANCELLABLE_STATUSES = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
BOOKING_TYPES = (RequestType.RESERVATION, RequestType.ABSENCE)


async def _locked_request(
    session: AsyncSession, tenant_id: int, request_id: int, family_id: int
) -> Request | None:
    """The family's request, owned for writing until commit (a staff decision arriving at
    the same moment waits, then sees the cancellation): row lock on PostgreSQL, the
    database write lock taken by a no-op update on SQLite."""
    stmt = select(Request).where(
        Request.tenant_id == tenant_id, Request.id == request_id, Request.family_id == family_id
    )
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Request)
            .where(Request.id == request_id, Request.tenant_id == tenant_id)
            .values(status=Request.status)
            .execution_options(synchronize_session=False)
        )
        return await session.scalar(stmt.execution_options(populate_existing=True))
    return await session.scalar(stmt.with_for_update())


async def cancel_booking_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    family_id: int | None,
    now: dt.datetime,
) -> Request:
    """Cancel the family's undecided reservation or absence request: its pending and
    waiting-list lines become CANCELLED (waiting-list places are given up), the request
    CANCELLED, and the history says so. Another family's request is « introuvable »."""
    request = None
    if request_id is not None and family_id is not None:
        request = await _locked_request(session, tenant_id, request_id, family_id)
    if request is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    if request.type not in BOOKING_TYPES:
        raise fail(
            NOT_CANCELLABLE,
            "Seules les demandes de réservation ou d'absence s'annulent ici.",
            "request",
        )
    if request.status not in CANCELLABLE_STATUSES:
        raise fail(
            NOT_CANCELLABLE,
            "Cette demande a déjà été traitée : elle ne peut plus être annulée.",
            "request",
        )
    lines = list(
        await session.scalars(select(RequestLine).where(RequestLine.request_id == request.id))
    )
    if any(line.status is RequestLineStatus.ACCEPTED for line in lines):
        raise fail(
            NOT_CANCELLABLE,
            "Des dates de cette demande sont déjà acceptées : pour y renoncer, déclarez une "
            "absence.",
            "request",
        )
    waiting = [
        line.booking_id
        for line in lines
        if line.status is RequestLineStatus.WAITING_LIST and line.booking_id is not None
    ]
    if waiting:
        for booking in await session.scalars(select(Booking).where(Booking.id.in_(waiting))):
            if booking.status is BookingStatus.WAITING_LIST:
                await free_place(
                    session, booking=booking, new_status=BookingStatus.CANCELLED, now=now
                )
    for line in lines:
        if line.status in (RequestLineStatus.PENDING, RequestLineStatus.WAITING_LIST):
            line.status = RequestLineStatus.CANCELLED
            line.decided_at = now
    request.status = RequestStatus.CANCELLED
    record_step(
        session,
        request,
        HistoryStep.CANCELLED,
        RequestStatus.CANCELLED,
        actor_account_id=account_id,
        now=now,
        note="Annulée par la famille",
    )
    await session.flush()
    return request
