"""Introspection has a depth limit too (Strawberry's depth limiter skips ``__`` fields),
set so that the standard introspection query of GraphiQL and code generators still runs."""

from __future__ import annotations

from graphql import get_introspection_query

from tests.support.graphql_client import GraphQLClient


def nested_of_type(levels: int) -> str:
    inner = "name"
    for _ in range(levels):
        inner = f"ofType {{ {inner} }}"
    return "{ __schema { types { fields { type { " + inner + " } } } } }"


async def test_deeply_nested_introspection_is_refused_in_french(api: GraphQLClient) -> None:
    body = await api.post(nested_of_type(40))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert error["message"].startswith("Introspection trop profonde")
    assert body.get("data") is None


async def test_introspection_through_fragments_is_measured_too(api: GraphQLClient) -> None:
    query = """{ __type(name: "Query") { ...F } }
    fragment F on __Type { fields { type { ofType { ofType { ofType { ofType { ofType {
      ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name }
    } } } } } } } } } } } } } } }"""
    body = await api.post(query)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"


async def test_the_standard_introspection_query_still_runs(api: GraphQLClient) -> None:
    for options in (
        {},
        {
            "descriptions": True,
            "specified_by_url": True,
            "directive_is_repeatable": True,
            "schema_description": True,
            "input_value_deprecation": True,
        },
    ):
        body = await api.post(get_introspection_query(**options))
        assert "errors" not in body, body["errors"]
        assert body["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_shallow_introspection_and_typename_are_fine(api: GraphQLClient) -> None:
    body = await api.post(nested_of_type(3))
    assert "errors" not in body, body
    assert (await api.post("{ __typename }"))["data"] == {"__typename": "Query"}
