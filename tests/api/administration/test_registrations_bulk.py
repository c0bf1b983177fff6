"""Staff's side of registrations over HTTP: the ``registrations`` list (filtered, paged,
in a constant number of statements) and registrationsAccept / registrationsRefuse, line
by line — another tenant's registrations are not found, parents are refused."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Registration, SchoolYear, StaffEstablishment, Tenant
from models.account import Role
from models.registration import RegistrationStatus
from tests import factories
from tests.factories.bookings import make_registration
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

LIST = """query($status: [RegistrationStatus!], $year: ID, $activity: ID, $after: String,
      $first: Int = 2) {
  registrations(status: $status, schoolYear: $year, activity: $activity, first: $first,
                after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id status statusLabel child { firstName } activity { code } } } } }"""
ACCEPT = """mutation($input: RegistrationsAcceptInput!) { registrationsAccept(input: $input) {
  lines { registrationId outcome outcomeLabel registration { id status decidedAt } }
  errors { field code } } }"""
REFUSE = """mutation($input: RegistrationsRefuseInput!) { registrationsRefuse(input: $input) {
  lines { registrationId outcome registration { status } } errors { field code } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, query: str, variables: dict[str, Any]) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


@dataclass
class Town:
    year: SchoolYear
    activity: Activity
    wishes: list[Registration]
    active: Registration
    foreign: Registration
    agent: str
    parent: str


async def _wishes(
    session: AsyncSession, tenant: Tenant, count: int
) -> tuple[SchoolYear, Activity, list[Registration], Registration]:
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(session, school, year)
    family = await factories.make_family(session, tenant)
    wishes = [
        await make_registration(
            session,
            await factories.make_child(session, family),
            activity,
            status=RegistrationStatus.REQUESTED,
        )
        for _ in range(count)
    ]
    active = await make_registration(session, await factories.make_child(session, family), activity)
    return year, activity, wishes, active


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    year, activity, wishes, active = await _wishes(session, tenant, 3)
    other = await factories.make_tenant(session)
    _, _, foreign, _ = await _wishes(session, other, 1)
    _, agent = await make_account_with_token(session, tenant, role=Role.STAFF)
    _, parent = await make_account_with_token(session, tenant, role=Role.PARENT)
    await session.commit()
    return Town(year, activity, wishes, active, foreign[0], agent, parent)


async def test_staff_list_the_wishes_page_by_page(
    api: GraphQLClient, session: AsyncSession, town: Town, statements: StatementCounter
) -> None:
    variables: dict[str, Any] = {
        "status": ["REQUESTED"],
        "year": gid("SchoolYear", town.year.id),
        "activity": gid("Activity", town.activity.id),
    }
    body = await call(api, town.agent, LIST, variables)
    page = body["data"]["registrations"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["id"] for e in page["edges"]] == [
        gid("Registration", r.id) for r in town.wishes[:2]
    ]
    assert page["edges"][0]["node"]["statusLabel"] == "Demandée"
    assert page["edges"][0]["node"]["activity"]["code"] == town.activity.code
    rest = await call(api, town.agent, LIST, {**variables, "after": page["pageInfo"]["endCursor"]})
    assert [e["node"]["id"] for e in rest["data"]["registrations"]["edges"]] == [
        gid("Registration", town.wishes[2].id)
    ]
    # Four registrations with their children and activities cost what one costs.
    with statements.counting() as one:
        await call(api, town.agent, LIST, {"first": 1})
    with statements.counting() as four:
        body = await call(api, town.agent, LIST, {"first": 4})
    assert len(body["data"]["registrations"]["edges"]) == 4
    assert len(four) == len(one)
    forbidden = await call(api, town.parent, LIST, {})
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_bulk_accept_and_refuse_line_by_line(api: GraphQLClient, town: Town) -> None:
    first, second, third = (gid("Registration", r.id) for r in town.wishes)
    ids = [first, gid("Registration", town.active.id), gid("Registration", town.foreign.id)]
    body = await call(api, town.agent, ACCEPT, {"input": {"registrations": ids}})
    result = body["data"]["registrationsAccept"]
    assert [(line["outcome"], line["outcomeLabel"]) for line in result["lines"]] == [
        ("ACCEPTED", "Acceptée"),
        ("ALREADY_DECIDED", "Déjà traitée"),
        ("NOT_FOUND", "Introuvable"),
    ]
    assert result["lines"][0]["registration"]["status"] == "ACTIVE"
    assert result["lines"][0]["registration"]["decidedAt"] is not None
    assert result["lines"][2]["registration"] is None
    assert result["errors"] == [{"field": ["registrations", "2"], "code": "NOT_FOUND"}]

    body = await call(
        api,
        town.agent,
        REFUSE,
        {"input": {"registrations": [first, second, third], "reason": "Complet"}},
    )
    result = body["data"]["registrationsRefuse"]
    assert [(line["outcome"], line["registration"]["status"]) for line in result["lines"]] == [
        ("ALREADY_DECIDED", "ACTIVE"),
        ("REFUSED", "REFUSED"),
        ("REFUSED", "REFUSED"),
    ]
    assert result["errors"] == []

    too_long = {"input": {"registrations": [first], "reason": "x" * 1001}}
    body = await call(api, town.agent, REFUSE, too_long)
    assert body["data"]["registrationsRefuse"] == {
        "lines": [],
        "errors": [{"field": ["reason"], "code": "TOO_LONG"}],
    }
    body = await call(api, town.parent, ACCEPT, {"input": {"registrations": [first]}})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_later_decision_never_overrides_the_first(
    api: GraphQLClient, session: AsyncSession, town: Town
) -> None:
    wish = gid("Registration", town.wishes[0].id)
    await call(api, town.agent, REFUSE, {"input": {"registrations": [wish]}})
    body = await call(api, town.agent, ACCEPT, {"input": {"registrations": [wish]}})
    line = body["data"]["registrationsAccept"]["lines"][0]
    assert (line["outcome"], line["registration"]["status"]) == ("ALREADY_DECIDED", "REFUSED")
    await session.refresh(town.wishes[0])
    assert town.wishes[0].status is RegistrationStatus.REFUSED
    assert town.wishes[0].decided_at is not None
    assert town.wishes[0].decided_at.date() <= dt.datetime.now(dt.UTC).date()


async def test_an_agent_limited_to_another_school_neither_lists_nor_decides(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, town: Town
) -> None:
    other_school = await factories.make_establishment(session, tenant)
    agent, token = await make_account_with_token(session, tenant, role=Role.STAFF)
    session.add(
        StaffEstablishment(
            account_id=agent.id, establishment_id=other_school.id, tenant_id=tenant.id
        )
    )
    await session.commit()
    body = await call(api, token, LIST, {"first": 10})
    assert body["data"]["registrations"]["totalCount"] == 0
    wish = gid("Registration", town.wishes[0].id)
    body = await call(api, token, ACCEPT, {"input": {"registrations": [wish]}})
    assert body["data"]["registrationsAccept"]["lines"][0]["outcome"] == "NOT_FOUND"
