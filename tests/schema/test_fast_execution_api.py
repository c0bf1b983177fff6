"""The real API answers the same with the compiled execution path on and off: the same
queries, on the demo town, through two apps on one database (``fast_execution`` False and
True), must give byte-for-byte the same JSON (data AND errors, minus the request id of
masked errors).

The queries: the issue's hot reads, hand-written ones with aliases, fragments and
``@skip``/``@include``, refused ones (a parent on staff fields, malformed IDs), and for
each root field a selection of every field without required arguments three and four
levels deep, generated from the schema — as a parent, as staff and anonymously."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
    is_object_type,
)
from graphql.pyutils import Undefined
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.settings import Settings
from models.engine import create_session_factory
from schema import build_schema
from schema.fast_execution.leaves import USES
from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_demo_town
from server.app import create_app

PARENT = "julien.roussel@example.fr"
MONTH = {"from": "2026-01-01", "to": "2026-01-31"}
HOT = {
    "planning": """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
      startDate endDate occurrences { slotId date startTime endTime status statusLabel
      canReserve reserveBlocker reserveWouldWaitList canCancel cancelBlocker bookingDeadline
      cancellationDeadline absenceWouldBeBilled booking history { kind kindLabel occurredAt
      request requestReference } child { id firstName } activity { id name } } } }""",
    "planning with fragments": """query($from: Date!, $to: Date!, $s: Boolean!) {
      p: planning(range: {gte: $from, lte: $to}) { occurrences { ...O
      ... on PlanningOccurrence @include(if: $s) { t: __typename start: startTime }
      child @skip(if: $s) { firstName } } } }
      fragment O on PlanningOccurrence { date status d: date activity { ...A } }
      fragment A on Activity { id name __typename }""",
    "inbox": """{ requests(first: 20, where: {stateGroup: IN_PROGRESS}, order: OLDEST_FIRST) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id reference
      typeLabel status statusLabel createdAt periodStart periodEnd comment unreadMessageCount
      family { name subscriberCode } child { firstName lastName } activity { name }
      lines { date actionLabel status statusLabel child { firstName } } } } } }""",
    "catalogue": """{ establishments(first: 100) { edges { node { id name activities { id
      name slots { id weekday startTime endTime capacity } } } } } }""",
    "occupancy": """{ reports { occupancy(where: {from: "2025-09-01", to: "2026-07-03"},
      groupBy: [MONTH, ACTIVITY]) { groups { keys { month activity { name } } count
      sum { reserved capacity waitingList } } suppressedGroups } } }""",
    "bad id": '{ node(id: "not-an-id") { id } }',
    "unknown node type": '{ node(id: "Tm9wZTox") { id } }',
    "two nodes": '{ nodes(ids: ["QWN0aXZpdHk6MQ==", "Q2hpbGQ6MQ==", "U2xvdDox"]) { id '
    "__typename ... on Activity { name } ... on Slot { weekday startTime } } }",
}


def _required(field: GraphQLField) -> bool:
    """Whether the field needs an argument we would have to invent."""
    return any(
        is_non_null_type(arg.type) and arg.default_value is Undefined for arg in field.args.values()
    )


def selection(schema: GraphQLSchema, kind: GraphQLNamedType, depth: int) -> str:
    """Every field of ``kind`` needing no argument, objects ``depth`` levels down."""
    if is_abstract_type(kind):
        parts = ["__typename"]
        for possible in schema.get_possible_types(kind):
            inner = selection(schema, possible, depth)
            if inner:
                parts.append(f"... on {possible.name} {{ {inner} }}")
        return " ".join(parts)
    if not is_object_type(kind):
        return ""
    assert isinstance(kind, GraphQLObjectType)
    parts = []
    for name, field in kind.fields.items():
        if _required(field) or field.deprecation_reason:
            continue
        named = get_named_type(field.type)
        if is_leaf_type(named):
            parts.append(name)
        elif depth > 0:
            inner = selection(schema, named, depth - 1)
            if inner:
                parts.append(f"{name} {{ {inner} }}")
    return " ".join(parts)


def generated(schema: GraphQLSchema) -> dict[str, str]:
    """Two queries (3 and 4 levels deep) per root field of Query needing no argument."""
    queries = {}
    query_type = schema.query_type
    assert query_type is not None
    for name, field in query_type.fields.items():
        if _required(field):
            continue
        arguments = "(first: 5)" if "first" in field.args else ""
        for depth in (2, 3):
            inner = selection(schema, get_named_type(field.type), depth)
            queries[f"generated {name} {depth}"] = f"{{ {name}{arguments} {{ {inner} }} }}"
    return queries


def _normal(body: Any) -> Any:
    for error in body.get("errors", ()):
        error.get("extensions", {}).pop("requestId", None)
    return body


@pytest.fixture
async def two_apps(
    engine: AsyncEngine, database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Clients of two apps on the demo town: compiled path off, then on."""
    await load_demo_town(create_session_factory(engine))
    apps = [
        create_app(
            Settings(
                environment="test",
                database_url=database_url,
                var_dir=tmp_path / f"var{fast}",
                fast_execution=fast,
            )
        )
        for fast in (False, True)
    ]
    clients = [
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
        for app in apps
    ]
    yield clients[0], clients[1]
    for client, app in zip(clients, apps, strict=True):
        await client.aclose()
        await app.state.engine.dispose()


async def _token(http: httpx.AsyncClient, email: str) -> str:
    response = await http.post(
        "/saint-ismier/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: "
            "$p}) { token } }",
            "variables": {"e": email, "p": DEMO_PASSWORD},
        },
    )
    return str(response.json()["data"]["login"]["token"])


async def test_every_query_answers_the_same_with_the_compiled_path(
    two_apps: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    stock, fast = two_apps
    assert build_schema(Settings(fast_execution=True)) is not build_schema(
        Settings(fast_execution=False)
    )
    queries = {**HOT, **generated(build_schema(Settings())._schema)}
    viewers = {
        "parent": await _token(stock, PARENT),
        "staff": await _token(stock, DEMO_STAFF_EMAIL),
        "anonymous": None,
    }
    answered = 0
    before = dict(USES)
    for viewer, token in viewers.items():
        headers = {"authorization": f"Bearer {token}"} if token else {}
        for name, query in queries.items():
            variables = {**MONTH, "s": viewer == "staff"}
            payload = {"query": query, "variables": variables}
            off = await stock.post("/saint-ismier/graphql", json=payload, headers=headers)
            on = await fast.post("/saint-ismier/graphql", json=payload, headers=headers)
            assert (on.status_code, _normal(on.json())) == (off.status_code, _normal(off.json())), (
                viewer,
                name,
            )
            answered += off.json().get("data") is not None
    assert answered > len(queries)  # most queries answered with data, not refused whole
    assert USES["objects"] + USES["lists"] > before["objects"] + before["lists"] + 100
