"""Reservation and absence requests in the domain: one test per rule code."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.codes import BookingRule, LineOutcome
from models.activity import DeadlineKind
from models.child import Grade
from tests import factories
from tests.domain.bookings.requests._helpers import (
    ABSENCE,
    MONDAY,
    PARIS,
    ask,
    book,
    codes,
    rejected,
)
from tests.factories.bookings import make_booking_town, make_household, make_registration


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
