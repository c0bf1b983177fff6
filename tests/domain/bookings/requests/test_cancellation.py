"""Reservation and absence requests in the domain: cancellation by the parent."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.cancel import cancel_booking_request
from domain.bookings.codes import LineOutcome
from kernel.results import DomainFailure
from models import Booking, Request, RequestHistory, RequestLine
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus
from tests.domain.bookings.requests._helpers import NOW, ask, codes
from tests.factories.bookings import Household, make_booking_town, make_household


async def test_cancel_a_pending_request(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    result = await ask(session, town, house)
    cancelled = await cancel_booking_request(
        session,
        tenant_id=town.tenant.id,
        request_id=result.request.id,
        account_id=house.account.id,
        family_id=house.family.id,
        now=NOW,
    )
    assert cancelled.status is RequestStatus.CANCELLED
    line = (await session.scalars(select(RequestLine))).one()
    assert line.status is RequestLineStatus.CANCELLED
    steps = (await session.scalars(select(RequestHistory.step).order_by(RequestHistory.id))).all()
    assert steps == [HistoryStep.CREATED, HistoryStep.CANCELLED]
    # Cancelled: the date may be asked again.
    assert [r.outcome for r in (await ask(session, town, house)).lines] == [LineOutcome.CREATED]
    with pytest.raises(DomainFailure) as again:
        await cancel_booking_request(
            session,
            tenant_id=town.tenant.id,
            request_id=result.request.id,
            account_id=house.account.id,
            family_id=house.family.id,
            now=NOW,
        )
    assert codes(again.value) == ["NOT_CANCELLABLE"]


async def test_cancel_gives_up_waiting_places_but_not_accepted_dates(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, auto_accept=True, capacity=1)
    first = await make_household(session, town)
    second = await make_household(session, town)
    reserved = await ask(session, town, first)
    waiting = await ask(session, town, second)
    assert [r.outcome for r in waiting.lines] == [LineOutcome.WAITING_LIST]

    async def cancel(house: Household, request: Request) -> Request:
        return await cancel_booking_request(
            session,
            tenant_id=town.tenant.id,
            request_id=request.id,
            account_id=house.account.id,
            family_id=house.family.id,
            now=NOW,
        )

    with pytest.raises(DomainFailure) as accepted:
        await cancel(first, reserved.request)
    assert codes(accepted.value) == ["NOT_CANCELLABLE"]
    with pytest.raises(DomainFailure) as not_theirs:
        await cancel(second, reserved.request)
    assert codes(not_theirs.value) == ["NOT_FOUND"]
    await cancel(second, waiting.request)
    booking = await session.scalar(select(Booking).where(Booking.child_id == second.children[0].id))
    assert booking is not None and booking.status is BookingStatus.CANCELLED
