"""What the domain booking request tests share: the dates, and shortcuts to ask as a
household's parent, expect a request to record nothing, and book a date directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk
from domain.bookings.reports import BookingRequestResult, NothingRecorded
from domain.bookings.requests import create_booking_request
from kernel.results import DomainFailure
from models import Booking
from models.booking import BookingStatus
from models.request import RequestType
from tests.factories.bookings import BookingTown, Household

PARIS = dt.timezone(dt.timedelta(hours=1))  # winter time, for readable instants
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)  # a Friday
MONDAY = dt.date(2026, 12, 7)
RESERVATION = RequestType.RESERVATION
ABSENCE = RequestType.ABSENCE


async def ask(
    session: AsyncSession,
    town: BookingTown,
    house: Household,
    request_type: RequestType = RESERVATION,
    *,
    children: Sequence[int | None] | None = None,
    now: dt.datetime = NOW,
    **values: Any,
) -> BookingRequestResult:
    """Make a request as the household's parent (one day on MONDAY unless told)."""
    if "date" not in values and "period" not in values:
        values["date"] = MONDAY
    return await create_booking_request(
        session,
        tenant_id=town.tenant.id,
        account_id=house.account.id,
        family_id=house.family.id,
        ask=BookingAsk(
            request_type=request_type,
            child_ids=children if children is not None else [c.id for c in house.children],
            activity_id=values.pop("activity_id", town.activity.id),
            **values,
        ),
        portal_url="https://portail.example/ville",
        now=now,
    )


async def rejected(
    session: AsyncSession,
    town: BookingTown,
    house: Household,
    request_type: RequestType = RESERVATION,
    **values: Any,
) -> NothingRecorded:
    """Make a request that must record nothing; nothing is stored."""
    with pytest.raises(NothingRecorded) as raised:
        await ask(session, town, house, request_type, **values)
    return raised.value


def codes(failure: DomainFailure) -> list[str]:
    return [p.code for p in failure.problems]


async def book(
    session: AsyncSession, town: BookingTown, child_id: int, day: dt.date, **kw: Any
) -> Booking:
    booking = Booking(
        tenant_id=town.tenant.id,
        child_id=child_id,
        slot_id=kw.pop("slot_id", town.slots[day.isoweekday()].id),
        activity_id=kw.pop("activity_id", town.activity.id),
        date=day,
        status=kw.pop("status", BookingStatus.RESERVED),
        **kw,
    )
    session.add(booking)
    await session.flush()
    return booking
