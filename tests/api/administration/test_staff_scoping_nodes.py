"""An agent limited to some establishments, everywhere else they read: ``node``/``nodes`` of
a request, a request line, a booking or a registration about another establishment's
activity answer null, ``requestMessagePost`` on such a request is NOT_FOUND, and the live
feeds skip the events about other establishments' activities — while an agent without
limits reaches everything, and what is about no activity (a family file change) stays
visible to both."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.viewer import Viewer
from models import Message, Session, Tenant
from models.account import Role
from models.event import EventKind
from subscriptions.log import LoggedEvent, read_events
from subscriptions.viewers import can_see, current_viewers
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.support.graphql_client import GraphQLClient

LIMITS = """mutation($input: StaffEstablishmentsSetInput!) { staffEstablishmentsSet(input: $input) {
  errors { code } } }"""
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
NODE = "query($id: ID!) { node(id: $id) { id } }"
POST = """mutation($input: RequestMessagePostInput!) { requestMessagePost(input: $input) {
  message { body } errors { code field message } } }"""
ACCEPT = """mutation($input: RequestAcceptInput!) { requestAccept(input: $input) {
  errors { code } } }"""
AUTHORIZATIONS = """mutation($input: ChildAuthorizationsChangeRequestCreateInput!) {
  childAuthorizationsChangeRequestCreate(input: $input) { request { id } errors { code } } }"""
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
    colleague_id: int
    activities: list[int]
    requests: list[int]  # one per school
    lines: list[int]  # one per school
    bookings: list[int]  # one per school
    registrations: list[int]  # one per school
    file_change: str  # a family file change request (about no activity), global ID


@pytest.fixture
async def world(session: AsyncSession, tenant: Tenant, api: GraphQLClient) -> Schools:
    year = await factories.make_school_year(session, tenant)
    schools = [await factories.make_establishment(session, tenant) for _ in range(2)]
    activities = [await factories.make_activity(session, school, year) for school in schools]
    slots = [await factories.make_slot(session, activity) for activity in activities]
    _, guardians, (child,) = await ff.make_family_with_members(session, tenant)
    parent, parent_token = await ff.make_parent_account_with_token(
        session, tenant, guardian=guardians[0]
    )
    registrations = [
        await factories.make_registration(session, child, activity) for activity in activities
    ]
    made = [await fr.make_booking_request(session, parent, child, slot, [MONDAY]) for slot in slots]
    bookings = [
        await fr.make_booking(session, child, slot, MONDAY + dt.timedelta(days=7)) for slot in slots
    ]
    _, admin = await ff.make_account_with_token(session, tenant, role=Role.ADMIN)
    agent_account, agent = await ff.make_staff_account_with_token(session, tenant)
    colleague_account, colleague = await ff.make_staff_account_with_token(session, tenant)
    await session.commit()
    limited = await _post(
        api,
        admin,
        LIMITS,
        input={
            "account": gid("Account", agent_account.id),
            "establishments": [gid("Establishment", schools[0].id)],
        },
    )
    assert limited["staffEstablishmentsSet"]["errors"] == []
    asked = await _post(
        api,
        parent_token,
        AUTHORIZATIONS,
        input={"child": gid("Child", child.id), "changes": {"leaveAlone": True}},
    )
    file_change = asked["childAuthorizationsChangeRequestCreate"]
    assert file_change["errors"] == []
    return Schools(
        admin=admin,
        agent=agent,
        agent_id=agent_account.id,
        colleague=colleague,
        colleague_id=colleague_account.id,
        activities=[a.id for a in activities],
        requests=[request.id for request, _ in made],
        lines=[lines[0].id for _, lines in made],
        bookings=[b.id for b in bookings],
        registrations=[r.id for r in registrations],
        file_change=file_change["request"]["id"],
    )


def _ids(world: Schools) -> list[str]:
    return [
        *(gid("Request", pk) for pk in world.requests),
        *(gid("RequestLine", pk) for pk in world.lines),
        *(gid("Booking", pk) for pk in world.bookings),
        *(gid("Registration", pk) for pk in world.registrations),
        world.file_change,
    ]


async def test_nodes_of_another_establishment_are_null_for_a_limited_agent(
    api: GraphQLClient, world: Schools
) -> None:
    ids = _ids(world)
    seen = [
        n["id"] if n else None for n in (await _post(api, world.agent, NODES, ids=ids))["nodes"]
    ]
    # School A's request, line, booking and registration, and the file change: yes; school
    # B's: null, as an unknown ID.
    assert seen == [
        ids[0],
        None,
        ids[2],
        None,
        ids[4],
        None,
        ids[6],
        None,
        world.file_change,
    ]
    everything = (await _post(api, world.colleague, NODES, ids=ids))["nodes"]
    assert [n["id"] for n in everything] == ids
    admin = (await _post(api, world.admin, NODES, ids=ids))["nodes"]
    assert [n["id"] for n in admin] == ids

    for foreign in (ids[1], ids[3], ids[5], ids[7]):
        assert (await _post(api, world.agent, NODE, id=foreign))["node"] is None
        assert (await _post(api, world.colleague, NODE, id=foreign))["node"] == {"id": foreign}
    assert (await _post(api, world.agent, NODE, id=ids[0]))["node"] == {"id": ids[0]}


async def test_a_message_on_another_establishments_request_is_not_found(
    api: GraphQLClient, world: Schools, session: AsyncSession
) -> None:
    foreign = {"request": gid("Request", world.requests[1]), "body": "Bonjour"}
    refused = (await _post(api, world.agent, POST, input=foreign))["requestMessagePost"]
    assert refused["message"] is None
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("NOT_FOUND", ["request"])]
    assert refused["errors"][0]["message"] == "Demande introuvable."
    count = select(func.count(Message.id)).where(Message.request_id == world.requests[1])
    assert await session.scalar(count) == 0

    own = {"request": gid("Request", world.requests[0]), "body": "Bonjour"}
    posted = (await _post(api, world.agent, POST, input=own))["requestMessagePost"]
    assert posted["errors"] == [] and posted["message"] == {"body": "Bonjour"}
    on_file = {"request": world.file_change, "body": "Bien reçu"}
    posted = (await _post(api, world.agent, POST, input=on_file))["requestMessagePost"]
    assert posted["errors"] == []
    by_colleague = (await _post(api, world.colleague, POST, input=foreign))["requestMessagePost"]
    assert by_colleague["errors"] == []
    assert await session.scalar(count) == 1


async def _viewer(session: AsyncSession, tenant_id: int, account_id: int) -> Viewer:
    session_id = await session.scalar(
        select(Session.id).where(Session.account_id == account_id).limit(1)
    )
    assert session_id is not None
    viewer = (await current_viewers(session, tenant_id=tenant_id, session_ids=[session_id]))[
        session_id
    ]
    assert viewer is not None
    return viewer


def _about(events: list[LoggedEvent], viewer: Viewer) -> set[tuple[EventKind, Any]]:
    return {
        (e.kind, e.payload.get("activityId"))
        for e in events
        if can_see(viewer, e) and e.kind is not EventKind.INVOICE_ISSUED
    }


async def test_the_live_feeds_skip_other_establishments_events_for_a_limited_agent(
    api: GraphQLClient, world: Schools, session: AsyncSession, tenant: Tenant
) -> None:
    tenant_id = tenant.id
    for request in world.requests:  # decided by the administrator: status, line, booking
        accepted = await _post(api, world.admin, ACCEPT, input={"request": gid("Request", request)})
        assert accepted["requestAccept"]["errors"] == []
    events = await read_events(session, tenant_id=tenant_id, after=0, limit=500)
    created = [e for e in events if e.kind is EventKind.REQUEST_CREATED]
    assert [e.payload["activityId"] for e in created] == [None]  # the file change
    status_events = [e for e in events if e.kind is EventKind.REQUEST_STATUS_CHANGED]
    assert {e.payload["activityId"] for e in status_events} == set(world.activities)

    agent = await _viewer(session, tenant_id, world.agent_id)
    assert agent.establishment_ids is not None
    assert agent.activity_ids == frozenset({world.activities[0]})
    colleague = await _viewer(session, tenant_id, world.colleague_id)
    assert colleague.establishment_ids is None

    school_a, school_b = world.activities
    every_kind = {
        EventKind.REQUEST_STATUS_CHANGED,
        EventKind.REQUEST_LINE_DECIDED,
        EventKind.BOOKING_CHANGED,
    }
    assert _about(events, agent) == {(EventKind.REQUEST_CREATED, None)} | {
        (kind, school_a) for kind in every_kind
    }
    assert _about(events, colleague) == {(EventKind.REQUEST_CREATED, None)} | {
        (kind, activity) for kind in every_kind for activity in (school_a, school_b)
    }

    # An older request event without the activity: not shown to the limited agent.
    old = next(e for e in status_events if e.payload["activityId"] == school_a)
    payload = {k: v for k, v in old.payload.items() if k != "activityId"}
    older = replace(old, payload=payload)
    assert not can_see(agent, older)
    assert can_see(colleague, older)

    # The limit lifted: the next read of the viewer sees everything.
    await _post(
        api,
        world.admin,
        LIMITS,
        input={"account": gid("Account", world.agent_id), "establishments": []},
    )
    await session.rollback()  # a new transaction: the limits as they are now
    lifted = await _viewer(session, tenant_id, world.agent_id)
    assert lifted.establishment_ids is None
    assert _about(events, lifted) == _about(events, colleague)
