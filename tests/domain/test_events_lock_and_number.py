"""The event log's cursor on PostgreSQL: a transaction of one tenant takes the tenant's lock
and numbers its events in one statement (domain.events). The lock must still be held
before any cursor is drawn, or a transaction could commit a cursor below one another
transaction already committed: here a holder of the lock draws a cursor while a writer
waits at its commit; the writer's cursor must come after it. And a transaction of two
tenants still numbers its events, under both locks."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.events import ADVISORY_LOCK_NAMESPACE, CURSOR_SEQUENCE, append_event
from models import Event
from models.engine import create_engine, create_session_factory
from models.event import EventKind
from tests import factories

GENEROUS = 60  # seconds: only ever reached when a writer waits for nothing


@pytest.fixture
def postgres_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the advisory lock is PostgreSQL's (SQLite has one writer)")


def _append(session: AsyncSession, tenant_id: int) -> None:
    append_event(
        session,
        tenant_id=tenant_id,
        kind=EventKind.NOTIFICATION_SENT,
        subject_type="Test",
        subject_id=1,
    )


@pytest.mark.usefixtures("postgres_only")
async def test_no_cursor_is_drawn_before_the_lock_is_held(
    session: AsyncSession, database_url: str
) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    async def write() -> None:
        async with sessions() as own, own.begin():
            _append(own, tenant.id)

    async def waiting_on_advisory_lock() -> bool:
        async with engine.connect() as probe:
            waiting = await probe.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'")
            )
        return bool(waiting)

    try:
        async with engine.connect() as holder, holder.begin():
            await holder.execute(
                text("SELECT pg_advisory_xact_lock(:namespace, CAST(:tenant AS integer))"),
                {"namespace": ADVISORY_LOCK_NAMESPACE, "tenant": tenant.id},
            )
            writer = asyncio.ensure_future(write())
            for _ in range(600):
                if writer.done() or await waiting_on_advisory_lock():
                    break
                await asyncio.sleep(0.05)
            assert not writer.done()
            # The holder commits a cursor while the writer waits at its commit.
            drawn = await holder.scalar(text(f"SELECT nextval('{CURSOR_SEQUENCE}')"))
        await asyncio.wait_for(writer, GENEROUS)
        async with sessions() as check:
            (seq,) = await check.scalars(select(Event.seq).where(Event.tenant_id == tenant.id))
        assert seq is not None and drawn is not None and seq > drawn
    finally:
        await engine.dispose()


@pytest.mark.usefixtures("postgres_only")
async def test_a_transaction_of_two_tenants_numbers_all_its_events(
    session: AsyncSession,
) -> None:
    one, two = await factories.make_tenant(session), await factories.make_tenant(session)
    await session.commit()
    _append(session, two.id)
    _append(session, one.id)
    _append(session, two.id)
    await session.commit()
    rows = (await session.execute(select(Event.id, Event.seq).order_by(Event.id))).all()
    seqs = [seq for _, seq in rows if seq is not None]
    assert len(seqs) == 3 and seqs == sorted(seqs) and len(set(seqs)) == 3
