"""API fixtures: the real ASGI app on the test database, reached in process over httpx."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Tenant
from tests import factories
from tests.support.graphql_client import GraphQLClient


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
