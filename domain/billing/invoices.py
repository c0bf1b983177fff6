"""Reading an invoice with what is printed on it: balance (paid, credited, remaining) and
the PDF document."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.invoice_pdf import InvoiceDocument, PdfLine, render_invoice_pdf
from domain.labels import label
from models import Family, Guardian, Invoice, InvoiceLine, Payment, Tenant
from models.billing import InvoiceKind


async def balance(session: AsyncSession, invoice: Invoice) -> tuple[int, int]:
    """(paid, credited) cents of an invoice: its payments, and the credit notes against it."""
    paid = await session.scalar(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.invoice_id == invoice.id
        )
    )
    credited = await session.scalar(
        select(func.coalesce(func.sum(Invoice.total_cents), 0)).where(
            Invoice.credited_invoice_id == invoice.id, Invoice.kind == InvoiceKind.CREDIT_NOTE
        )
    )
    return int(paid or 0), int(credited or 0)


async def invoice_document(session: AsyncSession, invoice: Invoice) -> InvoiceDocument:
    """Everything printed on ``invoice`` (a handful of statements)."""
    tenant = await session.get(Tenant, invoice.tenant_id)
    family = await session.get(Family, invoice.family_id)
    assert tenant is not None and family is not None
    payer = (
        await session.get(Guardian, invoice.payer_guardian_id)
        if invoice.payer_guardian_id is not None
        else None
    )
    lines = list(
        await session.scalars(
            select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id).order_by(InvoiceLine.id)
        )
    )
    credited_number = None
    if invoice.credited_invoice_id is not None:
        credited_number = await session.scalar(
            select(Invoice.number).where(Invoice.id == invoice.credited_invoice_id)
        )
    paid, credited = await balance(session, invoice)
    address: tuple[str, ...] = ()
    if payer is not None:
        town = " ".join(p for p in (payer.postal_code, payer.city) if p)
        address = tuple(a for a in (payer.address_line1, payer.address_line2, town) if a)
    return InvoiceDocument(
        tenant_name=tenant.name,
        service_name=tenant.service_name,
        tenant_address=tenant.postal_address,
        issuer=invoice.issuer,
        is_credit_note=invoice.kind is InvoiceKind.CREDIT_NOTE,
        number=invoice.number,
        credited_number=credited_number,
        credit_reason=invoice.credit_reason,
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        family_name=family.name,
        subscriber_code=family.subscriber_code,
        payer_name=None if payer is None else f"{payer.first_name} {payer.last_name}",
        payer_address=address,
        lines=tuple(
            PdfLine(line.label, line.quantity, line.unit_price_cents, line.amount_cents)
            for line in lines
        ),
        total_cents=invoice.total_cents,
        paid_cents=paid,
        credited_cents=credited,
        status_label=label(invoice.status),
    )


async def invoice_pdf(session: AsyncSession, invoice: Invoice) -> bytes:
    """The PDF bytes of ``invoice``."""
    return render_invoice_pdf(await invoice_document(session, invoice))
