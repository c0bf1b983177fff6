"""reservationRequestPreview / absenceRequestPreview over GraphQL, and the planning agreeing
with the requests through the one rule engine (monthly limit, eligibility, places).

Real clock, a town whose school year lies ahead (2026-2027), built with factories."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, Event, OutboxMessage, Request, RequestHistory, RequestLine, Tenant
from models.child import Grade
from tests.api.test_booking_requests import call, gid, reservation, world
from tests.factories.billing import make_price_list, make_quotient
from tests.factories.bookings import make_household
from tests.factories.family import make_staff_account_with_token
from tests.support.graphql_client import GraphQLClient

JANUARY = ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"]  # Wednesdays
LINE = """date outcome outcomeLabel code message priceCents bookingDeadline
          cancellationDeadline absenceWouldBeBilled child { id } slot { id }"""
PREVIEW = f"""mutation($input: ReservationRequestCreateInput!) {{
  reservationRequestPreview(input: $input) {{ lines {{ {LINE} }} errors {{ code message }} }} }}"""
ABSENCE_PREVIEW = f"""mutation($input: AbsenceRequestCreateInput!) {{
  absenceRequestPreview(input: $input) {{ lines {{ {LINE} }} errors {{ code message }} }} }}"""
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    lines { date outcome code message child { id } slot { id } } errors { code } } }"""
PLANNING = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date status canReserve reserveBlocker reserveWouldWaitList canCancel
                cancelBlocker absenceWouldBeBilled child { id } } } }"""
TABLES = (Request, RequestLine, RequestHistory, Booking, OutboxMessage, Event)


async def row_counts(session: AsyncSession) -> list[int]:
    return [
        int(await session.scalar(select(func.count()).select_from(model)) or 0) for model in TABLES
    ]


def comparable(lines: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (line["date"], line["child"]["id"], (line["slot"] or {}).get("id"), line["outcome"],
         line["code"], line["message"])
        for line in lines
    ]  # fmt: skip


async def test_the_preview_is_the_request_without_the_writes(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(
        session, tenant, children=2, weekdays=(3,), auto_accept=True, capacity=1,
        max_days_per_month=2,
    )  # fmt: skip
    await make_price_list(session, town.activity)
    await make_quotient(session, house.family, 450)  # bracket 400–600: 1.20 €
    await session.commit()
    asked = reservation(town, house, dates={"gte": "2026-12-14", "lte": "2027-01-24"})
    before = await row_counts(session)
    body = await call(api, house.token, PREVIEW, input=asked)
    preview = body["data"]["reservationRequestPreview"]
    assert preview["errors"] == []
    assert await row_counts(session) == before
    made = await call(api, house.token, RESERVE, input=asked)
    created = made["data"]["reservationRequestCreate"]["lines"]
    assert comparable(preview["lines"]) == comparable(created)
    outcomes = {(line["date"], line["outcome"], line["code"]) for line in preview["lines"]}
    assert ("2026-12-16", "ACCEPTED", None) in outcomes
    assert ("2026-12-16", "WAITING_LIST", None) in outcomes
    assert ("2026-12-23", "REJECTED", "CLOSED_DAY") in outcomes
    assert ("2027-01-20", "REJECTED", "MONTHLY_LIMIT_REACHED") in outcomes
    accepted = [line for line in preview["lines"] if line["outcome"] == "ACCEPTED"]
    assert {line["priceCents"] for line in accepted} == {120}
    assert all(line["bookingDeadline"] for line in accepted)
    refused = [line for line in preview["lines"] if line["outcome"] == "REJECTED"]
    assert {line["priceCents"] for line in refused} == {None}


async def test_absence_preview_says_whether_it_is_billed(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, weekdays=(3,), auto_accept=True)
    await call(api, house.token, RESERVE, input=reservation(town, house, date=JANUARY[0]))
    before = await row_counts(session)
    body = await call(
        api, house.token, ABSENCE_PREVIEW, input=reservation(town, house, date=JANUARY[0])
    )
    (line,) = body["data"]["absenceRequestPreview"]["lines"]
    assert (line["outcome"], line["absenceWouldBeBilled"], line["priceCents"]) == (
        "ACCEPTED",
        False,
        0,
    )
    assert "non facturée" in line["message"]
    nothing = await call(
        api, house.token, ABSENCE_PREVIEW, input=reservation(town, house, date=JANUARY[1])
    )
    (refused,) = nothing["data"]["absenceRequestPreview"]["lines"]
    assert (refused["outcome"], refused["code"]) == ("REJECTED", "NOT_RESERVED")
    assert await row_counts(session) == before


async def test_only_parents_preview(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    _, staff = await make_staff_account_with_token(session, tenant)
    await session.commit()
    asked = reservation(town, house, date=JANUARY[0])
    body = await call(api, staff, PREVIEW, input=asked)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await call(api, None, PREVIEW, input=asked)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_planning_says_what_the_request_will_say(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, weekdays=(3,), max_days_per_month=2, capacity=1)
    made = await call(api, house.token, RESERVE, input=reservation(town, house, date=JANUARY[0]))
    assert made["data"]["reservationRequestCreate"]["errors"] == []
    await call(api, house.token, RESERVE, input=reservation(town, house, date=JANUARY[1]))
    body = await call(api, house.token, PLANNING, **{"from": JANUARY[0], "to": JANUARY[3]})
    by_date = {o["date"]: o for o in body["data"]["planning"]["occurrences"]}
    assert by_date[JANUARY[0]]["reserveBlocker"] == "PENDING_REQUEST"
    third = by_date[JANUARY[2]]
    assert (third["canReserve"], third["reserveBlocker"]) == (False, "MONTHLY_LIMIT_REACHED")
    refused = await call(api, house.token, RESERVE, input=reservation(town, house, date=JANUARY[2]))
    # The date's rule is on its line; the errors only say that nothing was recorded.
    assert [e["code"] for e in refused["data"]["reservationRequestCreate"]["errors"]] == [
        "NO_DATE_RECORDED"
    ]
    assert refused["data"]["reservationRequestCreate"]["lines"][0]["code"] == (
        "MONTHLY_LIMIT_REACHED"
    )
    message = refused["data"]["reservationRequestCreate"]["lines"][0]["message"]
    assert message.startswith(f"Au plus 2 jours par mois pour l'activité « {town.activity.name} »")


async def test_a_full_slot_with_a_waiting_list_stays_reservable_and_says_so(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, taker = await world(session, tenant, weekdays=(3,), capacity=1, auto_accept=True)
    first = await call(api, taker.token, RESERVE, input=reservation(town, taker, date=JANUARY[3]))
    assert first["data"]["reservationRequestCreate"]["lines"][0]["outcome"] == "ACCEPTED"
    latecomer = await make_household(session, town)
    await session.commit()
    body = await call(api, latecomer.token, PLANNING, **{"from": JANUARY[3], "to": JANUARY[3]})
    (full,) = body["data"]["planning"]["occurrences"]
    assert (full["canReserve"], full["reserveWouldWaitList"]) == (True, True)
    made = await call(
        api, latecomer.token, RESERVE, input=reservation(town, latecomer, date=JANUARY[3])
    )
    assert made["data"]["reservationRequestCreate"]["lines"][0]["outcome"] == "WAITING_LIST"


async def test_the_planning_refuses_an_ineligible_child_like_the_request(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, weekdays=(3,), min_grade=Grade.CE1)
    body = await call(api, house.token, PLANNING, **{"from": JANUARY[0], "to": JANUARY[0]})
    (occurrence,) = body["data"]["planning"]["occurrences"]
    assert (occurrence["canReserve"], occurrence["reserveBlocker"]) == (False, "NOT_ELIGIBLE")
    refused = await call(api, house.token, RESERVE, input=reservation(town, house, date=JANUARY[0]))
    assert refused["data"]["reservationRequestCreate"]["lines"][0]["code"] == "NOT_ELIGIBLE"
    assert gid("Child", house.children[0].id) == occurrence["child"]["id"]
