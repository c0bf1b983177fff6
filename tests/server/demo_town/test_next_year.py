"""The demo town's next school year: its calendar, bookings and the staff inbox."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.french_calendar import public_holidays
from models import Activity, Booking, CalendarPeriod, Child, Registration, Request, SchoolYear
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from models.request import RequestStatus, RequestType
from seed.demo_town.next_year_data import ATELIER_VIDEO, NEXT_YEAR_START, NEXT_YEAR_TODAY
from tests.server.demo_town._helpers import _next_year_activity


async def test_next_school_year_calendar(demo: AsyncSession) -> None:
    year = (await demo.scalars(select(SchoolYear).where(SchoolYear.label == "2026-2027"))).one()
    assert (year.start_date, year.end_date) == (dt.date(2026, 9, 1), dt.date(2027, 7, 2))
    periods = list(
        await demo.scalars(select(CalendarPeriod).where(CalendarPeriod.school_year_id == year.id))
    )
    holidays = {
        p.label: (p.start_date, p.end_date)
        for p in periods
        if p.kind is CalendarPeriodKind.SCHOOL_HOLIDAY
    }
    assert holidays == {
        "Vacances de la Toussaint": (dt.date(2026, 10, 17), dt.date(2026, 11, 1)),
        "Vacances de Noël": (dt.date(2026, 12, 19), dt.date(2027, 1, 3)),
        # The official data (zone A), no longer dates typed from memory.
        "Vacances d'hiver": (dt.date(2027, 2, 13), dt.date(2027, 2, 28)),
        "Vacances de printemps": (dt.date(2027, 4, 10), dt.date(2027, 4, 25)),
        "Pont de l'Ascension": (dt.date(2027, 5, 6), dt.date(2027, 5, 8)),
        "Vacances d'été": (dt.date(2027, 7, 3), dt.date(2027, 8, 31)),
    }
    public = {p.start_date for p in periods if p.kind is CalendarPeriodKind.PUBLIC_HOLIDAY}
    assert all(p.official for p in periods)
    assert public == {
        day
        for y in (2026, 2027)
        for day in public_holidays(y)
        if dt.date(2026, 9, 1) <= day <= dt.date(2027, 8, 31)
    }
    activities = list(
        await demo.scalars(select(Activity).where(Activity.school_year_id == year.id))
    )
    assert len(activities) == 15
    assert all(a.code.endswith(" 26-27") or a.code == ATELIER_VIDEO for a in activities)


async def test_next_school_year_bookings_and_inbox(demo: AsyncSession) -> None:
    children = {c.first_name: c for c in await demo.scalars(select(Child))}
    registered = {
        (r.child_id, r.start_date)
        for r in await demo.scalars(
            select(Registration).where(Registration.status == RegistrationStatus.ACTIVE)
        )
    }
    for name in ("Elsa", "Simon", "Georgette", "Lenny", "Léo", "Léa"):
        assert (children[name].id, NEXT_YEAR_START) in registered, name
    bookings = list(await demo.scalars(select(Booking).where(Booking.date >= NEXT_YEAR_START)))
    past = [b for b in bookings if b.date < NEXT_YEAR_TODAY]
    ahead = [b for b in bookings if b.date >= NEXT_YEAR_TODAY]
    assert len(past) > 200 and len(ahead) > 40
    assert all(b.attendance is not None for b in past if b.status is BookingStatus.RESERVED)
    assert {b.attendance for b in past} >= {Attendance.PRESENT, Attendance.ABSENT}
    assert all(b.attendance is None for b in ahead)
    # The video workshop (2 places) is full on 2 and 9 December: Lenny waits.
    atelier = await _next_year_activity(demo, ATELIER_VIDEO)
    waiting = [b for b in ahead if b.status is BookingStatus.WAITING_LIST]
    assert {(b.child_id, b.activity_id) for b in waiting} == {(children["Lenny"].id, atelier.id)}
    # The staff inbox of today: open requests on dates of the current year.
    open_requests = list(
        await demo.scalars(
            select(Request).where(
                Request.status.in_([RequestStatus.PENDING, RequestStatus.TRANSMITTED]),
                Request.period_start >= NEXT_YEAR_TODAY,
            )
        )
    )
    assert len(open_requests) >= 4
    assert {r.type for r in open_requests} == {RequestType.RESERVATION, RequestType.ABSENCE}
