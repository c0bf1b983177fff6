"""Reservation and absence requests in the domain: the outcomes of auto-acceptance,
absences free or billed, idempotency and input limits."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.codes import LineOutcome
from kernel.results import DomainFailure
from models import Booking, OutboxMessage, Request, RequestHistory, RequestLine
from models.activity import DeadlineKind
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType
from tests.domain.bookings.requests._helpers import (
    ABSENCE,
    MONDAY,
    PARIS,
    ask,
    book,
    codes,
    rejected,
)
from tests.factories.bookings import make_booking_town, make_household


async def test_a_period_with_weekdays_for_two_children(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town, children=2)
    result = await ask(
        session,
        town,
        house,
        period=(dt.date(2026, 12, 14), dt.date(2026, 12, 25)),
        weekdays=[1, 2],
        comment="  Merci  ",
    )
    by_outcome: dict[LineOutcome, set[dt.date]] = {}
    for line in result.lines:
        by_outcome.setdefault(line.outcome, set()).add(line.date)
    assert by_outcome == {
        LineOutcome.CREATED: {dt.date(2026, 12, 14), dt.date(2026, 12, 15)},
        LineOutcome.REJECTED: {dt.date(2026, 12, 21), dt.date(2026, 12, 22)},
    }
    assert len(result.lines) == 8  # 4 dates × 2 children
    request = result.request
    assert request.type is RequestType.RESERVATION
    assert request.status is RequestStatus.PENDING
    assert (request.period_start, request.period_end) == (
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 25),
    )
    assert request.child_id is None and request.activity_id == town.activity.id
    assert request.comment == "Merci"
    lines = (await session.scalars(select(RequestLine).order_by(RequestLine.id))).all()
    assert len(lines) == 4 and {line.status for line in lines} == {RequestLineStatus.PENDING}
    history = (await session.scalars(select(RequestHistory))).all()
    assert [(h.step, h.status) for h in history] == [(HistoryStep.CREATED, RequestStatus.PENDING)]
    mail = (await session.scalars(select(OutboxMessage))).one()
    assert mail.template == "booking_request_received"
    assert mail.subject.startswith("Accusé d'enregistrement électronique")
    assert "Vos 4 demandes de réservation" in mail.text_body
    assert "sont en cours d'instruction" in mail.text_body
    assert "Jour | Heure | Type de la demande | Enfant | Activité" in mail.text_body
    assert "14/12/2026 | 07:30 | Réservation" in mail.text_body
    assert "21/12/2026" in mail.text_body and "Vacances de Noël" in mail.text_body


async def test_auto_accept_reserves_then_waiting_list(session: AsyncSession) -> None:
    town = await make_booking_town(session, auto_accept=True, capacity=1)
    house = await make_household(session, town, children=2)
    result = await ask(session, town, house)
    assert [line.outcome for line in result.lines] == [
        LineOutcome.ACCEPTED,
        LineOutcome.WAITING_LIST,
    ]
    statuses = dict((await session.execute(select(Booking.child_id, Booking.status))).all())
    assert statuses == {
        house.children[0].id: BookingStatus.RESERVED,
        house.children[1].id: BookingStatus.WAITING_LIST,
    }
    lines = (await session.scalars(select(RequestLine).order_by(RequestLine.child_id))).all()
    assert [line.status for line in lines] == [
        RequestLineStatus.ACCEPTED,
        RequestLineStatus.WAITING_LIST,
    ]
    assert all(line.booking_id is not None for line in lines)
    assert result.request.status is RequestStatus.PENDING  # one date still waits
    alone = await make_household(session, town)
    town.activity.capacity = 5
    accepted = await ask(session, town, alone)
    assert accepted.request.status is RequestStatus.ACCEPTED
    steps = (
        await session.scalars(
            select(RequestHistory.step).where(RequestHistory.request_id == accepted.request.id)
        )
    ).all()
    assert steps == [HistoryStep.CREATED, HistoryStep.DECIDED]


@pytest.mark.parametrize(
    ("declared", "status", "late"),
    [
        (dt.datetime(2026, 12, 4, 9, 59, tzinfo=PARIS), BookingStatus.ABSENT, False),
        (dt.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS), BookingStatus.ABSENT_BILLED, True),
    ],
)
async def test_absence_free_before_the_deadline_billed_after(
    session: AsyncSession, declared: dt.datetime, status: BookingStatus, late: bool
) -> None:
    town = await make_booking_town(
        session,
        auto_accept=True,
        cancellation_deadline_kind=DeadlineKind.WORKING_DAYS_BEFORE,
        cancellation_deadline_offset=1,
        cancellation_deadline_time=dt.time(10, 0),
    )
    house = await make_household(session, town)
    booking = await book(session, town, house.children[0].id, MONDAY)
    result = await ask(session, town, house, ABSENCE, now=declared, reason="malade")
    assert [line.outcome for line in result.lines] == [LineOutcome.ACCEPTED]
    assert booking.status is status
    message = result.lines[0].message
    if late:
        assert "après le délai d'annulation (04/12/2026 à 10:00)" in message
        assert "facturée, sauf justificatif" in message and "sous 2 jours" in message
    else:
        assert message == "Absence déclarée dans les délais : non facturée."
    assert result.request.reason == "malade"
    assert result.request.status is RequestStatus.ACCEPTED


async def test_pending_absence_keeps_the_booking_and_says_it_is_late(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(
        session,
        cancellation_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        cancellation_deadline_offset=1,
    )
    house = await make_household(session, town)
    booking = await book(session, town, house.children[0].id, MONDAY)
    result = await ask(
        session, town, house, ABSENCE, now=dt.datetime(2026, 12, 6, 20, 0, tzinfo=PARIS)
    )
    assert [line.outcome for line in result.lines] == [LineOutcome.CREATED]
    assert booking.status is BookingStatus.RESERVED
    line = (await session.scalars(select(RequestLine))).one()
    assert line.status is RequestLineStatus.PENDING and line.booking_id == booking.id
    assert line.refusal_code is None
    assert line.message is not None and "après le délai d'annulation" in line.message


async def test_absence_on_a_started_slot_is_refused(session: AsyncSession) -> None:
    town = await make_booking_town(session, auto_accept=True)
    house = await make_household(session, town)
    await book(session, town, house.children[0].id, MONDAY)
    started = dt.datetime(2026, 12, 7, 7, 45, tzinfo=PARIS)
    failure = await rejected(session, town, house, ABSENCE, now=started)
    assert codes(failure) == ["DEADLINE_PASSED"]


async def test_idempotency_key_returns_the_first_answer(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town, children=2)
    first = await ask(
        session,
        town,
        house,
        period=(dt.date(2026, 12, 14), dt.date(2026, 12, 22)),
        weekdays=[1],
        idempotency_key="abc-1",
    )
    again = await ask(
        session,
        town,
        house,
        period=(dt.date(2026, 12, 14), dt.date(2026, 12, 22)),
        weekdays=[1],
        idempotency_key="abc-1",
    )
    assert again.request.id == first.request.id
    assert again.lines == first.lines
    assert await session.scalar(select(func.count()).select_from(Request)) == 1
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
    neighbours = await make_household(session, town)
    with pytest.raises(DomainFailure) as raised:
        await ask(session, town, neighbours, idempotency_key="abc-1")
    assert codes(raised.value) == ["IDEMPOTENCY_KEY_REUSED"]


async def test_another_familys_child_is_not_found_like_a_missing_one(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    neighbours = await make_household(session, town)
    other_town = await make_booking_town(session)
    with pytest.raises(DomainFailure) as theirs:
        await ask(session, town, house, children=[neighbours.children[0].id])
    with pytest.raises(DomainFailure) as missing:
        await ask(session, town, house, children=[999_999])
    assert theirs.value.problems == missing.value.problems
    assert theirs.value.problems[0].field == ("children", "0")
    with pytest.raises(DomainFailure) as foreign_activity:
        await ask(session, town, house, activity_id=other_town.activity.id)
    assert codes(foreign_activity.value) == ["NOT_FOUND"]
    assert await session.scalar(select(func.count()).select_from(Request)) == 0


async def test_input_limits(session: AsyncSession) -> None:
    town = await make_booking_town(session, holidays=False)
    house = await make_household(session, town, children=3)
    with pytest.raises(DomainFailure) as too_many:
        await ask(session, town, house, period=(dt.date(2026, 9, 1), dt.date(2027, 7, 3)))
    assert codes(too_many.value) == ["TOO_MANY_LINES"]
    with pytest.raises(DomainFailure) as too_long:
        await ask(session, town, house, period=(dt.date(2026, 9, 1), dt.date(2027, 9, 2)))
    assert codes(too_long.value) == ["INVALID_PERIOD"]
    with pytest.raises(DomainFailure) as both:
        await ask(session, town, house, date=MONDAY, period=(MONDAY, MONDAY))
    assert codes(both.value) == ["INVALID_PERIOD"]
    with pytest.raises(DomainFailure) as reversed_period:
        await ask(session, town, house, period=(MONDAY, MONDAY - dt.timedelta(days=1)))
    assert codes(reversed_period.value) == ["INVALID_PERIOD"]
    with pytest.raises(DomainFailure) as comment:
        await ask(session, town, house, comment="x" * 2001)
    assert codes(comment.value) == ["TEXT_TOO_LONG"]


async def test_an_absence_lets_the_waiting_list_move_up(session: AsyncSession) -> None:
    town = await make_booking_town(
        session, auto_accept=True, auto_promote_waiting_list=True, capacity=1
    )
    first = await make_household(session, town)
    second = await make_household(session, town)
    await ask(session, town, first)
    waiting = await ask(session, town, second)
    assert [r.outcome for r in waiting.lines] == [LineOutcome.WAITING_LIST]
    await ask(session, town, first, ABSENCE)
    booking = await session.scalar(select(Booking).where(Booking.child_id == second.children[0].id))
    assert booking is not None and booking.status is BookingStatus.RESERVED


async def test_no_slot_in_the_period_records_nothing(session: AsyncSession) -> None:
    town = await make_booking_town(session, weekdays=(3,))
    house = await make_household(session, town)
    failure = await rejected(
        session, town, house, period=(dt.date(2026, 12, 7), dt.date(2026, 12, 8))
    )
    assert codes(failure) == ["CLOSED_DAY"] and failure.lines == []
