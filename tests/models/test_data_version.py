"""models.data_version: equal versions mean equal data — it moves with every committed write,
from this connection or another one, and stays put for reads. (A rolled-back write may move
it too on PostgreSQL, which gave the transaction an id: a miss, never a stale answer.)"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Tenant
from models.data_version import data_version
from models.engine import create_session_factory, is_sqlite
from tests import factories


async def test_the_version_moves_with_every_committed_write_only(
    engine: AsyncEngine, session: AsyncSession, database_url: str
) -> None:
    tenant_id = (await factories.make_tenant(session, name="Avant")).id
    await session.commit()
    sessions = create_session_factory(engine)
    async with sessions() as reader:
        first = await data_version(reader)
        await reader.execute(select(Tenant.name))
        if is_sqlite(database_url):  # PostgreSQL's moves with other databases' writes too
            assert await data_version(reader) == first  # a read changes nothing
            await reader.rollback()
            assert await data_version(reader) == first
        await reader.rollback()

        # Committed by another connection (another process, a command line).
        await session.execute(update(Tenant).where(Tenant.id == tenant_id).values(name="Après"))
        await session.commit()
        second = await data_version(reader)
        assert second != first
        await reader.rollback()

        # Committed by the reader's own connection.
        await reader.execute(update(Tenant).where(Tenant.id == tenant_id).values(name="Encore"))
        await reader.commit()
        assert await data_version(reader) not in {first, second}
