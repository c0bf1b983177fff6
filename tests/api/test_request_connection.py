"""An authenticated GraphQL request takes one connection from the pool: the token check
runs on the request's own session, which its reads go on using. On PostgreSQL, requests
reach the pool through a fair gate, and each gives its place back whatever its answer."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from kernel.settings import Settings
from models import Tenant
from models.account import Role
from tests import factories
from tests.factories.catalogue import DEFAULT_PASSWORD
from tests.support.graphql_client import GraphQLClient

LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token } }"""
READS = "{ viewer { isAuthenticated account { email } } establishments(first: 5) { totalCount } }"

PLACES = Settings().request_concurrency  # the places of the app's gate (the default)


async def _staff_token(session: AsyncSession, tenant: Tenant, api: GraphQLClient) -> str:
    """A staff account's session token, logged in through the API."""
    await factories.make_account(session, tenant, email="agent@example.fr", role=Role.STAFF)
    await session.commit()
    login = await api.data(LOGIN, {"email": "agent@example.fr", "password": DEFAULT_PASSWORD})
    return str(login["login"]["token"])


async def test_one_pool_checkout_per_authenticated_request(
    session: AsyncSession,
    tenant: Tenant,
    api: GraphQLClient,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
) -> None:
    token = await _staff_token(session, tenant, api)
    headers = {"authorization": f"Bearer {token}"}
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


async def test_the_read_gate_is_fair_and_every_request_gives_its_place_back(
    session: AsyncSession,
    tenant: Tenant,
    api: GraphQLClient,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    database_url: str,
) -> None:
    gate = api.http._transport.app.state.read_gate  # type: ignore[attr-defined]
    if not database_url.startswith("postgresql"):
        assert gate is None  # SQLite: no pool to share
        return
    token = await _staff_token(session, tenant, api)
    good = {"authorization": f"Bearer {token}"}
    bad = {"authorization": "Bearer not-a-token"}
    free = gate._value
    answers = await asyncio.gather(
        *(
            api.http.post(f"/{api.tenant}/graphql", json={"query": READS}, headers=headers)
            for headers in [good, bad, good, {}] * 10
        )
    )
    assert sorted({a.status_code for a in answers}) == [200, 401]
    assert gate._value == free == PLACES
    assert app_http[1].sync_engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    # First come, first served: a request that arrives while others wait queues behind them.
    order: list[int] = []
    for _ in range(PLACES):
        await gate.acquire()
    waiting = [asyncio.ensure_future(_turn(gate, i, order)) for i in range(3)]
    await asyncio.sleep(0)
    gate.release()
    late = asyncio.ensure_future(_turn(gate, 99, order))
    for _ in range(PLACES - 1):
        gate.release()
    await asyncio.gather(*waiting, late)
    assert order == [0, 1, 2, 99]
    assert gate._value == PLACES


async def _turn(gate: asyncio.Semaphore, name: int, order: list[int]) -> None:
    await gate.acquire()
    order.append(name)
    gate.release()


async def test_no_connection_is_held_while_a_request_body_arrives(
    session: AsyncSession,
    tenant: Tenant,
    api: GraphQLClient,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
) -> None:
    token = await _staff_token(session, tenant, api)
    app = api.http._transport.app  # type: ignore[attr-defined]
    pool = app_http[1].sync_engine.pool
    body = json.dumps({"query": READS}).encode()
    rest = asyncio.Event()
    chunks = [body[:10], body[10:]]

    async def receive() -> dict[str, Any]:
        chunk = chunks.pop(0)
        if chunks:
            return {"type": "http.request", "body": chunk, "more_body": True}
        await rest.wait()  # a slow client: the end of its body comes later
        return {"type": "http.request", "body": chunk, "more_body": False}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [
        (b"host", b"testserver"),
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"authorization", f"Bearer {token}".encode()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": f"/{api.tenant}/graphql",
        "raw_path": f"/{api.tenant}/graphql".encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    answering = asyncio.ensure_future(app(scope, receive, send))
    await asyncio.sleep(0.2)
    assert not answering.done()
    assert pool.checkedout() == 0  # type: ignore[attr-defined]
    rest.set()
    await asyncio.wait_for(answering, 30)
    assert sent[0]["status"] == 200
    assert pool.checkedout() == 0  # type: ignore[attr-defined]
