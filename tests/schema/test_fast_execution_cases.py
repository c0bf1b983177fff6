# mypy: disable-error-code="untyped-decorator"
"""The compiled execution path gives the same data AND the same errors (message, path,
locations, order) as Strawberry's own execution, on the edge cases of ``fast_schema``,
and really takes the compiled path for them (``USES``)."""

from __future__ import annotations

import asyncio
import copy
import warnings
from collections.abc import Callable
from typing import Any

import pytest
import strawberry
from graphql import GraphQLResolveInfo
from strawberry.extensions import ParserCache, SchemaExtension
from strawberry.permission import BasePermission
from strawberry.types import ExecutionResult, Info

from schema.fast_execution.context import _SHARED_PLANS, FastExecutionContext
from schema.fast_execution.leaves import USES
from tests.schema.fast_schema import schemas

LEAF = "label score active note color day at time amount tags"
THING = f"id ref name must count status colors best {{ {LEAF} }} leaves {{ label score }}"

# (name, query, variables)
CASES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("plain", f"{{ things {{ {THING} }} }}", None),
    ("aliases", "{ things { a: id b: name c: id leaves { x: label y: score } } }", None),
    ("same field twice", "{ things { id id name leaves { label } leaves { score } } }", None),
    (
        "named fragments",
        "{ things { ...T } } fragment T on Thing { id name leaves { ...L } } "
        "fragment L on Leaf { label day }",
        None,
    ),
    ("inline fragments", "{ things { ... on Thing { id status } ... { name } } }", None),
    (
        "skip with a variable",
        "query($s: Boolean!) { things { id name @skip(if: $s) leaves { label @skip(if: $s) "
        "score } } }",
        {"s": True},
    ),
    (
        "skip false",
        "query($s: Boolean!) { things { id name @skip(if: $s) leaves { label @skip(if: $s) } } }",
        {"s": False},
    ),
    (
        "include on fragments",
        "query($i: Boolean!) { things { id ...F @include(if: $i) ... on Thing @include(if: $i) "
        "{ count } } } fragment F on Thing { name }",
        {"i": True},
    ),
    (
        "include false on fragments",
        "query($i: Boolean!) { things { id ...F @include(if: $i) ... on Thing @include(if: $i) "
        "{ count } } } fragment F on Thing { name }",
        {"i": False},
    ),
    ("__typename", "{ things { __typename id t: __typename leaves { __typename label } } }", None),
    ("nullable values", "{ things { id name best { note color } maybeLeaves { label } } }", None),
    ("non-null None in a scalar", '{ things(variant: "bad_nonnull") { id must } }', None),
    ("non-null None deeper", '{ things(variant: "bad_child") { id leaves { label } } }', None),
    ("enum value unknown", '{ things(variant: "bad_enum") { id status } }', None),
    ("Int out of range", '{ things(variant: "bad_int") { id count } }', None),
    ("NaN in a nested list", '{ things(variant: "bad_float") { id leaves { score } } }', None),
    ("missing attribute", '{ things(variant: "missing") { id name } }', None),
    ("object of the wrong type", '{ things(variant: "wrong_type") { id } }', None),
    ("scalar coercions", '{ things(variant: "coercions") { name leaves { score } } }', None),
    ("awaitable attribute", '{ things(variant: "awaitable_attr") { id name } }', None),
    ("node id None", '{ things(variant: "none_id") { id name } }', None),
    ("tuple", '{ things(variant: "tuple") { id leaves { label } } }', None),
    ("generator", '{ things(variant: "generator") { id leaves { label } } }', None),
    ("resolver mixed in", "{ things { id upper name leaves { label } } }", None),
    ("async resolver mixed in", "{ things { id slowName name later { label } } }", None),
    ("resolver error, nullable", "{ things { id boom name } }", None),
    ("resolver error, non-null", "{ things { id boomNn } other: things(n: 1) { id } }", None),
    (
        "resolver error after an async field",
        "{ things { id slowName later { label } boomNn } }",
        None,
    ),
    ("arguments", '{ things(n: 2) { id echo(text: "hi") e: echo } }', None),
    ("resolved object", "{ things { id twin { label color } } }", None),
    ("wrong type among resolved", '{ things(variant: "wrong_type") { id upper } }', None),
    ("missing attribute, resolved", '{ things(variant: "missing") { upper name slowName } }', None),
    (
        "non-null None beside async fields",
        '{ things(variant: "bad_nonnull") { slowName later { label } must upper } }',
        None,
    ),
    (
        "enum and Int broken, resolved",
        '{ things(variant: "bad_int") { upper count status } }',
        None,
    ),
    ("tuple, resolved", '{ things(variant: "tuple") { id upper leafList { label } } }', None),
    ("resolved object, non-null None", "{ things { id brokenTwin { label } } }", None),
    ("resolved from root", '{ things(variant: "bad_nonnull") { id byRoot } }', None),
    ("resolved list", "{ things { id leafList { label day } } }", None),
    ("resolver returning an awaitable", "{ things { id sneaky } }", None),
    ("None item in [Thing]", "{ nullableThings { id name leaves { label } } }", None),
    ("None item in [Thing!]!", "{ strictThings { id name } ok: things(n: 1) { id } }", None),
    ("one object", "{ one(i: 3) { id name status best { label } leaves { label } } }", None),
    ("one object, non-null violation", '{ oneNn(variant: "bad_nonnull") { id must } }', None),
    ("async root list", "{ thingsAsync { id name leaves { label } } }", None),
    ("awaitable items", "{ thingsAwaited { id name } }", None),
    ("boxes", f"{{ boxes {{ title things {{ {THING} }} first {{ id name }} }} }}", None),
    ("boxes broken", '{ boxes(variant: "bad_nonnull") { title things { id must } } }', None),
    ("custom resolve_id", "{ customs { id __typename } }", None),
    (
        "several roots sharing a selection",
        "query { a: things(n: 2) { id } b: things(n: 3) { id name } c: one { id } }",
        None,
    ),
]


