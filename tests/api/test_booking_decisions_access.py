"""Who reaches staff decisions, lines and bookings over the API: parents, anonymous visitors,
another tenant's staff; auto-promotion; the error codes are the domain's (split from
test_booking_decisions.py)."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types.enum import StrawberryEnumDefinition

from domain.bookings.decisions import codes
from domain.bookings.decisions.codes import (
    AttendanceMarkErrorCode,
    MessagesMarkAllReadErrorCode,
    MessagesMarkReadErrorCode,
    RequestAcceptErrorCode,
    RequestRefuseErrorCode,
    WaitingListPromoteErrorCode,
)
from kernel.settings import Settings
from models import Activity, Booking, OutboxMessage, Request
from models.booking import BookingStatus
from models.request import RequestType
from schema import build_schema
from tests.api.test_booking_decisions import (
    ACCEPT,
    ATTENDANCE,
    MONDAY,
    NODES,
    PROMOTE,
    REFUSE,
    Town,
    _booking,
    _count,
    _last_monday,
    _request,
    call,
    data,
    gid,
    town,
)
from tests.support.graphql_client import GraphQLClient

__all__ = ["town"]


async def test_parents_and_anonymous_cannot_act_as_staff(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, (line,) = await _request(session, town, town.child_ids[0], [MONDAY])
    booking = await _booking(session, town, town.child_ids[1], status=BookingStatus.WAITING_LIST)
    attempts = [
        (ACCEPT, {"request": gid("Request", request.id), "lines": [gid("RequestLine", line.id)]}),
        (REFUSE, {"request": gid("Request", request.id), "message": "Non"}),
        (PROMOTE, {"booking": gid("Booking", booking.id)}),
        (
            ATTENDANCE,
            {
                "slot": gid("Slot", town.slot_id),
                "date": _last_monday().isoformat(),
                "marks": [{"child": gid("Child", town.child_ids[0]), "present": True}],
            },
        ),
    ]
    for query, variables in attempts:
        for token, code in ((town.parent, "FORBIDDEN"), (None, "UNAUTHENTICATED")):
            body = await call(api, token, query, {"input": variables})
            assert body["errors"][0]["extensions"]["code"] == code, body
    assert (
        await session.get(Request, request.id, populate_existing=True)
    ).status.value == "PENDING"  # type: ignore[union-attr]
    assert await _count(session, OutboxMessage) == 0


async def test_another_tenants_staff_reach_nothing(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, (line,) = await _request(session, town, town.child_ids[0], [MONDAY])
    booking = await _booking(session, town, town.child_ids[1], status=BookingStatus.WAITING_LIST)
    request_id = gid("Request", request.id)

    # Their token means nothing on this tenant's endpoint...
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": ACCEPT, "variables": {"input": {"request": request_id}}},
        headers={"authorization": f"Bearer {town.foreign_staff}"},
    )
    assert response.status_code == 403
    # ... and this tenant's objects do not exist on theirs.
    attempts = [
        (ACCEPT, "requestAccept", {"request": request_id, "lines": [gid("RequestLine", line.id)]}),
        (REFUSE, "requestRefuse", {"request": request_id, "message": "Non"}),
        (PROMOTE, "waitingListPromote", {"booking": gid("Booking", booking.id)}),
        (
            ATTENDANCE,
            "attendanceMark",
            {
                "slot": gid("Slot", town.slot_id),
                "date": _last_monday().isoformat(),
                "marks": [{"child": gid("Child", town.child_ids[0]), "present": True}],
            },
        ),
    ]
    for query, name, variables in attempts:
        body = await call(
            api, town.foreign_staff, query, {"input": variables}, tenant=town.foreign_slug
        )
        assert "errors" not in body, body
        assert [e["code"] for e in body["data"][name]["errors"]] == ["NOT_FOUND"], body
    assert (
        await session.get(Request, request.id, populate_existing=True)
    ).status.value == "PENDING"  # type: ignore[union-attr]
    assert await _count(session, OutboxMessage) == 0


async def test_lines_and_bookings_are_visible_to_their_family_and_staff_only(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    _, (line,) = await _request(session, town, town.child_ids[0], [MONDAY])
    booking = await _booking(session, town, town.child_ids[0])
    ids = [gid("RequestLine", line.id), gid("Booking", booking.id)]

    own = (await data(api, town.parent, NODES, {"ids": ids}))["nodes"]
    assert [n["id"] for n in own] == ids
    assert own[0]["child"]["id"] == gid("Child", town.child_ids[0])
    assert (await data(api, town.staff, NODES, {"ids": ids}))["nodes"][1][
        "bookingStatus"
    ] == "RESERVED"
    assert (await data(api, town.other_parent, NODES, {"ids": ids}))["nodes"] == [None, None]
    assert (await data(api, None, NODES, {"ids": ids}))["nodes"] == [None, None]
    foreign = await call(api, town.foreign_staff, NODES, {"ids": ids}, tenant=town.foreign_slug)
    assert foreign["data"]["nodes"] == [None, None]


async def test_auto_promotion_through_the_api(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    activity = await session.get(Activity, town.activity_id)
    assert activity is not None
    activity.auto_promote_waiting_list = True
    await session.commit()
    await _booking(session, town, town.other_child_ids[0])
    waiting = await _booking(session, town, town.child_ids[0], status=BookingStatus.WAITING_LIST)
    absence, _ = await _request(
        session, town, town.other_child_ids[0], [MONDAY], type=RequestType.ABSENCE
    )

    result = (
        await data(api, town.staff, ACCEPT, {"input": {"request": gid("Request", absence.id)}})
    )["requestAccept"]

    assert result["errors"] == []
    assert result["lines"][0]["status"] == "ACCEPTED"
    promoted = await session.get(Booking, waiting.id, populate_existing=True)
    assert promoted is not None and promoted.status is BookingStatus.RESERVED


def test_error_code_enums_are_the_domains_codes() -> None:
    """Each mutation's ``code`` is published as the domain's enum, with the domain's codes."""
    published = build_schema(Settings())
    pairs = [
        ("RequestAcceptError", RequestAcceptErrorCode, codes.ACCEPT_ERROR_CODES),
        ("RequestRefuseError", RequestRefuseErrorCode, codes.REFUSE_ERROR_CODES),
        ("WaitingListPromoteError", WaitingListPromoteErrorCode, codes.PROMOTE_ERROR_CODES),
        ("AttendanceMarkError", AttendanceMarkErrorCode, codes.ATTENDANCE_ERROR_CODES),
        ("MessagesMarkReadError", MessagesMarkReadErrorCode, codes.MARK_READ_ERROR_CODES),
        ("MessagesMarkAllReadError", MessagesMarkAllReadErrorCode, {codes.NOT_FOUND}),
    ]
    for error_name, enum_type, expected in pairs:
        assert {member.value for member in enum_type} == set(expected), enum_type.__name__
        error_type = published._schema.type_map[error_name]
        assert isinstance(error_type, GraphQLObjectType), error_name
        code_type = error_type.fields["code"].type
        assert isinstance(code_type, GraphQLNonNull), error_name
        graphql_enum = code_type.of_type
        assert isinstance(graphql_enum, GraphQLEnumType), error_name
        assert set(graphql_enum.values) == set(expected), error_name
        definition = published.get_type_by_name(graphql_enum.name)
        assert isinstance(definition, StrawberryEnumDefinition), error_name
        assert definition.wrapped_cls is enum_type, error_name
