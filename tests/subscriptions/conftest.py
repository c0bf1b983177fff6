"""Fixtures of the live-updates tests: two tenants, families, parents and staff with real
login sessions, and a helper that commits request steps (each one event)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.accounts import authenticate
from domain.requests.history import record_step
from kernel.viewer import Viewer
from models import Family, Guardian, Request, Tenant
from models.base import utcnow
from models.engine import create_session_factory
from models.request import HistoryStep, RequestStatus, RequestType
from subscriptions.hub import Hub
from tests import factories
from tests.factories import family as ff

T = TypeVar("T")


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]
    tenant: Tenant
    other_tenant: Tenant
    family: Family
    guardian: Guardian
    other_family: Family
    parent: Viewer
    parent_token: str
    other_parent: Viewer
    staff: Viewer
    other_tenant_staff: Viewer
    _reference: int = 50_000_000

    async def request_step(
        self,
        family: Family | None = None,
        *,
        step: HistoryStep = HistoryStep.CREATED,
        status: RequestStatus = RequestStatus.PENDING,
        request_id: int | None = None,
        tenant: Tenant | None = None,
    ) -> int:
        """Commit one history step (a new request unless ``request_id``); its request id."""
        family = family or self.family
        async with self.sessions() as session, session.begin():
            if request_id is None:
                self._reference += 1
                request = Request(
                    tenant_id=(tenant or self.tenant).id,
                    family_id=family.id,
                    reference=self._reference,
                    type=RequestType.GUARDIAN_CHANGE,
                    status=status,
                )
                session.add(request)
                await session.flush()
            else:
                found = await session.get(Request, request_id)
                assert found is not None
                request = found
                request.status = status
            record_step(session, request, step, status, actor_account_id=None, now=utcnow())
            return request.id


async def _viewer(session: AsyncSession, tenant: Tenant, token: str) -> Viewer:
    viewer = await authenticate(session, tenant_id=tenant.id, token=token, now=utcnow())
    assert viewer is not None
    return viewer


@pytest.fixture
async def world(engine: AsyncEngine) -> World:
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        tenant = await factories.make_tenant(session)
        other_tenant = await factories.make_tenant(session)
        family, (guardian,), _ = await ff.make_family_with_members(session, tenant)
        other_family, (other_guardian,), _ = await ff.make_family_with_members(session, tenant)
        await ff.make_family_with_members(session, other_tenant)
        _, parent_token = await ff.make_parent_account_with_token(
            session, tenant, guardian=guardian
        )
        _, other_token = await ff.make_parent_account_with_token(
            session, tenant, guardian=other_guardian
        )
        _, staff_token = await ff.make_staff_account_with_token(session, tenant)
        _, foreign_token = await ff.make_staff_account_with_token(session, other_tenant)
    async with sessions() as session:
        return World(
            sessions=sessions,
            tenant=tenant,
            other_tenant=other_tenant,
            family=family,
            guardian=guardian,
            other_family=other_family,
            parent=await _viewer(session, tenant, parent_token),
            parent_token=parent_token,
            other_parent=await _viewer(session, tenant, other_token),
            staff=await _viewer(session, tenant, staff_token),
            other_tenant_staff=await _viewer(session, other_tenant, foreign_token),
        )


@pytest.fixture
async def hub(world: World) -> AsyncIterator[Hub]:
    """An in-process hub on the test database, with a short polling interval."""
    hub = Hub(world.sessions, fallback_poll_s=0.2)
    await hub.start()
    yield hub
    await hub.stop()


async def take(iterator: AsyncIterator[T], count: int, within: float = 10.0) -> list[T]:
    """The next ``count`` items of an async iterator (fails after ``within`` seconds)."""

    async def collect() -> list[T]:
        return [await anext(iterator) for _ in range(count)]

    return await asyncio.wait_for(collect(), within)


async def until_subscribed(hub: Hub, count: int, within: float = 10.0) -> None:
    """Wait until ``count`` subscriptions are registered and their feeds know their cursor.

    Events committed after this reach them. Subscriptions register on their first read, in
    the background: a fixed sleep before committing would only usually be long enough."""

    async def ready() -> None:
        while not (  # noqa: ASYNC110 (the hub exposes counts, not an event per subscription)
            hub.subscriber_count >= count
            and all(feed.started.is_set() for feed in hub.feeds.values())
        ):
            await asyncio.sleep(0.01)

    await asyncio.wait_for(ready(), within)


async def nothing_within(iterator: AsyncIterator[T], seconds: float) -> bool:
    """Whether the iterator yields nothing for ``seconds``."""
    try:
        await asyncio.wait_for(anext(iterator), seconds)
    except TimeoutError:
        return True
    return False


DAY = dt.date(2026, 1, 12)
