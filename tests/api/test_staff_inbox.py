"""The staff inbox's filters: activity, establishment, dates of the lines, and oldest first
(first come, first served) — paginated by keyset, and a first page whose statement count
does not grow with the data."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, Child, Slot, Tenant
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.support.graphql_client import GraphQLClient, StatementCounter

INBOX = """query($where: RequestFilter, $order: RequestOrder, $first: Int, $after: String) {
  requests(where: $where, order: $order, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { reference } } } }"""
MONDAYS = [dt.date(2026, 1, 12), dt.date(2026, 1, 19), dt.date(2026, 2, 2)]


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def data(
    api: GraphQLClient, token: str, query: str, tenant: str | None = None, **variables: Any
) -> Any:
    kw = {"tenant": tenant} if tenant else {}
    body = await api.post(query, variables, headers={"authorization": f"Bearer {token}"}, **kw)
    assert "errors" not in body, body["errors"]
    return body["data"]


@dataclass
class Inbox:
    staff: str
    parent: str
    foreign_staff: str
    foreign_slug: str
    school_ids: list[int]
    activity_ids: list[int]
    child: Child
    slots: list[Slot]
    account: Account
    # reference of the request on (activity index, date index), in creation order
    references: list[tuple[int, int, int]]


@pytest.fixture
async def inbox(session: AsyncSession, tenant: Tenant) -> Inbox:
    year = await factories.make_school_year(session, tenant)
    schools = [await factories.make_establishment(session, tenant) for _ in range(2)]
    activities = [await factories.make_activity(session, school, year) for school in schools]
    slots = [await factories.make_slot(session, activity) for activity in activities]
    _, guardians, (child,) = await ff.make_family_with_members(session, tenant)
    account, parent = await ff.make_parent_account_with_token(
        session, tenant, guardian=guardians[0]
    )
    _, staff = await ff.make_staff_account_with_token(session, tenant)
    foreign = await factories.make_tenant(session)
    _, foreign_staff = await ff.make_staff_account_with_token(session, foreign)
    references = []
    for day_index, day in enumerate(MONDAYS):
        for activity_index, slot in enumerate(slots):
            request, _ = await fr.make_booking_request(session, account, child, slot, [day])
            references.append((activity_index, day_index, request.reference))
    await session.commit()
    return Inbox(
        staff,
        parent,
        foreign_staff,
        foreign.slug,
        [s.id for s in schools],
        [a.id for a in activities],
        child,
        slots,
        account,
        references,
    )


def refs(body: Any) -> list[int]:
    return [edge["node"]["reference"] for edge in body["requests"]["edges"]]


async def test_filters_by_activity_establishment_and_dates(
    api: GraphQLClient, inbox: Inbox
) -> None:
    first_activity = [r for a, _, r in inbox.references if a == 0]
    body = await data(
        api,
        inbox.staff,
        INBOX,
        where={"activity": gid("Activity", inbox.activity_ids[0])},
        order="OLDEST_FIRST",
    )
    assert refs(body) == first_activity
    assert body["requests"]["totalCount"] == 3

    body = await data(
        api,
        inbox.staff,
        INBOX,
        where={"establishment": gid("Establishment", inbox.school_ids[1])},
    )
    assert refs(body) == sorted((r for a, _, r in inbox.references if a == 1), reverse=True)

    january = {"gte": "2026-01-01", "lte": "2026-01-31"}
    body = await data(
        api, inbox.staff, INBOX, where={"dates": january, "stateGroup": "IN_PROGRESS"}
    )
    assert sorted(refs(body)) == sorted(r for _, d, r in inbox.references if d < 2)

    body = await data(
        api,
        inbox.staff,
        INBOX,
        where={"dates": january, "establishment": gid("Establishment", inbox.school_ids[0])},
        order="OLDEST_FIRST",
    )
    assert refs(body) == [r for a, d, r in inbox.references if a == 0 and d < 2]

    reversed_range = {"gte": "2026-02-01", "lte": "2026-01-01"}
    body = await api.post(
        INBOX,
        {"where": {"dates": reversed_range}},
        headers={"authorization": f"Bearer {inbox.staff}"},
    )
    assert body["errors"][0]["message"] == "La date de fin précède la date de début."


async def test_oldest_first_pages_with_cursors(api: GraphQLClient, inbox: Inbox) -> None:
    everything = [r for _, _, r in inbox.references]
    first = await data(api, inbox.staff, INBOX, order="OLDEST_FIRST", first=4)
    assert refs(first) == everything[:4]
    assert first["requests"]["pageInfo"]["hasNextPage"] is True
    after = first["requests"]["pageInfo"]["endCursor"]
    rest = await data(api, inbox.staff, INBOX, order="OLDEST_FIRST", first=4, after=after)
    assert refs(rest) == everything[4:]
    assert rest["requests"]["pageInfo"]["hasNextPage"] is False
    newest = await data(api, inbox.staff, INBOX, first=2)
    assert refs(newest) == everything[::-1][:2]


async def test_filters_never_widen_what_a_viewer_sees(api: GraphQLClient, inbox: Inbox) -> None:
    where = {"activity": gid("Activity", inbox.activity_ids[0])}
    foreign = await data(api, inbox.foreign_staff, INBOX, tenant=inbox.foreign_slug, where=where)
    assert foreign["requests"]["totalCount"] == 0
    parent = await data(api, inbox.parent, INBOX, where=where, order="OLDEST_FIRST")
    assert refs(parent) == [r for a, _, r in inbox.references if a == 0]
    wrong_type = await data(api, inbox.staff, INBOX, where={"activity": gid("Child", 1)})
    assert wrong_type["requests"]["totalCount"] == 0


async def test_first_page_statement_count_does_not_grow(
    session: AsyncSession, api: GraphQLClient, inbox: Inbox, statements: StatementCounter
) -> None:
    query = """query($where: RequestFilter) {
      requests(where: $where, order: OLDEST_FIRST, first: 20) { totalCount
        edges { node { reference unreadMessageCount family { id } activity { id }
          lines { date status child { firstName } activity { name } } history { step }
          messages { body } } } } }"""
    where = {
        "stateGroup": "IN_PROGRESS",
        "establishment": gid("Establishment", inbox.school_ids[0]),
        "dates": {"gte": "2026-01-01", "lte": "2026-03-31"},
    }
    await data(api, inbox.staff, query, where=where)  # warm caches
    with statements.counting() as few:
        small = await data(api, inbox.staff, query, where=where)
    for week in range(30):
        day = dt.date(2026, 1, 5) + dt.timedelta(weeks=week % 12)
        request, _ = await fr.make_booking_request(
            session, inbox.account, inbox.child, inbox.slots[0], [day]
        )
        await fr.make_message(session, request)
    await session.commit()
    with statements.counting() as many:
        big = await data(api, inbox.staff, query, where=where)
    assert small["requests"]["totalCount"] == 3
    assert len(big["requests"]["edges"]) == 20
    assert len(many) == len(few), many
