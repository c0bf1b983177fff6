"""Yearly childcare certificate (attestation de frais de garde), for the income-tax credit on
childcare costs of children under 6 on 1 January of the year.

What counts: amounts PAID during the year for childcare — lines of activities marked
``is_childcare`` (never MEAL activities), attendance, billed absences, reductions and
adjustments; PENALTY lines (late cancellation, presence without booking) are excluded.

An invoice mixes childcare, meals and children, and may be paid in several payments, some
in another year; so each invoice counts the child's childcare lines in proportion to what
was paid on it during the year: ``childcare × paid_in_year ÷ total``, (credit notes
against the invoice deducted from both childcare and total), rounded down to the
cent (the one rounding rule here, in the family's disfavour by less than a cent per invoice
— never overstating what a tax form will claim). A fully paid invoice counts exactly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Child, Invoice, InvoiceLine, Payment
from models.activity import ActivityCategory
from models.billing import InvoiceKind, InvoiceLineKind

COUNTED_LINE_KINDS = (
    InvoiceLineKind.ATTENDANCE,
    InvoiceLineKind.BILLED_ABSENCE,
    InvoiceLineKind.REDUCTION,
    InvoiceLineKind.ADJUSTMENT,
)


@dataclass(frozen=True, slots=True)
class CertificateInvoice:
    """One invoice's share in a certificate."""

    number: str
    issued_on: dt.date
    childcare_cents: int  # the child's childcare lines on the invoice
    counted_cents: int  # the part paid during the year


@dataclass(frozen=True, slots=True)
class Certificate:
    """The childcare costs paid in ``year`` for one child."""

    child: Child
    year: int
    invoices: tuple[CertificateInvoice, ...] = field(default=())

    @property
    def amount_cents(self) -> int:
        """Total paid for childcare during the year."""
        return sum(i.counted_cents for i in self.invoices)


def eligible(child: Child, year: int) -> bool:
    """Under 6 on 1 January of ``year`` (born after 1 January ``year − 6``)."""
    return child.birth_date > dt.date(year - 6, 1, 1)


async def _credited(
    session: AsyncSession, invoice_ids: list[int], child_ids: list[int]
) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """Credit notes against the invoices: their totals, and their childcare per child."""
    totals: dict[int, int] = {}
    for invoice_id, total in await session.execute(
        select(Invoice.credited_invoice_id, func.sum(Invoice.total_cents))
        .where(
            Invoice.kind == InvoiceKind.CREDIT_NOTE, Invoice.credited_invoice_id.in_(invoice_ids)
        )
        .group_by(Invoice.credited_invoice_id)
    ):
        if invoice_id is not None:
            totals[invoice_id] = int(total or 0)
    care: dict[tuple[int, int], int] = {}
    if totals:
        for invoice_id, child_id, amount in await session.execute(
            select(
                Invoice.credited_invoice_id,
                InvoiceLine.child_id,
                func.sum(InvoiceLine.amount_cents),
            )
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .join(Activity, Activity.id == InvoiceLine.activity_id)
            .where(
                Invoice.kind == InvoiceKind.CREDIT_NOTE,
                Invoice.credited_invoice_id.in_(sorted(totals)),
                InvoiceLine.child_id.in_(child_ids),
                InvoiceLine.kind != InvoiceLineKind.PENALTY,
                Activity.is_childcare.is_(True),
                Activity.category != ActivityCategory.MEAL,
            )
            .group_by(Invoice.credited_invoice_id, InvoiceLine.child_id)
        ):
            if invoice_id is not None and child_id is not None:
                care[(invoice_id, child_id)] = int(amount or 0)
    return totals, care


async def certificates_for(
    session: AsyncSession, *, tenant_id: int, children: list[Child], year: int
) -> list[Certificate]:
    """The certificates of the eligible children among ``children`` (any family), in a fixed
    number of statements whatever the number of children."""
    kids = [c for c in children if eligible(c, year) and c.tenant_id == tenant_id]
    if not kids:
        return []
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    paid_rows = await session.execute(
        select(Payment.invoice_id, func.sum(Payment.amount_cents))
        .join(Invoice, Invoice.id == Payment.invoice_id)
        .where(
            Payment.tenant_id == tenant_id,
            Payment.family_id.in_(sorted({c.family_id for c in kids})),
            Payment.paid_on >= start,
            Payment.paid_on <= end,
            Invoice.kind == InvoiceKind.INVOICE,
        )
        .group_by(Payment.invoice_id)
    )
    paid_in_year = {invoice_id: int(total) for invoice_id, total in paid_rows}
    by_child: dict[int, list[CertificateInvoice]] = defaultdict(list)
    if paid_in_year:
        rows = await session.execute(
            select(
                InvoiceLine.child_id,
                Invoice.id,
                Invoice.number,
                Invoice.issued_on,
                Invoice.total_cents,
                func.sum(InvoiceLine.amount_cents),
            )
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .join(Activity, Activity.id == InvoiceLine.activity_id)
            .where(
                InvoiceLine.invoice_id.in_(sorted(paid_in_year)),
                InvoiceLine.child_id.in_([c.id for c in kids]),
                InvoiceLine.kind.in_(COUNTED_LINE_KINDS),
                Activity.is_childcare.is_(True),
                Activity.category != ActivityCategory.MEAL,
            )
            .group_by(
                InvoiceLine.child_id,
                Invoice.id,
                Invoice.number,
                Invoice.issued_on,
                Invoice.total_cents,
            )
            .order_by(Invoice.issued_on, Invoice.number)
        )
        credited_total, credited_care = await _credited(
            session, sorted(paid_in_year), [c.id for c in kids]
        )
        for child_id, invoice_id, number, issued_on, total, childcare in rows:
            # Credit notes lower both what is owed and the childcare it contains.
            if child_id is None:
                continue
            due = total - credited_total.get(invoice_id, 0)
            childcare = int(childcare or 0) - credited_care.get((invoice_id, child_id), 0)
            if due <= 0 or childcare <= 0:
                continue
            counted = min(childcare * min(paid_in_year[invoice_id], due) // due, childcare)
            by_child[child_id].append(CertificateInvoice(number, issued_on, childcare, counted))
    return [Certificate(c, year, tuple(by_child.get(c.id, ()))) for c in kids]
