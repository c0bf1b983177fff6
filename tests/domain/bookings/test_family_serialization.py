"""Issue 14: on PostgreSQL, reservation requests wait only for those of the same family.

A request of family A is held open after its dates are judged (``prepare`` run, not
committed). A request of family B goes through meanwhile — it used to wait for A's commit
behind the tenant's reference counter, which under load made every reservation of a town
queue behind the slowest. A second request of family A waits for the first (two clicks on
the same date cannot both go through), then finds the date already asked. References stay
unique and increasing.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk, prepare
from domain.bookings.reports import NothingRecorded
from domain.bookings.requests import create_booking_request
from models import Event, Request
from models.engine import create_engine, create_session_factory
from models.event import EventKind
from models.request import RequestType
from tests.factories.bookings import Household, make_booking_town, make_household

NOW = dt.datetime(2026, 11, 26, 19, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)
GENEROUS = 60  # seconds: only ever reached when a request waits for nothing


def _ask(house: Household, activity_id: int) -> BookingAsk:
    return BookingAsk(
        request_type=RequestType.RESERVATION,
        child_ids=[house.children[0].id],
        activity_id=activity_id,
        date=MONDAY,
    )


async def test_only_requests_of_the_same_family_wait(
    session: AsyncSession, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("two interleaved writers need PostgreSQL (CRENEAU_TEST_DATABASE_URL)")
    town = await make_booking_town(session)
    tenant = town.tenant
    first, other = await make_household(session, town), await make_household(session, town)
    await session.commit()
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    async def create(house: Household) -> Request:
        async with sessions() as own, own.begin():
            result = await create_booking_request(
                own,
                tenant_id=tenant.id,
                account_id=house.account.id,
                family_id=house.family.id,
                ask=_ask(house, town.activity.id),
                portal_url="https://portail.example",
                now=NOW,
            )
            return result.request

    async def waiting_on_advisory_lock() -> bool:
        async with engine.connect() as probe:
            waiting = await probe.scalar(
                text("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'")
            )
        return bool(waiting)

    try:
        async with sessions() as held, held.begin():
            # Family A's request, judged and not committed.
            await prepare(
                held,
                tenant_id=tenant.id,
                family_id=first.family.id,
                ask=_ask(first, town.activity.id),
                now=NOW,
                take_reference=True,
            )
            # Family B's request is recorded meanwhile…
            theirs = await asyncio.wait_for(create(other), GENEROUS)
            assert theirs.reference is not None
            # …while a second request of family A waits for the first.
            again = asyncio.ensure_future(create(first))
            for _ in range(600):
                if again.done() or await waiting_on_advisory_lock():
                    break
                await asyncio.sleep(0.05)
            assert not again.done()
            # The first request of family A is written and committed: the second goes on.
            ours = (
                await create_booking_request(
                    held,
                    tenant_id=tenant.id,
                    account_id=first.account.id,
                    family_id=first.family.id,
                    ask=_ask(first, town.activity.id),
                    portal_url="https://portail.example",
                    now=NOW,
                )
            ).request
        with pytest.raises(NothingRecorded):
            await asyncio.wait_for(again, GENEROUS)  # the date is already asked
        assert ours.reference > theirs.reference
        # The provisional number never outlives the transaction: the request and its
        # « created » event carry the final reference.
        async with sessions() as check:
            created = (
                await check.execute(
                    select(Event.subject_id, Event.payload).where(
                        Event.kind == EventKind.REQUEST_CREATED
                    )
                )
            ).all()
            references = dict((await check.execute(select(Request.id, Request.reference))).all())
        assert sorted(references.values()) == sorted([ours.reference, theirs.reference])
        assert {subject: payload["reference"] for subject, payload in created} == references
    finally:
        await engine.dispose()
