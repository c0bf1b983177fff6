"""Per-tenant counters: unique, increasing, continuing after existing references."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.counters import format_reference, next_request_reference, next_value
from models import Family, Request
from models.engine import create_session_factory
from models.request import RequestType
from tests import factories
from tests.support.concurrency import gather_bounded, in_flight_limit


async def test_request_references_continue_after_existing_ones(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    other = await factories.make_tenant(session)
    family = Family(tenant_id=tenant.id, name="ROUSSEL")
    session.add(family)
    await session.flush()
    session.add(
        Request(
            tenant_id=tenant.id,
            family_id=family.id,
            reference=17_378_981,
            type=RequestType.GUARDIAN_CHANGE,
        )
    )
    await session.flush()

    assert await next_request_reference(session, tenant.id) == 17_378_982
    assert await next_request_reference(session, tenant.id) == 17_378_983
    assert await next_request_reference(session, other.id) == 10_000_000


async def test_concurrent_writers_never_get_the_same_number(engine: AsyncEngine) -> None:
    sessions = create_session_factory(engine)
    async with sessions() as session:
        tenant = await factories.make_tenant(session)
        await session.commit()

    async def allocate() -> int:
        async def zero() -> int:
            return 0

        async with sessions() as session:
            value = await next_value(session, tenant.id, "invoice_2026", zero)
            await session.commit()
            return value

    values = await gather_bounded(in_flight_limit(engine), (allocate() for _ in range(20)))
    assert sorted(values) == list(range(1, 21))


def test_format_reference() -> None:
    assert format_reference(17_378_981) == "17 378 981"
