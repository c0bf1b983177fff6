"""Staff accepting reservation dates judge them again with the booking rules that may have
changed since the parent asked (``engine.RULES`` marked ``at_decision``): a date that
breaks one makes the whole acceptance fail with the rule's code, and nothing is booked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.codes import RequestAcceptErrorCode
from domain.bookings.decisions.decide import accept_request
from domain.bookings.engine import RULES
from domain.bookings.state import Action
from kernel.results import DomainFailure
from models import Activity, Booking, Registration, Request, RequestLine, Slot
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from models.request import RequestLineStatus, RequestStatus
from tests import factories
from tests.domain.bookings.decisions._helpers import (
    MONDAY,
    NEXT_MONDAY,
    World,
    _accept,
    _booking,
    _refuse,
    _request,
    _status,
)
from tests.factories import requests as fr

EARLIER_MONDAY = dt.date(2026, 1, 5)


async def _problems(
    world: World, request: Request, lines: list[int] | None = None
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(code, message, field) of each problem of a failed acceptance."""
    with pytest.raises(DomainFailure) as caught:
        await world.run(_accept(world, request, lines))
    return [(p.code, p.message, p.field) for p in caught.value.problems]


async def _nothing_decided(world: World, request: Request) -> None:
    assert (await world.get(Request, request.id)).status is RequestStatus.PENDING
    lines = await world.rows(select(RequestLine).where(RequestLine.request_id == request.id))
    assert {line.status for line in lines} == {RequestLineStatus.PENDING}
    assert all(line.booking_id is None for line in lines)


async def _set_activity(session: AsyncSession, world: World, **values: object) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    for name, value in values.items():
        setattr(activity, name, value)
    await session.commit()


async def _bookings(world: World) -> int:
    return int(await world.scalar(select(func.count()).select_from(Booking)) or 0)


def test_the_rules_judged_at_decision_are_request_accept_codes() -> None:
    judged = {r.code.value for r in RULES if r.at_decision and Action.RESERVE in r.actions}
    assert judged <= {c.value for c in RequestAcceptErrorCode}
    # Judged when the parent asked, or counted under the slot lock (waiting list).
    assert {r.code.value for r in RULES if not r.at_decision and Action.RESERVE in r.actions} == {
        "DEADLINE_PASSED",
        "SLOT_FULL",
    }


async def test_a_day_closed_since_the_request_cannot_be_accepted(
    world: World, session: AsyncSession
) -> None:
    child = world.children[0]
    request, (first, second) = await _request(world, child, [MONDAY, NEXT_MONDAY])
    await factories.make_calendar_period(
        session,
        world.tenant,
        kind=CalendarPeriodKind.STRIKE,
        label="Grève des agents",
        start_date=NEXT_MONDAY,
        end_date=NEXT_MONDAY,
    )
    await session.commit()

    problems = await _problems(world, request)

    assert [(code, field) for code, _, field in problems] == [("CLOSED_DAY", ("request",))]
    assert "19/01/2026" in problems[0][1] and "Grève des agents" in problems[0][1]
    await _nothing_decided(world, request)
    assert await _bookings(world) == 0
    # Chosen dates: the problem names the line; the open day alone can still be accepted.
    assert [(c, f) for c, _, f in await _problems(world, request, [first.id, second.id])] == [
        ("CLOSED_DAY", ("lines", "1"))
    ]
    await world.run(_accept(world, request, [first.id]))
    assert await _status(world, child, MONDAY) is BookingStatus.RESERVED
    await world.run(_refuse(world, request, [second.id], "Grève ce jour-là."))
    assert (await world.get(Request, request.id)).status is RequestStatus.PARTIALLY_ACCEPTED


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": RegistrationStatus.CANCELLED}, "NOT_REGISTERED"),
        ({"end_date": dt.date(2026, 1, 9)}, "OUTSIDE_REGISTRATION_PERIOD"),
    ],
)
async def test_a_registration_cancelled_or_ended_since_the_request_is_reported(
    world: World, session: AsyncSession, change: dict[str, object], code: str
) -> None:
    child = world.children[0]
    request, _ = await _request(world, child, [MONDAY])
    registration = await session.scalar(
        select(Registration).where(Registration.child_id == child.id)
    )
    assert registration is not None
    for name, value in change.items():
        setattr(registration, name, value)
    await session.commit()

    problems = await _problems(world, request)

    assert [c for c, _, _ in problems] == [code]
    await _nothing_decided(world, request)
    assert await _bookings(world) == 0


