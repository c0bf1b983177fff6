"""The facts of the Saint-Ismier guide the demo town must show: slot times and evening
rules, the calendar, Lenny's Monday 5 January, requests, invoices and planning statuses.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar.french_calendar import public_holidays
from domain.calendar.opening_days import opening_days
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    Establishment,
    Invoice,
    Message,
    MessageReceipt,
    Payment,
    Registration,
    Request,
    RequestLine,
    SchoolYear,
    Slot,
)
from models.activity import ActivityCategory
from models.billing import InvoiceStatus
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.registration import RegistrationStatus
from models.request import RequestStatus, RequestType
from tests.server.demo_town._helpers import _check_invoices, _closed_periods

GUIDE_MONDAY = dt.date(2026, 1, 5)
EVENING_ACTIVITIES = (
    "Etude Surveillée",
    "Etude Surveillée et Garderie Ludique 2 16h15-18h30",
    "Garderie Ludique 16h15-17h30",
    "Garderie Ludique 16h15-18h30",
)
# The guide's planning of 5–9 January 2026: activity → (start, end, weekdays).
GUIDE_SLOTS = {
    "Garderie Matin": ("07:30", "08:05", {1, 2, 4, 5}),
    "Repas": ("11:30", "13:20", {1, 2, 4, 5}),
    "Etude Surveillée": ("16:15", "17:30", {1, 2, 4, 5}),
    "Garderie Ludique 16h15-17h30": ("16:15", "17:30", {1, 2, 4, 5}),
    "Garderie Ludique 16h15-18h30": ("16:15", "18:30", {1, 2, 4, 5}),
    "Etude Surveillée et Garderie Ludique 2 16h15-18h30": ("16:15", "18:30", {1, 2, 4, 5}),
    "Mercredi Matin": ("08:00", "12:00", {3}),
    "Mercredi Repas": ("12:00", "13:30", {3}),
    "Mercredi Après-Midi": ("13:30", "18:00", {3}),
}


async def _activity(
    session: AsyncSession, name: str, establishment_code: str = "LUX", year: str = "2025-2026"
) -> Activity:
    return (
        await session.scalars(
            select(Activity)
            .join(Establishment, Establishment.id == Activity.establishment_id)
            .join(SchoolYear, SchoolYear.id == Activity.school_year_id)
            .where(
                Activity.name == name,
                Establishment.code == establishment_code,
                SchoolYear.label == year,
            )
        )
    ).one()


async def test_guide_slot_times_and_evening_rules(demo: AsyncSession) -> None:
    wednesday = {"Mercredi Matin", "Mercredi Repas", "Mercredi Après-Midi"}
    for name, (start, end, weekdays) in GUIDE_SLOTS.items():
        activity = await _activity(demo, name, "ALSH" if name in wednesday else "LUX")
        slots = list(await demo.scalars(select(Slot).where(Slot.activity_id == activity.id)))
        assert {s.weekday for s in slots} == weekdays, name
        for slot in slots:
            assert slot.start_time.strftime("%H:%M") == start, name
            assert slot.end_time.strftime("%H:%M") == end, name

    morning = await _activity(demo, "Garderie Matin")
    assert morning.code == "01/Péri MATIN/Lux"
    assert morning.capacity == 40
    meal = await _activity(demo, "Repas")
    assert meal.category is ActivityCategory.MEAL
    assert meal.is_childcare is False
    assert meal.auto_accept is True

    evening = [await _activity(demo, name) for name in EVENING_ACTIVITIES]
    groups = {a.exclusivity_group for a in evening}
    assert len(groups) == 1
    assert None not in groups
    in_group = await demo.scalars(
        select(Activity.name).where(
            Activity.exclusivity_group == groups.pop(),
            Activity.school_year_id == evening[0].school_year_id,
        )
    )
    assert sorted(in_group) == sorted(EVENING_ACTIVITIES)
    by_name = {a.name: a for a in evening}
    for name in ("Etude Surveillée", "Etude Surveillée et Garderie Ludique 2 16h15-18h30"):
        assert by_name[name].min_grade is Grade.CP
        assert (by_name[name].description or "").startswith("Uniquement à partir du CP")
    for name in ("Garderie Ludique 16h15-17h30", "Garderie Ludique 16h15-18h30"):
        assert by_name[name].min_grade is Grade.PS
        assert (by_name[name].description or "").startswith("Dès la maternelle")

    youth = (
        await demo.scalars(
            select(Activity).where(
                Activity.code.like("0_/Sect. Jeunes%"),
                Activity.school_year_id == evening[0].school_year_id,
            )
        )
    ).all()
    assert {a.code for a in youth} == {
        "05/Sect. Jeunes Matin",
        "06/Sect. Jeunes Repas",
        "07/Sect. Jeunes Après-midi",
    }


async def test_calendar_has_every_kind_of_period(demo: AsyncSession) -> None:
    periods = [
        p
        for p in await demo.scalars(select(CalendarPeriod))
        if p.start_date <= dt.date(2026, 8, 31)
    ]
    assert {p.kind for p in periods} == set(CalendarPeriodKind)
    public = {p.start_date for p in periods if p.kind is CalendarPeriodKind.PUBLIC_HOLIDAY}
    expected = {
        day
        for year in (2025, 2026)
        for day in public_holidays(year)
        if dt.date(2025, 9, 1) <= day <= dt.date(2026, 8, 31)
    }
    assert public == expected
    labels = {p.label for p in periods if p.kind is CalendarPeriodKind.SCHOOL_HOLIDAY}
    assert {"Vacances de la Toussaint", "Vacances de Noël", "Vacances d'hiver"} <= labels
    winter = next(p for p in periods if p.label == "Vacances d'hiver")
    assert (winter.start_date, winter.end_date) == (dt.date(2026, 2, 7), dt.date(2026, 2, 22))


async def test_lenny_can_use_his_guide_activities_on_monday_5_january(
    demo: AsyncSession,
) -> None:
    lenny = (await demo.scalars(select(Child).where(Child.first_name == "Lenny"))).one()
    assert lenny.grade is not None
    assert lenny.grade.rank >= Grade.CP.rank
    registered = set(
        await demo.scalars(
            select(Activity.name)
            .join(Registration, Registration.activity_id == Activity.id)
            .where(
                Registration.child_id == lenny.id,
                Registration.status == RegistrationStatus.ACTIVE,
                Registration.start_date <= GUIDE_MONDAY,
            )
        )
    )
    assert registered == set(GUIDE_SLOTS)

    periods = await _closed_periods(demo)
    for name in ("Garderie Matin", "Repas", "Etude Surveillée et Garderie Ludique 2 16h15-18h30"):
        activity = await _activity(demo, name)
        registration = (
            await demo.scalars(
                select(Registration).where(
                    Registration.child_id == lenny.id, Registration.activity_id == activity.id
                )
            )
        ).one()
        assert registration.start_date <= GUIDE_MONDAY <= registration.end_date
        slot = (
            await demo.scalars(
                select(Slot).where(Slot.activity_id == activity.id, Slot.weekday == 1)
            )
        ).one()
        days = opening_days(
            GUIDE_MONDAY,
            GUIDE_MONDAY,
            establishment_id=activity.establishment_id,
            operating_days=activity.operating_days,
            weekdays=[slot.weekday],
            periods=periods,
        )
        assert days == [GUIDE_MONDAY], name
        booking = (
            await demo.scalars(
                select(Booking).where(
                    Booking.child_id == lenny.id,
                    Booking.slot_id == slot.id,
                    Booking.date == GUIDE_MONDAY,
                )
            )
        ).one()
        assert booking.status is BookingStatus.RESERVED, name

    # The whole guide week is booked: 3 activities a school day, 3 on Wednesday.
    week = await demo.scalar(
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.child_id == lenny.id,
            Booking.date.between(GUIDE_MONDAY, dt.date(2026, 1, 9)),
            Booking.status == BookingStatus.RESERVED,
        )
    )
    assert week == 15


async def test_requests_as_in_the_guide(demo: AsyncSession) -> None:
    by_reference = {r.reference: r for r in await demo.scalars(select(Request))}
    guide = {
        17378896: RequestType.VACCINATION_CHANGE,
        17378916: RequestType.AUTHORIZED_PERSON_ADD,
        17378924: RequestType.AUTHORIZED_PERSON_ADD,
        17378936: RequestType.CHILD_COMPLEMENT_CHANGE,
        17378956: RequestType.GUARDIAN_CHANGE,
        17378981: RequestType.BANK_ACCOUNT_CHANGE,
    }
    for reference, type_ in guide.items():
        request = by_reference[reference]
        assert request.type is type_
        assert request.status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
        assert request.payload
    assert by_reference[17378981].payload == {
        "fields": {
            "holderName": "DEVAILLÉ Élodie",
            "iban": "FR7610278089610002051480155",
            "bic": "CMCIFR2A",
            "isPrimary": True,
            "directDebit": True,
        }
    }
    types = {r.type for r in by_reference.values()}
    assert {RequestType.RESERVATION, RequestType.ABSENCE} <= types
    reasons = {r.reason for r in by_reference.values() if r.type is RequestType.ABSENCE}
    assert {"absent", "malade"} <= reasons
    several_lines = await demo.scalar(
        select(func.count())
        .select_from(Request)
        .where(
            Request.type == RequestType.RESERVATION,
            select(func.count())
            .select_from(RequestLine)
            .where(RequestLine.request_id == Request.id)
            .scalar_subquery()
            > 1,
        )
    )
    assert several_lines

    # Staff messages on decided requests, some read and some not.
    messages = list(await demo.scalars(select(Message)))
    assert messages
    assert all(m.from_staff and m.request_id is not None for m in messages)
    decided = {
        r.id
        for r in by_reference.values()
        if r.status
        in (RequestStatus.ACCEPTED, RequestStatus.PARTIALLY_ACCEPTED, RequestStatus.REFUSED)
    }
    assert {m.request_id for m in messages} <= decided
    read = set(await demo.scalars(select(MessageReceipt.message_id)))
    assert read
    assert {m.id for m in messages} - read


async def test_invoices_as_in_the_guide(demo: AsyncSession) -> None:
    await _check_invoices(demo)
    statuses = set(await demo.scalars(select(Invoice.status)))
    assert {
        InvoiceStatus.PAID,
        InvoiceStatus.PARTIALLY_PAID,
        InvoiceStatus.ISSUED,
        InvoiceStatus.TRANSMITTED_TO_TREASURY,
    } <= statuses
    guide_payment = (
        await demo.scalars(select(Payment).where(Payment.operation_number == "160509454"))
    ).one()
    assert guide_payment.description == "Règlement en ligne - Transaction n° 3fe56d"
    invoice = await demo.get(Invoice, guide_payment.invoice_id)
    assert invoice is not None
    assert invoice.status is InvoiceStatus.PAID


async def test_guide_statuses_are_visible_on_the_planning(demo: AsyncSession) -> None:
    """The guide's legend: reserved/present, waiting list, absent, absence billed."""
    rows = (
        await demo.execute(
            select(Child.first_name, Booking.status, Booking.attendance).join(
                Child, Child.id == Booking.child_id
            )
        )
    ).all()
    seen = {(name, status) for name, status, _ in rows}
    assert ("Léo", BookingStatus.WAITING_LIST) in seen
    assert ("Léa", BookingStatus.ABSENT_BILLED) in seen
    assert ("Georgette", BookingStatus.RESERVED) in seen
    assert ("Elsa", BookingStatus.RESERVED) in seen
    assert ("Lenny", BookingStatus.ABSENT) in seen
    assert any(
        status is BookingStatus.UNBOOKED and attendance is Attendance.PRESENT
        for _, status, attendance in rows
    )
