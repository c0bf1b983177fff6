"""requestAccept judges reservation dates again with the booking rules that may have changed
since the parent asked: a day closed meanwhile fails the acceptance with CLOSED_DAY and its
French message, nothing is booked, and staff can refuse the date instead."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, Request, Tenant
from models.calendar import CalendarPeriodKind
from models.request import RequestStatus
from tests import factories
from tests.api.test_booking_decisions import (
    ACCEPT,
    MONDAY,
    NEXT_MONDAY,
    REFUSE,
    Town,
    _request,
    data,
    gid,
    town,
)
from tests.support.graphql_client import GraphQLClient, StatementCounter

__all__ = ["town"]


async def _bookings(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Booking)) or 0)


async def test_a_day_closed_after_the_request_fails_the_acceptance(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY, NEXT_MONDAY])
    tenant = await session.get(Tenant, town.tenant_id)
    assert tenant is not None
    await factories.make_calendar_period(
        session,
        tenant,
        kind=CalendarPeriodKind.STRIKE,
        label="Grève",
        start_date=NEXT_MONDAY,
        end_date=NEXT_MONDAY,
    )
    await session.commit()
    request_id = gid("Request", request.id)

    result = (await data(api, town.staff, ACCEPT, {"input": {"request": request_id}}))[
        "requestAccept"
    ]

    assert result["request"] is None
    (error,) = result["errors"]
    assert (error["code"], error["field"]) == ("CLOSED_DAY", ["request"])
    assert error["message"].endswith("n'a pas lieu le 19/01/2026 (Grève).")
    assert await _bookings(session) == 0
    stored = await session.get(Request, request.id, populate_existing=True)
    assert stored is not None and stored.status is RequestStatus.PENDING

    refused = (
        await data(
            api,
            town.staff,
            REFUSE,
            {"input": {"request": request_id, "message": "Grève : accueil fermé."}},
        )
    )["requestRefuse"]
    assert refused["errors"] == []
    assert refused["request"]["status"] == "REFUSED"


async def test_the_rules_are_read_once_per_decision(
    session: AsyncSession, api: GraphQLClient, town: Town, statements: StatementCounter
) -> None:
    """The facts are loaded once per decision, whatever the number of dates."""
    days = [MONDAY + dt.timedelta(weeks=n) for n in range(4)]
    one, _ = await _request(session, town, town.child_ids[0], days[:1])
    four, _ = await _request(session, town, town.child_ids[1], days)

    async def accept(request: Request) -> list[str]:
        with statements.counting() as seen:
            result = (
                await data(
                    api, town.staff, ACCEPT, {"input": {"request": gid("Request", request.id)}}
                )
            )["requestAccept"]
        assert result["errors"] == [], result
        return list(seen)

    for seen in (await accept(one), await accept(four)):
        calendar = [s for s in seen if "FROM calendar_period" in s]
        pending = [s for s in seen if "JOIN request ON" in s and "request_line.status" in s]
        assert (len(calendar), len(pending)) == (1, 1), seen
