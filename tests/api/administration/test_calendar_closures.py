"""Closing a day that was open, over HTTP (calendarPeriodCreate): the bookings of that day
are cancelled free of charge (the billing run skips them), undecided request dates are
refused with CLOSED_DAY, each family gets one mail, each child a planning event, and every
change is audited — in the transaction that adds the period."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.billing_run import run_billing
from models import AuditEntry, Booking, Event, OutboxMessage, Request, RequestLine, Tenant
from models.account import Role
from models.booking import BookingStatus
from models.event import EventKind
from models.request import RequestLineStatus, RequestStatus, RequestType
from tests import factories
from tests.factories import requests as fr
from tests.factories.billing import BilledTown, make_billed_town
from tests.factories.family import make_account_with_token
from tests.support.graphql_client import GraphQLClient

PERIOD = """mutation($input: CalendarPeriodCreateInput!) { calendarPeriodCreate(input: $input) {
  period { id kind label } bookingsCancelled requestsLinesClosed familiesNotified
  errors { field message code } } }"""
PLANNING = """query($range: DateRangeInput!) { calendar(range: $range) {
  days { date isClosed labels } } }"""

TUESDAY = dt.date(2026, 9, 15)
THURSDAY = dt.date(2026, 9, 17)
FRIDAY = dt.date(2026, 9, 18)
SEPTEMBER = dt.date(2026, 9, 1)


def gid(type_name: str, pk: int) -> str:
    """The global ID of an object."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def close(
    api: GraphQLClient, token: str, town: BilledTown, day: dt.date, **extra: Any
) -> Any:
    values = {
        "schoolYear": gid("SchoolYear", town.town.year.id),
        "kind": "STRIKE",
        "label": "Grève – service non assuré",
        "startDate": day.isoformat(),
        "endDate": day.isoformat(),
    } | extra
    body = await api.post(PERIOD, {"input": values}, headers={"authorization": f"Bearer {token}"})
    assert "errors" not in body, body
    return body["data"]["calendarPeriodCreate"]


async def test_closing_a_day_cancels_its_bookings_free_of_charge_and_tells_the_family(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_billed_town(session, tenant, households=2)
    first, second = town.households
    child, other = first.children[0], second.children[0]
    slots = town.town.slots
    closed_booking = await fr.make_booking(session, child, slots[2], TUESDAY)
    kept_booking = await fr.make_booking(session, child, slots[4], THURSDAY)
    waiting = await fr.make_booking(
        session, other, slots[2], TUESDAY, status=BookingStatus.WAITING_LIST
    )
    request, (line,) = await fr.make_booking_request(
        session, first.account, child, slots[5], [FRIDAY]
    )
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    ids = (closed_booking.id, kept_booking.id, waiting.id, request.id, line.id, child.id)
    await session.commit()
    closed_id, kept_id, waiting_id, request_id, line_id, child_id = ids
    tenant_id, first_name = tenant.id, child.first_name

    tuesday = await close(api, admin, town, TUESDAY)
    assert tuesday["errors"] == []
    assert tuesday["period"]["kind"] == "STRIKE"
    assert (tuesday["bookingsCancelled"], tuesday["familiesNotified"]) == (2, 2)
    friday = await close(api, admin, town, FRIDAY, kind="CLOSURE", label="Fermeture")
    assert (friday["bookingsCancelled"], friday["requestsLinesClosed"]) == (0, 1)
    assert friday["familiesNotified"] == 1
    session.expire_all()  # the API wrote in its own transactions

    statuses = dict(
        (
            await session.execute(select(Booking.id, Booking.status).where(Booking.id.in_(ids[:3])))
        ).all()
    )
    assert statuses == {
        closed_id: BookingStatus.CANCELLED,
        kept_id: BookingStatus.RESERVED,
        waiting_id: BookingStatus.CANCELLED,
    }
    refused = await session.get(RequestLine, line_id)
    assert refused is not None
    assert (refused.status, refused.refusal_code) == (RequestLineStatus.REFUSED, "CLOSED_DAY")
    assert refused.message == "Journée fermée : Fermeture"
    decided = await session.get(Request, request_id)
    assert decided is not None and decided.status is RequestStatus.REFUSED

    mails = list(
        await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.tenant_id == tenant_id, OutboxMessage.template == "day_closed")
            .order_by(OutboxMessage.id)
        )
    )
    assert len(mails) == 3  # one per family and closure
    assert mails[0].subject == "Journée fermée – Grève – service non assuré"
    assert "15/09/2026" in mails[0].text_body
    assert "Réservation annulée, non facturée" in mails[0].text_body
    assert first_name in mails[0].text_body
    assert "ne vous seront pas facturées" in (mails[0].html_body or "")

    events = await session.scalars(
        select(Event).where(
            Event.tenant_id == tenant_id,
            Event.kind == EventKind.BOOKING_CHANGED,
            Event.subject_id == closed_id,
        )
    )
    # The booking's creation, then its cancellation: planningChanged for the child.
    assert [(e.child_id, e.payload["status"]) for e in events][-1] == (child_id, "CANCELLED")
    audited = dict(
        (
            await session.execute(
                select(AuditEntry.action, func.count())
                .where(AuditEntry.tenant_id == tenant_id)
                .group_by(AuditEntry.action)
            )
        ).all()
    )
    assert audited == {
        "booking.cancelled_by_closure": 2,
        "request_line.closed_by_calendar": 1,
        "calendar_period.created": 2,
    }

    # The planning shows the day closed at once.
    calendar = await api.data(PLANNING, {"range": {"gte": "2026-09-15", "lte": "2026-09-15"}})
    assert calendar["calendar"]["days"] == [
        {"date": "2026-09-15", "isClosed": True, "labels": ["Grève – service non assuré"]}
    ]

    # The billing run bills the Thursday, never the cancelled Tuesday.
    tenant_row = await session.get(Tenant, tenant_id)
    assert tenant_row is not None
    done = await run_billing(
        session, tenant=tenant_row, month=SEPTEMBER, today=dt.date(2026, 10, 5)
    )
    await session.commit()
    assert done.run is not None
    billed = dict(
        (
            await session.execute(
                select(Booking.id, Booking.invoice_line_id).where(Booking.id.in_(ids[:2]))
            )
        ).all()
    )
    assert billed[closed_id] is None
    assert billed[kept_id] is not None


