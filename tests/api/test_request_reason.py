"""The reason a parent gives for an absence (the guide's « Raison ») is readable on the
request by that family and by staff; another family reads nothing of it."""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from models.account import Role
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient

MONDAY = "2026-12-07"

RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) { request { id reason } errors { code } } }"""
ABSENCE = """mutation($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) { request { id reason } errors { code message } } }"""
NODE = """query($id: ID!) { node(id: $id) { ... on Request { reference type reason } } }"""
MINE = """{ requests(first: 10) { edges { node { type reason } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str, query: str, **variables: Any) -> Any:
    return await api.post(query, variables, headers={"authorization": f"Bearer {token}"})


async def test_family_and_staff_read_the_absence_reason_other_families_do_not(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant, auto_accept=True)
    house = await make_household(session, town)
    neighbours = await make_household(session, town)
    _, staff = await make_account_with_token(session, tenant, role=Role.STAFF)
    await session.commit()
    ask = {
        "children": [gid("Child", c.id) for c in house.children],
        "activity": gid("Activity", town.activity.id),
        "date": MONDAY,
    }
    reserved = await call(api, house.token, RESERVE, input=ask)
    reservation = reserved["data"]["reservationRequestCreate"]["request"]
    assert reservation["reason"] is None  # a reservation has no reason

    created = await call(api, house.token, ABSENCE, input={**ask, "reason": "  malade  "})
    payload = created["data"]["absenceRequestCreate"]
    assert payload["errors"] == [], payload
    request = payload["request"]
    assert request["reason"] == "malade"

    mine = await call(api, house.token, NODE, id=request["id"])
    assert mine["data"]["node"]["reason"] == "malade"
    listed = await call(api, house.token, MINE)
    assert {"type": "ABSENCE", "reason": "malade"} in [
        e["node"] for e in listed["data"]["requests"]["edges"]
    ]
    seen_by_staff = await call(api, staff, NODE, id=request["id"])
    assert seen_by_staff["data"]["node"]["reason"] == "malade"
    assert seen_by_staff["data"]["node"]["type"] == "ABSENCE"
    theirs = await call(api, neighbours.token, NODE, id=request["id"])
    assert theirs["data"]["node"] is None
    assert "malade" not in str(theirs)
