"""Which operation an HTTP request runs: never a subscription, never a guess among several."""

from __future__ import annotations

import logging

import pytest

from tests.support.graphql_client import GraphQLClient

SUBSCRIPTION = "subscription { requestStatusChanged { __typename } }"


@pytest.mark.parametrize("method", ["GET", "POST"])
async def test_a_subscription_over_http_is_refused_without_an_error_log(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture, method: str
) -> None:
    caplog.set_level(logging.INFO)
    url = f"/{api.tenant}/graphql"
    if method == "GET":
        response = await api.http.get(url, params={"query": SUBSCRIPTION})
    else:
        response = await api.http.post(url, json={"query": SUBSCRIPTION})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "SUBSCRIPTION_OVER_HTTP"
    assert error["message"] == "Les abonnements passent par WebSocket."
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_several_operations_need_an_operation_name(api: GraphQLClient) -> None:
    document = "query A { __typename } mutation B { __typename }"
    response = await api.http.post(f"/{api.tenant}/graphql", json={"query": document})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "operationName" in error["message"]
    chosen = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": "query A { __typename } query B { __typename }", "operationName": "B"},
    )
    assert chosen.json()["data"] == {"__typename": "Query"}


async def test_an_unknown_operation_name_is_a_400(api: GraphQLClient) -> None:
    response = await api.http.post(
        f"/{api.tenant}/graphql", json={"query": "query A { __typename }", "operationName": "Z"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