def _normal(result: ExecutionResult) -> dict[str, Any]:
    return {"data": result.data, "errors": [e.formatted for e in result.errors or []]}


@pytest.mark.parametrize(("query", "variables"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
async def test_the_compiled_path_answers_like_graphql_core(
    query: str, variables: dict[str, Any] | None
) -> None:
    stock, fast = schemas()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a coroutine never awaited
        expected = _normal(await stock.execute(query, variable_values=variables))
        used = dict(USES)
        got = _normal(await fast.execute(query, variable_values=variables))
        await asyncio.sleep(0.01)  # resolvers settled in the background after an error
    assert got == expected
    assert USES["objects"] + USES["lists"] > used["objects"] + used["lists"]


def test_synchronous_execution_answers_alike() -> None:
    stock, fast = schemas()
    for _, query, variables in CASES:
        if "sync" in query or "slow" in query or "later" in query or "Awaited" in query:
            continue
        if "awaitable_attr" in query or "sneaky" in query:
            continue
        assert _normal(fast.execute_sync(query, variable_values=variables)) == _normal(
            stock.execute_sync(query, variable_values=variables)
        ), query


async def test_the_plain_case_takes_no_graphql_core_detour() -> None:
    _, fast = schemas()
    before = dict(USES)
    result = await fast.execute(f"{{ things(n: 5) {{ {THING} }} }}")
    assert result.errors is None
    assert USES["lists"] == before["lists"] + 1
    assert USES["gave_up"] == before["gave_up"]


class _Upper(SchemaExtension):
    """An extension with a ``resolve`` hook (graphql-core middleware)."""

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: Any,
        **kw: Any,
    ) -> Any:
        value = _next(root, info, *args, **kw)
        return value.upper() if isinstance(value, str) else value


async def test_an_extension_with_a_resolve_hook_sees_every_field() -> None:
    stock, fast = schemas()
    hooked_stock, hooked_fast = copy.copy(stock), copy.copy(fast)
    hooked_stock.extensions = hooked_fast.extensions = (_Upper,)
    query = f"{{ things {{ {THING} }} }}"
    before = dict(USES)
    expected = _normal(await hooked_stock.execute(query))
    assert _normal(await hooked_fast.execute(query)) == expected
    assert before == USES
    assert expected["data"]["things"][0]["leaves"][0]["label"] == "LEAF 10"


class _Refused(BasePermission):
    message = "Refusé."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return False


@strawberry.type(description="A type with a guarded plain field.")
class _Guarded:
    open: str
    secret: str | None = strawberry.field(permission_classes=[_Refused])


@strawberry.type(description="Entry point.")
class _GuardedQuery:
    @strawberry.field(description="Guarded objects.")
    def guarded(self) -> list[_Guarded]:
        return [_Guarded(open="a", secret="s"), _Guarded(open="b", secret="t")]


async def test_a_field_with_a_permission_goes_through_its_permission() -> None:
    stock = strawberry.Schema(query=_GuardedQuery)
    fast = copy.copy(stock)
    fast.execution_context_class = FastExecutionContext
    query = "{ guarded { open secret } }"
    before = dict(USES)
    expected = _normal(await stock.execute(query))
    assert _normal(await fast.execute(query)) == expected
    assert [e["message"] for e in expected["errors"]] == ["Refusé.", "Refusé."]
    assert USES["lists"] == before["lists"] + 1


@pytest.mark.parametrize("variant", ["", "bad_nonnull", "bad_enum"])
async def test_each_subscription_event_has_its_own_errors(variant: str) -> None:
    stock, fast = schemas()
    query = (
        f'subscription {{ thingsLive(variant: "{variant}") {{ id name must status boom '
        "twin { label } leaves { label } } }"
    )
    answers = []
    for schema in (stock, fast):
        events = await schema.subscribe(query)
        assert not isinstance(events, ExecutionResult)
        answers.append([_normal(event) async for event in events])
    assert answers[0] == answers[1]
    # One error per event, reported in that event: ``boom``, or the broken field before it.
    assert [len(event["errors"]) for event in answers[0]] == [1, 1, 1]


async def test_nested_objects_of_later_events_report_their_own_errors() -> None:
    stock, fast = schemas()
    query = "subscription { boxesLive { title things { id boom upper } first { id boom } } }"
    answers = []
    for schema in (stock, fast):
        events = await schema.subscribe(query)
        assert not isinstance(events, ExecutionResult)
        answers.append([_normal(event) async for event in events])
    assert answers[0] == answers[1]
    assert [len(event["errors"]) for event in answers[0]] == [3, 3, 3]


async def test_plans_are_shared_by_a_parsed_document_only_without_conditions() -> None:
    stock, fast = schemas()
    cached_stock, cached_fast = copy.copy(stock), copy.copy(fast)
    cached_stock.extensions = cached_fast.extensions = (lambda: ParserCache(maxsize=16),)
    conditional = "query($s: Boolean!, $n: Int!) { things(n: $n) { id name @skip(if: $s) } }"
    plain = f"query($n: Int!) {{ things(n: $n) {{ {THING} upper }} }}"
    for query, runs in (
        (conditional, [(True, 2), (False, 3), (True, 1)]),
        (plain, [(0, 2), (0, 4)]),
    ):
        shared = len(_SHARED_PLANS)
        for skip, n in runs:
            variables = {"s": skip, "n": n}
            expected = _normal(await cached_stock.execute(query, variable_values=variables))
            assert _normal(await cached_fast.execute(query, variable_values=variables)) == expected
        assert len(_SHARED_PLANS) == shared + (query == plain)
