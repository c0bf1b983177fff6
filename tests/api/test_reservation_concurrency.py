"""The Thursday-evening peak: many reservation requests at once for the last places.

200 requests, each in its own HTTP request, session and transaction (200 children, one slot
of 20 places, auto-acceptance, waiting list on): exactly 20 are RESERVED and 180 go on the
waiting list, every request gets its own reference — checked in the answers and in the
database, on SQLite and on PostgreSQL. The same through the domain function directly, with
one session each.

Bounded by design, not by luck: as many requests are in flight as the engine's pool keeps
connections (5 on SQLite, 10 on PostgreSQL), so none ever waits for a connection (the 30 s
pool timeout cannot be reached), every connection contends for the same slot at every
moment, and a SQLite writer waits behind at most 4 others for the write lock, with a
``busy_timeout`` of a minute (``tests/support/concurrency.py``). What is asserted are the
invariants — never more than 20 places taken, each request answered once — not timings.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.bookings.asking import BookingAsk
from domain.bookings.requests import create_booking_request
from models import Booking, Request, RequestLine, Tenant
from models.booking import BookingStatus
from models.engine import create_engine, create_session_factory
from models.request import RequestLineStatus, RequestType
from tests.factories.bookings import make_booking_town, make_household
from tests.support.concurrency import gather_bounded, in_flight_limit, patient_sqlite_writers
from tests.support.graphql_client import GraphQLClient

CHILDREN = 200
PLACES = 20
MONDAY = "2026-12-07"

RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id } lines { outcome } errors { code } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def _counts(session: AsyncSession) -> dict[Any, int]:
    rows = await session.execute(select(Booking.status, func.count()).group_by(Booking.status))
    return dict(rows.all())


async def test_200_concurrent_requests_over_http(
    api: GraphQLClient,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    session: AsyncSession,
    tenant: Tenant,
) -> None:
    app_engine = app_http[1]
    patient_sqlite_writers(app_engine)  # before the app's first connection
    town = await make_booking_town(
        session, tenant, auto_accept=True, capacity=PLACES, waiting_list_enabled=True
    )
    house = await make_household(session, town, children=CHILDREN)
    await session.commit()
    headers = {"authorization": f"Bearer {house.token}"}

    async def reserve(child_id: int) -> Any:
        variables = {
            "input": {
                "children": [gid("Child", child_id)],
                "activity": gid("Activity", town.activity.id),
                "date": MONDAY,
            }
        }
        return await api.post(RESERVE, variables, headers=headers)

    answers = await gather_bounded(
        in_flight_limit(app_engine), (reserve(c.id) for c in house.children)
    )
    assert [a for a in answers if "errors" in a] == []
    outcomes = [a["data"]["reservationRequestCreate"]["lines"][0]["outcome"] for a in answers]
    assert outcomes.count("ACCEPTED") == PLACES
    assert outcomes.count("WAITING_LIST") == CHILDREN - PLACES
    assert await _counts(session) == {
        BookingStatus.RESERVED: PLACES,
        BookingStatus.WAITING_LIST: CHILDREN - PLACES,
    }
    lines = await session.execute(
        select(RequestLine.status, func.count()).group_by(RequestLine.status)
    )
    assert dict(lines.all()) == {
        RequestLineStatus.ACCEPTED: PLACES,
        RequestLineStatus.WAITING_LIST: CHILDREN - PLACES,
    }
    references = (await session.scalars(select(Request.reference))).all()
    assert len(set(references)) == CHILDREN


async def test_200_concurrent_requests_through_the_domain(
    session: AsyncSession, database_url: str, tenant: Tenant
) -> None:
    town = await make_booking_town(
        session, tenant, auto_accept=True, capacity=PLACES, waiting_list_enabled=True
    )
    house = await make_household(session, town, children=CHILDREN)
    await session.commit()
    # The test's own engine (not the fixture's, already connected): same settings as the
    # app's, with patient SQLite writers.
    own_engine = create_engine(database_url)
    patient_sqlite_writers(own_engine)
    sessions = create_session_factory(own_engine)
    now = dt.datetime(2026, 11, 26, 19, 0, tzinfo=dt.UTC)

    async def reserve(child_id: int, index: int) -> None:
        async with sessions() as own, own.begin():
            await create_booking_request(
                own,
                tenant_id=town.tenant.id,
                account_id=house.account.id,
                family_id=house.family.id,
                ask=BookingAsk(
                    request_type=RequestType.RESERVATION,
                    child_ids=[child_id],
                    activity_id=town.activity.id,
                    date=dt.date(2026, 12, 7),
                ),
                portal_url="https://portail.example",
                now=now + dt.timedelta(milliseconds=index),
            )

    try:
        await gather_bounded(
            in_flight_limit(own_engine),
            (reserve(c.id, i) for i, c in enumerate(house.children)),
        )
    finally:
        await own_engine.dispose()
    assert await _counts(session) == {
        BookingStatus.RESERVED: PLACES,
        BookingStatus.WAITING_LIST: CHILDREN - PLACES,
    }
