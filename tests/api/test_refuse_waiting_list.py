"""Refusing a date that is on the waiting list: the child leaves the list (booking
CANCELLED), the request's decision is updated, the occurrence's history says so — even
once the request's other dates were decided; other tenants' staff cannot."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.waiting_list import waiting_queue
from models import Booking, OccurrenceAction, OutboxMessage, RequestLine
from models.booking import BookingStatus
from models.occurrence_log import OccurrenceActionKind
from models.request import RequestLineStatus, RequestType
from tests.api.test_booking_decisions import (
    ACCEPT,
    MONDAY,
    PROMOTE,
    REFUSE,
    Town,
    _request,
    call,
    data,
    gid,
    town,
)
from tests.support.graphql_client import GraphQLClient

__all__ = ["town"]


async def _waiting(session: AsyncSession, api: GraphQLClient, town: Town) -> tuple[str, int]:
    """Child 0 holds the only place; child 1's request is accepted onto the waiting list."""
    first, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    second, (line,) = await _request(session, town, town.child_ids[1], [MONDAY])
    for request in (first, second):
        body = await data(
            api, town.staff, ACCEPT, {"input": {"request": gid("Request", request.id)}}
        )
        assert body["requestAccept"]["errors"] == []
    assert body["requestAccept"]["request"]["status"] == "ACCEPTED"
    assert body["requestAccept"]["lines"][0]["status"] == "WAITING_LIST"
    return gid("Request", second.id), line.id


async def test_refusing_a_waiting_date_takes_the_child_off_the_list(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request_id, line_id = await _waiting(session, api, town)
    values = {"request": request_id, "lines": [gid("RequestLine", line_id)], "message": "Complet."}
    refused = (await data(api, town.staff, REFUSE, {"input": values}))["requestRefuse"]
    assert refused["errors"] == []
    assert refused["request"]["status"] == "REFUSED"
    assert refused["lines"] == [{"id": gid("RequestLine", line_id), "status": "REFUSED"}]
    line = await session.scalar(
        select(RequestLine)
        .where(RequestLine.id == line_id)
        .execution_options(populate_existing=True)
    )
    assert line is not None and line.status is RequestLineStatus.REFUSED
    booking = await session.scalar(
        select(Booking)
        .where(Booking.child_id == town.child_ids[1])
        .execution_options(populate_existing=True)
    )
    assert booking is not None and booking.status is BookingStatus.CANCELLED
    assert await waiting_queue(session, slot_id=town.slot_id, date=MONDAY) == []
    kinds = list(
        await session.scalars(
            select(OccurrenceAction.kind)
            .where(OccurrenceAction.child_id == town.child_ids[1])
            .order_by(OccurrenceAction.id)
        )
    )
    assert kinds == [
        OccurrenceActionKind.RESERVATION_REQUESTED,
        OccurrenceActionKind.WAITING_LISTED,
        OccurrenceActionKind.REMOVED_FROM_WAITING_LIST,
    ]
    mails = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert "retirée de la liste d'attente" in mails[-1].text_body

    again = (await data(api, town.staff, REFUSE, {"input": values}))["requestRefuse"]
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]


async def test_refusing_the_whole_request_covers_its_waiting_dates(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request_id, _ = await _waiting(session, api, town)
    values = {"request": request_id, "message": "Nous ne pourrons pas accueillir l'enfant."}
    refused = (await data(api, town.staff, REFUSE, {"input": values}))["requestRefuse"]
    assert refused["errors"] == []
    assert refused["request"]["status"] == "REFUSED"


async def test_a_decided_request_without_waiting_dates_cannot_be_refused(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    request_id = gid("Request", request.id)
    await data(api, town.staff, ACCEPT, {"input": {"request": request_id}})
    refused = await data(
        api, town.staff, REFUSE, {"input": {"request": request_id, "message": "Non."}}
    )
    assert [e["code"] for e in refused["requestRefuse"]["errors"]] == ["INVALID_STATE"]


async def test_other_tenants_staff_cannot_refuse_a_waiting_date(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request_id, line_id = await _waiting(session, api, town)
    values = {"request": request_id, "lines": [gid("RequestLine", line_id)], "message": "Non."}
    foreign = await call(
        api, town.foreign_staff, REFUSE, {"input": values}, tenant=town.foreign_slug
    )
    assert [e["code"] for e in foreign["data"]["requestRefuse"]["errors"]] == ["NOT_FOUND"]
    parent = await call(api, town.parent, REFUSE, {"input": values})
    assert parent["data"] is None and parent["errors"]
    booking = await session.scalar(
        select(Booking)
        .where(Booking.child_id == town.child_ids[1])
        .execution_options(populate_existing=True)
    )
    assert booking is not None and booking.status is BookingStatus.WAITING_LIST


async def test_a_promotion_is_in_the_occurrence_history(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    await _waiting(session, api, town)
    absence, _ = await _request(
        session, town, town.child_ids[0], [MONDAY], type=RequestType.ABSENCE
    )
    body = await data(api, town.staff, ACCEPT, {"input": {"request": gid("Request", absence.id)}})
    assert body["requestAccept"]["errors"] == []
    waiting = await session.scalar(
        select(Booking)
        .where(Booking.child_id == town.child_ids[1])
        .execution_options(populate_existing=True)
    )
    assert waiting is not None
    promoted = await data(
        api, town.staff, PROMOTE, {"input": {"booking": gid("Booking", waiting.id)}}
    )
    assert promoted["waitingListPromote"]["errors"] == []
    kinds = list(
        await session.scalars(
            select(OccurrenceAction.kind)
            .where(OccurrenceAction.child_id == town.child_ids[1])
            .order_by(OccurrenceAction.id)
        )
    )
    assert kinds == [
        OccurrenceActionKind.RESERVATION_REQUESTED,
        OccurrenceActionKind.WAITING_LISTED,
        OccurrenceActionKind.PROMOTED,
    ]
