"""What remains due after issue, at the domain level: transmission of unpaid invoices to
the treasury (with its CSV export) and credit notes lowering what remains.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.ledger import invoice_amounts
from domain.payments.online import handle_notification, start_online_payment
from domain.payments.provider import Notification
from domain.payments.treasury import CSV_HEADERS, transmit_to_treasury, treasury_export
from kernel.results import DomainFailure
from models.billing import InvoiceKind, InvoiceStatus, PaymentIntentStatus
from tests.domain._payments_helpers import PROVIDER, TODAY
from tests.factories.family import make_invoice
from tests.factories.payments import make_billed_invoice, make_paying_family, make_payment

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
