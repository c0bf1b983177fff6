"""What a planning occurrence tells a client beyond its status (issue 15): the French label
of why nothing can be asked (the booking rules' own wording, not a client's copy), and the
request a PENDING date awaits — in the planning's constant number of statements."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.codes import BookingRule
from domain.counters import format_reference
from domain.labels import label
from models import Tenant
from tests.factories import requests as fr
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.family import make_staff_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

MONDAY = "2027-01-11"
PLANNING = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date status canReserve reserveBlocker reserveBlockerLabel canCancel
                cancelBlocker cancelBlockerLabel pendingRequest pendingRequestReference } } }"""
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) { request { id reference } errors { code } } }"""
ACCEPT = """mutation($input: RequestAcceptInput!) {
  requestAccept(input: $input) { request { id status } errors { code } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, query: str, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    body = await api.post(query, variables, headers=headers)
    assert "errors" not in body, body
    return body["data"]


async def test_a_pending_date_names_its_request_and_why_nothing_else_can_be_asked(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    _, staff = await make_staff_account_with_token(session, tenant)
    await session.commit()
    before = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (free,) = before["planning"]["occurrences"]
    assert (free["status"], free["canReserve"], free["reserveBlockerLabel"]) == (
        "AVAILABLE",
        True,
        None,
    )
    assert (free["cancelBlocker"], free["cancelBlockerLabel"]) == (
        "NOT_RESERVED",
        "Pas de réservation à annuler",
    )
    assert free["pendingRequest"] is None and free["pendingRequestReference"] is None

    created = await call(
        api,
        house.token,
        RESERVE,
        input={
            "children": [gid("Child", house.children[0].id)],
            "activity": gid("Activity", town.activity.id),
            "date": MONDAY,
            "slots": [gid("Slot", town.slots[1].id)],
        },
    )
    request = created["reservationRequestCreate"]["request"]
    pending = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (occurrence,) = pending["planning"]["occurrences"]
    assert occurrence["status"] == "PENDING"
    assert occurrence["pendingRequest"] == request["id"]
    assert occurrence["pendingRequestReference"] == format_reference(request["reference"])
    assert occurrence["reserveBlocker"] == "PENDING_REQUEST"
    # The wording is the rule list's: the one a refused request would give.
    assert occurrence["reserveBlockerLabel"] == label(BookingRule.PENDING_REQUEST)
    assert occurrence["reserveBlockerLabel"] == "Une demande est déjà en cours"

    accepted = await call(api, staff, ACCEPT, input={"request": request["id"]})
    assert accepted["requestAccept"]["errors"] == []
    after = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (reserved,) = after["planning"]["occurrences"]
    assert reserved["status"] == "RESERVED"
    assert reserved["pendingRequest"] is None and reserved["pendingRequestReference"] is None
    assert reserved["reserveBlockerLabel"] == label(BookingRule.ALREADY_RESERVED)


async def test_past_dates_say_the_deadline_passed(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    await session.commit()
    body = await call(api, house.token, PLANNING, **{"from": "2026-09-07", "to": "2026-09-07"})
    (past,) = body["planning"]["occurrences"]
    assert past["reserveBlocker"] == "DEADLINE_PASSED"
    assert past["reserveBlockerLabel"] == label(BookingRule.DEADLINE_PASSED) == "Délai dépassé"


async def test_pending_requests_cost_no_statement(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    slot = town.slots[1]
    first = dt.date(2027, 1, 11)
    await session.commit()
    await call(api, house.token, PLANNING, **{"from": "2027-01-11", "to": "2027-03-01"})
    with statements.counting() as none_pending:
        await call(api, house.token, PLANNING, **{"from": "2027-01-11", "to": "2027-03-01"})
    for week in range(6):
        day = first + dt.timedelta(weeks=week)
        await fr.make_booking_request(session, house.account, house.children[0], slot, [day])
    await session.commit()
    with statements.counting() as six_pending:
        body = await call(api, house.token, PLANNING, **{"from": "2027-01-11", "to": "2027-03-01"})
    linked = [o for o in body["planning"]["occurrences"] if o["pendingRequest"]]
    assert len(linked) == 6
    assert len({o["pendingRequest"] for o in linked}) == 6
    assert len(six_pending) == len(none_pending), six_pending
