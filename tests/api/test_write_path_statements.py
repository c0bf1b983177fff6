"""Statements of the write paths (issue 14): a school year reserved in one request costs at
most 30 SQL statements on either database, INSERTs included.

On PostgreSQL the new rows of a table go in one ``INSERT … RETURNING``; on SQLite the
request path numbers its new rows once it holds the write lock (``models.sqlite_batch``)
so that they go in one ``executemany`` per table — without it, every booking, line,
event and history row was one INSERT (857 statements for 139 dates in the benchmark).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, Event, OccurrenceAction, Tenant
from models.booking import BookingStatus
from tests.api.test_booking_requests import call, reservation, world
from tests.factories.bookings import YEAR_END, YEAR_START
from tests.support.graphql_client import GraphQLClient, StatementCounter

# Families book the year before it starts (as in bench/bench_period_reservation.py).
CLOCK = dt.datetime(2026, 8, 25, 8, 0, tzinfo=dt.UTC)
MAX_STATEMENTS = 30
# What the portal asks back (as in the benchmark): the request and each date's outcome.
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id reference status } lines { date outcome code } errors { code message } } }"""


async def test_a_school_year_reserved_in_at_most_30_statements(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    town, house = await world(session, tenant, auto_accept=True, capacity=30)

    async def reserve(**days: Any) -> tuple[int, list[str]]:
        with (
            mock.patch("resolvers.bookings.requests.utcnow", return_value=CLOCK),
            statements.counting() as seen,
        ):
            body = await call(api, house.token, RESERVE, input=reservation(town, house, **days))
        payload = body["data"]["reservationRequestCreate"]
        assert payload["errors"] == [], payload
        # Holidays are reported (rejected), every other date is booked.
        accepted = [line for line in payload["lines"] if line["outcome"] == "ACCEPTED"]
        assert {line["code"] for line in payload["lines"] if line not in accepted} <= {"CLOSED_DAY"}
        return len(accepted), list(seen)

    await reserve(date="2026-09-01")  # warm the caches (first request of a process)
    one, one_statements = await reserve(date="2026-09-03")
    year, year_statements = await reserve(
        dates={"gte": "2026-09-04", "lte": YEAR_END.isoformat()},
        weekdays=["MONDAY", "TUESDAY", "THURSDAY", "FRIDAY"],
    )
    assert one == 1
    assert year > 150  # every Monday, Tuesday, Thursday and Friday but the holidays
    assert len(year_statements) <= MAX_STATEMENTS, "\n".join(year_statements)
    # A year costs what a day costs, give or take the statements that number the rows.
    assert len(year_statements) <= len(one_statements) + 4, (one_statements, year_statements)

    reserved = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.status == BookingStatus.RESERVED, Booking.date >= YEAR_START)
    )
    assert reserved == year + 2
    # Every booking and line has its event, every line its two history rows.
    events = await session.scalar(select(func.count()).select_from(Event))
    history = await session.scalar(select(func.count()).select_from(OccurrenceAction))
    assert history == 2 * (year + 2)
    assert events is not None and events >= 2 * (year + 2)
