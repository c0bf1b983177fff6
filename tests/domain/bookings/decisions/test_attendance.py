"""Attendance marking by staff in the domain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.decisions.attendance import Mark, mark_attendance
from models import Booking
from models.booking import Attendance, BookingStatus
from tests import factories
from tests.domain.bookings.decisions._helpers import MONDAY, World, _booking, _status
from tests.factories import family as ff


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
