"""What the domain booking decision tests share: the dates, a world of two families and
staff whose actions each run in their own transaction, and shortcuts to create requests
and bookings, decide, promote, and read what they left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.bookings.decisions.decide import accept_request, refuse_request
from domain.bookings.decisions.waiting_list import promote_booking
from kernel.results import DomainFailure
from models import (
    Account,
    Activity,
    Booking,
    Child,
    OutboxMessage,
    Request,
    RequestHistory,
    RequestLine,
    Slot,
    Tenant,
)
from models.booking import BookingStatus
from models.request import HistoryStep, RequestStatus, RequestType
from tests.factories import requests as fr

T = TypeVar("T")
MONDAY = dt.date(2026, 1, 12)
NEXT_MONDAY = dt.date(2026, 1, 19)
# Cancellation deadline of MONDAY's 07:30 slot: J-2 at 12:00, Saturday 10 January, Paris.
IN_TIME = dt.datetime(2026, 1, 8, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 1, 11, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 1, 11, 18, 0, tzinfo=dt.UTC)


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]
    tenant: Tenant
    activity: Activity
    slot: Slot
    parent: Account
    staff: Account
    children: list[Child]
    other_parent: Account
    other_children: list[Child]

    async def run(self, action: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """One transaction, committed if ``action`` succeeds, rolled back if it raises."""
        async with self.sessions() as session, session.begin():
            return await action(session)

    async def fails(self, action: Callable[[AsyncSession], Awaitable[Any]]) -> list[str]:
        """The codes of the failure ``action`` raises (its transaction rolled back)."""
        with pytest.raises(DomainFailure) as caught:
            await self.run(action)
        return [p.code for p in caught.value.problems]

    async def get(self, model: type[T], pk: int) -> T:
        """A fresh copy of a row."""
        async with self.sessions() as session:
            row = await session.get(model, pk)
            assert row is not None
            return row

    async def scalar(self, stmt: Any) -> Any:
        """One value read in a fresh session."""
        async with self.sessions() as session:
            return await session.scalar(stmt)

    async def rows(self, stmt: Any) -> list[Any]:
        """Rows read in a fresh session."""
        async with self.sessions() as session:
            return list(await session.scalars(stmt))


async def _request(
    world: World,
    child: Child,
    days: list[dt.date],
    *,
    type: RequestType = RequestType.RESERVATION,
    created_at: dt.datetime = IN_TIME,
    account: Account | None = None,
) -> tuple[Request, list[RequestLine]]:
    async def make(session: AsyncSession) -> tuple[Request, list[RequestLine]]:
        return await fr.make_booking_request(
            session,
            account or world.parent,
            child,
            world.slot,
            days,
            type=type,
            created_at=created_at,
        )

    return await world.run(make)


async def _booking(world: World, child: Child, day: dt.date = MONDAY, **kwargs: Any) -> Booking:
    async def make(session: AsyncSession) -> Booking:
        return await fr.make_booking(session, child, world.slot, day, **kwargs)

    return await world.run(make)


def _accept(
    world: World, request: Request, lines: list[int] | None = None, message: str | None = None
) -> Callable[[AsyncSession], Awaitable[Any]]:
    return lambda session: accept_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        line_ids=lines,
        account_id=world.staff.id,
        message=message,
        now=NOW,
    )


def _refuse(
    world: World, request: Request, lines: list[int] | None = None, message: str | None = "Complet"
) -> Callable[[AsyncSession], Awaitable[Any]]:
    return lambda session: refuse_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        line_ids=lines,
        account_id=world.staff.id,
        message=message,
        now=NOW,
    )


def _promote(world: World, booking: Booking) -> Callable[[AsyncSession], Awaitable[Booking]]:
    return lambda session: promote_booking(
        session,
        tenant_id=world.tenant.id,
        booking_id=booking.id,
        account_id=world.staff.id,
        now=NOW,
    )


async def _history(world: World, request: Request) -> list[tuple[HistoryStep, RequestStatus]]:
    rows = await world.rows(
        select(RequestHistory)
        .where(RequestHistory.request_id == request.id)
        .order_by(RequestHistory.id)
    )
    return [(r.step, r.status) for r in rows]


async def _mails(world: World) -> list[OutboxMessage]:
    return await world.rows(
        select(OutboxMessage)
        .where(OutboxMessage.template == "booking_request_decided")
        .order_by(OutboxMessage.id)
    )


async def _status(world: World, child: Child, day: dt.date = MONDAY) -> BookingStatus | None:
    status: BookingStatus | None = await world.scalar(
        select(Booking.status).where(
            Booking.child_id == child.id, Booking.slot_id == world.slot.id, Booking.date == day
        )
    )
    return status
