"""The booking rule engine in the domain: the monthly limit (« at most N days a month »),
and the request preview — same outcomes as the real request, the billing run's prices,
and not one row written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk
from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.engine import RULES
from domain.bookings.preview import preview_booking_request
from domain.bookings.requests import create_booking_request
from models import (
    Booking,
    Event,
    OccurrenceAction,
    OutboxMessage,
    Request,
    RequestHistory,
    RequestLine,
)
from models.activity import DeadlineKind
from models.booking import BookingStatus
from models.request import RequestType
from tests.factories.billing import make_price_list, make_quotient
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household

PARIS = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)  # a Friday
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 18))  # before the Christmas holidays
WEDNESDAYS = [dt.date(2026, 12, 2), dt.date(2026, 12, 9), dt.date(2026, 12, 16)]
TABLES = (Request, RequestLine, RequestHistory, Booking, OutboxMessage, Event, OccurrenceAction)


def booking_ask(
    town: BookingTown, house: Household, request_type: RequestType, **values: Any
) -> BookingAsk:
    return BookingAsk(
        request_type=request_type,
        child_ids=[c.id for c in house.children],
        activity_id=town.activity.id,
        **values,
    )


async def create(
    session: AsyncSession, town: BookingTown, house: Household, ask: BookingAsk, **kw: Any
) -> Any:
    return await create_booking_request(
        session,
        tenant_id=town.tenant.id,
        account_id=house.account.id,
        family_id=house.family.id,
        ask=ask,
        portal_url="https://portail.example/ville",
        now=kw.get("now", NOW),
    )


async def preview(
    session: AsyncSession, town: BookingTown, house: Household, ask: BookingAsk, **kw: Any
) -> Any:
    return await preview_booking_request(
        session,
        tenant_id=town.tenant.id,
        family_id=house.family.id,
        ask=ask,
        now=kw.get("now", NOW),
    )


async def row_counts(session: AsyncSession) -> dict[str, int]:
    return {
        model.__tablename__: int(await session.scalar(select(func.count()).select_from(model)) or 0)
        for model in TABLES
    }


def test_the_rules_are_one_ordered_list_with_the_monthly_limit_before_the_places() -> None:
    codes = [rule.code for rule in RULES]
    assert codes.index(BookingRule.CLOSED_DAY) < codes.index(BookingRule.DEADLINE_PASSED)
    assert codes.index(BookingRule.MONTHLY_LIMIT_REACHED) < codes.index(BookingRule.SLOT_FULL)
    assert set(BookingRule) <= set(codes)


async def test_at_most_two_wednesdays_a_month(session: AsyncSession) -> None:
    town = await make_booking_town(
        session, weekdays=(3,), name="Mercredi loisirs", max_days_per_month=2
    )
    house = await make_household(session, town, first_name="Léa")
    ask = booking_ask(town, house, RequestType.RESERVATION, period=DECEMBER, weekdays=[3])
    result = await create(session, town, house, ask)
    outcomes = [(line.date, line.outcome, line.rule) for line in result.lines]
    assert outcomes == [
        (WEDNESDAYS[0], LineOutcome.CREATED, None),
        (WEDNESDAYS[1], LineOutcome.CREATED, None),
        (WEDNESDAYS[2], LineOutcome.REJECTED, BookingRule.MONTHLY_LIMIT_REACHED),
    ]
    assert result.lines[2].message == (
        "Au plus 2 jours par mois pour l'activité « Mercredi loisirs » : "
        "Léa en a déjà 2 en décembre 2026."
    )
    # The pending lines count: a second request for that month is refused too, not January.
    again = booking_ask(
        town, house, RequestType.RESERVATION, period=(WEDNESDAYS[2], dt.date(2027, 1, 13))
    )
    later = await create(session, town, house, again)
    holidays_left_out = [line for line in later.lines if line.rule is not BookingRule.CLOSED_DAY]
    assert [(line.date, line.outcome, line.rule) for line in holidays_left_out] == [
        (WEDNESDAYS[2], LineOutcome.REJECTED, BookingRule.MONTHLY_LIMIT_REACHED),
        (dt.date(2027, 1, 6), LineOutcome.CREATED, None),
        (dt.date(2027, 1, 13), LineOutcome.CREATED, None),
    ]


async def test_a_cancelled_day_frees_the_month(session: AsyncSession) -> None:
    town = await make_booking_town(session, weekdays=(3,), max_days_per_month=1)
    house = await make_household(session, town)
    child, slot = house.children[0], town.slots[3]
    session.add(
        Booking(
            tenant_id=town.tenant.id,
            child_id=child.id,
            slot_id=slot.id,
            activity_id=town.activity.id,
            date=WEDNESDAYS[0],
            status=BookingStatus.ABSENT,
        )
    )
    await session.flush()
    result = await create(
        session, town, house, booking_ask(town, house, RequestType.RESERVATION, date=WEDNESDAYS[1])
    )
    assert [line.outcome for line in result.lines] == [LineOutcome.CREATED]


async def test_the_preview_answers_what_the_request_does_and_writes_nothing(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(
        session, weekdays=(3,), max_days_per_month=2, auto_accept=True, capacity=1
    )
    house = await make_household(session, town, children=2)
    await session.commit()
    ask = booking_ask(
        town, house, RequestType.RESERVATION, period=(dt.date(2026, 12, 1), dt.date(2027, 1, 8))
    )
    before = await row_counts(session)
    predicted = await preview(session, town, house, ask)
    assert await row_counts(session) == before
    assert not session.new and not session.dirty
    made = await create(session, town, house, ask)
    assert [(p.child_id, p.slot_id, p.date, p.outcome, p.rule, p.message) for p in predicted] == [
        (r.child_id, r.slot_id, r.date, r.outcome, r.rule, r.message) for r in made.lines
    ]
    # One place: the first child gets it, the second waits; the third Wednesday is over
    # the monthly limit for both; the holidays are closed days.
    outcomes = {(p.date, p.outcome) for p in predicted}
    assert (WEDNESDAYS[0], LineOutcome.ACCEPTED) in outcomes
    assert (WEDNESDAYS[0], LineOutcome.WAITING_LIST) in outcomes
    assert {p.rule for p in predicted if p.date == WEDNESDAYS[2]} == {
        BookingRule.MONTHLY_LIMIT_REACHED
    }
    assert {p.rule for p in predicted if p.date == dt.date(2026, 12, 23)} == {
        BookingRule.CLOSED_DAY
    }


async def test_the_preview_prices_dates_as_the_billing_run(session: AsyncSession) -> None:
    town = await make_booking_town(
        session,
        weekdays=(3,),
        auto_accept=True,
        cancellation_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        cancellation_deadline_offset=2,
        cancellation_deadline_time=dt.time(12),
    )
    house = await make_household(session, town)
    await make_price_list(session, town.activity)
    await make_quotient(session, house.family, 700)  # bracket 600–800: 2.10 €
    reserve = booking_ask(town, house, RequestType.RESERVATION, date=WEDNESDAYS[1])
    (line,) = await preview(session, town, house, reserve)
    assert (line.outcome, line.price_cents) == (LineOutcome.ACCEPTED, 210)
    assert line.booking_deadline is not None
    assert line.cancellation_deadline == dt.datetime(
        2026, 12, 7, 12, tzinfo=line.booking_deadline.tzinfo
    )
    await create(session, town, house, reserve)
    absence = booking_ask(town, house, RequestType.ABSENCE, date=WEDNESDAYS[1])
    (free,) = await preview(session, town, house, absence)
    assert (free.outcome, free.absence_billed, free.price_cents) == (LineOutcome.ACCEPTED, False, 0)
    late = dt.datetime(2026, 12, 8, 9, tzinfo=PARIS)
    (billed,) = await preview(session, town, house, absence, now=late)
    assert (billed.absence_billed, billed.price_cents) == (True, 210)
    made = await create(session, town, house, absence, now=late)
    assert made.lines[0].message == billed.message
    booking = await session.scalar(select(Booking).where(Booking.date == WEDNESDAYS[1]))
    assert booking is not None and booking.status is BookingStatus.ABSENT_BILLED
