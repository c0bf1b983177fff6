"""The document tests' world: the real ASGI app with a small upload limit, two tenants,
their families, parents and staff, each with a signed-in token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.settings import Settings
from models.account import Role
from server.app import create_app
from tests import factories
from tests.api.documents._helpers import MAX_UPLOAD, World, _family, _token
from tests.support.graphql_client import StatementCounter


@pytest.fixture
async def world(session: AsyncSession, database_url: str, tmp_path: Path) -> AsyncIterator[World]:
    tenant = await factories.make_tenant(session)
    family, child = await _family(session, tenant, "Blman")
    other_family, other_child = await _family(session, tenant, "Durand")
    foreign = await factories.make_tenant(session)
    foreign_family, _ = await _family(session, foreign, "Ailleurs")
    parent = await _token(session, tenant, "parent@example.fr", Role.PARENT, family)
    other_parent = await _token(session, tenant, "voisin@example.fr", Role.PARENT, other_family)
    staff = await _token(session, tenant, "agent@example.fr", Role.STAFF)
    foreign_staff = await _token(session, foreign, "agent@ailleurs.fr", Role.STAFF)
    await session.commit()

    documents_dir = tmp_path / "documents"
    app = create_app(
        Settings(
            environment="test",
            database_url=database_url,
            documents_dir=documents_dir,
            max_upload_bytes=MAX_UPLOAD,
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield World(
            http=http,
            counter=StatementCounter(app.state.engine),
            documents_dir=documents_dir,
            tenant=tenant,
            family=family,
            child=child,
            other_family=other_family,
            other_child=other_child,
            parent=parent,
            other_parent=other_parent,
            staff=staff,
            foreign_staff=foreign_staff,
            foreign=foreign,
            foreign_family=foreign_family,
        )
    await app.state.engine.dispose()
