"""Credit notes: a new document, never an edit; capped by what is left to credit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.billing_run import run_billing
from domain.billing.credit_notes import CreditedLine, credit_invoice
from domain.billing.invoice_pdf import render_invoice_pdf
from domain.billing.invoices import invoice_document
from kernel.results import DomainFailure
from models import Invoice, InvoiceLine
from models.billing import InvoiceKind, InvoiceStatus
from tests.factories.billing import BILLING_DAY, SEPTEMBER, make_price_list, mondays
from tests.factories.bookings import make_booking_town, make_household
from tests.factories.requests import make_booking

CREDIT_DAY = dt.date(2026, 10, 20)


async def _billed(session: AsyncSession) -> tuple[Invoice, list[InvoiceLine]]:
    town = await make_booking_town(session)
    await make_price_list(session, town.activity)
    home = await make_household(session, town)
    for day in mondays():
        await make_booking(session, home.children[0], town.slots[1], day)
    result = await run_billing(session, tenant=town.tenant, month=SEPTEMBER, today=BILLING_DAY)
    invoice = await session.get(Invoice, result.invoice_ids[0])
    assert invoice is not None
    lines = list(
        await session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
    )
    return invoice, lines


async def _tenant(session: AsyncSession, invoice: Invoice):  # type: ignore[no-untyped-def]
    from models import Tenant

    return await session.get(Tenant, invoice.tenant_id)


async def test_credit_some_units_then_the_rest(session: AsyncSession) -> None:
    invoice, (line,) = await _billed(session)
    tenant = await _tenant(session, invoice)
    assert invoice.total_cents == 4 * 490
    note = await credit_invoice(
        session,
        tenant=tenant,
        invoice_id=invoice.id,
        lines=[CreditedLine(line.id, 1)],
        reason="  Absence   justifiée ",
        today=CREDIT_DAY,
    )
    assert note.kind is InvoiceKind.CREDIT_NOTE and note.credited_invoice_id == invoice.id
    assert note.total_cents == 490 and note.credit_reason == "Absence justifiée"
    assert note.number == "2026-10-0002"  # the year's sequence continues after 2026-09-0001
    assert invoice.total_cents == 4 * 490 and invoice.status is InvoiceStatus.ISSUED
    await session.refresh(line)
    assert line.quantity == 4  # the issued invoice is untouched

    with pytest.raises(DomainFailure) as caught:
        await credit_invoice(
            session,
            tenant=tenant,
            invoice_id=invoice.id,
            amount_cents=3 * 490 + 1,
            reason="Trop",
            today=CREDIT_DAY,
        )
    assert caught.value.problems[0].code == "AMOUNT_TOO_HIGH"
    await credit_invoice(
        session,
        tenant=tenant,
        invoice_id=invoice.id,
        amount_cents=3 * 490,
        reason="Annulation",
        today=CREDIT_DAY,
    )
    status = await session.scalar(select(Invoice.status).where(Invoice.id == invoice.id))
    assert status is InvoiceStatus.CANCELLED


async def test_bad_credits_are_refused(session: AsyncSession) -> None:
    invoice, (line,) = await _billed(session)
    tenant = await _tenant(session, invoice)

    async def refused(**kwargs: object) -> list[str]:
        values: dict[str, object] = {"reason": "Motif", "today": CREDIT_DAY}
        values.update(kwargs)
        with pytest.raises(DomainFailure) as caught:
            await credit_invoice(session, tenant=tenant, **values)  # type: ignore[arg-type]
        return [p.code for p in caught.value.problems]

    assert await refused(invoice_id=invoice.id) == ["INVALID_INPUT"]
    assert await refused(invoice_id=invoice.id, amount_cents=0) == ["INVALID_AMOUNT"]
    assert await refused(invoice_id=invoice.id, amount_cents=1, reason=" ") == ["REASON_REQUIRED"]
    assert await refused(invoice_id=invoice.id, lines=[CreditedLine(line.id, 5)]) == [
        "INVALID_QUANTITY"
    ]
    assert await refused(invoice_id=invoice.id, lines=[CreditedLine(-1, 1)]) == ["LINE_NOT_FOUND"]
    assert await refused(invoice_id=invoice.id + 1000, amount_cents=1) == ["NOT_FOUND"]
    note = await credit_invoice(
        session, tenant=tenant, invoice_id=invoice.id, amount_cents=1, reason="x", today=CREDIT_DAY
    )
    assert await refused(invoice_id=note.id, amount_cents=1) == ["NOT_AN_INVOICE"]


async def test_pdf_in_french(session: AsyncSession, monkeypatch: pytest.MonkeyPatch) -> None:
    invoice, _ = await _billed(session)
    document = await invoice_document(session, invoice)
    assert document.remaining_cents == 4 * 490
    unicode_pdf = render_invoice_pdf(document)
    assert unicode_pdf.startswith(b"%PDF")
    # With the Latin-1 fallback font the text is readable in an uncompressed stream.
    from domain.billing import invoice_pdf

    monkeypatch.setattr(invoice_pdf, "FONT_CANDIDATES", ())
    raw = render_invoice_pdf(document, compress=False).decode("latin-1")
    assert "FACTURE n" in raw and invoice.number in raw
    assert "5 octobre 2026" in raw  # issue date
    assert "4 novembre 2026" in raw  # due date
    assert "du 1er septembre 2026 au 30 septembre 2026" in raw
    assert "19,60\u00a0EUR" in raw and "4,90\u00a0EUR" in raw
    assert "Reste à payer".encode("latin-1").decode("latin-1") in raw
