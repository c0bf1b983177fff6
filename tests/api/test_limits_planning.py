"""The planning's cost counts what it can return: its occurrences, day by day of the range.

Thirty aliases of a three-month planning used to be estimated at 660 and return thousands of
occurrences; they are now refused before execution, while a family's month still passes.
"""

from __future__ import annotations

import base64

import httpx
import pytest

from schema.cost import PLANNING_OCCURRENCES_PER_CHILD_DAY as PER_CHILD_DAY
from schema.cost import PLANNING_OCCURRENCES_PER_DAY
from tests.api.test_planning import PLANNING, Person, demo  # noqa: F401  (fixture)
from tests.support.graphql_client import GraphQLClient


async def test_thirty_aliases_of_three_months_are_refused_before_execution(
    api: GraphQLClient,
) -> None:
    quarter = '{gte: "2026-01-01", lte: "2026-04-03"}'
    aliases = " ".join(
        f"p{i}: planning(range: {quarter}) {{ occurrences {{ date }} }}" for i in range(30)
    )
    body = await api.post("{ " + aliases + " }")
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["message"].startswith("Requête trop coûteuse")
    assert body.get("data") is None


@pytest.mark.parametrize(
    ("gte", "lte", "days"),
    [
        ("2026-01-01", "2026-01-31", 31),
        ("2026-01-05", "2026-01-05", 1),
        ("2025-01-01", "2026-06-30", 93),
    ],
)
async def test_the_occurrences_count_per_day_of_the_range(
    api: GraphQLClient, gte: str, lte: str, days: int
) -> None:
    literal = await api.post(
        f'{{ planning(range: {{gte: "{gte}", lte: "{lte}"}}) {{ occurrences {{ date }} }} }}'
    )
    # planning: 1 + (occurrences: 1 + days × per day × max(date: 0, 1))
    expected = 1 + 1 + days * PLANNING_OCCURRENCES_PER_DAY
    assert literal["extensions"]["cost"]["estimated"] == expected
    variables = await api.post(
        "query($r: DateRangeInput!) { planning(range: $r) { occurrences { date } } }",
        {"r": {"gte": gte, "lte": lte}},
    )
    assert variables["extensions"]["cost"]["estimated"] == expected
    split = await api.post(
        "query($a: Date!, $b: Date!) { planning(range: {gte: $a, lte: $b}) "
        "{ occurrences { date } } }",
        {"a": gte, "b": lte},
    )
    assert split["extensions"]["cost"]["estimated"] == expected


async def test_a_familys_month_and_quarter_still_pass(demo: httpx.AsyncClient) -> None:  # noqa: F811
    julien = await Person(demo).login("julien.roussel@example.fr")
    month = await julien.post(PLANNING, **{"from": "2026-01-01", "to": "2026-01-31"})
    assert "errors" not in month, month
    assert month["data"]["planning"]["occurrences"]
    quarter = await julien.post(PLANNING, **{"from": "2025-12-01", "to": "2026-03-03"})
    assert "errors" not in quarter, quarter


async def test_many_children_named_count_per_child_and_day(api: GraphQLClient) -> None:
    children = [base64.b64encode(f"Child:{i}".encode()).decode() for i in range(10)]
    query = """query($c: [ID!]) { planning(range: {gte: "2026-01-01", lte: "2026-01-31"},
        children: $c) { occurrences { date } } }"""
    body = await api.post(query, {"c": children})
    assert body["extensions"]["cost"]["estimated"] == 1 + 1 + 31 * 10 * PER_CHILD_DAY
    two = await api.post(query, {"c": children[:2]})
    assert two["extensions"]["cost"]["estimated"] == 1 + 1 + 31 * PLANNING_OCCURRENCES_PER_DAY
    literal = ", ".join(f'"{c}"' for c in children)
    inline = await api.post(query.replace("($c: [ID!])", "").replace("$c", f"[{literal}]"))
    assert inline["extensions"]["cost"]["estimated"] == 1 + 1 + 31 * 10 * PER_CHILD_DAY
