"""Reservation and absence requests in the domain: one test per rule code, the outcomes
of auto-acceptance, absences free or billed, idempotency, cancellation — with an explicit
``now`` so that deadlines are meaningful."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.cancel import cancel_booking_request
from domain.bookings.codes import BookingRule, LineOutcome
from domain.bookings.reports import BookingRequestResult, NothingRecorded
from domain.bookings.requests import BookingAsk, create_booking_request
from kernel.results import DomainFailure
from models import Booking, OutboxMail, Request, RequestHistory, RequestLine
from models.activity import DeadlineKind
from models.booking import BookingStatus
from models.child import Grade
from models.request import HistoryStep, RequestLineStatus, RequestStatus, RequestType
from tests import factories
from tests.factories.bookings import (
    BookingTown,
    Household,
    make_booking_town,
    make_household,
    make_registration,
)

PARIS = dt.timezone(dt.timedelta(hours=1))  # winter time, for readable instants
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=PARIS)  # a Friday
MONDAY = dt.date(2026, 12, 7)
RESERVATION = RequestType.RESERVATION
ABSENCE = RequestType.ABSENCE


async def ask(
    session: AsyncSession,
    town: BookingTown,
    house: Household,
    request_type: RequestType = RESERVATION,
    *,
    children: Sequence[int | None] | None = None,
    now: dt.datetime = NOW,
    **values: Any,
) -> BookingRequestResult:
    """Make a request as the household's parent (one day on MONDAY unless told)."""
    if "date" not in values and "period" not in values:
        values["date"] = MONDAY
    return await create_booking_request(
        session,
        tenant_id=town.tenant.id,
        account_id=house.account.id,
        family_id=house.family.id,
        ask=BookingAsk(
            request_type=request_type,
            child_ids=children if children is not None else [c.id for c in house.children],
            activity_id=values.pop("activity_id", town.activity.id),
            **values,
        ),
        portal_url="https://portail.example/ville",
        now=now,
    )


async def rejected(
    session: AsyncSession,
    town: BookingTown,
    house: Household,
    request_type: RequestType = RESERVATION,
    **values: Any,
) -> NothingRecorded:
    """Make a request that must record nothing; nothing is stored."""
    with pytest.raises(NothingRecorded) as raised:
        await ask(session, town, house, request_type, **values)
    return raised.value


def codes(failure: DomainFailure) -> list[str]:
    return [p.code for p in failure.problems]


async def book(session: AsyncSession, town: BookingTown, child_id: int, day: dt.date, **kw: Any):
    booking = Booking(
        tenant_id=town.tenant.id,
        child_id=child_id,
        slot_id=kw.pop("slot_id", town.slots[day.isoweekday()].id),
        activity_id=kw.pop("activity_id", town.activity.id),
        date=day,
        status=kw.pop("status", BookingStatus.RESERVED),
        **kw,
    )
    session.add(booking)
    await session.flush()
    return booking


# --------------------------------------------------------------------------- rule codes


async def test_not_registered(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town, registered=False)
    failure = await rejected(session, town, house)
    assert codes(failure) == ["NOT_REGISTERED"]
    assert "n'est pas inscrit(e)" in failure.problems[0].message
    assert failure.lines[0].rule is BookingRule.NOT_REGISTERED


async def test_outside_registration_period(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town, registered=False)
    await make_registration(
        session,
        house.children[0],
        town.activity,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2026, 11, 30),
    )
    failure = await rejected(session, town, house)
    assert codes(failure) == ["OUTSIDE_REGISTRATION_PERIOD"]
    assert "du 01/09/2026 au 30/11/2026" in failure.problems[0].message