async def test_an_establishments_closure_leaves_the_others_and_closed_days_alone(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_billed_town(session, tenant)
    child = town.households[0].children[0]
    booking = await fr.make_booking(session, child, town.town.slots[2], TUESDAY)
    elsewhere = await factories.make_establishment(session, tenant)
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    booking_id, elsewhere_id = booking.id, elsewhere.id
    await session.commit()

    other = await close(api, admin, town, TUESDAY, establishment=gid("Establishment", elsewhere_id))
    assert other["errors"] == [] and other["bookingsCancelled"] == 0
    # A school holiday does not close a day that is already closed, nor mail twice.
    here = await close(
        api, admin, town, TUESDAY, establishment=gid("Establishment", town.town.school.id)
    )
    assert (here["bookingsCancelled"], here["familiesNotified"]) == (1, 1)
    again = await close(api, admin, town, TUESDAY, kind="SCHOOL_HOLIDAY", label="Pont")
    assert (again["bookingsCancelled"], again["familiesNotified"]) == (0, 0)
    session.expire_all()
    row = await session.get(Booking, booking_id)
    assert row is not None and row.status is BookingStatus.CANCELLED
    assert (
        await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.template == "day_closed")
        )
        == 1
    )


async def test_a_pending_absence_on_a_closed_day_is_cancelled(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    town = await make_billed_town(session, tenant)
    home = town.households[0]
    child = home.children[0]
    await fr.make_booking(session, child, town.town.slots[2], TUESDAY)
    request, (line,) = await fr.make_booking_request(
        session, home.account, child, town.town.slots[2], [TUESDAY], type=RequestType.ABSENCE
    )
    _, admin = await make_account_with_token(session, tenant, role=Role.ADMIN)
    request_id, line_id = request.id, line.id
    await session.commit()

    done = await close(api, admin, town, TUESDAY)
    assert (done["bookingsCancelled"], done["requestsLinesClosed"]) == (1, 1)
    assert done["familiesNotified"] == 1
    session.expire_all()
    cancelled = await session.get(RequestLine, line_id)
    assert cancelled is not None and cancelled.status is RequestLineStatus.CANCELLED
    absence = await session.get(Request, request_id)
    assert absence is not None and absence.status is RequestStatus.CANCELLED
