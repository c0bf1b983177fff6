"""« Mes demandes » and the staff inbox over HTTP: every request type in one list, newest
first, with the guide's filters (child, type, En cours / Traité, reference); unread message
counts and marking them read — and never another family's or tenant's requests."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Child, Message, MessageReceipt, Request, Slot, Tenant
from models.request import RequestStatus, RequestType
from tests.factories import requests as fr
from tests.factories.towns import StaffTown, make_staff_town
from tests.support.graphql_client import GraphQLClient, StatementCounter

MONDAY = dt.date(2026, 1, 12)
LIST = """query($where: RequestFilter, $first: Int, $after: String) {
  requests(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference type status unreadMessageCount family { id }
      periodStart periodEnd activity { id } lines { date } } } } }"""
UNREAD = "{ viewer { unreadMessageCount } }"
MARK = """mutation($input: MessagesMarkReadInput!) { messagesMarkRead(input: $input) {
  markedCount requests { id unreadMessageCount } viewer { unreadMessageCount }
  errors { field code } } }"""
MARK_ALL = """mutation($input: MessagesMarkAllReadInput) { messagesMarkAllRead(input: $input) {
  markedCount viewer { unreadMessageCount } errors { field code } } }"""


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@pytest.fixture
async def town(session: AsyncSession, tenant: Tenant) -> StaffTown:
    town = await make_staff_town(session, tenant, reporting=True)
    family, guardians, children, slot = town.family, town.guardians, town.children, town.slot
    account, other_account = town.parent_account, town.other_account
    (other_child,) = town.other_children

    made: dict[str, Request] = {}
    change = Request(
        tenant_id=tenant.id,
        family_id=family.id,
        reference=40_000_001,
        type=RequestType.GUARDIAN_CHANGE,
        status=RequestStatus.ACCEPTED,
        guardian_id=guardians[0].id,
        created_by_account_id=account.id,
    )
    session.add(change)
    await session.flush()
    made["change"] = change
    made["reservation"], _ = await fr.make_booking_request(
        session, account, children[0], slot, [MONDAY]
    )
    made["absence"], _ = await fr.make_booking_request(
        session,
        account,
        children[1],
        slot,
        [MONDAY],
        type=RequestType.ABSENCE,
        status=RequestStatus.REFUSED,
    )
    made["other"], _ = await fr.make_booking_request(
        session, other_account, other_child, slot, [MONDAY]
    )
    await fr.make_message(session, made["reservation"])
    await fr.make_message(session, made["reservation"])
    await fr.make_message(session, made["absence"])
    await fr.make_message(session, made["absence"], from_staff=False)
    await fr.make_message(session, made["other"])
    await session.commit()
    town.references = {name: r.reference for name, r in made.items()}
    return town


async def call(
    api: GraphQLClient, token: str | None, query: str, variables: Any = None, **kw: Any
) -> Any:
    """The JSON response to a document sent with ``token`` (None: anonymous)."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers, **kw)