async def test_closed_day(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    failure = await rejected(session, town, house, date=dt.date(2026, 12, 21))
    assert codes(failure) == ["CLOSED_DAY"]
    assert "Vacances de Noël" in failure.problems[0].message
    # A Wednesday asked explicitly: the activity has no slot then.
    wednesday = await rejected(session, town, house, date=dt.date(2026, 12, 9))
    assert codes(wednesday) == ["CLOSED_DAY"]
    assert wednesday.lines[0].slot_id is None
    assert "pas de créneau le mercredi 09/12/2026" in wednesday.problems[0].message


async def test_deadline_passed_with_the_deadline_in_the_message(session: AsyncSession) -> None:
    town = await make_booking_town(
        session,
        booking_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        booking_deadline_offset=2,
        booking_deadline_time=dt.time(12, 0),
    )
    house = await make_household(session, town)
    late = dt.datetime(2026, 12, 5, 12, 0, tzinfo=PARIS)  # the deadline instant is late
    failure = await rejected(session, town, house, now=late)
    assert codes(failure) == ["DEADLINE_PASSED"]
    assert "avant le 05/12/2026 à 12:00" in failure.problems[0].message
    in_time = await ask(session, town, house, now=late - dt.timedelta(minutes=1))
    assert [line.outcome for line in in_time.lines] == [LineOutcome.CREATED]


async def test_not_eligible(session: AsyncSession) -> None:
    town = await make_booking_town(session, min_grade=Grade.CP)
    house = await make_household(session, town, grade=Grade.MS)
    failure = await rejected(session, town, house)
    assert codes(failure) == ["NOT_ELIGIBLE"]
    assert "À partir du CP" in failure.problems[0].message
    town.activity.min_grade = None
    town.activity.born_on_or_after = dt.date(2020, 1, 1)  # the child was born in 2019
    assert codes(await rejected(session, town, house)) == ["NOT_ELIGIBLE"]


async def test_exclusive_slot_taken(session: AsyncSession) -> None:
    town = await make_booking_town(session, exclusivity_group="soir")
    other = await factories.make_activity(
        session, town.school, town.year, exclusivity_group="soir", name="Etude Surveillée"
    )
    other_slot = await factories.make_slot(
        session, other, weekday=1, valid_from=dt.date(2026, 9, 1)
    )
    house = await make_household(session, town)
    await book(
        session, town, house.children[0].id, MONDAY, slot_id=other_slot.id, activity_id=other.id
    )
    failure = await rejected(session, town, house)
    assert codes(failure) == ["EXCLUSIVE_SLOT_TAKEN"]
    assert "ATTENTION DE BIEN CHOISIR 1 SEUL CRÉNEAU" in failure.problems[0].message


async def test_exclusive_slots_within_one_request(session: AsyncSession) -> None:
    town = await make_booking_town(session, exclusivity_group="soir")
    late_slot = await factories.make_slot(
        session,
        town.activity,
        weekday=1,
        start_time=dt.time(16, 15),
        end_time=dt.time(18, 30),
        valid_from=dt.date(2026, 9, 1),
    )
    house = await make_household(session, town)
    result = await ask(session, town, house)
    assert [(r.slot_id, r.outcome, r.rule) for r in result.lines] == [
        (town.slots[1].id, LineOutcome.CREATED, None),
        (late_slot.id, LineOutcome.REJECTED, BookingRule.EXCLUSIVE_SLOT_TAKEN),
    ]


async def test_already_reserved(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    await book(session, town, house.children[0].id, MONDAY)
    failure = await rejected(session, town, house)
    assert codes(failure) == ["ALREADY_RESERVED"]
    assert "déjà réservé" in failure.problems[0].message


async def test_pending_request(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    await ask(session, town, house)
    assert codes(await rejected(session, town, house)) == ["PENDING_REQUEST"]


async def test_slot_full_without_waiting_list(session: AsyncSession) -> None:
    town = await make_booking_town(session, capacity=1, waiting_list_enabled=False)
    house = await make_household(session, town)
    neighbours = await make_household(session, town)
    await book(session, town, neighbours.children[0].id, MONDAY)
    # Pending (staff decide later): refused at once all the same, since no list is kept.
    assert codes(await rejected(session, town, house)) == ["SLOT_FULL"]
    town.activity.auto_accept = True  # auto-accepted: take_place says so
    assert codes(await rejected(session, town, house)) == ["SLOT_FULL"]


async def test_not_reserved(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    failure = await rejected(session, town, house, ABSENCE)
    assert codes(failure) == ["NOT_RESERVED"]
    assert "Aucune réservation à annuler le 07/12/2026" in failure.problems[0].message


# --------------------------------------------------------------------------- requests


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
    mail = (await session.scalars(select(OutboxMail))).one()
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
    assert await session.scalar(select(func.count()).select_from(OutboxMail)) == 1
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


async def test_cancel_a_pending_request(session: AsyncSession) -> None:
    town = await make_booking_town(session)
    house = await make_household(session, town)
    result = await ask(session, town, house)
    cancelled = await cancel_booking_request(
        session,
        tenant_id=town.tenant.id,
        request_id=result.request.id,
        account_id=house.account.id,
        family_id=house.family.id,
        now=NOW,
    )
    assert cancelled.status is RequestStatus.CANCELLED
    line = (await session.scalars(select(RequestLine))).one()
    assert line.status is RequestLineStatus.CANCELLED
    steps = (await session.scalars(select(RequestHistory.step).order_by(RequestHistory.id))).all()
    assert steps == [HistoryStep.CREATED, HistoryStep.CANCELLED]
    # Cancelled: the date may be asked again.
    assert [r.outcome for r in (await ask(session, town, house)).lines] == [LineOutcome.CREATED]
    with pytest.raises(DomainFailure) as again:
        await cancel_booking_request(
            session,
            tenant_id=town.tenant.id,
            request_id=result.request.id,
            account_id=house.account.id,
            family_id=house.family.id,
            now=NOW,
        )
    assert codes(again.value) == ["NOT_CANCELLABLE"]


async def test_cancel_gives_up_waiting_places_but_not_accepted_dates(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, auto_accept=True, capacity=1)
    first = await make_household(session, town)
    second = await make_household(session, town)
    reserved = await ask(session, town, first)
    waiting = await ask(session, town, second)
    assert [r.outcome for r in waiting.lines] == [LineOutcome.WAITING_LIST]

    async def cancel(house: Household, request: Request) -> Request:
        return await cancel_booking_request(
            session,
            tenant_id=town.tenant.id,
            request_id=request.id,
            account_id=house.account.id,
            family_id=house.family.id,
            now=NOW,
        )

    with pytest.raises(DomainFailure) as accepted:
        await cancel(first, reserved.request)
    assert codes(accepted.value) == ["NOT_CANCELLABLE"]
    with pytest.raises(DomainFailure) as not_theirs:
        await cancel(second, reserved.request)
    assert codes(not_theirs.value) == ["NOT_FOUND"]
    await cancel(second, waiting.request)
    booking = await session.scalar(select(Booking).where(Booking.child_id == second.children[0].id))
    assert booking is not None and booking.status is BookingStatus.CANCELLED


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
