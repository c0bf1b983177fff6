"""The staff side over HTTP: requestAccept / requestRefuse (whole or chosen dates),
waitingListPromote, attendanceMark, and the RequestLine / Booking nodes — with parents,
anonymous visitors and another tenant's staff kept out."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, OutboxMessage, Request, RequestLine, Tenant
from models.base import utcnow
from models.request import RequestType
from tests import factories
from tests.factories import requests as fr
from tests.factories.towns import StaffTown, make_staff_town
from tests.support.graphql_client import GraphQLClient

# The town these tests share (tests/factories/towns.py).
Town = StaffTown

MONDAY = dt.date(2026, 1, 12)
NEXT_MONDAY = dt.date(2026, 1, 19)

LINE_FIELDS = "id date action actionLabel status statusLabel message booking { id status }"
REQUEST_FIELDS = (
    "id status statusLabel lines { " + LINE_FIELDS + " } history { step status note } "
    "messages { body fromStaff }"
)
ACCEPT = (
    "mutation($input: RequestAcceptInput!) { requestAccept(input: $input) { request { "
    + REQUEST_FIELDS
    + " } lines { id status } errors { field message code } } }"
)
REFUSE = (
    "mutation($input: RequestRefuseInput!) { requestRefuse(input: $input) { request { "
    + REQUEST_FIELDS
    + " } lines { id status } errors { field message code } } }"
)
PROMOTE = """mutation($input: WaitingListPromoteInput!) { waitingListPromote(input: $input) {
  booking { id status statusLabel waitingSince child { firstName } } errors { field code } } }"""
ATTENDANCE = """mutation($input: AttendanceMarkInput!) { attendanceMark(input: $input) {
  bookings { id status attendance attendanceLabel child { id } } errors { field code } } }"""
NODES = """query($ids: [ID!]!) { nodes(ids: $ids) {
  ... on RequestLine { id status child { id } request { id } slot { id } activity { id } }
  ... on Booking { id bookingStatus: status child { id } } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    made = await make_staff_town(
        session, tenant, other_children=2, capacity=1, waiting_list_enabled=True
    )
    # Staff accepting a date judge it again (a child must still be registered).
    for child in [*made.children, *made.other_children]:
        await factories.make_registration(session, child, made.activity)
    await session.commit()
    return made


async def call(
    api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any], **kw: Any
) -> Any:
    """The JSON response to a document sent with ``token`` (None: anonymous)."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers, **kw)


async def data(api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any]) -> Any:
    """The ``data`` of a response that must have no top-level errors."""
    body = await call(api, token, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def _request(
    session: AsyncSession,
    town: Town,
    child_id: int,
    days: list[dt.date],
    *,
    type: RequestType = RequestType.RESERVATION,
) -> tuple[Request, list[RequestLine]]:
    from models import Account, Child, Slot

    child = await session.get(Child, child_id)
    slot = await session.get(Slot, town.slot_id)
    account = await session.scalar(select(Account).where(Account.email == town.parent_email))
    assert child is not None and slot is not None
    made = await fr.make_booking_request(session, account, child, slot, days, type=type)
    await session.commit()
    return made


async def _booking(
    session: AsyncSession, town: Town, child_id: int, day: dt.date = MONDAY, **kwargs: Any
) -> Booking:
    from models import Child, Slot

    child = await session.get(Child, child_id)
    slot = await session.get(Slot, town.slot_id)
    assert child is not None and slot is not None
    booking = await fr.make_booking(session, child, slot, day, **kwargs)
    await session.commit()
    return booking


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_staff_accept_chosen_dates_then_refuse_the_rest(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, (first, second) = await _request(
        session, town, town.child_ids[0], [MONDAY, NEXT_MONDAY]
    )
    request_id = gid("Request", request.id)

    accepted = (
        await data(
            api,
            town.staff,
            ACCEPT,
            {"input": {"request": request_id, "lines": [gid("RequestLine", first.id)]}},
        )
    )["requestAccept"]
    assert accepted["errors"] == []
    assert accepted["lines"] == [{"id": gid("RequestLine", first.id), "status": "ACCEPTED"}]
    assert accepted["request"]["status"] == "PENDING"
    line = accepted["request"]["lines"][0]
    assert (line["status"], line["booking"]["status"]) == ("ACCEPTED", "RESERVED")
    assert line["actionLabel"] == "Réservation"

    again = (
        await data(
            api,
            town.staff,
            ACCEPT,
            {"input": {"request": request_id, "lines": [gid("RequestLine", first.id)]}},
        )
    )["requestAccept"]
    assert [(e["code"], e["field"]) for e in again["errors"]] == [("INVALID_STATE", ["lines", "0"])]
    assert again["request"] is None

    blank = (
        await data(api, town.staff, REFUSE, {"input": {"request": request_id, "message": " "}})
    )["requestRefuse"]
    assert [e["code"] for e in blank["errors"]] == ["MESSAGE_REQUIRED"]

    refused = (
        await data(
            api,
            town.staff,
            REFUSE,
            {"input": {"request": request_id, "message": "Plus de place le 19."}},
        )
    )["requestRefuse"]
    assert refused["errors"] == []
    assert refused["lines"] == [{"id": gid("RequestLine", second.id), "status": "REFUSED"}]
    result = refused["request"]
    assert (result["status"], result["statusLabel"]) == (
        "PARTIALLY_ACCEPTED",
        "Partiellement acceptée",
    )
    assert [h["step"] for h in result["history"]] == ["LINE_DECIDED", "DECIDED"]
    assert result["messages"] == [{"body": "Plus de place le 19.", "fromStaff": True}]
    templates = list(await session.scalars(select(OutboxMessage.template)))
    assert templates == ["booking_request_decided", "booking_request_decided"]


async def test_a_full_slot_and_the_waiting_list_then_staff_promote(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    await _booking(session, town, town.other_child_ids[0])
    request, (line,) = await _request(session, town, town.child_ids[0], [MONDAY])
    later, _ = await _request(session, town, town.child_ids[1], [MONDAY])

    for made in (request, later):
        result = (
            await data(api, town.staff, ACCEPT, {"input": {"request": gid("Request", made.id)}})
        )["requestAccept"]
        assert result["errors"] == []
        assert result["lines"][0]["status"] == "WAITING_LIST"
    first_waiting = (await session.get(RequestLine, line.id, populate_existing=True)).booking_id  # type: ignore[union-attr]
    second_waiting = await session.scalar(
        select(Booking.id).where(Booking.child_id == town.child_ids[1])
    )
    assert first_waiting is not None and second_waiting is not None

    full = (
        await data(api, town.staff, PROMOTE, {"input": {"booking": gid("Booking", first_waiting)}})
    )["waitingListPromote"]
    assert [e["code"] for e in full["errors"]] == ["SLOT_FULL"]

    absence, _ = await _request(
        session, town, town.other_child_ids[0], [MONDAY], type=RequestType.ABSENCE
    )
    freed = (
        await data(api, town.staff, ACCEPT, {"input": {"request": gid("Request", absence.id)}})
    )["requestAccept"]
    assert freed["errors"] == []

    not_first = (
        await data(api, town.staff, PROMOTE, {"input": {"booking": gid("Booking", second_waiting)}})
    )["waitingListPromote"]
    assert [e["code"] for e in not_first["errors"]] == ["NOT_FIRST_IN_LINE"]
    promoted = (
        await data(api, town.staff, PROMOTE, {"input": {"booking": gid("Booking", first_waiting)}})
    )["waitingListPromote"]
    assert promoted["errors"] == []
    assert promoted["booking"]["status"] == "RESERVED"
    assert promoted["booking"]["waitingSince"] is None

    history = await data(
        api,
        town.parent,
        "query($id: ID!) { node(id: $id) { ... on Request { lines { status message } "
        "history { step } } } }",
        {"id": gid("Request", request.id)},
    )
    assert [h["step"] for h in history["node"]["history"]] == ["DECIDED", "PROMOTED"]
    assert history["node"]["lines"][0]["status"] == "ACCEPTED"


def _last_monday() -> dt.date:
    today = utcnow().date() - dt.timedelta(days=1)
    return today - dt.timedelta(days=today.weekday())


async def test_attendance_marking(session: AsyncSession, api: GraphQLClient, town: Town) -> None:
    day = _last_monday()
    await _booking(session, town, town.child_ids[0], day)
    await _booking(session, town, town.child_ids[1], day)
    marks = [
        {"child": gid("Child", town.child_ids[0]), "present": True},
        {"child": gid("Child", town.child_ids[1]), "present": False},
        {"child": gid("Child", town.other_child_ids[0]), "present": True},
    ]
    variables = {
        "input": {"slot": gid("Slot", town.slot_id), "date": day.isoformat(), "marks": marks}
    }

    result = (await data(api, town.staff, ATTENDANCE, variables))["attendanceMark"]

    assert result["errors"] == []
    assert [(b["status"], b["attendance"], b["attendanceLabel"]) for b in result["bookings"]] == [
        ("RESERVED", "PRESENT", "Présent"),
        ("RESERVED", "ABSENT", "Absent"),
        ("UNBOOKED", "PRESENT", "Présent"),
    ]
    tomorrow = {"input": {**variables["input"], "date": (day + dt.timedelta(days=14)).isoformat()}}
    future = (await data(api, town.staff, ATTENDANCE, tomorrow))["attendanceMark"]
    assert [e["code"] for e in future["errors"]] == ["FUTURE_DATE"]
    too_many = {"input": {**variables["input"], "marks": marks * 70}}
    assert [
        e["code"]
        for e in (await data(api, town.staff, ATTENDANCE, too_many))["attendanceMark"]["errors"]
    ] == ["TOO_MANY"]
