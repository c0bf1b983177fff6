"""Capacity and the waiting list in the domain: automatic and manual promotion, first
come first served, never past the capacity."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.results import DomainFailure
from models import Activity, Booking, Request, RequestLine
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType
from tests.domain.bookings.decisions._helpers import (
    MONDAY,
    NEXT_MONDAY,
    World,
    _accept,
    _booking,
    _history,
    _mails,
    _promote,
    _request,
    _status,
)


async def test_a_full_slot_puts_the_date_on_the_waiting_list(world: World) -> None:
    first, second, third = world.children
    await _booking(world, first)
    await _booking(world, second)
    request, (line,) = await _request(world, third, [MONDAY])

    await world.run(_accept(world, request))

    assert await _status(world, third) is BookingStatus.WAITING_LIST
    row = await world.get(RequestLine, line.id)
    assert row.status is RequestLineStatus.WAITING_LIST
    assert (await world.get(Request, request.id)).status is RequestStatus.ACCEPTED
    assert "En liste d'attente" in (await _mails(world))[0].text_body


async def test_a_full_slot_without_waiting_list_refuses_the_whole_decision(
    world: World, session: AsyncSession
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.waiting_list_enabled = False
    await session.commit()
    first, second, third = world.children
    await _booking(world, first)
    await _booking(world, second, NEXT_MONDAY)
    request, lines = await _request(world, third, [MONDAY, NEXT_MONDAY])
    await _booking(world, world.other_children[0])

    assert await world.fails(_accept(world, request)) == ["SLOT_FULL"]

    assert await _status(world, third, NEXT_MONDAY) is None  # the free date was not kept
    assert (await world.get(RequestLine, lines[1].id)).status is RequestLineStatus.PENDING
    assert await _mails(world) == []


async def _full_slot_with_queue(world: World) -> tuple[Request, Booking, Booking]:
    """Children 0 and 1 hold both places; the other family's two children wait, the
    second one since earlier (so first in line); child 0 asks to be absent."""
    first, second, _ = world.children
    await _booking(world, first)
    await _booking(world, second)
    late_waiter = await _booking(
        world,
        world.other_children[0],
        status=BookingStatus.WAITING_LIST,
        waiting_since=dt.datetime(2026, 1, 3, 10, 0, tzinfo=dt.UTC),
    )
    early_waiter = await _booking(
        world,
        world.other_children[1],
        status=BookingStatus.WAITING_LIST,
        waiting_since=dt.datetime(2026, 1, 2, 10, 0, tzinfo=dt.UTC),
    )
    request, _ = await _request(world, first, [MONDAY], type=RequestType.ABSENCE)
    return request, early_waiter, late_waiter


async def test_an_accepted_absence_promotes_the_first_waiting_child_automatically(
    world: World, session: AsyncSession
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.auto_promote_waiting_list = True
    await session.commit()
    absence, early, late = await _full_slot_with_queue(world)
    waiting_request, (waiting_line,) = await _request(
        world, world.other_children[1], [MONDAY], account=world.other_parent
    )

    async def on_waiting_list(session: AsyncSession) -> None:
        line = await session.get(RequestLine, waiting_line.id)
        request = await session.get(Request, waiting_request.id)
        assert line is not None and request is not None
        line.status = RequestLineStatus.WAITING_LIST
        line.booking_id = early.id
        request.status = RequestStatus.ACCEPTED

    await world.run(on_waiting_list)

    await world.run(_accept(world, absence))

    assert await _status(world, world.children[0]) is BookingStatus.ABSENT
    assert (await world.get(Booking, early.id)).status is BookingStatus.RESERVED
    assert (await world.get(Booking, late.id)).status is BookingStatus.WAITING_LIST
    promoted_line = await world.get(RequestLine, waiting_line.id)
    assert promoted_line.status is RequestLineStatus.ACCEPTED
    assert await _history(world, waiting_request) == [
        (HistoryStep.PROMOTED, RequestStatus.ACCEPTED)
    ]
    recipients = [mail.to_address for mail in await _mails(world)]
    assert recipients == [world.parent.email, world.other_parent.email]


async def test_without_auto_promotion_staff_promote_first_come_first_served(
    world: World,
) -> None:
    absence, early, late = await _full_slot_with_queue(world)

    await world.run(_accept(world, absence))
    assert (await world.get(Booking, early.id)).status is BookingStatus.WAITING_LIST

    assert await world.fails(_promote(world, late)) == ["NOT_FIRST_IN_LINE"]
    promoted = await world.run(_promote(world, early))
    assert promoted.status is BookingStatus.RESERVED
    assert (await world.get(Booking, early.id)).waiting_since is None
    assert await world.fails(_promote(world, late)) == ["SLOT_FULL"]
    assert await world.fails(_promote(world, early)) == ["INVALID_STATE"]
    reserved = await world.scalar(
        select(func.count()).where(
            Booking.slot_id == world.slot.id,
            Booking.date == MONDAY,
            Booking.status == BookingStatus.RESERVED,
        )
    )
    assert reserved == 2


async def test_concurrent_promotions_never_overfill_the_slot(world: World) -> None:
    absence, early, late = await _full_slot_with_queue(world)
    await world.run(_accept(world, absence))

    results = await asyncio.gather(
        *(world.run(_promote(world, waiting)) for waiting in (early, early, late, early)),
        return_exceptions=True,
    )

    promoted = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, DomainFailure)]
    assert len(promoted) == 1 and len(refused) == 3, results
    assert promoted[0].id == early.id
    reserved = await world.scalar(
        select(func.count()).where(
            Booking.slot_id == world.slot.id,
            Booking.date == MONDAY,
            Booking.status == BookingStatus.RESERVED,
        )
    )
    assert reserved == 2
