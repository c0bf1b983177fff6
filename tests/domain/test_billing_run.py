"""The monthly billing run: what is billed, numbering, idempotence, preview, batching."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.billing.billing_run import run_billing
from kernel.results import DomainFailure
from models import BillingRun, Booking, Event, Invoice, InvoiceLine, OutboxMessage
from models.billing import InvoiceLineKind, LateAbsenceCharge, UnbookedPresenceCharge
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.event import EventKind
from tests import factories
from tests.factories.billing import (
    BILLING_DAY,
    SEPTEMBER,
    make_price_list,
    make_quotient,
    mondays,
)
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.requests import make_booking


async def _town(session: AsyncSession, **price: object):  # type: ignore[no-untyped-def]
    town = await make_booking_town(session)
    await make_price_list(session, town.activity, **price)  # type: ignore[arg-type]
    return town


async def _lines(session: AsyncSession, invoice: Invoice) -> list[InvoiceLine]:
    return list(
        await session.scalars(
            select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id).order_by(InvoiceLine.id)
        )
    )


async def test_bills_reservations_absences_and_penalties(session: AsyncSession) -> None:
    town = await _town(
        session,
        late_absence_charge=LateAbsenceCharge.FIXED_FEE,
        late_absence_fee_cents=299,
        unbooked_presence_charge=UnbookedPresenceCharge.FIXED_FEE,
        unbooked_presence_fee_cents=1000,
    )
    home = await make_household(session, town)
    await make_quotient(session, home.family, 700)  # bracket 600-800: 2.10 €
    child, slot = home.children[0], town.slots[1]
    days = mondays()  # 7, 14, 21, 28 September 2026
    await make_booking(session, child, slot, days[0], attendance=Attendance.PRESENT)
    await make_booking(session, child, slot, days[1])  # not marked: due
    await make_booking(session, child, slot, days[2], status=BookingStatus.ABSENT)  # free
    await make_booking(session, child, slot, days[3], status=BookingStatus.ABSENT_BILLED)
    tuesday = town.slots[2]
    await make_booking(
        session,
        child,
        tuesday,
        dt.date(2026, 9, 8),
        status=BookingStatus.ABSENT_BILLED,
        absence_justified=True,
    )
    await make_booking(
        session,
        child,
        tuesday,
        dt.date(2026, 9, 15),
        status=BookingStatus.UNBOOKED,
        attendance=Attendance.PRESENT,
    )
    await make_booking(
        session, child, tuesday, dt.date(2026, 9, 22), status=BookingStatus.CANCELLED
    )

    result = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)

    assert not result.already_billed and result.invoice_count == 1
    invoice = await session.get(Invoice, result.invoice_ids[0])
    assert invoice is not None
    lines = await _lines(session, invoice)
    summary = [(line.kind, line.quantity, line.unit_price_cents) for line in lines]
    assert summary == [
        (InvoiceLineKind.ATTENDANCE, 3, 210),
        (InvoiceLineKind.BILLED_ABSENCE, 1, 299),
        (InvoiceLineKind.PENALTY, 1, 1000),
    ]
    assert invoice.total_cents == sum(line.amount_cents for line in lines) == 3 * 210 + 299 + 1000
    assert invoice.number == "2026-09-0001"
    assert invoice.issued_on == BILLING_DAY
    assert invoice.due_on == BILLING_DAY + dt.timedelta(days=30)
    assert invoice.payer_guardian_id == home.guardian.id
    assert invoice.issuer == f"Régie Enfance – {town.tenant.name}"
    billed = await session.scalar(select(func.count()).where(Booking.invoice_line_id.is_not(None)))
    assert billed == 4  # three attendances and the billed absence
    events = list(
        await session.scalars(
            select(Event).where(Event.subject_type == "Invoice", Event.subject_id == invoice.id)
        )
    )
    assert [(e.kind, e.family_id) for e in events] == [(EventKind.INVOICE_ISSUED, home.family.id)]
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "invoice_issued")
    )
    assert mail is not None and mail.to_address == home.guardian.email
    assert "2026-09-0001" in mail.subject and "septembre 2026" in mail.subject
    assert "19,29 €" in mail.text_body, mail.text_body
    assert "4 novembre 2026" in mail.text_body


async def test_second_run_creates_nothing(session: AsyncSession) -> None:
    town = await _town(session)
    home = await make_household(session, town)
    await make_booking(session, home.children[0], town.slots[1], mondays()[0])
    first = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)
    again = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)
    assert first.invoice_count == 1 and not first.already_billed
    assert again.already_billed and again.invoice_ids == [] and again.invoice_count == 1
    assert await session.scalar(select(func.count()).select_from(Invoice)) == 1
    assert await session.scalar(select(func.count()).select_from(BillingRun)) == 1


async def test_preview_writes_nothing(session: AsyncSession) -> None:
    town = await _town(session)
    home = await make_household(session, town)
    for day in mondays():
        await make_booking(session, home.children[0], town.slots[1], day)
    result = await run_billing(
        session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY, preview=True
    )
    assert result.preview and result.invoice_count == 1
    assert result.total_cents == 4 * 490  # no QF: the highest bracket
    assert await session.scalar(select(func.count()).select_from(Invoice)) == 0
    assert await session.scalar(select(func.count()).select_from(BillingRun)) == 0
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


async def test_month_not_over_is_refused(session: AsyncSession) -> None:
    town = await _town(session)
    with pytest.raises(DomainFailure) as caught:
        await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=dt.date(2026, 9, 30))
    assert caught.value.problems[0].code == "MONTH_NOT_OVER"
    assert "1er octobre 2026" in caught.value.problems[0].message


async def test_closures_and_strikes_are_not_billed(session: AsyncSession) -> None:
    town = await _town(session)
    home = await make_household(session, town)
    days = mondays()
    for day in days:
        await make_booking(session, home.children[0], town.slots[1], day)
    await factories.make_calendar_period(
        session,
        town.tenant,
        kind=CalendarPeriodKind.STRIKE,
        label="Grève",
        start_date=days[0],
        end_date=days[0],
    )
    await factories.make_calendar_period(
        session,
        town.tenant,
        kind=CalendarPeriodKind.CLOSURE,
        label="Fermeture",
        establishment_id=town.school.id,
        start_date=days[1],
        end_date=days[1],
    )
    result = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)
    (draft,) = result.drafts
    assert [(line.kind, line.quantity) for line in draft.lines] == [(InvoiceLineKind.ATTENDANCE, 2)]


async def test_sibling_reduction_and_numbering_per_family(session: AsyncSession) -> None:
    town = await _town(session, reductions=((3, 5000),))
    big = await make_household(session, town, children=0)
    from tests.factories.bookings import make_registration
    from tests.factories.family import make_child

    kids = [
        await make_child(session, big.family, birth_date=dt.date(2016 + i, 1, 1)) for i in range(3)
    ]
    for kid in kids:
        await make_registration(session, kid, town.activity)
        await make_booking(session, kid, town.slots[1], mondays()[0])
    other = await make_household(session, town)
    await make_booking(session, other.children[0], town.slots[1], mondays()[0])
    await make_quotient(session, big.family, 1950)  # 4.90 €

    result = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)

    numbers = sorted(
        await session.scalars(select(Invoice.number).where(Invoice.tenant_id == town.tenant.id))
    )
    assert numbers == ["2026-09-0001", "2026-09-0002"]
    big_draft = next(d for d in result.drafts if d.family_id == big.family.id)
    youngest = kids[2].id
    reductions = [line for line in big_draft.lines if line.kind is InvoiceLineKind.REDUCTION]
    assert [(r.child_id, r.quantity, r.unit_price_cents) for r in reductions] == [
        (youngest, 1, -245)
    ]
    assert big_draft.total_cents == 3 * 490 - 245


async def test_run_reads_in_a_constant_number_of_statements(
    session: AsyncSession, engine: AsyncEngine
) -> None:
    town = await _town(session)
    for size in (1, 3):
        for _ in range(size):
            home = await make_household(session, town)
            for day in mondays():
                await make_booking(session, home.children[0], town.slots[1], day)
    await session.flush()  # the bookings' own events, pending since their last flush
    counted: list[str] = []

    def count(*args: object) -> None:
        # Events included: one INSERT for all the families' events on either database (on
        # SQLite after reading their first id, models.sqlite_batch).
        counted.append(str(args[2]))

    sync_engine = engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", count)
    try:
        result = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)
    finally:
        event.remove(sync_engine, "before_cursor_execute", count)
    assert result.invoice_count == 4 and result.booking_count == 16
    # 32: the invoices' notifications add five (the payers' accounts, the notifications'
    # INSERT, the accounts' preferences, SMS consents and push subscriptions), whatever
    # the number of families.
    assert len(counted) <= 32, "\n".join(c[:90].replace("\n", " ") for c in counted)


async def test_command_bills_each_tenant_once(session: AsyncSession, engine: AsyncEngine) -> None:
    from domain.billing.command import bill_tenants, parse_month
    from models.engine import create_session_factory

    town = await _town(session)
    home = await make_household(session, town)
    await make_booking(session, home.children[0], town.slots[1], mondays()[0])
    await session.commit()
    sessions = create_session_factory(engine)

    async def bill(preview: bool, slug: str | None = town.tenant.slug) -> list[str]:
        done = await bill_tenants(
            sessions,
            month=parse_month("2026-09"),
            slug=slug,
            preview=preview,
            today=BILLING_DAY,
            portal_url=lambda s: f"https://portail.example/{s}",
        )
        return [d.describe() for d in done]

    (preview,) = await bill(True)
    assert "would issue 1 invoices" in preview
    (billed,) = await bill(False)
    assert "issued 1 invoices, 1 bookings, 4,90 €" in billed
    (again,) = await bill(False)
    assert "already billed (1 invoices), nothing created" in again
    assert await bill(False, "nowhere") == ["nowhere: unknown tenant"]
