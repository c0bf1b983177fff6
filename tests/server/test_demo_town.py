"""The demo town: idempotent loading, and the facts of the Saint-Ismier guide it must show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections import defaultdict

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.bookings.codes import LineOutcome
from domain.bookings.requests import BookingAsk, create_booking_request
from domain.french_calendar import public_holidays
from domain.opening_days import ClosedPeriod, opening_days
from domain.passwords import verify_password
from models import (
    Account,
    Activity,
    Base,
    Booking,
    CalendarPeriod,
    Child,
    Establishment,
    Family,
    Guardian,
    HealthRecord,
    Invoice,
    InvoiceLine,
    Message,
    MessageReceipt,
    Payment,
    Registration,
    Request,
    RequestHistory,
    RequestLine,
    SchoolYear,
    Slot,
    Tenant,
)
from models.account import AccountStatus, Role
from models.activity import ActivityCategory
from models.billing import InvoiceStatus
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.engine import create_session_factory
from models.family import BankAccount, FamilyStatus
from models.registration import RegistrationStatus
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)
from seed.demo_town import (
    DEMO_ADMIN_EMAIL,
    DEMO_PARENT_EMAILS,
    DEMO_PASSWORD,
    DEMO_REFERENCE_DATE,
    DEMO_REPORTING_EMAIL,
    DEMO_STAFF_EMAIL,
    DEMO_TENANT_SLUG,
    EARLIEST_TODAY,
    LATEST_TODAY,
    DemoSummary,
    load_demo_town,
)
from seed.demo_town.next_year_data import ATELIER_VIDEO, NEXT_YEAR_START, NEXT_YEAR_TODAY
from seed.demo_town.town_data import TENANT_SETTINGS

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


async def _load(engine: AsyncEngine, today: dt.date | None = None) -> DemoSummary:
    return await load_demo_town(create_session_factory(engine), today=today)


@pytest.fixture
async def demo(engine: AsyncEngine, session: AsyncSession) -> AsyncSession:
    """A session on a database holding the demo town of the reference date."""
    await _load(engine)
    return session


async def _row_counts(session: AsyncSession) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        counts[table.name] = await session.scalar(select(func.count()).select_from(table)) or 0
    return counts


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


async def _closed_periods(session: AsyncSession) -> list[ClosedPeriod]:
    return [
        ClosedPeriod(p.kind, p.start_date, p.end_date, p.establishment_id)
        for p in await session.scalars(select(CalendarPeriod))
    ]


async def test_loading_twice_is_idempotent(engine: AsyncEngine, session: AsyncSession) -> None:
    started = time.perf_counter()
    first = await _load(engine)
    elapsed = time.perf_counter() - started
    counts = await _row_counts(session)

    second = await _load(engine)

    assert first.created is True
    assert second.created is False
    assert second == dataclasses.replace(first, created=False)
    assert await _row_counts(session) == counts
    assert elapsed < 10, f"loading the demo town took {elapsed:.1f} s"
    assert first.establishments >= 3
    assert min(first.bookings, first.requests, first.invoices, first.slots) > 0
    tenant = (await session.scalars(select(Tenant))).one()
    assert (tenant.id, tenant.slug, tenant.name) == (
        first.tenant_id,
        DEMO_TENANT_SLUG,
        "Mairie de Saint-Ismier",
    )
    assert tenant.settings == TENANT_SETTINGS  # with the SEPA creditor (direct debit)
    assert tenant.settings["autoAcceptedChanges"] == ["CHILD_PHOTO_CHANGE"]


async def test_today_outside_the_school_year_is_refused(engine: AsyncEngine) -> None:
    with pytest.raises(ValueError, match="today must be between"):
        await _load(engine, dt.date(2026, 9, 1))


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


async def _check_bookings(session: AsyncSession) -> None:
    periods = await _closed_periods(session)
    activities = {a.id: a for a in await session.scalars(select(Activity))}
    slots = {s.id: s for s in await session.scalars(select(Slot))}
    registrations = {r.id: r for r in await session.scalars(select(Registration))}
    children = {c.id: c for c in await session.scalars(select(Child))}
    exclusive: set[tuple[int, str, dt.date]] = set()
    days_cache: dict[int, set[dt.date]] = {}
    for booking in await session.scalars(select(Booking)):
        slot = slots[booking.slot_id]
        assert slot.activity_id == booking.activity_id
        assert slot.weekday == booking.date.isoweekday()
        if slot.id not in days_cache:
            activity = activities[slot.activity_id]
            days_cache[slot.id] = set(
                opening_days(
                    slot.valid_from,
                    slot.valid_to or dt.date(2026, 8, 31),
                    establishment_id=activity.establishment_id,
                    operating_days=activity.operating_days,
                    weekdays=[slot.weekday],
                    periods=periods,
                )
            )
        assert booking.date in days_cache[slot.id], (booking.date, booking.activity_id)
        assert booking.registration_id is not None
        registration = registrations[booking.registration_id]
        assert registration.status is RegistrationStatus.ACTIVE
        assert registration.start_date <= booking.date <= registration.end_date
        # The child is eligible (grade and birth-date range of the activity).
        activity = activities[booking.activity_id]
        child = children[booking.child_id]
        if activity.min_grade is not None:
            assert child.grade is not None
            assert child.grade.rank >= activity.min_grade.rank
        if activity.max_grade is not None:
            assert child.grade is not None
            assert child.grade.rank <= activity.max_grade.rank
        if activity.born_on_or_before is not None:
            assert child.birth_date <= activity.born_on_or_before
        if activity.born_on_or_after is not None:
            assert child.birth_date >= activity.born_on_or_after
        if activity.exclusivity_group and booking.status is BookingStatus.RESERVED:
            group_day = (booking.child_id, activity.exclusivity_group, booking.date)
            assert group_day not in exclusive, "two slots of one exclusivity group on a day"
            exclusive.add(group_day)


async def _check_requests(session: AsyncSession) -> None:
    requests = list(await session.scalars(select(Request).order_by(Request.created_at)))
    assert {r.status for r in requests} == set(RequestStatus)
    references = [r.reference for r in requests]
    assert all(10_000_000 <= ref <= 99_999_999 for ref in references)
    assert len(set(references)) == len(references)
    assert references == sorted(references), "references must increase with time"

    history: dict[int, list[RequestHistory]] = defaultdict(list)
    for entry in await session.scalars(
        select(RequestHistory).order_by(RequestHistory.occurred_at, RequestHistory.id)
    ):
        history[entry.request_id].append(entry)
    for request in requests:
        steps = history[request.id]
        assert steps[0].step is HistoryStep.CREATED
        assert steps[0].status is RequestStatus.PENDING
        assert steps[0].occurred_at == request.created_at
        assert steps[-1].status is request.status, request.reference
        if request.status in (
            RequestStatus.ACCEPTED,
            RequestStatus.PARTIALLY_ACCEPTED,
            RequestStatus.REFUSED,
        ):
            assert request.decided_at is not None
            assert steps[-1].step is HistoryStep.DECIDED
            assert steps[-1].occurred_at == request.decided_at
        if request.transmitted_at is not None:
            assert any(s.step is HistoryStep.TRANSMITTED for s in steps)

    bookings = {b.id: b for b in await session.scalars(select(Booking))}
    by_occurrence = {(b.child_id, b.slot_id, b.date): b for b in bookings.values()}
    statuses = {r.id: r.status for r in requests}
    for line in await session.scalars(select(RequestLine)):
        booking = by_occurrence.get((line.child_id, line.slot_id, line.date))
        if line.booking_id is not None:
            assert bookings[line.booking_id] is booking
        request_status = statuses[line.request_id]
        if line.status is RequestLineStatus.PENDING:
            assert request_status in (RequestStatus.PENDING, RequestStatus.TRANSMITTED)
        if line.action is RequestLineAction.RESERVE:
            if line.status is RequestLineStatus.ACCEPTED:
                assert booking is not None
                assert booking.status is BookingStatus.RESERVED
            elif line.status is RequestLineStatus.WAITING_LIST:
                assert booking is not None
                assert booking.status is BookingStatus.WAITING_LIST
                assert booking.waiting_since is not None
            else:
                assert booking is None or booking.status is not BookingStatus.RESERVED
        else:
            assert booking is not None
            if line.status is RequestLineStatus.ACCEPTED:
                assert booking.status in (BookingStatus.ABSENT, BookingStatus.ABSENT_BILLED)
            else:
                assert booking.status is BookingStatus.RESERVED


async def _check_invoices(session: AsyncSession) -> None:
    invoices = list(await session.scalars(select(Invoice)))
    assert invoices
    lines: dict[int, list[InvoiceLine]] = defaultdict(list)
    for line in await session.scalars(select(InvoiceLine)):
        assert line.amount_cents == line.quantity * line.unit_price_cents
        lines[line.invoice_id].append(line)
    paid: dict[int, int] = defaultdict(int)
    for payment in await session.scalars(select(Payment)):
        paid[payment.invoice_id] += payment.amount_cents
    for invoice in invoices:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{4}", invoice.number)
        assert lines[invoice.id]
        assert invoice.total_cents == sum(line.amount_cents for line in lines[invoice.id])
        assert invoice.issuer == "Régie Enfance – Mairie de Saint-Ismier"
        if invoice.status is InvoiceStatus.PAID:
            assert paid[invoice.id] == invoice.total_cents
        elif invoice.status is InvoiceStatus.PARTIALLY_PAID:
            assert 0 < paid[invoice.id] < invoice.total_cents
        else:
            assert paid[invoice.id] == 0


@pytest.mark.parametrize("today", [EARLIEST_TODAY, DEMO_REFERENCE_DATE, LATEST_TODAY])
async def test_the_town_is_consistent_whatever_today(
    engine: AsyncEngine, session: AsyncSession, today: dt.date
) -> None:
    summary = await _load(engine, today)
    assert summary.created
    await _check_bookings(session)
    await _check_requests(session)
    await _check_invoices(session)
    statuses = set(await session.scalars(select(Booking.status)))
    assert {
        BookingStatus.RESERVED,
        BookingStatus.ABSENT,
        BookingStatus.ABSENT_BILLED,
        BookingStatus.WAITING_LIST,
        BookingStatus.CANCELLED,
    } <= statuses
    # Attendance is only marked for the past.
    marked = await session.scalars(select(Booking.date).where(Booking.attendance.is_not(None)))
    # (2025-2026 around ``today``; 2026-2027 is told from its own fixed day.)
    assert all(day < today or NEXT_YEAR_START <= day < NEXT_YEAR_TODAY for day in marked)
    upcoming = await session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(Booking.date > today, Booking.status == BookingStatus.RESERVED)
    )
    assert upcoming


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


def _iban_is_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


async def test_family_files(demo: AsyncSession) -> None:
    families = list(await demo.scalars(select(Family)))
    guardians: dict[int, list[Guardian]] = defaultdict(list)
    for guardian in await demo.scalars(select(Guardian)):
        guardians[guardian.family_id].append(guardian)
    for family in families:
        assert sum(g.is_allocataire for g in guardians[family.id]) <= 1, family.name
        assert sum(g.is_payer for g in guardians[family.id]) == 1, family.name
        if family.status is FamilyStatus.VALIDATED:
            assert family.subscriber_code
    assert [f.status for f in families].count(FamilyStatus.SUBMITTED) == 1

    devaille = next(f for f in families if f.name == "DEVAILLÉ")
    assert len(guardians[devaille.id]) == 2
    assert sum(g.is_allocataire for g in guardians[devaille.id]) == 1
    children = set(
        await demo.scalars(select(Child.first_name).where(Child.family_id == devaille.id))
    )
    assert children == {"Elsa", "Simon", "Georgette"}

    debit = [f for f in families if f.direct_debit]
    assert len(debit) == 1
    account = (
        await demo.scalars(select(BankAccount).where(BankAccount.family_id == debit[0].id))
    ).one()
    assert _iban_is_valid(account.iban)
    assert account.mandate_reference

    records = list(await demo.scalars(select(HealthRecord)))
    assert any(r.food_allergies and not r.has_pai for r in records)
    assert any(r.has_pai for r in records)


async def test_demo_accounts(demo: AsyncSession) -> None:
    accounts = {a.email: a for a in await demo.scalars(select(Account))}
    assert accounts[DEMO_STAFF_EMAIL].role is Role.STAFF
    assert accounts[DEMO_ADMIN_EMAIL].role is Role.ADMIN
    assert accounts[DEMO_REPORTING_EMAIL].role is Role.REPORTING
    assert DEMO_PARENT_EMAILS[0] == "elodie.devaille@example.fr"
    for email in DEMO_PARENT_EMAILS:
        account = accounts[email]
        assert account.role is Role.PARENT
        assert account.guardian_id is not None
    assert all(a.status is AccountStatus.ACTIVE for a in accounts.values())
    validated_guardians = set(
        await demo.scalars(
            select(Guardian.id)
            .join(Family, Family.id == Guardian.family_id)
            .where(Family.status == FamilyStatus.VALIDATED)
        )
    )
    assert validated_guardians <= {a.guardian_id for a in accounts.values()}
    assert verify_password(accounts[DEMO_PARENT_EMAILS[0]].password_hash, DEMO_PASSWORD)
    assert verify_password(accounts[DEMO_STAFF_EMAIL].password_hash, DEMO_PASSWORD)
    assert not verify_password(accounts[DEMO_STAFF_EMAIL].password_hash, "wrong password")


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


# --- 2026-2027: the current school year of the demo --------------------------------------


async def _next_year_activity(session: AsyncSession, code: str) -> Activity:
    return (await session.scalars(select(Activity).where(Activity.code == code))).one()


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
        "Vacances d'hiver": (dt.date(2027, 2, 6), dt.date(2027, 2, 21)),
        "Vacances de printemps": (dt.date(2027, 4, 3), dt.date(2027, 4, 18)),
        "Pont de l'Ascension": (dt.date(2027, 5, 6), dt.date(2027, 5, 9)),
        "Vacances d'été": (dt.date(2027, 7, 3), dt.date(2027, 8, 31)),
    }
    public = {p.start_date for p in periods if p.kind is CalendarPeriodKind.PUBLIC_HOLIDAY}
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


async def test_a_parent_can_book_january_today(demo: AsyncSession) -> None:
    """On 28 November 2026, Élodie books Simon's meals of January 2027 (auto-accepted)."""
    simon = (await demo.scalars(select(Child).where(Child.first_name == "Simon"))).one()
    elodie = (
        await demo.scalars(select(Account).where(Account.email == DEMO_PARENT_EMAILS[0]))
    ).one()
    meal = await _next_year_activity(demo, "02/Repas/Lux 26-27")
    now = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
    ask = BookingAsk(
        RequestType.RESERVATION,
        [simon.id],
        meal.id,
        period=(dt.date(2027, 1, 4), dt.date(2027, 1, 29)),
        weekdays=[5],
    )
    result = await create_booking_request(
        demo,
        tenant_id=simon.tenant_id,
        account_id=elodie.id,
        family_id=simon.family_id,
        ask=ask,
        portal_url="http://localhost",
        now=now,
    )
    assert [r.outcome for r in result.lines] == [LineOutcome.ACCEPTED] * 4
