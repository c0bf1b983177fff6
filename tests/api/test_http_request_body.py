"""The GraphQL endpoint refuses malformed request bodies with a JSON error, never a 500."""

from __future__ import annotations

import pytest

from tests.support.graphql_client import GraphQLClient

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    "body", [b"42", b'"x"', b"null", b"true", b" [] ", b'[{"query": "{ a }"}]']
)
async def test_a_json_body_that_is_not_an_object_is_a_400(api: GraphQLClient, body: bytes) -> None:
    response = await api.http.post(f"/{api.tenant}/graphql", content=body, headers=JSON)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "objet JSON" in error["message"]


async def test_multipart_operations_that_are_not_an_object_are_a_400(api: GraphQLClient) -> None:
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        data={"operations": "42", "map": "{}"},
        files={"unused": ("a.txt", b"x", "text/plain")},
        headers={"x-creneau-csrf": "1"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
