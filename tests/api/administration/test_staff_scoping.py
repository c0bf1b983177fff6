"""An agent limited to some establishments: their inbox, planning and attendance show
those establishments' activities only, and a decision or an attendance check on another
establishment is refused — through the API, with the limits set by staffEstablishmentsSet."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, RequestLine, Tenant
from models.account import Role
from models.base import utcnow
from models.request import RequestLineStatus
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.support.graphql_client import GraphQLClient

INBOX = "{ requests(first: 50) { totalCount edges { node { reference } } } }"
INBOX_OF = """query($where: RequestFilter) { requests(where: $where, first: 50) {
  edges { node { reference } } } }"""
LIMITS = """mutation($input: StaffEstablishmentsSetInput!) { staffEstablishmentsSet(input: $input) {
  errors { code } } }"""
ACCEPT = """mutation($input: RequestAcceptInput!) { requestAccept(input: $input) {
  request { reference } errors { code field } } }"""
REFUSE = """mutation($input: RequestRefuseInput!) { requestRefuse(input: $input) {
  request { reference } errors { code field } } }"""
ATTENDANCE = """mutation($input: AttendanceMarkInput!) { attendanceMark(input: $input) {
  bookings { attendance } errors { code field } } }"""
PLANNING = """query($range: DateRangeInput!, $children: [ID!]) {
  planning(range: $range, children: $children) { occurrences { date activity { id } } } }"""
MONDAY = dt.date(2026, 1, 12)


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def _post(api: GraphQLClient, token: str, query: str, **variables: Any) -> Any:
    body = await api.post(query, variables, headers={"authorization": f"Bearer {token}"})
    assert "errors" not in body, body["errors"]
    return body["data"]


@dataclass
class Schools:
    admin: str
    agent: str  # limited to school A
    agent_id: int
    colleague: str  # not limited
    schools: list[int]
    activities: list[int]
    slots: list[int]
    child: int
    requests: list[int]  # one per school
    references: list[int]
    bookings: list[int]  # one per school, on the last Monday


def _last_monday() -> dt.date:
    today = utcnow().date() - dt.timedelta(days=1)
    return today - dt.timedelta(days=today.weekday())


@pytest.fixture
async def world(session: AsyncSession, tenant: Tenant, api: GraphQLClient) -> Schools:
    year = await factories.make_school_year(session, tenant)
    schools = [await factories.make_establishment(session, tenant) for _ in range(2)]
    activities = [await factories.make_activity(session, school, year) for school in schools]
    slots = [await factories.make_slot(session, activity) for activity in activities]
    _, guardians, (child,) = await ff.make_family_with_members(session, tenant)
    parent, _ = await ff.make_parent_account_with_token(session, tenant, guardian=guardians[0])
    for activity in activities:
        await factories.make_registration(session, child, activity)
    requests = [
        (await fr.make_booking_request(session, parent, child, slot, [MONDAY]))[0] for slot in slots
    ]
    day = _last_monday()
    bookings = [await fr.make_booking(session, child, slot, day) for slot in slots]
    _, admin = await ff.make_account_with_token(session, tenant, role=Role.ADMIN)
    agent_account, agent = await ff.make_staff_account_with_token(session, tenant)
    _, colleague = await ff.make_staff_account_with_token(session, tenant)
    world = Schools(
        admin=admin,
        agent=agent,
        agent_id=agent_account.id,
        colleague=colleague,
        schools=[s.id for s in schools],
        activities=[a.id for a in activities],
        slots=[s.id for s in slots],
        child=child.id,
        requests=[r.id for r in requests],
        references=[r.reference for r in requests],
        bookings=[b.id for b in bookings],
    )
    await session.commit()
    limited = await _post(
        api,
        admin,
        LIMITS,
        input={
            "account": gid("Account", world.agent_id),
            "establishments": [gid("Establishment", world.schools[0])],
        },
    )
    assert limited["staffEstablishmentsSet"]["errors"] == []
    return world


def _refs(data: Any) -> list[int]:
    return sorted(edge["node"]["reference"] for edge in data["requests"]["edges"])


async def test_the_inbox_shows_the_agents_establishments_only(
    api: GraphQLClient, world: Schools
) -> None:
    assert _refs(await _post(api, world.agent, INBOX)) == [world.references[0]]
    assert _refs(await _post(api, world.colleague, INBOX)) == sorted(world.references)
    other = {"establishment": gid("Establishment", world.schools[1])}
    assert _refs(await _post(api, world.agent, INBOX_OF, where=other)) == []

    # The limit lifted: the next request sees everything.
    await _post(
        api,
        world.admin,
        LIMITS,
        input={"account": gid("Account", world.agent_id), "establishments": []},
    )
    assert _refs(await _post(api, world.agent, INBOX)) == sorted(world.references)


async def test_deciding_a_request_of_another_establishment_is_refused(
    api: GraphQLClient, world: Schools, session: AsyncSession
) -> None:
    foreign = gid("Request", world.requests[1])
    accepted = await _post(api, world.agent, ACCEPT, input={"request": foreign})
    assert accepted["requestAccept"]["request"] is None
    assert [e["code"] for e in accepted["requestAccept"]["errors"]] == ["NOT_FOUND"]
    refused = await _post(
        api, world.agent, REFUSE, input={"request": foreign, "message": "Complet."}
    )
    assert [e["code"] for e in refused["requestRefuse"]["errors"]] == ["NOT_FOUND"]
    statuses = set(
        await session.scalars(
            select(RequestLine.status).where(RequestLine.request_id == world.requests[1])
        )
    )
    assert statuses == {RequestLineStatus.PENDING}

    own = await _post(
        api, world.agent, ACCEPT, input={"request": gid("Request", world.requests[0])}
    )
    assert own["requestAccept"]["errors"] == []


async def test_marking_attendance_on_another_establishment_is_refused(
    api: GraphQLClient, world: Schools, session: AsyncSession
) -> None:
    day = _last_monday().isoformat()
    marks = [{"child": gid("Child", world.child), "present": True}]
    other = await _post(
        api,
        world.agent,
        ATTENDANCE,
        input={"slot": gid("Slot", world.slots[1]), "date": day, "marks": marks},
    )
    assert [(e["code"], e["field"]) for e in other["attendanceMark"]["errors"]] == [
        ("NOT_FOUND", ["slot"])
    ]
    booking = await session.get_one(Booking, world.bookings[1])
    assert booking.attendance is None

    own = await _post(
        api,
        world.agent,
        ATTENDANCE,
        input={"slot": gid("Slot", world.slots[0]), "date": day, "marks": marks},
    )
    assert own["attendanceMark"]["errors"] == []
    assert [b["attendance"] for b in own["attendanceMark"]["bookings"]] == ["PRESENT"]


async def test_the_planning_shows_the_agents_establishments_only(
    api: GraphQLClient, world: Schools
) -> None:
    variables = {
        "range": {"gte": "2026-01-05", "lte": "2026-01-31"},
        "children": [gid("Child", world.child)],
    }
    limited = await _post(api, world.agent, PLANNING, **variables)
    activities = {o["activity"]["id"] for o in limited["planning"]["occurrences"]}
    assert activities == {gid("Activity", world.activities[0])}
    everyone = await _post(api, world.colleague, PLANNING, **variables)
    activities = {o["activity"]["id"] for o in everyone["planning"]["occurrences"]}
    assert activities == {gid("Activity", pk) for pk in world.activities}
