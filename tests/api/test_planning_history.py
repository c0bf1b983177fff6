"""Each planning occurrence carries its history: requested, accepted, refused, waiting list,
promoted, absence, attendance… with time, French label and request number — fetched in one
statement whatever the range (the planning's statement count stays constant)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.attendance import Mark, mark_attendance
from domain.counters import format_reference
from models import Request, Tenant
from models.base import utcnow
from tests.factories import requests as fr
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.family import make_staff_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

MONDAY = "2026-12-07"
PLANNING = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date status history { kind kindLabel occurredAt request requestReference } } } }"""
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


async def test_history_of_a_reservation_then_its_acceptance(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    _, staff = await make_staff_account_with_token(session, tenant)
    await session.commit()
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
    planning = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (occurrence,) = planning["planning"]["occurrences"]
    assert [(h["kind"], h["kindLabel"]) for h in occurrence["history"]] == [
        ("RESERVATION_REQUESTED", "Réservation demandée")
    ]
    assert occurrence["history"][0]["request"] == request["id"]
    assert occurrence["history"][0]["requestReference"] == format_reference(request["reference"])

    accepted = await call(api, staff, ACCEPT, input={"request": request["id"]})
    assert accepted["requestAccept"]["errors"] == []
    planning = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (occurrence,) = planning["planning"]["occurrences"]
    assert occurrence["status"] == "RESERVED"
    history = occurrence["history"]
    assert [h["kind"] for h in history] == ["RESERVATION_REQUESTED", "ACCEPTED"]
    assert history[1]["kindLabel"] == "Réservation acceptée"
    assert history[0]["occurredAt"] <= history[1]["occurredAt"]
    assert all(h["request"] == request["id"] for h in history)


async def test_attendance_marks_are_in_the_history(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    # A past Monday of the school year (attendance is marked on the day or after).
    day = dt.date(2026, 9, 7)
    await fr.make_booking(session, house.children[0], town.slots[1], day)
    await session.commit()
    await mark_attendance(
        session,
        tenant_id=tenant.id,
        slot_id=town.slots[1].id,
        day=day,
        marks=[Mark(house.children[0].id, present=False)],
        now=utcnow(),
    )
    await session.commit()
    await mark_attendance(
        session,
        tenant_id=tenant.id,
        slot_id=town.slots[1].id,
        day=day,
        marks=[Mark(house.children[0].id, present=True)],
        now=utcnow(),
    )
    await session.commit()
    planning = await call(api, house.token, PLANNING, **{"from": "2026-09-07", "to": "2026-09-07"})
    (occurrence,) = planning["planning"]["occurrences"]
    assert occurrence["status"] == "PRESENT"
    assert [h["kind"] for h in occurrence["history"]] == ["MARKED_ABSENT", "MARKED_PRESENT"]
    assert occurrence["history"][1]["kindLabel"] == "Pointé présent"
    assert occurrence["history"][1]["request"] is None


async def test_history_costs_one_statement_whatever_the_range(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    town = await make_booking_town(session, tenant)
    house = await make_household(session, town)
    slot = town.slots[1]
    account = house.account
    for week in range(8):
        day = dt.date(2026, 9, 7) + dt.timedelta(weeks=week)
        await fr.make_booking_request(session, account, house.children[0], slot, [day])
    await session.commit()
    assert await session.scalar(select(Request.id).limit(1)) is not None
    await call(api, house.token, PLANNING, **{"from": "2026-09-07", "to": "2026-09-07"})
    with statements.counting() as one_day:
        small = await call(api, house.token, PLANNING, **{"from": "2026-09-07", "to": "2026-09-07"})
    with statements.counting() as two_months:
        big = await call(api, house.token, PLANNING, **{"from": "2026-09-01", "to": "2026-11-01"})
    assert sum(len(o["history"]) for o in small["planning"]["occurrences"]) == 1
    assert sum(len(o["history"]) for o in big["planning"]["occurrences"]) == 8
    assert len(two_months) == len(one_day), two_months


CANCEL = """mutation($input: RequestCancelInput!) {
  requestCancel(input: $input) { request { status } errors { code } } }"""
ABSENCE = """mutation($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) { request { id } errors { code } } }"""


async def test_auto_accepted_dates_absences_and_cancellations(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_booking_town(session, tenant, auto_accept=True)
    house = await make_household(session, town, children=2)
    await session.commit()
    first, second = (gid("Child", c.id) for c in house.children)
    base = {"activity": gid("Activity", town.activity.id), "date": MONDAY}
    slots = {"slots": [gid("Slot", town.slots[1].id)]}
    reserved = await call(api, house.token, RESERVE, input={**base, **slots, "children": [first]})
    assert reserved["reservationRequestCreate"]["errors"] == []
    absent = await call(api, house.token, ABSENCE, input={**base, **slots, "children": [first]})
    assert absent["absenceRequestCreate"]["errors"] == []
    town.activity.auto_accept = False
    session.add(town.activity)
    await session.commit()
    pending = await call(api, house.token, RESERVE, input={**base, **slots, "children": [second]})
    request_id = pending["reservationRequestCreate"]["request"]["id"]
    cancelled = await call(api, house.token, CANCEL, input={"request": request_id})
    assert cancelled["requestCancel"]["errors"] == []

    planning = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    by_kinds = sorted(
        [h["kind"] for h in o["history"]] for o in planning["planning"]["occurrences"]
    )
    assert by_kinds == [
        ["RESERVATION_REQUESTED", "ACCEPTED", "ABSENCE_DECLARED", "ABSENCE_ACCEPTED"],
        ["RESERVATION_REQUESTED", "CANCELLED"],
    ]