async def data(api: GraphQLClient, token: str | None, query: str, variables: Any = None) -> Any:
    """The ``data`` of a response that must have no top-level errors."""
    body = await call(api, token, query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def listed(api: GraphQLClient, token: str, where: dict[str, Any] | None = None) -> list[int]:
    """The references a viewer's list shows."""
    result = (await data(api, token, LIST, {"where": where}))["requests"]
    assert result["totalCount"] == len(result["edges"])
    return [edge["node"]["reference"] for edge in result["edges"]]


async def _request_id(session: AsyncSession, reference: int) -> str:
    pk = await session.scalar(select(Request.id).where(Request.reference == reference))
    assert pk is not None
    return gid("Request", pk)


async def test_a_parent_lists_every_type_of_their_own_requests_newest_first(
    api: GraphQLClient, town: StaffTown
) -> None:
    refs = town.references
    mine = [refs["absence"], refs["reservation"], refs["change"]]
    mine.sort(reverse=True)

    assert await listed(api, town.parent) == mine
    assert await listed(api, town.parent, {"stateGroup": "IN_PROGRESS"}) == [refs["reservation"]]
    assert await listed(api, town.parent, {"stateGroup": "PROCESSED"}) == sorted(
        [refs["absence"], refs["change"]], reverse=True
    )
    assert await listed(api, town.parent, {"type": {"eq": "ABSENCE"}}) == [refs["absence"]]
    assert await listed(api, town.parent, {"child": gid("Child", town.child_ids[0])}) == [
        refs["reservation"]
    ]
    spaced = f"{refs['reservation']:,}".replace(",", " ")
    assert await listed(api, town.parent, {"reference": spaced}) == [refs["reservation"]]
    assert await listed(api, town.parent, {"status": {"oneOf": ["REFUSED"]}}) == [refs["absence"]]
    nodes = {
        e["node"]["reference"]: e["node"]
        for e in (await data(api, town.parent, LIST))["requests"]["edges"]
    }
    reservation = nodes[refs["reservation"]]
    assert (reservation["periodStart"], reservation["periodEnd"]) == ("2026-01-12", "2026-01-12")
    assert reservation["activity"] is not None
    assert reservation["lines"] == [{"date": "2026-01-12"}]
    change = nodes[refs["change"]]
    assert (change["periodStart"], change["activity"], change["lines"]) == (None, None, [])


async def test_a_parent_never_sees_another_familys_requests(
    api: GraphQLClient, town: StaffTown
) -> None:
    other = town.references["other"]
    assert other not in await listed(api, town.parent)
    assert await listed(api, town.parent, {"family": gid("Family", town.other_family_id)}) == []
    assert await listed(api, town.parent, {"child": gid("Child", town.other_child_ids[0])}) == []
    assert await listed(api, town.parent, {"reference": str(other)}) == []
    assert await listed(api, town.other_parent) == [other]


async def test_staff_inbox_lists_the_collectivitys_open_requests(
    api: GraphQLClient, town: StaffTown
) -> None:
    refs = town.references
    inbox = await listed(api, town.staff, {"stateGroup": "IN_PROGRESS"})
    assert inbox == sorted([refs["reservation"], refs["other"]], reverse=True)
    assert await listed(
        api, town.staff, {"stateGroup": "IN_PROGRESS", "family": gid("Family", town.family_id)}
    ) == [refs["reservation"]]
    foreign = await call(api, town.foreign_staff, LIST, {"where": None}, tenant=town.foreign_slug)
    assert foreign["data"]["requests"]["edges"] == []


async def test_reporting_and_anonymous_viewers_have_no_list(
    api: GraphQLClient, town: StaffTown
) -> None:
    for token, code in ((town.reporting, "FORBIDDEN"), (None, "UNAUTHENTICATED")):
        body = await call(api, token, LIST)
        assert body["errors"][0]["extensions"]["code"] == code
        body = await call(api, token, MARK_ALL)
        assert body["errors"][0]["extensions"]["code"] == code
    assert (await data(api, None, UNREAD))["viewer"]["unreadMessageCount"] == 0


async def test_unread_counts_and_marking_a_selection_read(
    session: AsyncSession, api: GraphQLClient, town: StaffTown
) -> None:
    reservation = await _request_id(session, town.references["reservation"])
    absence = await _request_id(session, town.references["absence"])
    other = await _request_id(session, town.references["other"])
    counts = {
        e["node"]["id"]: e["node"]["unreadMessageCount"]
        for e in (await data(api, town.parent, LIST))["requests"]["edges"]
    }
    assert counts == {
        reservation: 2,
        absence: 1,
        await _request_id(session, town.references["change"]): 0,
    }
    assert (await data(api, town.parent, UNREAD))["viewer"]["unreadMessageCount"] == 3
    # The family's own message is unread for staff, not for the family.
    assert (await data(api, town.staff, UNREAD))["viewer"]["unreadMessageCount"] == 1

    refused = (await data(api, town.parent, MARK, {"input": {"requests": [reservation, other]}}))[
        "messagesMarkRead"
    ]
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [
        ("NOT_FOUND", ["requests", "1"])
    ]
    assert await session.scalar(select(func.count()).select_from(MessageReceipt)) == 0

    marked = (await data(api, town.parent, MARK, {"input": {"requests": [reservation]}}))[
        "messagesMarkRead"
    ]
    assert marked["errors"] == []
    assert marked["markedCount"] == 2
    assert marked["requests"] == [{"id": reservation, "unreadMessageCount": 0}]
    assert marked["viewer"]["unreadMessageCount"] == 1
    # The other parent's own counts are untouched.
    assert (await data(api, town.other_parent, UNREAD))["viewer"]["unreadMessageCount"] == 1


async def test_marking_everything_read(
    session: AsyncSession, api: GraphQLClient, town: StaffTown
) -> None:
    by_child = (
        await data(
            api, town.parent, MARK_ALL, {"input": {"child": gid("Child", town.child_ids[1])}}
        )
    )["messagesMarkAllRead"]
    assert (by_child["markedCount"], by_child["viewer"]["unreadMessageCount"]) == (1, 2)

    foreign = (
        await data(
            api, town.parent, MARK_ALL, {"input": {"family": gid("Family", town.other_family_id)}}
        )
    )["messagesMarkAllRead"]
    assert [e["code"] for e in foreign["errors"]] == ["NOT_FOUND"]
    other_child = (
        await data(
            api, town.parent, MARK_ALL, {"input": {"child": gid("Child", town.other_child_ids[0])}}
        )
    )["messagesMarkAllRead"]
    assert [e["code"] for e in other_child["errors"]] == ["NOT_FOUND"]

    everything = (await data(api, town.parent, MARK_ALL))["messagesMarkAllRead"]
    assert (everything["markedCount"], everything["viewer"]["unreadMessageCount"]) == (2, 0)
    assert (await data(api, town.other_parent, UNREAD))["viewer"]["unreadMessageCount"] == 1

    staff = (
        await data(api, town.staff, MARK_ALL, {"input": {"family": gid("Family", town.family_id)}})
    )["messagesMarkAllRead"]
    assert staff["markedCount"] == 1
    receipts = await session.scalar(select(func.count()).select_from(MessageReceipt))
    messages = await session.scalar(select(func.count()).select_from(Message))
    assert (receipts, messages) == (4, 5)


async def test_the_list_costs_the_same_few_statements_whatever_its_length(
    session: AsyncSession, api: GraphQLClient, town: StaffTown, statements: StatementCounter
) -> None:
    query = """{ requests(first: 50) { edges { node { id unreadMessageCount
      lines { id status child { firstName } } history { step } messages { body } } } } }"""
    with statements.counting() as few:
        await data(api, town.staff, query)
    child = await session.get(Child, town.child_ids[0])
    slot = await session.scalar(select(Slot))
    assert child is not None and slot is not None
    for _ in range(10):
        request, _ = await fr.make_booking_request(session, None, child, slot, [MONDAY])
        await fr.make_message(session, request)
    await session.commit()
    with statements.counting() as many:
        await data(api, town.staff, query)
    assert len(many) == len(few)
