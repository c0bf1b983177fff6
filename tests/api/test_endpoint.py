"""The HTTP endpoint: tenancy, malformed requests, limits, masking, health."""

from __future__ import annotations

import base64

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import resolvers.catalogue
from models import Tenant
from tests import factories
from tests.support.graphql_client import GraphQLClient

Http = tuple[httpx.AsyncClient, AsyncEngine]


async def test_unknown_tenant_is_a_404_with_a_json_error(app_http: Http) -> None:
    http, _ = app_http
    response = await http.post("/atlantis/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "UNKNOWN_TENANT"


async def test_healthz(app_http: Http) -> None:
    response = await app_http[0].get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_malformed_query_is_a_graphql_error_not_a_500(api: GraphQLClient) -> None:
    response = await api.http.post(f"/{api.tenant}/graphql", json={"query": "{ establishments {"})
    assert response.status_code < 500
    assert "Syntax Error" in response.json()["errors"][0]["message"]
    unknown = await api.post("{ nope }")
    assert "Cannot query field 'nope'" in unknown["errors"][0]["message"]


async def test_malformed_json_is_a_client_error(api: GraphQLClient) -> None:
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400


async def test_get_queries_are_served(api: GraphQLClient) -> None:
    response = await api.http.get(
        f"/{api.tenant}/graphql", params={"query": "{ collectivity { slug } }"}
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"collectivity": {"slug": api.tenant}}


async def test_depth_limit(api: GraphQLClient) -> None:
    nested = "name"
    for _ in range(7):
        nested = f"establishment {{ activities {{ {nested} }} }}"
    body = await api.post("{ activities { edges { node { " + nested + " } } } }")
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_alias_limit(api: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: collectivity {{ name }}" for i in range(31))
    body = await api.post("{ " + aliases + " }")
    assert "aliases found" in body["errors"][0]["message"]


async def test_token_limit(api: GraphQLClient) -> None:
    fields = " ".join("__typename" for _ in range(4100))
    body = await api.post("{ " + fields + " }")
    assert "token" in body["errors"][0]["message"].lower()


async def test_unexpected_errors_are_masked_with_a_request_id(
    api: GraphQLClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_args: object) -> list[object]:
        raise RuntimeError("secret database detail")

    monkeypatch.setattr(resolvers.catalogue, "school_years", broken)
    body = await api.post("{ schoolYears { label } }")
    (error,) = body["errors"]
    assert error["message"] == "Erreur inattendue. Le service a été prévenu."
    assert "secret" not in str(body)
    request_id = error["extensions"]["requestId"]
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert any(request_id in r.getMessage() and "secret" in r.getMessage() for r in caplog.records)


async def test_another_tenants_objects_are_invisible(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    elsewhere = await factories.make_tenant(session)
    year = await factories.make_school_year(session, elsewhere)
    school = await factories.make_establishment(session, elsewhere, name="Ecole voisine")
    activity = await factories.make_activity(session, school, year)
    slot = await factories.make_slot(session, activity)
    await session.commit()

    ids = {
        "Establishment": school.id,
        "Activity": activity.id,
        "Slot": slot.id,
        "SchoolYear": year.id,
    }
    global_ids = [base64.b64encode(f"{t}:{pk}".encode()).decode() for t, pk in ids.items()]
    here = await api.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": global_ids})
    assert here["nodes"] == [None, None, None, None]
    listed = await api.data("{ establishments { totalCount } activities { totalCount } }")
    assert listed == {"establishments": {"totalCount": 0}, "activities": {"totalCount": 0}}

    # The same IDs resolve on their own tenant's endpoint.
    there = GraphQLClient(http=api.http, tenant=elsewhere.slug)
    resolved = await there.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": global_ids}
    )
    assert [n["id"] for n in resolved["nodes"]] == global_ids


async def test_malformed_global_ids_resolve_to_null(api: GraphQLClient) -> None:
    not_a_number = base64.b64encode(b"Establishment:1 OR 1=1").decode()
    assert await api.data(f'{{ node(id: "{not_a_number}") {{ id }} }}') == {"node": None}
    garbage = await api.post('{ node(id: "%%%") { id } }')
    assert garbage["errors"]


async def test_graphql_response_json_clients_get_400_without_data_on_request_errors(
    api: GraphQLClient,
) -> None:
    headers = {"accept": "application/graphql-response+json, application/json;q=0.9"}
    bad = await api.http.post(f"/{api.tenant}/graphql", json={"query": "{ nope }"}, headers=headers)
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/graphql-response+json")
    assert "data" not in bad.json()
    good = await api.http.post(
        f"/{api.tenant}/graphql", json={"query": "{ __typename }"}, headers=headers
    )
    assert good.status_code == 200
    assert good.json()["data"] == {"__typename": "Query"}
    # Classic clients keep 200 with data: null.
    classic = await api.post("{ nope }")
    assert classic["data"] is None


def test_accept_header_negotiation() -> None:
    from server.http_requests import prefers_graphql_response_json as prefers

    assert prefers("application/graphql-response+json")
    assert prefers("application/json, application/graphql-response+json")
    assert not prefers("application/json")
    assert not prefers("*/*")
    assert not prefers(None)
    assert not prefers("application/graphql-response+json;q=0.5, application/json")
    assert not prefers("application/graphql-response+json;q=0")


async def test_query_cost_is_reported_and_bounded(api: GraphQLClient) -> None:
    body = await api.post("{ establishments(first: 10) { edges { node { name } } } }")
    # establishments: 1 + 10 × (edges: 1 + (node: 1 + 0))
    assert body["extensions"]["cost"] == {"estimated": 1 + 10 * (1 + 1), "budget": 25_000}
    nested = """{ a: activities(first: 100) { edges { node {
        establishment { activities { slots { activity { establishment { activities {
        slots { weekday } } } } } } } } } } }"""
    refused = await api.post(nested)
    assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert refused["errors"][0]["message"].startswith("Requête trop coûteuse")
