"""Payments of invoices: what is paid and what remains, status transitions, and recording a
payment (cheque, cash, CESU, transfer at the cash office; card and direct debit from the
modules that talk to the provider and the bank).

One rule for money: integer cents, no rounding anywhere in this module. An invoice's paid
amount is the sum of its payments; its remaining amount is ``total − paid − credited``
(credit notes issued against it) and never goes below zero, because a payment larger than
the remaining amount is refused.

Status, derived from the amounts: ISSUED (nothing paid) → PARTIALLY_PAID → PAID (payments
and credit notes cover the total). CANCELLED
and TRANSMITTED_TO_TREASURY are final for the cash office: a cancelled invoice is not owed,
a transmitted one is collected by the public treasury (the family pays there), so neither
accepts a payment here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.billing.formatting import euros
from domain.counters import next_value
from kernel.results import fail
from models import Invoice, Payment, TenantCounter
from models.billing import InvoiceKind, InvoiceStatus, PaymentMethod

OPERATION_COUNTER: Final = "payment_operation"
# Operation numbers continue the régie's nine-digit series (« 160509454 » in the guide).
FIRST_OPERATION_NUMBER: Final = 160_000_000
MAX_AMOUNT_CENTS: Final = 100_000_000  # one million euros: anything above is a typo

STAFF_METHODS: Final = frozenset(
    {PaymentMethod.CHEQUE, PaymentMethod.CASH, PaymentMethod.CESU, PaymentMethod.TRANSFER}
)
CLOSED_STATUSES: Final = frozenset({InvoiceStatus.CANCELLED, InvoiceStatus.TRANSMITTED_TO_TREASURY})
OPEN_STATUSES: Final = frozenset({InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID})

METHOD_DESCRIPTIONS: Final = {
    PaymentMethod.CHEQUE: "Chèque",
    PaymentMethod.CASH: "Règlement en espèces à la régie",
    PaymentMethod.CESU: "Chèques emploi service universel (CESU)",
    PaymentMethod.TRANSFER: "Virement",
}


@dataclass(frozen=True, slots=True)
class InvoiceAmounts:
    """What an invoice costs, what was paid, what remains (cents)."""

    total_cents: int
    paid_cents: int
    credited_cents: int = 0

    @property
    def remaining_cents(self) -> int:
        """``total − paid − credited``; never negative since overpayments are refused."""
        return max(self.total_cents - self.paid_cents - self.credited_cents, 0)


def status_after_payments(
    current: InvoiceStatus, total_cents: int, paid_cents: int, credited_cents: int = 0
) -> InvoiceStatus:
    """The status an invoice has once ``paid_cents`` of ``total_cents`` are paid (and
    ``credited_cents`` credited by credit notes).

    CANCELLED and TRANSMITTED_TO_TREASURY are kept as they are: payments never reopen or
    close them. Otherwise the amounts decide: nothing paid is ISSUED, part is
    PARTIALLY_PAID, everything (or a zero total) is PAID.
    """
    if current in CLOSED_STATUSES:
        return current
    if paid_cents + credited_cents >= total_cents:
        return InvoiceStatus.PAID
    if paid_cents > 0:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.ISSUED


async def paid_cents_by_invoice(
    session: AsyncSession, invoice_ids: Sequence[int]
) -> dict[int, int]:
    """The sum of payments of each invoice (0 when none), in one statement."""
    if not invoice_ids:
        return {}
    rows = await session.execute(
        select(Payment.invoice_id, func.sum(Payment.amount_cents))
        .where(Payment.invoice_id.in_(list(invoice_ids)))
        .group_by(Payment.invoice_id)
    )
    paid = dict.fromkeys(invoice_ids, 0)
    for invoice_id, total in rows:
        paid[invoice_id] = int(total or 0)
    return paid


async def credited_cents_by_invoice(
    session: AsyncSession, invoice_ids: Sequence[int]
) -> dict[int, int]:
    """The sum of the credit notes issued against each invoice (0 when none)."""
    if not invoice_ids:
        return {}
    rows = await session.execute(
        select(Invoice.credited_invoice_id, func.sum(Invoice.total_cents))
        .where(
            Invoice.kind == InvoiceKind.CREDIT_NOTE,
            Invoice.credited_invoice_id.in_(list(invoice_ids)),
        )
        .group_by(Invoice.credited_invoice_id)
    )
    credited = dict.fromkeys(invoice_ids, 0)
    for invoice_id, total in rows:
        if invoice_id is not None:
            credited[invoice_id] = int(total or 0)
    return credited


async def amounts_by_invoice(
    session: AsyncSession, invoices: Sequence[Invoice]
) -> dict[int, InvoiceAmounts]:
    """Total, paid, credited and remaining of each invoice, in two statements."""
    ids = [i.id for i in invoices]
    paid = await paid_cents_by_invoice(session, ids)
    credited = await credited_cents_by_invoice(session, ids)
    return {i.id: InvoiceAmounts(i.total_cents, paid[i.id], credited[i.id]) for i in invoices}


async def invoice_amounts(session: AsyncSession, invoice: Invoice) -> InvoiceAmounts:
    """Total, paid, credited and remaining of one invoice."""
    return (await amounts_by_invoice(session, [invoice]))[invoice.id]


async def lock_invoice(session: AsyncSession, tenant_id: int, invoice_id: int) -> Invoice | None:
    """The invoice of the tenant, locked for the transaction (``FOR UPDATE`` on PostgreSQL;
    SQLite's database lock plays that role), so two payments of the same invoice at the same
    moment are checked one after the other and cannot overpay it together."""
    return await session.scalar(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.tenant_id == tenant_id)
        .with_for_update()
    )


def check_payable(invoice: Invoice) -> None:
    """Refuse (DomainFailure) a payment of an invoice that is not owed here anymore."""
    if invoice.kind is InvoiceKind.CREDIT_NOTE:
        raise fail("NOT_PAYABLE", "Un avoir ne se règle pas.", "invoiceId")
    if invoice.status is InvoiceStatus.CANCELLED:
        raise fail("INVOICE_CANCELLED", "Cette facture a été annulée.", "invoiceId")
    if invoice.status is InvoiceStatus.TRANSMITTED_TO_TREASURY:
        raise fail(
            "INVOICE_TRANSMITTED",
            "Cette facture a été transmise au Trésor public : son règlement se fait "
            "auprès de la trésorerie.",
            "invoiceId",
        )
    if invoice.status is InvoiceStatus.PAID:
        raise fail("ALREADY_PAID", "Cette facture est déjà réglée.", "invoiceId")


def check_amount(amount_cents: int, remaining_cents: int) -> None:
    """Refuse a non-positive amount, or one above what remains to pay."""
    if amount_cents <= 0 or amount_cents > MAX_AMOUNT_CENTS:
        raise fail("INVALID_AMOUNT", "Le montant doit être positif.", "amount")
    if amount_cents > remaining_cents:
        raise fail(
            "AMOUNT_EXCEEDS_REMAINING",
            f"Le montant dépasse le solde à payer ({euros(remaining_cents)}).",
            "amount",
        )


async def next_operation_number(session: AsyncSession, tenant_id: int) -> str:
    """A new operation number (« 160509454 »): unique per tenant, increasing, never reused.

    A new counter starts above every numeric operation number already stored (the demo
    town's and imported payments), so it never collides with them.
    """

    async def highest() -> int:
        # Numeric strings compare as numbers when the longer one comes first.
        rows = await session.scalars(
            select(Payment.operation_number)
            .where(Payment.tenant_id == tenant_id)
            .order_by(func.length(Payment.operation_number).desc(), Payment.operation_number.desc())
            .limit(50)
        )
        numbers = [int(n) for n in rows if n.isdigit()]
        return max([FIRST_OPERATION_NUMBER - 1, *numbers])

    return str(await next_value(session, tenant_id, OPERATION_COUNTER, highest))


async def reserve_operation_numbers(session: AsyncSession, tenant_id: int, count: int) -> list[str]:
    """``count`` consecutive operation numbers in two statements (for a direct-debit batch):
    the counter row stays locked until commit, so no one else can take numbers in between."""
    if count <= 0:
        return []
    first = int(await next_operation_number(session, tenant_id))
    if count > 1:
        await session.execute(
            update(TenantCounter)
            .where(TenantCounter.tenant_id == tenant_id, TenantCounter.name == OPERATION_COUNTER)
            .values(value=TenantCounter.value + (count - 1))
        )
    return [str(first + offset) for offset in range(count)]


async def add_payment(
    session: AsyncSession,
    invoice: Invoice,
    *,
    method: PaymentMethod,
    amount_cents: int,
    paid_on: dt.date,
    description: str,
    provider_reference: str | None = None,
    recorded_by_account_id: int | None = None,
    amounts: InvoiceAmounts | None = None,
    operation_number: str | None = None,
) -> Payment:
    """Record a payment of a locked, payable invoice and bring its status up to date.

    Every payment goes through here (staff, card, direct debit): the checks on the amount
    and the status transition live in one place. A caller paying many invoices at once
    passes their ``amounts`` (read in bulk, under the same locks) to save two statements.
    """
    check_payable(invoice)
    if amounts is None:
        amounts = await invoice_amounts(session, invoice)
    check_amount(amount_cents, amounts.remaining_cents)
    payment = Payment(
        tenant_id=invoice.tenant_id,
        invoice_id=invoice.id,
        family_id=invoice.family_id,
        method=method,
        amount_cents=amount_cents,
        paid_on=paid_on,
        operation_number=operation_number
        or await next_operation_number(session, invoice.tenant_id),
        description=description[:300],
        provider_reference=provider_reference,
        recorded_by_account_id=recorded_by_account_id,
    )
    session.add(payment)
    invoice.status = status_after_payments(
        invoice.status,
        invoice.total_cents,
        amounts.paid_cents + amount_cents,
        amounts.credited_cents,
    )
    return payment


async def record_staff_payment(
    session: AsyncSession,
    *,
    tenant_id: int,
    invoice_id: int | None,
    method: PaymentMethod,
    amount_cents: int,
    paid_on: dt.date,
    reference: str | None,
    account_id: int | None,
    today: dt.date,
) -> tuple[Invoice, Payment]:
    """paymentRecord: the cash office records a cheque, cash, CESU or a transfer.

    ``reference`` (cheque number, transfer label) goes into the payment's description, as
    the family reads it under the invoice. A payment dated in the future is refused.
    """
    if method not in STAFF_METHODS:
        raise fail(
            "INVALID_METHOD",
            "Seuls les chèques, espèces, CESU et virements sont enregistrés par la régie.",
            "method",
        )
    if paid_on > today:
        raise fail("FUTURE_DATE", "La date du règlement ne peut pas être dans le futur.", "paidOn")
    reference = (reference or "").strip()
    if len(reference) > 200:
        raise fail(
            "TOO_LONG", "La référence est trop longue (200 caractères au plus).", "reference"
        )
    invoice = await lock_invoice(session, tenant_id, invoice_id) if invoice_id else None
    if invoice is None:
        raise fail("NOT_FOUND", "Facture introuvable.", "invoiceId")
    if paid_on < invoice.issued_on:
        raise fail(
            "BEFORE_ISSUE",
            "La date du règlement est antérieure à l'émission de la facture.",
            "paidOn",
        )
    label = METHOD_DESCRIPTIONS[method]
    description = f"{label} n° {reference}" if reference else label
    payment = await add_payment(
        session,
        invoice,
        method=method,
        amount_cents=amount_cents,
        paid_on=paid_on,
        description=description,
        recorded_by_account_id=account_id,
    )
    await session.flush()
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action="payment.recorded",
        object_type="Payment",
        object_id=payment.id,
        after={
            "invoice_id": invoice.id,
            "method": method,
            "amount_cents": amount_cents,
            "paid_on": paid_on,
            "invoice_status": invoice.status,
        },
    )
    return invoice, payment