async def test_another_slot_of_the_group_accepted_first_takes_the_day(
    world: World, session: AsyncSession
) -> None:
    await _set_activity(session, world, exclusivity_group="matin")
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    early = await factories.make_slot(
        session, activity, start_time=dt.time(7, 0), end_time=dt.time(7, 30)
    )
    await session.commit()
    child = world.children[0]
    late_ask, _ = await _request(world, child, [MONDAY])

    async def early_request(session: AsyncSession) -> tuple[Request, list[RequestLine]]:
        slot = await session.get(Slot, early.id)
        assert slot is not None
        return await fr.make_booking_request(session, world.parent, child, slot, [MONDAY])

    early_ask, _ = await world.run(early_request)

    # Between two asks, the first accepted wins (a pending ask holds nothing for staff).
    await world.run(_accept(world, early_ask))
    problems = await _problems(world, late_ask)

    assert [c for c, _, _ in problems] == ["EXCLUSIVE_SLOT_TAKEN"]
    assert "1 SEUL CRÉNEAU" in problems[0][1]
    await _nothing_decided(world, late_ask)
    assert await _status(world, child, MONDAY) is None


async def test_a_date_reserved_another_way_is_already_reserved(world: World) -> None:
    child = world.children[0]
    request, _ = await _request(world, child, [MONDAY])
    await _booking(world, child, MONDAY)

    assert [c for c, _, _ in await _problems(world, request)] == ["ALREADY_RESERVED"]
    await _nothing_decided(world, request)


async def test_the_same_date_asked_by_another_request_is_pending(world: World) -> None:
    child = world.children[0]
    request, _ = await _request(world, child, [MONDAY])
    other, _ = await _request(world, child, [MONDAY])

    assert [c for c, _, _ in await _problems(world, request)] == ["PENDING_REQUEST"]
    await world.run(_refuse(world, other, message="En double."))
    await world.run(_accept(world, request))
    assert await _status(world, child, MONDAY) is BookingStatus.RESERVED


async def test_a_whole_request_in_a_group_with_a_monthly_limit_is_accepted(
    world: World, session: AsyncSession
) -> None:
    """No false positive from the request's own lines (pending, same group, same month),
    whether they are accepted together or one decision after the other."""
    await _set_activity(session, world, exclusivity_group="matin", max_days_per_month=2)
    first_child, second_child = world.children[0], world.children[1]
    together, _ = await _request(world, first_child, [MONDAY, NEXT_MONDAY])
    one_by_one, (first, second) = await _request(world, second_child, [MONDAY, NEXT_MONDAY])

    await world.run(_accept(world, together))
    await world.run(_accept(world, one_by_one, [second.id]))
    await world.run(_accept(world, one_by_one, [first.id]))

    for child in (first_child, second_child):
        for day in (MONDAY, NEXT_MONDAY):
            assert await _status(world, child, day) is BookingStatus.RESERVED
    for request in (together, one_by_one):
        assert (await world.get(Request, request.id)).status is RequestStatus.ACCEPTED


async def test_the_monthly_limit_counts_the_dates_accepted_in_the_same_decision(
    world: World, session: AsyncSession
) -> None:
    await _set_activity(session, world, max_days_per_month=2)
    child = world.children[0]
    await _booking(world, child, EARLIER_MONDAY)  # accepted since the request was made
    request, (first, second) = await _request(world, child, [MONDAY, NEXT_MONDAY])

    problems = await _problems(world, request)

    # The first date fits (2 days with the booking), the second is the month's third.
    assert [(c, f) for c, _, f in problems] == [("MONTHLY_LIMIT_REACHED", ("request",))]
    assert "Au plus 2 jours par mois" in problems[0][1]
    assert "en a déjà 2 en janvier 2026" in problems[0][1]
    await _nothing_decided(world, request)
    assert await _bookings(world) == 1
    # Staff accept one date and refuse the other.
    await world.run(_accept(world, request, [first.id]))
    assert [c for c, _, _ in await _problems(world, request, [second.id])] == [
        "MONTHLY_LIMIT_REACHED"
    ]
    await world.run(_refuse(world, request, [second.id], "Limite mensuelle atteinte."))
    assert (await world.get(Request, request.id)).status is RequestStatus.PARTIALLY_ACCEPTED


async def test_the_booking_deadline_is_not_judged_again(world: World) -> None:
    """Staff decide after the date itself: the booking deadline was judged when asked."""
    child = world.children[0]
    request, _ = await _request(world, child, [MONDAY])

    await world.run(
        lambda session: accept_request(
            session,
            tenant_id=world.tenant.id,
            request_id=request.id,
            line_ids=None,
            account_id=world.staff.id,
            message=None,
            now=dt.datetime(2026, 1, 13, 9, 0, tzinfo=dt.UTC),
        )
    )

    assert await _status(world, child, MONDAY) is BookingStatus.RESERVED
