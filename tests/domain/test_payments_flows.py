"""Online card payment (sandbox provider), SEPA direct debit, treasury transmission and the
childcare certificate, at the domain level."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from sepaxml.validation import try_valid_xml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.certificate_pdf import certificate_pdf
from domain.billing.certificates import certificates_for, eligible
from domain.billing.direct_debit import execute_direct_debit, prepare_direct_debit
from domain.billing.online_payments import handle_notification, start_online_payment
from domain.billing.payment_provider import (
    InvalidNotification,
    Notification,
    SandboxProvider,
)
from domain.billing.payments import invoice_amounts
from domain.billing.treasury import CSV_HEADERS, transmit_to_treasury, treasury_export
from kernel.results import DomainFailure
from models import OutboxMail, Payment
from models.billing import (
    DirectDebitBatchStatus,
    InvoiceKind,
    InvoiceLineKind,
    InvoiceStatus,
    PaymentIntentStatus,
    PaymentMethod,
)
from tests.factories_family import make_invoice
from tests.factories_payments import (
    make_bank_account,
    make_billed_invoice,
    make_line,
    make_paying_family,
    make_payment,
)

PROVIDER = SandboxProvider("test-secret", "http://testserver")
TODAY = dt.date(2026, 2, 20)


def codes(failure: pytest.ExceptionInfo[DomainFailure]) -> list[str]:
    return [p.code for p in failure.value.problems]


# --- provider ------------------------------------------------------------------------


def test_sandbox_signature_is_checked() -> None:
    notification = Notification("abc", PaymentIntentStatus.SUCCEEDED, 640, "3fe56d")
    body = PROVIDER.notification_body(notification)
    assert PROVIDER.verify(body, PROVIDER.sign(body)) == notification
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body, None)
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body.replace(b"640", b"641"), PROVIDER.sign(body))
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body, SandboxProvider("other", "http://x").sign(body))
    bad = b'{"reference": "abc", "status": "CREATED", "amountCents": 1, "transaction": "x"}'
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(bad, PROVIDER.sign(bad))


# --- online payment ------------------------------------------------------------------


async def test_online_payment_is_recorded_once(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    invoice = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 28))
    await make_payment(session, invoice, 860)
    started = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    intent = started.intent
    assert intent.amount_cents == 6000
    assert started.payment_url.endswith(f"/payment-sandbox/{intent.provider_reference}")
    again = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    assert again.intent.id == intent.id

    notification = Notification(
        intent.provider_reference, PaymentIntentStatus.SUCCEEDED, 6000, "3fe56d"
    )
    first = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=notification,
        today=TODAY,
    )
    assert first.payment is not None and not first.replayed
    assert first.payment.method is PaymentMethod.CARD
    assert first.payment.description == "Règlement en ligne - Transaction n° 3fe56d"
    assert invoice.status is InvoiceStatus.PAID
    second = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=notification,
        today=TODAY,
    )
    assert second.replayed and second.payment is not None
    assert second.payment.id == first.payment.id
    count = await session.scalar(select(func.count()).select_from(Payment))
    assert count == 2  # the cheque and the card, once

    with pytest.raises(InvalidNotification):
        await handle_notification(
            session,
            tenant_id=paying.tenant.id,
            provider="sandbox",
            notification=Notification("unknown", PaymentIntentStatus.SUCCEEDED, 6000, "x"),
            today=TODAY,
        )


async def test_failed_online_payment_records_nothing(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    invoice = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 28))
    started = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    reference = started.intent.provider_reference
    with pytest.raises(InvalidNotification):  # not the intent's amount
        await handle_notification(
            session,
            tenant_id=paying.tenant.id,
            provider="sandbox",
            notification=Notification(reference, PaymentIntentStatus.SUCCEEDED, 1, "t"),
            today=TODAY,
        )
    handled = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=Notification(reference, PaymentIntentStatus.FAILED, 6860, "t"),
        today=TODAY,
    )
    assert handled.payment is None and handled.intent.status is PaymentIntentStatus.FAILED
    assert invoice.status is InvoiceStatus.ISSUED


async def test_online_payment_refusals(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    other = await make_paying_family(session, paying.tenant)
    late = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 19))
    theirs = await make_billed_invoice(session, other, due_on=dt.date(2026, 2, 28))
    cancelled = await make_billed_invoice(
        session, paying, due_on=dt.date(2026, 2, 28), status=InvoiceStatus.CANCELLED
    )

    async def start(invoice_id: int, family_id: int) -> None:
        await start_online_payment(
            session,
            tenant_id=paying.tenant.id,
            tenant_slug=paying.tenant.slug,
            family_id=family_id,
            invoice_id=invoice_id,
            provider=PROVIDER,
            today=TODAY,
        )

    for invoice_id, family_id, code in (
        (late.id, paying.family.id, "DUE_DATE_PASSED"),
        (theirs.id, paying.family.id, "NOT_FOUND"),
        (cancelled.id, paying.family.id, "INVOICE_CANCELLED"),
    ):
        with pytest.raises(DomainFailure) as failure:
            await start(invoice_id, family_id)
        assert codes(failure) == [code]
    other.family.direct_debit = True
    with pytest.raises(DomainFailure) as failure:
        await start(theirs.id, other.family.id)
    assert codes(failure) == ["DIRECT_DEBIT_FAMILY"]


# --- direct debit --------------------------------------------------------------------


async def test_direct_debit_file_mails_and_execution(session: AsyncSession) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    due = dt.date(2026, 3, 5)
    invoice = await make_billed_invoice(session, paying, due_on=due)
    await make_payment(session, invoice, 860)
    card_family = await make_paying_family(session, paying.tenant)  # not on direct debit
    await make_billed_invoice(session, card_family, due_on=due)
    no_account = await make_paying_family(session, paying.tenant, direct_debit=True)
    orphan = await make_billed_invoice(session, no_account, due_on=due)

    prepared = await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    batch = prepared.batch
    assert prepared.created
    assert (batch.transaction_count, batch.total_cents) == (1, 6000)
    assert [(i.id, reason) for i, reason in prepared.skipped] == [
        (orphan.id, "Aucun compte bancaire principal.")
    ]
    try_valid_xml(batch.xml.encode(), "pain.008.001.02")
    root = ET.fromstring(batch.xml)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
    assert root.findtext(".//p:MndtId", namespaces=ns) == f"MDT-{paying.family.subscriber_code}"
    assert root.findtext(".//p:CdtrSchmeId//p:Othr/p:Id", namespaces=ns) == "FR12ZZZ123456"
    assert root.findtext(".//p:ReqdColltnDt", namespaces=ns) == "2026-03-05"
    assert root.findtext(".//p:InstdAmt", namespaces=ns) == "60.00"
    mails = (await session.scalars(select(OutboxMail))).all()
    assert [m.to_address for m in mails] == [paying.payer.email]
    assert "Prélèvement de la facture" in mails[0].subject
    assert "60,00\u00a0€" in mails[0].text_body and "05/03/2026" in mails[0].text_body

    replay = await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    assert replay.batch.id == batch.id and not replay.created
    assert len((await session.scalars(select(OutboxMail))).all()) == 1

    executed = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert executed.batch.status is DirectDebitBatchStatus.EXECUTED
    assert [p.method for p in executed.payments] == [PaymentMethod.DIRECT_DEBIT]
    assert executed.payments[0].paid_on == due
    assert invoice.status is InvoiceStatus.PAID
    again = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert again.payments == []
    assert (await invoice_amounts(session, invoice)).paid_cents == invoice.total_cents


async def test_direct_debit_refusals(session: AsyncSession) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session, tenant_id=paying.tenant.id, collection_date=TODAY, today=TODAY
        )
    assert codes(failure) == ["NOTHING_TO_DEBIT"]
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session,
            tenant_id=paying.tenant.id,
            collection_date=TODAY - dt.timedelta(days=1),
            today=TODAY,
        )
    assert codes(failure) == ["PAST_DATE"]
    paying.tenant.settings = {}
    await session.flush()
    with pytest.raises(DomainFailure) as failure:
        await prepare_direct_debit(
            session, tenant_id=paying.tenant.id, collection_date=TODAY, today=TODAY
        )
    assert codes(failure) == ["CREDITOR_NOT_CONFIGURED"]
    with pytest.raises(DomainFailure) as failure:
        await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=TODAY)
    assert codes(failure) == ["NOT_FOUND"]


# --- treasury ------------------------------------------------------------------------


async def test_treasury_transmission_and_export(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    late = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 10))
    await make_payment(session, late, 860)
    due_today = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 20))
    paid = await make_billed_invoice(
        session, paying, due_on=dt.date(2026, 2, 10), status=InvoiceStatus.PAID
    )
    first = await transmit_to_treasury(
        session, tenant_id=paying.tenant.id, as_of=TODAY, today=TODAY
    )
    assert [i.id for i in first.invoices] == [late.id]
    assert late.status is InvoiceStatus.TRANSMITTED_TO_TREASURY
    assert late.transmitted_on == TODAY
    assert due_today.status is InvoiceStatus.ISSUED and paid.status is InvoiceStatus.PAID
    again = await transmit_to_treasury(
        session, tenant_id=paying.tenant.id, as_of=TODAY, today=TODAY
    )
    assert again.invoices == []
    with pytest.raises(DomainFailure):
        await transmit_to_treasury(
            session, tenant_id=paying.tenant.id, as_of=TODAY + dt.timedelta(days=1), today=TODAY
        )

    text = await treasury_export(session, tenant_id=paying.tenant.id, transmitted_on=TODAY)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADERS
    assert rows[1][0] == late.number
    assert rows[1][4] == paying.family.subscriber_code
    assert rows[1][-3:] == ["68,60", "8,60", "60,00"]
    assert len(rows) == 2


# --- childcare certificate -----------------------------------------------------------


async def test_certificate_counts_childcare_paid_in_the_year(session: AsyncSession) -> None:
    paying = await make_paying_family(session, birth_date=dt.date(2021, 5, 10))
    # 10 × 3,50 childcare + 8 × 4,20 meals + 2,00 penalty = 70,60 €, fully paid in 2026.
    paid = await make_billed_invoice(session, paying, penalty_cents=200)
    await make_payment(session, paid, paid.total_cents, paid_on=dt.date(2026, 2, 15))
    # Half paid in 2026 (childcare 20 × 3,50 = 70,00 € of a 70,00 € invoice).
    half = await make_billed_invoice(session, paying, care_days=20, meal_days=0)
    await make_payment(session, half, 3500, paid_on=dt.date(2026, 12, 30))
    await make_payment(session, half, 3500, paid_on=dt.date(2027, 1, 2))
    # A sibling reduction line on the first invoice's childcare is counted (negative).
    unpaid = await make_billed_invoice(session, paying)
    await make_line(
        session,
        unpaid,
        child=paying.child,
        activity=paying.care,
        quantity=1,
        unit_price_cents=-100,
        kind=InvoiceLineKind.REDUCTION,
    )

    [certificate] = await certificates_for(
        session, tenant_id=paying.tenant.id, children=[paying.child], year=2026
    )
    assert [i.counted_cents for i in certificate.invoices] == [3500, 3500]
    assert certificate.amount_cents == 7000
    [next_year] = await certificates_for(
        session, tenant_id=paying.tenant.id, children=[paying.child], year=2027
    )
    assert next_year.amount_cents == 3500

    pdf = certificate_pdf(
        certificate, paying.tenant, payer_name="Élodie DEVAILLE", issued_on_label="20/02/2026"
    )
    assert pdf.startswith(b"%PDF")


async def test_certificate_only_for_children_under_six(session: AsyncSession) -> None:
    paying = await make_paying_family(session, birth_date=dt.date(2020, 1, 1))
    assert not eligible(paying.child, 2026)  # six on 1 January 2026
    paying.child.birth_date = dt.date(2020, 1, 2)
    assert eligible(paying.child, 2026)
    paying.child.birth_date = dt.date(2019, 3, 14)
    assert (
        await certificates_for(
            session, tenant_id=paying.tenant.id, children=[paying.child], year=2026
        )
        == []
    )


async def test_treasury_transmission_of_chosen_invoices(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    first = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 10))
    second = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 11))
    not_due = await make_billed_invoice(session, paying, due_on=dt.date(2026, 3, 1))
    with pytest.raises(DomainFailure) as failure:
        await transmit_to_treasury(
            session,
            tenant_id=paying.tenant.id,
            as_of=TODAY,
            today=TODAY,
            only=[second.id, not_due.id, None],
        )
    assert [(p.code, p.field) for p in failure.value.problems] == [
        ("NOT_TRANSMISSIBLE", ("invoices", "1")),
        ("NOT_TRANSMISSIBLE", ("invoices", "2")),
    ]
    done = await transmit_to_treasury(
        session, tenant_id=paying.tenant.id, as_of=TODAY, today=TODAY, only=[second.id]
    )
    assert [i.id for i in done.invoices] == [second.id]
    assert first.status is InvoiceStatus.ISSUED


async def test_credit_notes_lower_what_remains(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    invoice = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 28))
    await make_invoice(
        session,
        paying.family,
        issued_on=dt.date(2026, 2, 10),
        kind=InvoiceKind.CREDIT_NOTE,
        credited_invoice_id=invoice.id,
        total_cents=860,
    )
    amounts = await invoice_amounts(session, invoice)
    assert (amounts.credited_cents, amounts.remaining_cents) == (860, 6000)
    started = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    assert started.intent.amount_cents == 6000
    await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=Notification(
            started.intent.provider_reference, PaymentIntentStatus.SUCCEEDED, 6000, "c0ffee"
        ),
        today=TODAY,
    )
    assert invoice.status is InvoiceStatus.PAID


async def test_direct_debit_execution_skips_invoices_settled_meanwhile(
    session: AsyncSession,
) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    due = dt.date(2026, 3, 5)
    first = await make_billed_invoice(session, paying, due_on=due)
    second = await make_billed_invoice(session, paying, due_on=due)
    third = await make_billed_invoice(session, paying, due_on=due)
    await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    second.status = InvoiceStatus.CANCELLED  # cancelled after the file was sent
    await session.flush()
    executed = await execute_direct_debit(session, tenant_id=paying.tenant.id, collection_date=due)
    assert [p.invoice_id for p in executed.payments] == [first.id, third.id]
    assert [i for i, _ in executed.skipped] == [second.id]
    numbers = [int(p.operation_number) for p in executed.payments]
    assert numbers[1] == numbers[0] + 1  # no gap for the skipped one
    assert first.status is InvoiceStatus.PAID and third.status is InvoiceStatus.PAID
