"""The planning over GraphQL on the demo town: the guide's week for Lenny, privacy, and a
constant number of SQL statements whatever the range."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from models.engine import create_session_factory
from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_demo_town
from tests.support.graphql_client import StatementCounter

PLANNING = """query($from: Date!, $to: Date!, $children: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children) {
    occurrences { date startTime endTime status statusLabel canReserve reserveBlocker
                  child { firstName } activity { name } } } }"""


class Person:
    """A logged-in demo account."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http
        self.token: str | None = None

    async def login(self, email: str) -> Person:
        body = await self.post(
            "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
            "{ token } }",
            e=email,
            p=DEMO_PASSWORD,
        )
        self.token = body["data"]["login"]["token"]
        return self

    async def post(self, query: str, **variables: Any) -> Any:
        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        response = await self.http.post(
            "/saint-ismier/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
        )
        return response.json()


@pytest.fixture
async def demo(
    engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> httpx.AsyncClient:
    await load_demo_town(create_session_factory(engine))
    return app_http[0]


async def test_lennys_week_as_in_the_guide(demo: httpx.AsyncClient) -> None:
    julien = await Person(demo).login("julien.roussel@example.fr")
    body = await julien.post(PLANNING, **{"from": "2026-01-05", "to": "2026-01-09"})
    assert "errors" not in body, body
    occurrences = body["data"]["planning"]["occurrences"]
    monday = {
        (o["activity"]["name"], o["startTime"][:5], o["endTime"][:5])
        for o in occurrences
        if o["date"] == "2026-01-05"
    }
    assert ("Garderie Matin", "07:30", "08:05") in monday
    assert ("Repas", "11:30", "13:20") in monday
    assert ("Etude Surveillée et Garderie Ludique 2 16h15-18h30", "16:15", "18:30") in monday
    wednesday = {o["activity"]["name"] for o in occurrences if o["date"] == "2026-01-07"}
    assert {"Mercredi Matin", "Mercredi Repas", "Mercredi Après-Midi"} <= wednesday
    assert {o["child"]["firstName"] for o in occurrences} == {"Lenny"}
    statuses = {o["status"] for o in occurrences}
    assert "RESERVED" in statuses or "PRESENT" in statuses
    # January 2026 is long past: nothing can be reserved any more, and the planning says why.
    available = [o for o in occurrences if o["status"] == "AVAILABLE"]
    assert all(not o["canReserve"] and o["reserveBlocker"] == "DEADLINE_PASSED" for o in available)


async def test_a_parent_sees_only_their_children(demo: httpx.AsyncClient) -> None:
    julien = await Person(demo).login("julien.roussel@example.fr")
    elodie = await Person(demo).login("elodie.devaille@example.fr")
    hers = await elodie.post(PLANNING, **{"from": "2026-01-05", "to": "2026-01-09"})
    children = {o["child"]["firstName"] for o in hers["data"]["planning"]["occurrences"]}
    assert "Lenny" not in children
    lenny = (await julien.post("{ viewer { family { children { id } } } }"))["data"]["viewer"][
        "family"
    ]["children"][0]["id"]
    spying = await elodie.post(
        PLANNING, **{"from": "2026-01-05", "to": "2026-01-09", "children": [lenny]}
    )
    assert spying["data"]["planning"]["occurrences"] == []
    anonymous = await Person(demo).post(PLANNING, **{"from": "2026-01-05", "to": "2026-01-09"})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    agent = await Person(demo).login(DEMO_STAFF_EMAIL)
    seen = await agent.post(
        PLANNING, **{"from": "2026-01-05", "to": "2026-01-09", "children": [lenny]}
    )
    assert {o["child"]["firstName"] for o in seen["data"]["planning"]["occurrences"]} == {"Lenny"}


async def test_range_is_bounded(demo: httpx.AsyncClient) -> None:
    julien = await Person(demo).login("julien.roussel@example.fr")
    body = await julien.post(PLANNING, **{"from": "2025-09-01", "to": "2026-06-30"})
    assert body["errors"][0]["message"] == "La période demandée est limitée à 93 jours."


async def test_statement_count_does_not_depend_on_the_range(
    demo: httpx.AsyncClient, statements: StatementCounter
) -> None:
    julien = await Person(demo).login("julien.roussel@example.fr")
    query = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
        occurrences { date status history { kind occurredAt requestReference } } } }"""
    await julien.post(query, **{"from": "2026-01-05", "to": "2026-01-05"})  # warm caches
    with statements.counting() as one_day:
        await julien.post(query, **{"from": "2026-01-05", "to": "2026-01-05"})
    with statements.counting() as three_months:
        body = await julien.post(query, **{"from": "2025-12-01", "to": "2026-03-01"})
    assert len(body["data"]["planning"]["occurrences"]) > 100
    assert any(o["history"] for o in body["data"]["planning"]["occurrences"])
    # authentication + children, registrations, activities, slots, calendar, bookings, lines,
    # places taken (a slot has a capacity), history of actions
    assert len(three_months) == len(one_day) <= 10, three_months
