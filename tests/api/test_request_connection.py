"""An authenticated GraphQL request takes one connection from the pool: the token check
runs on the request's own session, which its reads go on using."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Tenant
from models.account import Role
from tests import factories
from tests.factories.catalogue import DEFAULT_PASSWORD
from tests.support.graphql_client import GraphQLClient

LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token } }"""
READS = "{ viewer { isAuthenticated account { email } } establishments(first: 5) { totalCount } }"


async def test_one_pool_checkout_per_authenticated_request(
    session: AsyncSession,
    tenant: Tenant,
    api: GraphQLClient,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
) -> None:
    await factories.make_account(session, tenant, email="agent@example.fr", role=Role.STAFF)
    await session.commit()
    login = await api.data(LOGIN, {"email": "agent@example.fr", "password": DEFAULT_PASSWORD})
    headers = {"authorization": f"Bearer {login['login']['token']}"}
    checkouts: list[Any] = []

    def checked_out(*_args: Any) -> None:
        checkouts.append(_args[0])

    pool = app_http[1].sync_engine.pool
    event.listen(pool, "checkout", checked_out)
    try:
        response = await api.http.post(
            f"/{api.tenant}/graphql", json={"query": READS}, headers=headers
        )
    finally:
        event.remove(pool, "checkout", checked_out)
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["viewer"]["account"]["email"] == "agent@example.fr"
    assert len(checkouts) == 1


async def test_a_refused_token_still_returns_the_connection(
    api: GraphQLClient, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    pool = app_http[1].sync_engine.pool
    for _ in range(3):
        response = await api.http.post(
            f"/{api.tenant}/graphql",
            json={"query": READS},
            headers={"authorization": "Bearer not-a-token"},
        )
        assert response.status_code == 401
    assert pool.checkedout() == 0  # type: ignore[attr-defined]
