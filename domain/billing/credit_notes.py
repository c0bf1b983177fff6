"""Credit notes (avoirs): the only way to correct an issued invoice.

An issued invoice is never edited. A credit note is a new document of kind ``CREDIT_NOTE``
referencing the invoice, numbered like invoices (the month of issue, the year's
sequence), with positive lines: some units of the invoice's lines at their unit price
(« 2 repas non consommés »), or one adjustment of a given amount. The credited total can
never exceed what the invoice still owes by credit (total − credit notes already issued).
A fully credited invoice becomes ``CANCELLED``; one whose payments and credits cover it
becomes ``PAID``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.drafts import DraftInvoice, DraftLine
from domain.billing.formatting import euros
from domain.billing.invoice_terms import issuer_of
from domain.billing.invoice_writing import insert_lines
from domain.billing.numbering import format_number, reserve_sequences
from domain.events import append_event
from kernel.results import DomainFailure, Problem, fail
from models import Invoice, InvoiceLine, Payment, Tenant
from models.billing import InvoiceKind, InvoiceLineKind, InvoiceStatus
from models.event import EventKind

REASON_MAX = 300


@dataclass(frozen=True, slots=True)
class CreditedLine:
    """Credit ``quantity`` units of an invoice line, at its unit price."""

    line_id: int
    quantity: int


async def credited_total(session: AsyncSession, invoice_id: int) -> int:
    """Sum of the credit notes already issued against an invoice."""
    value = await session.scalar(
        select(func.coalesce(func.sum(Invoice.total_cents), 0)).where(
            Invoice.credited_invoice_id == invoice_id, Invoice.kind == InvoiceKind.CREDIT_NOTE
        )
    )
    return int(value or 0)


async def _paid_total(session: AsyncSession, invoice_id: int) -> int:
    value = await session.scalar(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.invoice_id == invoice_id
        )
    )
    return int(value or 0)


def _credit_lines(
    invoice_lines: Sequence[InvoiceLine],
    lines: Sequence[CreditedLine],
    amount_cents: int | None,
    reason: str,
) -> list[DraftLine]:
    if (not lines) == (amount_cents is None):
        raise fail(
            "INVALID_INPUT",
            "Indiquez soit des lignes à créditer, soit un montant.",
            "creditedLines",
        )
    if amount_cents is not None:
        if amount_cents <= 0:
            raise fail("INVALID_AMOUNT", "Le montant de l'avoir doit être positif.", "amountCents")
        return [
            DraftLine(
                child_id=None,
                activity_id=None,
                kind=InvoiceLineKind.ADJUSTMENT,
                label=f"Avoir – {reason}"[:200],
                quantity=1,
                unit_price_cents=amount_cents,
            )
        ]
    by_id = {line.id: line for line in invoice_lines}
    problems: list[Problem] = []
    drafts: list[DraftLine] = []
    seen: set[int] = set()
    for index, wanted in enumerate(lines):
        path = ("creditedLines", str(index))
        original = by_id.get(wanted.line_id)
        if original is None or wanted.line_id in seen:
            problems.append(
                Problem("LINE_NOT_FOUND", "Cette ligne n'est pas sur la facture.", (*path, "line"))
            )
            continue
        seen.add(wanted.line_id)
        if original.unit_price_cents <= 0:
            problems.append(
                Problem(
                    "LINE_NOT_CREDITABLE",
                    "Une réduction ne peut pas être créditée.",
                    (*path, "line"),
                )
            )
            continue
        if not 0 < wanted.quantity <= original.quantity:
            problems.append(
                Problem(
                    "INVALID_QUANTITY",
                    f"La quantité doit être comprise entre 1 et {original.quantity}.",
                    (*path, "quantity"),
                )
            )
            continue
        drafts.append(
            DraftLine(
                child_id=original.child_id,
                activity_id=original.activity_id,
                kind=original.kind,
                label=original.label,
                quantity=wanted.quantity,
                unit_price_cents=original.unit_price_cents,
            )
        )
    if problems:
        raise DomainFailure(problems)
    return drafts


async def credit_invoice(
    session: AsyncSession,
    *,
    tenant: Tenant,
    invoice_id: int,
    lines: Sequence[CreditedLine] = (),
    amount_cents: int | None = None,
    reason: str,
    today: dt.date,
) -> Invoice:
    """Issue a credit note against an invoice of ``tenant`` (the caller checked staff)."""
    reason = " ".join(reason.split())
    if not reason:
        raise fail("REASON_REQUIRED", "Indiquez le motif de l'avoir.", "reason")
    if len(reason) > REASON_MAX:
        raise fail("REASON_TOO_LONG", f"Le motif est limité à {REASON_MAX} caractères.", "reason")
    invoice = await session.scalar(
        select(Invoice)
        .where(Invoice.tenant_id == tenant.id, Invoice.id == invoice_id)
        .with_for_update()
    )
    if invoice is None:
        raise fail("NOT_FOUND", "Facture introuvable.", "invoice")
    if invoice.kind is not InvoiceKind.INVOICE:
        raise fail("NOT_AN_INVOICE", "Un avoir ne peut pas être crédité.", "invoice")
    if invoice.status is InvoiceStatus.CANCELLED:
        raise fail("INVOICE_CANCELLED", "Cette facture est annulée.", "invoice")
    invoice_lines = list(
        await session.scalars(
            select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id).order_by(InvoiceLine.id)
        )
    )
    drafts = _credit_lines(invoice_lines, lines, amount_cents, reason)
    draft = DraftInvoice(
        family_id=invoice.family_id,
        family_name="",
        payer_guardian_id=invoice.payer_guardian_id,
        lines=tuple(drafts),
    )
    already = await credited_total(session, invoice.id)
    creditable = invoice.total_cents - already
    if draft.total_cents > creditable:
        raise fail(
            "AMOUNT_TOO_HIGH",
            f"L'avoir ({euros(draft.total_cents)}) dépasse ce qui reste à créditer sur la "
            f"facture ({euros(max(creditable, 0))}).",
            "amountCents" if amount_cents is not None else "creditedLines",
        )
    first = today.replace(day=1)
    sequence = await reserve_sequences(session, tenant.id, today.year, 1)
    note = Invoice(
        tenant_id=tenant.id,
        family_id=invoice.family_id,
        payer_guardian_id=invoice.payer_guardian_id,
        billing_run_id=None,
        kind=InvoiceKind.CREDIT_NOTE,
        credited_invoice_id=invoice.id,
        number=format_number(first, sequence),
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        issued_on=today,
        due_on=today,
        issuer=issuer_of(tenant),
        total_cents=draft.total_cents,
        status=InvoiceStatus.ISSUED,
        credit_reason=reason,
    )
    session.add(note)
    await session.flush()
    await insert_lines(session, tenant.id, [(note.id, draft)])
    credited = already + draft.total_cents
    if credited >= invoice.total_cents:
        invoice.status = InvoiceStatus.CANCELLED
    elif (
        invoice.status is not InvoiceStatus.TRANSMITTED_TO_TREASURY
        and await _paid_total(session, invoice.id) + credited >= invoice.total_cents
    ):
        invoice.status = InvoiceStatus.PAID
    append_event(
        session,
        tenant_id=tenant.id,
        kind=EventKind.INVOICE_ISSUED,
        subject_type="Invoice",
        subject_id=note.id,
        family_id=invoice.family_id,
        payload={
            "number": note.number,
            "totalCents": note.total_cents,
            "creditedInvoice": invoice.number,
        },
    )
    await session.flush()
    return note
