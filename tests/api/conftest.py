"""API fixtures: the real ASGI app on the test database, reached in process over httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Tenant
from server.app import create_app
from server.settings import Settings
from tests import factories
from tests.support.graphql_client import GraphQLClient, StatementCounter


@pytest.fixture
async def app_http(database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, AsyncEngine]]:
    """An httpx client on a fresh app instance, and that app's engine."""
    app = create_app(Settings(environment="test", database_url=database_url))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http, app.state.engine
    await app.state.engine.dispose()


@pytest.fixture
async def tenant(session: AsyncSession) -> Tenant:
    """The tenant the API client talks to (committed, so the app sees it)."""
    tenant = await factories.make_tenant(session)
    await session.commit()
    return tenant


@pytest.fixture
def api(app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant) -> GraphQLClient:
    """A GraphQL client on ``tenant``'s endpoint."""
    return GraphQLClient(http=app_http[0], tenant=tenant.slug)


@pytest.fixture
def statements(app_http: tuple[httpx.AsyncClient, AsyncEngine]) -> StatementCounter:
    """Counts the SQL statements the app executes."""
    return StatementCounter(app_http[1])
