"""Observability fixtures: an app with its settings chosen per test, reached over httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.applications import Starlette

from kernel.settings import Settings
from models import OutboxMessage, Tenant
from models.outbox import OutboxStatus
from server.app import create_app
from tests import factories

AppClient = Callable[..., Any]


@pytest.fixture
async def tenant(session: AsyncSession) -> Tenant:
    tenant = await factories.make_tenant(session)
    await session.commit()
    return tenant


@pytest.fixture
def app_client(database_url: str, tmp_path: Path) -> AppClient:
    """``async with app_client(client=("10.0.0.1", 5), **settings) as (http, app)``."""

    @asynccontextmanager
    async def open_client(
        client: tuple[str, int] = ("127.0.0.1", 50000), **overrides: Any
    ) -> AsyncIterator[tuple[httpx.AsyncClient, Starlette]]:
        settings = Settings(
            environment="test", database_url=database_url, var_dir=tmp_path / "var", **overrides
        )
        app = create_app(settings)
        transport = httpx.ASGITransport(app=app, client=client)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
                yield http, app
        finally:
            await app.state.engine.dispose()

    return open_client


async def queue_mail(
    session: AsyncSession, tenant: Tenant, status: OutboxStatus, **fields: Any
) -> OutboxMessage:
    """An outbox mail in ``status`` (committed)."""
    mail = OutboxMessage(
        tenant_id=tenant.id,
        template="test",
        to_address=fields.pop("to_address", "parent@example.org"),
        subject="Sujet",
        text_body="Corps",
        status=status,
        **fields,
    )
    session.add(mail)
    await session.commit()
    return mail
