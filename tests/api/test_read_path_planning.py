"""The planning's read path (issue 14): each child and activity is one API object per
request, shared by all its occurrences, whatever way the query selects them (fragments,
aliases), from the rows the planning read (no statement of their own)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from models.engine import create_session_factory
from schema.catalogue import types as catalogue
from schema.family import children as family_children
from seed.demo_town import load_demo_town
from tests.api.test_planning import Person
from tests.support.graphql_client import StatementCounter

PLAIN = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date startTime child { firstName } activity { name code } } } }"""
FRAGMENTS = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { ...Links ... on PlanningOccurrence { kid: child { id } } date startTime } } }
fragment Links on PlanningOccurrence {
  child { firstName } activity { name code rules { capacity } } }"""
WITHOUT_LINKS = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date startTime status } } }"""
MONTH = {"from": "2026-01-05", "to": "2026-01-30"}


@pytest.fixture
async def julien(engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine]) -> Person:
    await load_demo_town(create_session_factory(engine))
    return await Person(app_http[0]).login("julien.roussel@example.fr")


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count the Activity and Child API objects built from rows during a request."""
    built: Counter[str] = Counter()
    activity_from_row = catalogue.Activity.from_row.__func__  # type: ignore[attr-defined]
    child_from_row = family_children.Child.from_row.__func__  # type: ignore[attr-defined]

    def activity(cls: Any, row: Any) -> Any:
        built["Activity"] += 1
        return activity_from_row(cls, row)

    def child(cls: Any, row: Any) -> Any:
        built["Child"] += 1
        return child_from_row(cls, row)

    monkeypatch.setattr(catalogue.Activity, "from_row", classmethod(activity))
    monkeypatch.setattr(family_children.Child, "from_row", classmethod(child))
    return built


async def test_one_object_per_child_and_activity(
    julien: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _count_builds(monkeypatch)
    body = await julien.post(PLAIN, **MONTH)
    assert "errors" not in body, body
    occurrences = body["data"]["planning"]["occurrences"]
    activities = {o["activity"]["code"] for o in occurrences}
    assert len(occurrences) > 3 * len(activities)  # many occurrences per activity
    assert {o["child"]["firstName"] for o in occurrences} == {"Lenny"}
    assert built == Counter({"Activity": len(activities), "Child": 1})


async def test_fragments_and_aliases_get_the_same_links(
    julien: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = (await julien.post(PLAIN, **MONTH))["data"]["planning"]["occurrences"]
    built = _count_builds(monkeypatch)
    body = await julien.post(FRAGMENTS, **MONTH)
    assert "errors" not in body, body
    occurrences = body["data"]["planning"]["occurrences"]
    assert [(o["date"], o["startTime"], o["child"]["firstName"]) for o in occurrences] == [
        (o["date"], o["startTime"], o["child"]["firstName"]) for o in plain
    ]
    assert [o["activity"]["name"] for o in occurrences] == [o["activity"]["name"] for o in plain]
    assert all(o["kid"]["id"] for o in occurrences)
    assert built["Activity"] == len({o["activity"]["code"] for o in plain})
    assert built["Child"] == 1


async def test_links_cost_no_statement_whatever_the_range(
    julien: Person, statements: StatementCounter
) -> None:
    week = {"from": "2026-01-05", "to": "2026-01-09"}
    await julien.post(PLAIN, **week)  # warm caches
    with statements.counting() as counted:
        await julien.post(WITHOUT_LINKS, **week)
    bare = len(counted)
    with statements.counting() as counted:
        await julien.post(PLAIN, **week)
    short = len(counted)
    with statements.counting() as counted:
        body = await julien.post(PLAIN, **{"from": "2025-12-01", "to": "2026-03-01"})
    assert len(body["data"]["planning"]["occurrences"]) > 100
    # The children and activities are built from the rows the planning read them from.
    assert short == len(counted) == bare
