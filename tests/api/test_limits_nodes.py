"""``nodes(ids:)`` takes at most the maximum page size of IDs, and each counts in the cost."""

from __future__ import annotations

import base64

from tests.support.graphql_client import GraphQLClient

QUERY = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"


def gids(count: int) -> list[str]:
    return [base64.b64encode(f"Establishment:{i}".encode()).decode() for i in range(count)]


async def test_more_ids_than_a_page_are_refused_in_french_before_execution(
    api: GraphQLClient,
) -> None:
    body = await api.post(QUERY, {"ids": gids(101)})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "« nodes » accepte au plus 100 identifiants à la fois (101 reçus)."
    assert body.get("data") is None


async def test_thousands_of_ids_are_refused_without_resolving_them(
    api: GraphQLClient,
) -> None:
    body = await api.post(QUERY, {"ids": ["x"] * 20_000})  # under the body size limit
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "20000 reçus" in error["message"]


async def test_a_literal_list_of_ids_is_limited_too(api: GraphQLClient) -> None:
    ids = ", ".join(f'"{i}"' for i in gids(101))
    body = await api.post(f"{{ nodes(ids: [{ids}]) {{ id }} }}")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_each_id_counts_in_the_cost(api: GraphQLClient) -> None:
    body = await api.post(QUERY, {"ids": gids(100)})
    assert "errors" not in body, body
    assert body["data"]["nodes"] == [None] * 100
    # nodes: 1 + 100 × max(id: 0, 1)
    assert body["extensions"]["cost"]["estimated"] == 1 + 100
    few = await api.post(QUERY, {"ids": gids(3)})
    assert few["extensions"]["cost"]["estimated"] == 1 + 3
