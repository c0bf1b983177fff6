"""Introspection and « Did you mean » hints are kept from anonymous callers in production
(schema/introspection_policy.py); staff keep them, ``CRENEAU_PUBLIC_INTROSPECTION=1``
gives them back to everyone, and development is unchanged."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from graphql import get_introspection_query
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.exceptions import StarletteDeprecationWarning

from kernel.settings import Settings
from models import Tenant
from schema.introspection_policy import introspects, without_suggestion
from server.app import create_app
from tests import factories

with warnings.catch_warnings():  # "use httpx2": a deprecation, the client still works
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

INTROSPECTION = get_introspection_query()
TYPE_QUERY = '{ __type(name: "Query") { name } }'
HIDDEN_IN_FRAGMENT = "query { ...F } fragment F on Query { __schema { queryType { name } } }"
TYPO = "{ viewr { roles } }"  # graphql-core would suggest « viewer »

AppFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def production_app(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppFactory:
    """An in-process app with production settings that the server accepts."""
    monkeypatch.setenv("CRENEAU_MAIL_BACKEND", "smtp")
    monkeypatch.delenv("CRENEAU_PASSWORD_HASH_COST", raising=False)

    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
        values: dict[str, Any] = {
            "environment": "production",
            "database_url": database_url,
            "var_dir": tmp_path / "var",
            "portal_url": "https://portail.ville.example",
            "payment_sandbox_secret": "a-long-secret-of-this-town",
            "metrics_enabled": False,
            **overrides,
        }
        app = create_app(Settings(**values))
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                yield http
        finally:
            await app.state.engine.dispose()

    return make


async def post(
    http: httpx.AsyncClient, tenant: Tenant, query: str, token: str | None = None
) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await http.post(f"/{tenant.slug}/graphql", json={"query": query}, headers=headers)
    return response.json()


async def test_anonymous_introspection_is_refused_in_production(
    production_app: AppFactory, tenant: Tenant
) -> None:
    async with production_app() as http:
        for query in (INTROSPECTION, TYPE_QUERY, HIDDEN_IN_FRAGMENT):
            body = await post(http, tenant, query)
            (error,) = body["errors"]
            assert error["extensions"]["code"] == "INTROSPECTION_DISABLED", query
            assert "réservée aux personnes connectées" in error["message"]
            assert body.get("data") is None
        # __typename is not introspection: clients select it everywhere.
        assert (await post(http, tenant, "{ __typename }"))["data"] == {"__typename": "Query"}


async def test_staff_keep_introspection_in_production(
    production_app: AppFactory, tenant: Tenant, session: AsyncSession
) -> None:
    _, token = await factories.make_staff_account_with_token(session, tenant)
    await session.commit()
    async with production_app() as http:
        body = await post(http, tenant, INTROSPECTION, token)
        assert "errors" not in body, body
        assert body["data"]["__schema"]["queryType"]["name"] == "Query"
        typo = await post(http, tenant, TYPO, token)
        assert "Did you mean 'viewer'?" in typo["errors"][0]["message"]


async def test_suggestions_are_removed_for_anonymous_callers(
    production_app: AppFactory, tenant: Tenant
) -> None:
    async with production_app() as http:
        body = await post(http, tenant, TYPO)
        (error,) = body["errors"]
        assert error["message"] == "Cannot query field 'viewr' on type 'Query'."
        # The same document again: the validation cache hit is rewritten too.
        assert (await post(http, tenant, TYPO))["errors"][0]["message"] == error["message"]


async def test_public_introspection_gives_everything_back(
    production_app: AppFactory, tenant: Tenant
) -> None:
    async with production_app(public_introspection=True) as http:
        body = await post(http, tenant, TYPE_QUERY)
        assert body["data"] == {"__type": {"name": "Query"}}
        typo = await post(http, tenant, TYPO)
        assert "Did you mean 'viewer'?" in typo["errors"][0]["message"]


async def test_development_is_unchanged(
    app_http: tuple[httpx.AsyncClient, Any], tenant: Tenant
) -> None:
    http, _ = app_http
    assert (await post(http, tenant, TYPE_QUERY))["data"] == {"__type": {"name": "Query"}}
    assert "Did you mean" in (await post(http, tenant, TYPO))["errors"][0]["message"]


def test_suggestion_removal_keeps_everything_else() -> None:
    from graphql import GraphQLError, parse

    error = GraphQLError(
        "Value 'X' does not exist in 'Kind' enum. Did you mean the enum value 'A' or 'B'?",
        extensions={"code": "BAD_USER_INPUT"},
    )
    stripped = without_suggestion(error)
    assert stripped.message == "Value 'X' does not exist in 'Kind' enum."
    assert stripped.extensions == {"code": "BAD_USER_INPUT"}
    plain = GraphQLError("Syntax Error: Expected Name.")
    assert without_suggestion(plain) is plain
    assert introspects(parse(HIDDEN_IN_FRAGMENT))
    assert not introspects(parse("{ __typename viewer { roles } }"))


async def test_websocket_introspection_follows_the_same_policy(
    database_url: str, tmp_path: Path, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRENEAU_MAIL_BACKEND", "smtp")
    monkeypatch.delenv("CRENEAU_PASSWORD_HASH_COST", raising=False)
    app = create_app(
        Settings(
            environment="production",
            database_url=database_url,
            var_dir=tmp_path / "var",
            portal_url="https://portail.ville.example",
            payment_sandbox_secret="a-long-secret-of-this-town",
            mail_sender_in_process=False,
        )
    )
    with (
        TestClient(app) as client,
        client.websocket_connect(
            f"/{tenant.slug}/graphql", subprotocols=["graphql-transport-ws"]
        ) as ws,
    ):
        ws.send_text(orjson.dumps({"type": "connection_init", "payload": {}}).decode())
        assert orjson.loads(ws.receive_text())["type"] == "connection_ack"
        subscribe = {"id": "1", "type": "subscribe", "payload": {"query": TYPE_QUERY}}
        ws.send_text(orjson.dumps(subscribe).decode())
        message = orjson.loads(ws.receive_text())
        while message.get("id") != "1":
            message = orjson.loads(ws.receive_text())
        assert message["type"] == "error"
        assert message["payload"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"
    await app.state.engine.dispose()
