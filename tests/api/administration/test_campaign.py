"""The registration campaign over HTTP: administrators open and close it; a parent wishes
a registration of their own child during it (not another family's, not outside it, not
twice) and may withdraw it; the Registration node is the family's and staff's."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from kernel.clock import today_in
from kernel.settings import Settings
from kernel.tenancy import TenantRef
from kernel.viewer import Viewer
from models import Activity, Child, Registration, SchoolYear, Tenant
from models.account import Role
from models.child import Grade
from models.engine import create_session_factory
from models.registration import RegistrationStatus
from resolvers.context import Context
from schema.administration.registrations import child_registrations
from tests import factories
from tests.factories.bookings import make_registration
from tests.factories.family import make_account_with_token, make_family_with_members
from tests.support.graphql_client import GraphQLClient

OPEN = """mutation($input: RegistrationCampaignOpenInput!) {
  registrationCampaignOpen(input: $input) {
    schoolYear { id } registrationCampaign { opensOn closesOn isOpen } errors { field code } } }"""
CLOSE = """mutation($input: RegistrationCampaignCloseInput!) {
  registrationCampaignClose(input: $input) {
    registrationCampaign { opensOn closesOn isOpen } errors { field code } } }"""
WISH = """mutation($input: RegistrationWishInput!) { registrationWish(input: $input) {
  registration { id status statusLabel startDate endDate child { id } activity { id } }
  errors { field message code } } }"""
CANCEL = """mutation($input: RegistrationWishCancelInput!) {
  registrationWishCancel(input: $input) { registration { id status } errors { code } } }"""
NODES = """query($ids: [ID!]!) { nodes(ids: $ids) { ... on Registration { id status } } }"""


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
    child: Child
    other_child: Child
    admin: str
    agent: str
    parent: str
    other_parent: str


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> Town:
    year = await factories.make_school_year(
        session,
        tenant,
        label="2026-2027",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 7, 2),
    )
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(session, school, year, min_grade=Grade.CP)
    _, guardians, children = await make_family_with_members(session, tenant)
    _, other_guardians, other_children = await make_family_with_members(session, tenant)
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    _, agent = await make_account_with_token(session, tenant, role=Role.STAFF)
    _, parent = await make_account_with_token(session, tenant, guardian=guardians[0])
    _, other = await make_account_with_token(session, tenant, guardian=other_guardians[0])
    await session.commit()
    return Town(year, activity, children[0], other_children[0], admin, agent, parent, other)


async def _open(api: GraphQLClient, town: Town, opens: dt.date, closes: dt.date) -> Any:
    variables = {
        "input": {
            "schoolYear": gid("SchoolYear", town.year.id),
            "opensOn": opens.isoformat(),
            "closesOn": closes.isoformat(),
        }
    }
    return (await call(api, town.admin, OPEN, variables))["data"]["registrationCampaignOpen"]


def _wish_input(town: Town, child: Child, key: str | None = None) -> dict[str, Any]:
    return {
        "input": {
            "child": gid("Child", child.id),
            "activity": gid("Activity", town.activity.id),
            "idempotencyKey": key,
        }
    }


async def test_campaign_wish_and_withdrawal(
    api: GraphQLClient, session: AsyncSession, town: Town, tenant: Tenant
) -> None:
    today = today_in(tenant.timezone)
    body = await call(api, town.parent, WISH, _wish_input(town, town.child))
    assert body["data"]["registrationWish"]["errors"][0]["code"] == "CAMPAIGN_CLOSED"

    opened = await _open(api, town, today - dt.timedelta(days=1), today + dt.timedelta(days=30))
    assert opened["errors"] == []
    assert opened["registrationCampaign"]["isOpen"] is True
    years = await api.data("{ schoolYears { id registrationCampaign { opensOn isOpen } } }")
    assert years["schoolYears"] == [
        {
            "id": gid("SchoolYear", town.year.id),
            "registrationCampaign": {
                "opensOn": (today - dt.timedelta(days=1)).isoformat(),
                "isOpen": True,
            },
        }
    ]
    body = await call(api, town.parent, WISH, _wish_input(town, town.child, "wish-1"))
    wish = body["data"]["registrationWish"]
    assert wish["errors"] == []
    registration = wish["registration"]
    assert registration["status"] == "REQUESTED" and registration["statusLabel"] == "Demandée"
    assert (registration["startDate"], registration["endDate"]) == ("2026-09-01", "2027-07-02")
    assert registration["child"]["id"] == gid("Child", town.child.id)
    replay = await call(api, town.parent, WISH, _wish_input(town, town.child, "wish-1"))
    assert replay["data"]["registrationWish"]["registration"]["id"] == registration["id"]
    mine = await call(
        api,
        town.parent,
        "{ viewer { family { children { id registrations { id status } } } } }",
        {},
    )
    children = mine["data"]["viewer"]["family"]["children"]
    assert {"id": registration["id"], "status": "REQUESTED"} in [
        r for c in children for r in c["registrations"]
    ]
    twice = await call(api, town.parent, WISH, _wish_input(town, town.child))
    assert twice["data"]["registrationWish"]["errors"][0]["code"] == "ALREADY_REGISTERED"

    # Another family neither wishes for this child, nor sees nor cancels its wish.
    foreign = await call(api, town.other_parent, WISH, _wish_input(town, town.child))
    assert foreign["data"]["registrationWish"]["errors"][0]["code"] == "NOT_FOUND"
    seen = await call(api, town.other_parent, NODES, {"ids": [registration["id"]]})
    assert seen["data"]["nodes"] == [None]
    cancel = {"input": {"registration": registration["id"]}}
    refused = await call(api, town.other_parent, CANCEL, cancel)
    assert refused["data"]["registrationWishCancel"]["errors"][0]["code"] == "NOT_FOUND"
    for token in (town.parent, town.agent):
        seen = await call(api, token, NODES, {"ids": [registration["id"]]})
        assert seen["data"]["nodes"] == [{"id": registration["id"], "status": "REQUESTED"}]

    done = await call(api, town.parent, CANCEL, cancel)
    assert done["data"]["registrationWishCancel"]["registration"]["status"] == "CANCELLED"
    assert await session.scalar(select(func.count()).select_from(Registration)) == 1

    closed = await call(
        api, town.admin, CLOSE, {"input": {"schoolYear": gid("SchoolYear", town.year.id)}}
    )
    campaign = closed["data"]["registrationCampaignClose"]["registrationCampaign"]
    assert campaign["isOpen"] is False
    assert campaign["closesOn"] == (today - dt.timedelta(days=1)).isoformat()
    body = await call(api, town.parent, WISH, _wish_input(town, town.child))
    assert body["data"]["registrationWish"]["errors"][0]["code"] == "CAMPAIGN_CLOSED"


async def test_only_administrators_open_a_campaign_and_parents_wish(
    api: GraphQLClient, town: Town, tenant: Tenant
) -> None:
    today = today_in(tenant.timezone)
    variables = {
        "input": {
            "schoolYear": gid("SchoolYear", town.year.id),
            "opensOn": today.isoformat(),
            "closesOn": today.isoformat(),
        }
    }
    for token in (town.agent, town.parent):
        body = await call(api, token, OPEN, variables)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await call(api, town.agent, WISH, _wish_input(town, town.child))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = await _open(api, town, today, today - dt.timedelta(days=1))
    assert [(e["code"], e["field"]) for e in bad["errors"]] == [("INVALID_DATES", ["closesOn"])]


async def test_a_childs_registrations_are_read_in_one_batch(
    engine: AsyncEngine, session: AsyncSession, town: Town, tenant: Tenant
) -> None:
    """``child_registrations`` (for ``Child.registrations``) groups the children's rows."""
    wish = await make_registration(
        session, town.child, town.activity, status=RegistrationStatus.REQUESTED
    )
    await session.commit()
    ctx = Context(
        tenant=TenantRef(tenant.id, tenant.slug, tenant.name, tenant.service_name, "Europe/Paris"),
        settings=Settings(),
        sessions=create_session_factory(engine),
        viewer=Viewer(tenant_id=tenant.id, account_id=1, role=Role.STAFF),
    )
    info: Any = SimpleNamespace(context=ctx)
    try:
        mine, other = await asyncio.gather(
            child_registrations(info, town.child.id), child_registrations(info, town.other_child.id)
        )
    finally:
        await ctx.close()
    assert [(r.pk, r.status_label) for r in mine] == [(wish.id, "Demandée")]
    assert other == []
