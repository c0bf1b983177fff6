"""Issue 14: every reservation of a town waits for the tenant's reference counter, locked from
its ``UPDATE`` to the commit (PostgreSQL). Under a saturated server each statement run under
that lock waits for the event loop, so what can run before it does: the statement that takes
the number writes it everywhere it shows and numbers the events, and the commit follows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk
from domain.bookings.requests import create_booking_request
from models.engine import create_engine, create_session_factory
from models.request import RequestType
from tests.factories.bookings import make_booking_town, make_household

NOW = dt.datetime(2026, 11, 26, 19, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)


async def test_few_statements_run_while_the_counter_is_locked(
    session: AsyncSession, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the counter is taken last on PostgreSQL only")
    town = await make_booking_town(session)
    house = await make_household(session, town)
    await session.commit()
    engine = create_engine(database_url)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with create_session_factory(engine)() as own, own.begin():
            await create_booking_request(
                own,
                tenant_id=town.tenant.id,
                account_id=house.account.id,
                family_id=house.family.id,
                ask=BookingAsk(
                    request_type=RequestType.RESERVATION,
                    child_ids=[house.children[0].id],
                    activity_id=town.activity.id,
                    date=MONDAY,
                ),
                portal_url="https://portail.example",
                now=NOW,
            )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
        await engine.dispose()
    counter = max(  # the last one: the first use of a counter creates it
        i for i, s in enumerate(statements) if "UPDATE tenant_counter" in s
    )
    under_lock = [" ".join(s.split()[:4]) for s in statements[counter + 1 :]]
    assert not any("FROM account" in s for s in statements[counter + 1 :]), under_lock
    # The reference is taken by the statement that writes it everywhere (the request, its
    # events, the acknowledgement) and numbers the transaction's events under the event
    # log's lock (domain.events); then the commit.
    assert under_lock == [], under_lock
