"""Reservation and absence requests over GraphQL, with the real clock: a town whose school
year lies ahead (2026-2027), built with factories.

One day from the planning; a period with weekdays for two children (holidays reported,
the rest recorded); auto-acceptance vs staff validation; absences free or billed;
idempotent retries; cancellation; and privacy — another family's child gets the same
answer as a child that does not exist.
"""

from __future__ import annotations

import asyncio
import base64
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Booking, OutboxMessage, Request, RequestLine, Tenant
from models.account import Role
from models.activity import DeadlineKind
from models.booking import BookingStatus
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient, StatementCounter

MONDAY = "2026-12-07"

RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id reference status statusLabel type
              lines { date status statusLabel action message child { firstName } } }
    lines { date outcome outcomeLabel code message child { id firstName }
            activity { name } slot { id startTime } }
    errors { field message code } } }"""

ABSENCE = """mutation($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) {
    request { id status }
    lines { date outcome code message }
    errors { field message code } } }"""

CANCEL = """mutation($input: RequestCancelInput!) {
  requestCancel(input: $input) { request { id status } errors { code message } } }"""

PLANNING = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date slotId status child { id } } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def call(api: GraphQLClient, token: str | None, query: str, **variables: Any) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await api.post(query, variables, headers=headers)


async def world(
    session: AsyncSession, tenant: Tenant, *, children: int = 1, **rules: Any
) -> tuple[BookingTown, Household]:
    town = await make_booking_town(session, tenant, **rules)
    house = await make_household(session, town, children=children)
    await session.commit()
    return town, house


def reservation(town: BookingTown, house: Household, **values: Any) -> dict[str, Any]:
    return {
        "children": [gid("Child", c.id) for c in house.children],
        "activity": gid("Activity", town.activity.id),
        **values,
    }


async def test_one_day_from_the_planning(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    planning = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    (occurrence,) = planning["data"]["planning"]["occurrences"]
    assert occurrence["status"] == "AVAILABLE"
    body = await call(
        api,
        house.token,
        RESERVE,
        input=reservation(town, house, date=MONDAY, slots=[occurrence["slotId"]]),
    )
    payload = body["data"]["reservationRequestCreate"]
    assert payload["errors"] == []
    (line,) = payload["lines"]
    assert line["outcome"] == "CREATED" and line["code"] is None
    assert line["outcomeLabel"] == "En attente de validation"
    assert line["slot"]["id"] == occurrence["slotId"]
    assert line["child"]["firstName"] == house.children[0].first_name
    request = payload["request"]
    assert request["type"] == "RESERVATION" and request["status"] == "PENDING"
    assert request["statusLabel"] == "En cours d'instruction"
    assert [(r["date"], r["status"], r["action"]) for r in request["lines"]] == [
        (MONDAY, "PENDING", "RESERVE")
    ]
    after = await call(api, house.token, PLANNING, **{"from": MONDAY, "to": MONDAY})
    assert after["data"]["planning"]["occurrences"][0]["status"] == "PENDING"


async def test_a_period_with_weekdays_for_two_children(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, children=2)
    body = await call(
        api,
        house.token,
        RESERVE,
        input=reservation(
            town,
            house,
            dates={"gte": "2026-12-14", "lte": "2026-12-25"},
            weekdays=["MONDAY", "TUESDAY"],
        ),
    )
    payload = body["data"]["reservationRequestCreate"]
    assert payload["errors"] == []
    outcomes = {(line["date"], line["child"]["id"], line["outcome"]) for line in payload["lines"]}
    children = [gid("Child", c.id) for c in house.children]
    assert outcomes == {
        (day, child, outcome)
        for child in children
        for day, outcome in [
            ("2026-12-14", "CREATED"),
            ("2026-12-15", "CREATED"),
            ("2026-12-21", "REJECTED"),
            ("2026-12-22", "REJECTED"),
        ]
    }
    holidays = [line for line in payload["lines"] if line["outcome"] == "REJECTED"]
    assert {line["code"] for line in holidays} == {"CLOSED_DAY"}
    assert all("Vacances de Noël" in line["message"] for line in holidays)
    assert len(payload["request"]["lines"]) == 4
    assert await session.scalar(select(func.count()).select_from(RequestLine)) == 4
    mail = (await session.scalars(select(OutboxMessage))).one()
    assert "Vos 4 demandes de réservation" in mail.text_body


async def test_nothing_goes_through_nothing_is_stored(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    body = await call(api, house.token, RESERVE, input=reservation(town, house, date="2026-12-21"))
    payload = body["data"]["reservationRequestCreate"]
    assert payload["request"] is None
    # The reason is reported once: on the date's line; the error says the request failed.
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NO_DATE_RECORDED", ["date"])]
    [error] = payload["errors"]
    assert "Vacances" not in error["message"] and "motif" in error["message"]
    [line] = payload["lines"]
    assert (line["outcome"], line["code"]) == ("REJECTED", "CLOSED_DAY")
    assert "Vacances de Noël" in line["message"]
    assert await session.scalar(select(func.count()).select_from(Request)) == 0
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


async def test_a_period_of_rejected_dates_reports_each_reason_once(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, children=2)
    ask = {**reservation(town, house), "dates": {"gte": "2026-12-21", "lte": "2026-12-22"}}
    body = await call(api, house.token, RESERVE, input=ask)
    payload = body["data"]["reservationRequestCreate"]
    assert payload["request"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NO_DATE_RECORDED", ["dates"])]
    assert "Aucune des dates" in payload["errors"][0]["message"]
    assert len(payload["lines"]) == 4
    assert {(line["outcome"], line["code"]) for line in payload["lines"]} == {
        ("REJECTED", "CLOSED_DAY")
    }
    messages = [payload["errors"][0]["message"]] + [line["message"] for line in payload["lines"]]
    assert sum("Vacances de Noël" in message for message in messages) == 4


async def test_no_slot_at_all_is_the_error_itself(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    """With no date to judge (only Fridays asked in a Monday-to-Tuesday period), there is
    no line to carry the reason, so the reason is the error."""
    town, house = await world(session, tenant)
    ask = {
        **reservation(town, house),
        "dates": {"gte": "2026-12-07", "lte": "2026-12-08"},
        "weekdays": ["FRIDAY"],
    }
    body = await call(api, house.token, RESERVE, input=ask)
    payload = body["data"]["reservationRequestCreate"]
    assert payload["lines"] == []
    assert [e["code"] for e in payload["errors"]] == ["CLOSED_DAY"]


async def test_auto_accept_versus_validation(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, auto_accept=True, capacity=1, children=2)
    body = await call(api, house.token, RESERVE, input=reservation(town, house, date=MONDAY))
    payload = body["data"]["reservationRequestCreate"]
    assert [line["outcome"] for line in payload["lines"]] == ["ACCEPTED", "WAITING_LIST"]
    assert payload["request"]["status"] == "PENDING"
    statuses = (await session.scalars(select(Booking.status).order_by(Booking.child_id))).all()
    assert statuses == [BookingStatus.RESERVED, BookingStatus.WAITING_LIST]
    town.activity.auto_accept = False
    town.activity.capacity = None
    await session.commit()
    pending = await call(
        api, house.token, RESERVE, input=reservation(town, house, date="2026-12-08")
    )
    lines = pending["data"]["reservationRequestCreate"]["lines"]
    assert [line["outcome"] for line in lines] == ["CREATED", "CREATED"]
    assert await session.scalar(select(func.count()).select_from(Booking)) == 2


async def test_absence_free_or_billed(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant, auto_accept=True)
    await call(api, house.token, RESERVE, input=reservation(town, house, date=MONDAY))
    free = await call(
        api,
        house.token,
        ABSENCE,
        input={**reservation(town, house, date=MONDAY), "reason": "malade"},
    )
    line = free["data"]["absenceRequestCreate"]["lines"][0]
    assert line["outcome"] == "ACCEPTED" and "non facturée" in line["message"]
    booking = (await session.scalars(select(Booking))).one()
    assert booking.status is BookingStatus.ABSENT
    # Thirty days' notice: for December 8th, already too late today — billed.
    town.activity.cancellation_deadline_kind = DeadlineKind.CALENDAR_DAYS_BEFORE
    town.activity.cancellation_deadline_offset = 30
    await session.commit()
    await call(api, house.token, RESERVE, input=reservation(town, house, date="2026-12-08"))
    billed = await call(
        api, house.token, ABSENCE, input=reservation(town, house, date="2026-12-08")
    )
    line = billed["data"]["absenceRequestCreate"]["lines"][0]
    assert line["outcome"] == "ACCEPTED" and "facturée, sauf justificatif" in line["message"]
    statuses = (await session.scalars(select(Booking.status).order_by(Booking.date))).all()
    assert statuses == [BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED]
    nothing = await call(
        api, house.token, ABSENCE, input=reservation(town, house, date="2026-12-10")
    )
    refused = nothing["data"]["absenceRequestCreate"]
    assert [e["code"] for e in refused["errors"]] == ["NO_DATE_RECORDED"]
    assert [line["code"] for line in refused["lines"]] == ["NOT_RESERVED"]


async def test_idempotent_retries(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    ask = reservation(town, house, date=MONDAY, idempotencyKey="clic-42")
    first = await call(api, house.token, RESERVE, input=ask)
    again = await call(api, house.token, RESERVE, input=ask)
    assert first["data"] == again["data"]
    # Two retries racing each other: still one request, both answered with it.
    racing = reservation(town, house, date="2026-12-08", idempotencyKey="clic-43")
    answers = await asyncio.gather(
        *(call(api, house.token, RESERVE, input=racing) for _ in range(2))
    )
    ids = {a["data"]["reservationRequestCreate"]["request"]["id"] for a in answers}
    assert len(ids) == 1
    assert await session.scalar(select(func.count()).select_from(Request)) == 2
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 2


async def test_cancel_while_pending(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    made = await call(api, house.token, RESERVE, input=reservation(town, house, date=MONDAY))
    request_id = made["data"]["reservationRequestCreate"]["request"]["id"]
    neighbours = await make_household(session, town)
    await session.commit()
    theirs = await call(api, neighbours.token, CANCEL, input={"request": request_id})
    assert theirs["data"]["requestCancel"]["errors"][0]["code"] == "NOT_FOUND"
    done = await call(api, house.token, CANCEL, input={"request": request_id})
    assert done["data"]["requestCancel"]["request"]["status"] == "CANCELLED"
    twice = await call(api, house.token, CANCEL, input={"request": request_id})
    assert twice["data"]["requestCancel"]["errors"][0]["code"] == "NOT_CANCELLABLE"


async def test_other_families_and_tenants_and_roles(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town, house = await world(session, tenant)
    neighbours = await make_household(session, town)
    elsewhere = await make_booking_town(session)
    strangers = await make_household(session, elsewhere)
    _, agent = await make_account_with_token(session, tenant, role=Role.STAFF)
    await session.commit()

    async def errors_for(child: str, activity: str | None = None) -> Any:
        body = await call(
            api,
            house.token,
            RESERVE,
            input={
                "children": [child],
                "activity": activity or gid("Activity", town.activity.id),
                "date": MONDAY,
            },
        )
        return body["data"]["reservationRequestCreate"]["errors"]

    missing = await errors_for(gid("Child", 987_654))
    assert missing == [
        {"field": ["children", "0"], "message": "Enfant introuvable.", "code": "NOT_FOUND"}
    ]
    assert await errors_for(gid("Child", neighbours.children[0].id)) == missing
    assert await errors_for(gid("Child", strangers.children[0].id)) == missing
    assert await errors_for(gid("Family", house.family.id)) == missing
    foreign = await errors_for(
        gid("Child", house.children[0].id), gid("Activity", elsewhere.activity.id)
    )
    assert [e["code"] for e in foreign] == ["NOT_FOUND"]
    as_staff = await call(api, agent, RESERVE, input=reservation(town, house, date=MONDAY))
    assert as_staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await call(api, None, RESERVE, input=reservation(town, house, date=MONDAY))
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await session.scalar(select(func.count()).select_from(Request)) == 0


async def test_statement_count_of_a_period_does_not_grow_with_its_dates(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, statements: StatementCounter
) -> None:
    """An auto-accepted period reservation is judged and booked in batches: its slots are
    locked, its bookings and places read, in a few statements whatever the number of dates.

    New rows are INSERTed by one statement per table: on PostgreSQL by insertmanyvalues, on
    SQLite because the write path numbers its new rows itself once it holds the write lock
    (``models.sqlite_batch``: SQLAlchemy cannot batch ORM ``INSERT … RETURNING`` there).
    """
    town, house = await world(session, tenant, auto_accept=True, capacity=30)

    async def reserve(start: str, end: str) -> tuple[int, list[str]]:
        variables = reservation(town, house, dates={"gte": start, "lte": end})
        with statements.counting() as seen:
            body = await call(api, house.token, RESERVE, input=variables)
        payload = body["data"]["reservationRequestCreate"]
        assert payload["errors"] == [], payload
        assert {line["outcome"] for line in payload["lines"]} == {"ACCEPTED"}
        return len(payload["lines"]), list(seen)

    await reserve("2026-12-17", "2026-12-18")  # warm the caches (first request of a process)
    few, few_statements = await reserve("2027-01-04", "2027-01-11")
    many, many_statements = await reserve("2027-01-12", "2027-04-26")
    assert (few, many) == (5, 60)

    def others(seen: list[str]) -> list[str]:
        return [s for s in seen if not s.lstrip().upper().startswith("INSERT")]

    assert len(others(many_statements)) == len(others(few_statements)) <= 30, many_statements
    assert len(many_statements) == len(few_statements), many_statements
    booked = await session.scalar(
        select(func.count()).select_from(Booking).where(Booking.status == BookingStatus.RESERVED)
    )
    assert booked == 67
