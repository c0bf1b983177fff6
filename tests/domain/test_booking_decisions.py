"""Staff's side of reservations and absences in the domain: decisions on whole requests or
chosen dates, places taken and freed, billed absences, the waiting list (automatic and
manual, first come first served), attendance marking, and read receipts of messages.

Each action runs in its own transaction, as the resolvers run it, so a refused action is
checked to leave nothing behind.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.bookings.decisions import inbox
from domain.bookings.decisions.attendance import Mark, mark_attendance
from domain.bookings.decisions.decide import accept_request, refuse_request
from domain.bookings.decisions.waiting_list import promote_booking
from kernel.results import DomainFailure
from models import (
    Account,
    Activity,
    Booking,
    Child,
    Message,
    MessageReceipt,
    OutboxMail,
    Request,
    RequestHistory,
    RequestLine,
    Slot,
    Tenant,
)
from models.activity import DeadlineKind
from models.booking import Attendance, BookingStatus
from models.engine import create_session_factory
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.factories.towns import make_staff_town

T = TypeVar("T")
MONDAY = dt.date(2026, 1, 12)
NEXT_MONDAY = dt.date(2026, 1, 19)
# Cancellation deadline of MONDAY's 07:30 slot: J-2 at 12:00, Saturday 10 January, Paris.
IN_TIME = dt.datetime(2026, 1, 8, 9, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 1, 11, 9, 0, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 1, 11, 18, 0, tzinfo=dt.UTC)


@dataclass
class World:
    sessions: async_sessionmaker[AsyncSession]
    tenant: Tenant
    activity: Activity
    slot: Slot
    parent: Account
    staff: Account
    children: list[Child]
    other_parent: Account
    other_children: list[Child]

    async def run(self, action: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """One transaction, committed if ``action`` succeeds, rolled back if it raises."""
        async with self.sessions() as session, session.begin():
            return await action(session)

    async def fails(self, action: Callable[[AsyncSession], Awaitable[Any]]) -> list[str]:
        """The codes of the failure ``action`` raises (its transaction rolled back)."""
        with pytest.raises(DomainFailure) as caught:
            await self.run(action)
        return [p.code for p in caught.value.problems]

    async def get(self, model: type[T], pk: int) -> T:
        """A fresh copy of a row."""
        async with self.sessions() as session:
            row = await session.get(model, pk)
            assert row is not None
            return row

    async def scalar(self, stmt: Any) -> Any:
        """One value read in a fresh session."""
        async with self.sessions() as session:
            return await session.scalar(stmt)

    async def rows(self, stmt: Any) -> list[Any]:
        """Rows read in a fresh session."""
        async with self.sessions() as session:
            return list(await session.scalars(stmt))


@pytest.fixture
async def world(session: AsyncSession, engine: AsyncEngine) -> World:
    town = await make_staff_town(
        session,
        children=3,
        other_children=2,
        capacity=2,
        waiting_list_enabled=True,
        cancellation_deadline_kind=DeadlineKind.CALENDAR_DAYS_BEFORE,
        cancellation_deadline_offset=2,
        cancellation_deadline_time=dt.time(12, 0),
    )
    for child in [*town.children, *town.other_children]:
        await factories.make_registration(session, child, town.activity)
    await session.commit()
    return World(
        create_session_factory(engine),
        town.tenant,
        town.activity,
        town.slot,
        town.parent_account,
        town.staff_account,
        town.children,
        town.other_account,
        town.other_children,
    )


async def _request(
    world: World,
    child: Child,
    days: list[dt.date],
    *,
    type: RequestType = RequestType.RESERVATION,
    created_at: dt.datetime = IN_TIME,
    account: Account | None = None,
) -> tuple[Request, list[RequestLine]]:
    async def make(session: AsyncSession) -> tuple[Request, list[RequestLine]]:
        return await fr.make_booking_request(
            session,
            account or world.parent,
            child,
            world.slot,
            days,
            type=type,
            created_at=created_at,
        )

    return await world.run(make)


async def _booking(world: World, child: Child, day: dt.date = MONDAY, **kwargs: Any) -> Booking:
    async def make(session: AsyncSession) -> Booking:
        return await fr.make_booking(session, child, world.slot, day, **kwargs)

    return await world.run(make)


def _accept(
    world: World, request: Request, lines: list[int] | None = None, message: str | None = None
) -> Callable[[AsyncSession], Awaitable[Any]]:
    return lambda session: accept_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        line_ids=lines,
        account_id=world.staff.id,
        message=message,
        now=NOW,
    )


def _refuse(
    world: World, request: Request, lines: list[int] | None = None, message: str | None = "Complet"
) -> Callable[[AsyncSession], Awaitable[Any]]:
    return lambda session: refuse_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        line_ids=lines,
        account_id=world.staff.id,
        message=message,
        now=NOW,
    )


def _promote(world: World, booking: Booking) -> Callable[[AsyncSession], Awaitable[Booking]]:
    return lambda session: promote_booking(
        session,
        tenant_id=world.tenant.id,
        booking_id=booking.id,
        account_id=world.staff.id,
        now=NOW,
    )


async def _history(world: World, request: Request) -> list[tuple[HistoryStep, RequestStatus]]:
    rows = await world.rows(
        select(RequestHistory)
        .where(RequestHistory.request_id == request.id)
        .order_by(RequestHistory.id)
    )
    return [(r.step, r.status) for r in rows]


async def _mails(world: World) -> list[OutboxMail]:
    return await world.rows(
        select(OutboxMail)
        .where(OutboxMail.template == "booking_request_decided")
        .order_by(OutboxMail.id)
    )


async def _status(world: World, child: Child, day: dt.date = MONDAY) -> BookingStatus | None:
    return await world.scalar(
        select(Booking.status).where(
            Booking.child_id == child.id, Booking.slot_id == world.slot.id, Booking.date == day
        )
    )


# --- decisions ---------------------------------------------------------------------------


async def test_accepting_a_whole_reservation_request_reserves_every_date(world: World) -> None:
    child = world.children[0]
    request, lines = await _request(world, child, [MONDAY, NEXT_MONDAY])

    decision = await world.run(_accept(world, request, message="Bonne rentrée !"))

    assert {line.id for line in decision.lines} == {line.id for line in lines}
    assert await _status(world, child, MONDAY) is BookingStatus.RESERVED
    assert await _status(world, child, NEXT_MONDAY) is BookingStatus.RESERVED
    stored = await world.get(Request, request.id)
    assert stored.status is RequestStatus.ACCEPTED
    assert stored.decided_by_account_id == world.staff.id
    for line in lines:
        row = await world.get(RequestLine, line.id)
        assert row.status is RequestLineStatus.ACCEPTED
        assert row.booking_id is not None and row.decided_at is not None
    assert await _history(world, request) == [(HistoryStep.DECIDED, RequestStatus.ACCEPTED)]
    messages = await world.rows(select(Message).where(Message.request_id == request.id))
    assert [(m.body, m.from_staff) for m in messages] == [("Bonne rentrée !", True)]
    (mail,) = await _mails(world)
    assert mail.to_address == world.parent.email
    assert "Accusé de traitement" in mail.subject
    assert "12/01/2026" in mail.text_body and "19/01/2026" in mail.text_body
    assert "Acceptée" in mail.text_body and "Bonne rentrée !" in mail.text_body


async def test_chosen_dates_then_the_rest_give_a_partial_acceptance(world: World) -> None:
    child = world.children[0]
    request, (first, second) = await _request(world, child, [MONDAY, NEXT_MONDAY])

    await world.run(_accept(world, request, [first.id]))
    assert (await world.get(Request, request.id)).status is RequestStatus.PENDING
    assert (await world.get(RequestLine, second.id)).status is RequestLineStatus.PENDING

    decision = await world.run(_refuse(world, request, [second.id], "Pas de place ce jour-là."))

    assert [line.id for line in decision.lines] == [second.id]
    assert (await world.get(Request, request.id)).status is RequestStatus.PARTIALLY_ACCEPTED
    refused = await world.get(RequestLine, second.id)
    assert refused.status is RequestLineStatus.REFUSED
    assert refused.refusal_code == "STAFF_DECISION"
    assert refused.message == "Pas de place ce jour-là."
    assert await _status(world, child, NEXT_MONDAY) is None
    assert await _history(world, request) == [
        (HistoryStep.LINE_DECIDED, RequestStatus.PENDING),
        (HistoryStep.LINE_DECIDED, RequestStatus.PARTIALLY_ACCEPTED),
        (HistoryStep.DECIDED, RequestStatus.PARTIALLY_ACCEPTED),
    ]
    mails = await _mails(world)
    assert len(mails) == 2
    assert "Refusée" in mails[1].text_body and "Pas de place ce jour-là." in mails[1].text_body


async def test_refusing_needs_a_reason_and_leaves_bookings_alone(world: World) -> None:
    child = world.children[0]
    await _booking(world, child)
    request, _ = await _request(world, child, [MONDAY], type=RequestType.ABSENCE)

    assert await world.fails(_refuse(world, request, message="  ")) == ["MESSAGE_REQUIRED"]
    await world.run(_refuse(world, request, message="Absence non justifiée."))

    assert (await world.get(Request, request.id)).status is RequestStatus.REFUSED
    assert await _status(world, child) is BookingStatus.RESERVED


async def test_decided_dates_and_requests_cannot_be_decided_again(world: World) -> None:
    request, (first, second) = await _request(world, world.children[0], [MONDAY, NEXT_MONDAY])
    await world.run(_accept(world, request, [first.id]))

    assert await world.fails(_accept(world, request, [first.id])) == ["INVALID_STATE"]
    assert await world.fails(_refuse(world, request, [second.id, second.id])) == ["DUPLICATE"]
    await world.run(_accept(world, request))
    assert await world.fails(_accept(world, request)) == ["INVALID_STATE"]
    assert await world.fails(_refuse(world, request)) == ["INVALID_STATE"]
    assert len(await _mails(world)) == 2


async def test_unknown_foreign_and_non_booking_requests_are_refused(
    world: World, session: AsyncSession
) -> None:
    request, _ = await _request(world, world.children[0], [MONDAY])
    other_request, other_lines = await _request(world, world.other_children[0], [MONDAY])
    foreign_tenant = await factories.make_tenant(session)
    change = Request(
        tenant_id=world.tenant.id,
        family_id=world.children[0].family_id,
        reference=99_999_999,
        type=RequestType.GUARDIAN_CHANGE,
    )
    session.add(change)
    await session.commit()

    async def as_foreign_staff(session: AsyncSession) -> Any:
        return await accept_request(
            session,
            tenant_id=foreign_tenant.id,
            request_id=request.id,
            line_ids=None,
            account_id=world.staff.id,
            message=None,
            now=NOW,
        )

    assert await world.fails(as_foreign_staff) == ["NOT_FOUND"]
    assert await world.fails(_accept(world, change)) == ["WRONG_TYPE"]
    # A line of another request is not one of this request's dates.
    assert await world.fails(_accept(world, request, [other_lines[0].id])) == ["NOT_FOUND"]
    assert (await world.get(Request, other_request.id)).status is RequestStatus.PENDING
    assert await world.fails(_accept(world, request, message="x" * 2001)) == ["TOO_LONG"]


# --- capacity and waiting list -------------------------------------------------------------


async def test_a_full_slot_puts_the_date_on_the_waiting_list(world: World) -> None:
    first, second, third = world.children
    await _booking(world, first)
    await _booking(world, second)
    request, (line,) = await _request(world, third, [MONDAY])

    await world.run(_accept(world, request))

    assert await _status(world, third) is BookingStatus.WAITING_LIST
    row = await world.get(RequestLine, line.id)
    assert row.status is RequestLineStatus.WAITING_LIST
    assert (await world.get(Request, request.id)).status is RequestStatus.ACCEPTED
    assert "En liste d'attente" in (await _mails(world))[0].text_body


async def test_a_full_slot_without_waiting_list_refuses_the_whole_decision(
    world: World, session: AsyncSession
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.waiting_list_enabled = False
    await session.commit()
    first, second, third = world.children
    await _booking(world, first)
    await _booking(world, second, NEXT_MONDAY)
    request, lines = await _request(world, third, [MONDAY, NEXT_MONDAY])
    await _booking(world, world.other_children[0])

    assert await world.fails(_accept(world, request)) == ["SLOT_FULL"]

    assert await _status(world, third, NEXT_MONDAY) is None  # the free date was not kept
    assert (await world.get(RequestLine, lines[1].id)).status is RequestLineStatus.PENDING
    assert await _mails(world) == []


async def _full_slot_with_queue(world: World) -> tuple[Request, Booking, Booking]:
    """Children 0 and 1 hold both places; the other family's two children wait, the
    second one since earlier (so first in line); child 0 asks to be absent."""
    first, second, _ = world.children
    await _booking(world, first)
    await _booking(world, second)
    late_waiter = await _booking(
        world,
        world.other_children[0],
        status=BookingStatus.WAITING_LIST,
        waiting_since=dt.datetime(2026, 1, 3, 10, 0, tzinfo=dt.UTC),
    )
    early_waiter = await _booking(
        world,
        world.other_children[1],
        status=BookingStatus.WAITING_LIST,
        waiting_since=dt.datetime(2026, 1, 2, 10, 0, tzinfo=dt.UTC),
    )
    request, _ = await _request(world, first, [MONDAY], type=RequestType.ABSENCE)
    return request, early_waiter, late_waiter


async def test_an_accepted_absence_promotes_the_first_waiting_child_automatically(
    world: World, session: AsyncSession
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.auto_promote_waiting_list = True
    await session.commit()
    absence, early, late = await _full_slot_with_queue(world)
    waiting_request, (waiting_line,) = await _request(
        world, world.other_children[1], [MONDAY], account=world.other_parent
    )

    async def on_waiting_list(session: AsyncSession) -> None:
        line = await session.get(RequestLine, waiting_line.id)
        request = await session.get(Request, waiting_request.id)
        assert line is not None and request is not None
        line.status = RequestLineStatus.WAITING_LIST
        line.booking_id = early.id
        request.status = RequestStatus.ACCEPTED

    await world.run(on_waiting_list)

    await world.run(_accept(world, absence))

    assert await _status(world, world.children[0]) is BookingStatus.ABSENT
    assert (await world.get(Booking, early.id)).status is BookingStatus.RESERVED
    assert (await world.get(Booking, late.id)).status is BookingStatus.WAITING_LIST
    promoted_line = await world.get(RequestLine, waiting_line.id)
    assert promoted_line.status is RequestLineStatus.ACCEPTED
    assert await _history(world, waiting_request) == [
        (HistoryStep.PROMOTED, RequestStatus.ACCEPTED)
    ]
    recipients = [mail.to_address for mail in await _mails(world)]
    assert recipients == [world.parent.email, world.other_parent.email]


async def test_without_auto_promotion_staff_promote_first_come_first_served(
    world: World,
) -> None:
    absence, early, late = await _full_slot_with_queue(world)

    await world.run(_accept(world, absence))
    assert (await world.get(Booking, early.id)).status is BookingStatus.WAITING_LIST

    assert await world.fails(_promote(world, late)) == ["NOT_FIRST_IN_LINE"]
    promoted = await world.run(_promote(world, early))
    assert promoted.status is BookingStatus.RESERVED
    assert (await world.get(Booking, early.id)).waiting_since is None
    assert await world.fails(_promote(world, late)) == ["SLOT_FULL"]
    assert await world.fails(_promote(world, early)) == ["INVALID_STATE"]
    reserved = await world.scalar(
        select(func.count()).where(
            Booking.slot_id == world.slot.id,
            Booking.date == MONDAY,
            Booking.status == BookingStatus.RESERVED,
        )
    )
    assert reserved == 2


async def test_concurrent_promotions_never_overfill_the_slot(world: World) -> None:
    absence, early, late = await _full_slot_with_queue(world)
    await world.run(_accept(world, absence))

    results = await asyncio.gather(
        *(world.run(_promote(world, waiting)) for waiting in (early, early, late, early)),
        return_exceptions=True,
    )

    promoted = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, DomainFailure)]
    assert len(promoted) == 1 and len(refused) == 3, results
    assert promoted[0].id == early.id
    reserved = await world.scalar(
        select(func.count()).where(
            Booking.slot_id == world.slot.id,
            Booking.date == MONDAY,
            Booking.status == BookingStatus.RESERVED,
        )
    )
    assert reserved == 2


# --- absences: free or billed --------------------------------------------------------------


@pytest.mark.parametrize(
    ("created_at", "billed", "justified", "expected"),
    [
        (IN_TIME, True, False, BookingStatus.ABSENT),
        (LATE, True, False, BookingStatus.ABSENT_BILLED),
        (LATE, True, True, BookingStatus.ABSENT),
        (LATE, False, False, BookingStatus.ABSENT),
    ],
)
async def test_an_absence_is_billed_only_when_declared_after_the_deadline(
    world: World,
    session: AsyncSession,
    created_at: dt.datetime,
    billed: bool,
    justified: bool,
    expected: BookingStatus,
) -> None:
    activity = await session.get(Activity, world.activity.id)
    assert activity is not None
    activity.late_absence_billed = billed
    await session.commit()
    child = world.children[0]
    await _booking(world, child, absence_justified=justified)
    request, (line,) = await _request(
        world, child, [MONDAY], type=RequestType.ABSENCE, created_at=created_at
    )

    await world.run(_accept(world, request))  # staff decide after the deadline in all cases

    assert await _status(world, child) is expected
    row = await world.get(RequestLine, line.id)
    assert row.status is RequestLineStatus.ACCEPTED and row.action is RequestLineAction.ABSENCE
    (mail,) = await _mails(world)
    assert ("(absence facturée)" in mail.text_body) is (expected is BookingStatus.ABSENT_BILLED)


async def test_an_absence_without_a_reservation_left_is_refused(world: World) -> None:
    child = world.children[0]
    await _booking(world, child, status=BookingStatus.CANCELLED)
    request, _ = await _request(world, child, [MONDAY], type=RequestType.ABSENCE)

    assert await world.fails(_accept(world, request)) == ["NOT_RESERVED"]


# --- attendance ------------------------------------------------------------------------------


def _mark(
    world: World, marks: list[Mark], day: dt.date = MONDAY, now: dt.datetime | None = None
) -> Callable[[AsyncSession], Awaitable[list[Booking]]]:
    return lambda session: mark_attendance(
        session,
        tenant_id=world.tenant.id,
        slot_id=world.slot.id,
        day=day,
        marks=marks,
        now=now or dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC),
    )


async def test_attendance_marks_present_absent_and_present_without_booking(
    world: World,
) -> None:
    present, absent, unbooked = world.children
    await _booking(world, present)
    await _booking(world, absent)

    changed = await world.run(
        _mark(
            world,
            [
                Mark(present.id, True),
                Mark(absent.id, False),
                Mark(unbooked.id, True),
                Mark(world.other_children[0].id, False),  # no booking, absent: nothing
            ],
        )
    )

    assert [b.child_id for b in changed] == [present.id, absent.id, unbooked.id]
    rows = {
        b.child_id: (b.status, b.attendance)
        for b in await world.rows(select(Booking).where(Booking.date == MONDAY))
    }
    assert rows == {
        present.id: (BookingStatus.RESERVED, Attendance.PRESENT),
        absent.id: (BookingStatus.RESERVED, Attendance.ABSENT),
        unbooked.id: (BookingStatus.UNBOOKED, Attendance.PRESENT),
    }
    # A correction: the unbooked child was not there after all.
    await world.run(_mark(world, [Mark(unbooked.id, False)]))
    assert await _status(world, unbooked) is BookingStatus.CANCELLED


async def test_attendance_input_is_checked(world: World, session: AsyncSession) -> None:
    child = world.children[0]
    foreign = await factories.make_tenant(session)
    _, _, (foreign_child,) = await ff.make_family_with_members(session, foreign)
    await session.commit()

    assert await world.fails(_mark(world, [Mark(child.id, True)] * 2)) == ["DUPLICATE"]
    assert await world.fails(_mark(world, [Mark(foreign_child.id, True)])) == ["NOT_FOUND"]
    assert await world.fails(_mark(world, [Mark(child.id, True)], day=MONDAY.replace(day=13))) == [
        "NOT_RUNNING"
    ]
    too_early = dt.datetime(2026, 1, 11, 22, 0, tzinfo=dt.UTC)  # 23:00 Sunday in Paris
    assert await world.fails(_mark(world, [Mark(child.id, True)], now=too_early)) == ["FUTURE_DATE"]
    many = [Mark(i, True) for i in range(201)]
    assert await world.fails(_mark(world, many)) == ["TOO_MANY"]
    assert await _status(world, child) is None


# --- messages --------------------------------------------------------------------------------


async def test_read_receipts_count_only_the_other_sides_messages(world: World) -> None:
    request, _ = await _request(world, world.children[0], [MONDAY])
    other_request, _ = await _request(world, world.other_children[0], [MONDAY])

    async def messages(session: AsyncSession) -> None:
        await fr.make_message(session, await session.get(Request, request.id))
        await fr.make_message(session, await session.get(Request, request.id))
        await fr.make_message(session, await session.get(Request, request.id), from_staff=False)
        await fr.make_message(session, await session.get(Request, other_request.id))

    await world.run(messages)

    def mark(ids: list[int | None]) -> Callable[[AsyncSession], Awaitable[int]]:
        return lambda session: inbox.mark_read(
            session,
            tenant_id=world.tenant.id,
            account_id=world.parent.id,
            staff=False,
            own_family_id=world.children[0].family_id,
            request_ids=ids,
            now=NOW,
        )

    assert await world.fails(mark([request.id, other_request.id])) == ["NOT_FOUND"]
    assert await world.run(mark([request.id])) == 2
    assert await world.run(mark([request.id])) == 0
    receipts = await world.scalar(select(func.count()).select_from(MessageReceipt))
    assert receipts == 2

    async def all_read(session: AsyncSession) -> int:
        return await inbox.mark_all_read(
            session,
            tenant_id=world.tenant.id,
            account_id=world.other_parent.id,
            staff=False,
            own_family_id=world.other_children[0].family_id,
            family_id=None,
            child_id=None,
            now=NOW,
        )

    assert await world.run(all_read) == 1
