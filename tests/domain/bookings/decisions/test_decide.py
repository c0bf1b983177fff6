"""Staff decisions in the domain: whole requests or chosen dates, places taken, and
absences free or billed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.decide import accept_request
from models import Activity, Message, Request, RequestLine
from models.booking import BookingStatus
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from tests import factories
from tests.domain.bookings.decisions._helpers import (
    IN_TIME,
    LATE,
    MONDAY,
    NEXT_MONDAY,
    NOW,
    World,
    _accept,
    _booking,
    _history,
    _mails,
    _refuse,
    _request,
    _status,
)


async def test_accepting_a_whole_reservation_request_reserves_every_date(world: World) -> None:
    child = world.children[0]
    request, lines = await _request(world, child, [MONDAY, NEXT_MONDAY])

    decision = await world.run(_accept(world, request, message="Bonne rentrée !"))

    assert {line.id for line in decision.lines} == {line.id for line in lines}
    assert await _status(world, child, MONDAY) is BookingStatus.RESERVED
    assert await _status(world, child, NEXT_MONDAY) is BookingStatus.RESERVED
    stored = await world.get(Request, request.id)
    assert stored.status is RequestStatus.ACCEPTED
    assert stored.decided_by_account_id == world.staff.id
    for line in lines:
        row = await world.get(RequestLine, line.id)
        assert row.status is RequestLineStatus.ACCEPTED
        assert row.booking_id is not None and row.decided_at is not None
    assert await _history(world, request) == [(HistoryStep.DECIDED, RequestStatus.ACCEPTED)]
    messages = await world.rows(select(Message).where(Message.request_id == request.id))
    assert [(m.body, m.from_staff) for m in messages] == [("Bonne rentrée !", True)]
    (mail,) = await _mails(world)
    assert mail.to_address == world.parent.email
    assert "Accusé de traitement" in mail.subject
    assert "12/01/2026" in mail.text_body and "19/01/2026" in mail.text_body
    assert "Acceptée" in mail.text_body and "Bonne rentrée !" in mail.text_body


async def test_chosen_dates_then_the_rest_give_a_partial_acceptance(world: World) -> None:
    child = world.children[0]
    request, (first, second) = await _request(world, child, [MONDAY, NEXT_MONDAY])

    await world.run(_accept(world, request, [first.id]))
    assert (await world.get(Request, request.id)).status is RequestStatus.PENDING
    assert (await world.get(RequestLine, second.id)).status is RequestLineStatus.PENDING

    decision = await world.run(_refuse(world, request, [second.id], "Pas de place ce jour-là."))

    assert [line.id for line in decision.lines] == [second.id]
    assert (await world.get(Request, request.id)).status is RequestStatus.PARTIALLY_ACCEPTED
    refused = await world.get(RequestLine, second.id)
    assert refused.status is RequestLineStatus.REFUSED
    assert refused.refusal_code == "STAFF_DECISION"
    assert refused.message == "Pas de place ce jour-là."
    assert await _status(world, child, NEXT_MONDAY) is None
    assert await _history(world, request) == [
        (HistoryStep.LINE_DECIDED, RequestStatus.PENDING),
        (HistoryStep.LINE_DECIDED, RequestStatus.PARTIALLY_ACCEPTED),
        (HistoryStep.DECIDED, RequestStatus.PARTIALLY_ACCEPTED),
    ]
    mails = await _mails(world)
    assert len(mails) == 2
    assert "Refusée" in mails[1].text_body and "Pas de place ce jour-là." in mails[1].text_body


async def test_refusing_needs_a_reason_and_leaves_bookings_alone(world: World) -> None:
    child = world.children[0]
    await _booking(world, child)
    request, _ = await _request(world, child, [MONDAY], type=RequestType.ABSENCE)

    assert await world.fails(_refuse(world, request, message="  ")) == ["MESSAGE_REQUIRED"]
    await world.run(_refuse(world, request, message="Absence non justifiée."))

    assert (await world.get(Request, request.id)).status is RequestStatus.REFUSED
    assert await _status(world, child) is BookingStatus.RESERVED


async def test_decided_dates_and_requests_cannot_be_decided_again(world: World) -> None:
    request, (first, second) = await _request(world, world.children[0], [MONDAY, NEXT_MONDAY])
    await world.run(_accept(world, request, [first.id]))

    assert await world.fails(_accept(world, request, [first.id])) == ["INVALID_STATE"]
    assert await world.fails(_refuse(world, request, [second.id, second.id])) == ["DUPLICATE"]
    await world.run(_accept(world, request))
    assert await world.fails(_accept(world, request)) == ["INVALID_STATE"]
    assert await world.fails(_refuse(world, request)) == ["INVALID_STATE"]
    assert len(await _mails(world)) == 2


async def test_unknown_foreign_and_non_booking_requests_are_refused(
    world: World, session: AsyncSession
) -> None:
    request, _ = await _request(world, world.children[0], [MONDAY])
    other_request, other_lines = await _request(world, world.other_children[0], [MONDAY])
    foreign_tenant = await factories.make_tenant(session)
    change = Request(
        tenant_id=world.tenant.id,
        family_id=world.children[0].family_id,
        reference=99_999_999,
        type=RequestType.GUARDIAN_CHANGE,
    )
    session.add(change)
    await session.commit()

    async def as_foreign_staff(session: AsyncSession) -> Any:
        return await accept_request(
            session,
            tenant_id=foreign_tenant.id,
            request_id=request.id,
            line_ids=None,
            account_id=world.staff.id,
            message=None,
            now=NOW,
        )

    assert await world.fails(as_foreign_staff) == ["NOT_FOUND"]
    assert await world.fails(_accept(world, change)) == ["WRONG_TYPE"]
    # A line of another request is not one of this request's dates.
    assert await world.fails(_accept(world, request, [other_lines[0].id])) == ["NOT_FOUND"]
    assert (await world.get(Request, other_request.id)).status is RequestStatus.PENDING
    assert await world.fails(_accept(world, request, message="x" * 2001)) == ["TOO_LONG"]


# --- absences: free or billed --------------------------------------------------------------


@pytest.mark.parametrize(
    ("created_at", "billed", "justified", "expected"),
    [
        (IN_TIME, True, False, BookingStatus.ABSENT),
        (LATE, True, False, BookingStatus.ABSENT_BILLED),
        (LATE, True, True, BookingStatus.ABSENT),
        (LATE, False, False, BookingStatus.ABSENT),
    ],
)
async def test_an_absence_is_billed_only_when_declared_after_the_deadline(
    world: World,
    session: AsyncSession,
    created_at: dt.datetime,
    billed: bool,
    justified: bool,
    expected: BookingStatus,
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.late_absence_billed = billed
    await session.commit()
    child = world.children[0]
    await _booking(world, child, absence_justified=justified)
    request, (line,) = await _request(
        world, child, [MONDAY], type=RequestType.ABSENCE, created_at=created_at
    )

    await world.run(_accept(world, request))  # staff decide after the deadline in all cases

    assert await _status(world, child) is expected
    row = await world.get(RequestLine, line.id)
    assert row.status is RequestLineStatus.ACCEPTED and row.action is RequestLineAction.ABSENCE
    (mail,) = await _mails(world)
    assert ("(absence facturée)" in mail.text_body) is (expected is BookingStatus.ABSENT_BILLED)


async def test_an_absence_without_a_reservation_left_is_refused(world: World) -> None:
    child = world.children[0]
    await _booking(world, child, status=BookingStatus.CANCELLED)
    request, _ = await _request(world, child, [MONDAY], type=RequestType.ABSENCE)

    assert await world.fails(_accept(world, request)) == ["NOT_RESERVED"]
