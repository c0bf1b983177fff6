"""Payment factories: a billed family (tenant, payer, child, activities, an invoice with
lines), payments, bank accounts with a SEPA mandate, and the tenant's SEPA creditor."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Activity,
    BankAccount,
    Child,
    Family,
    Guardian,
    Invoice,
    InvoiceLine,
    Payment,
    Tenant,
)
from models.activity import ActivityCategory
from models.billing import InvoiceLineKind, PaymentMethod
from seed import builders
from tests.factories import catalogue as factories
from tests.factories.family import make_child, make_family, make_guardian, make_invoice

__all__ = [
    "CREDITOR",
    "DEBTOR_BIC",
    "DEBTOR_IBAN",
    "PayingFamily",
    "make_bank_account",
    "make_billed_invoice",
    "make_invoice_line",
    "make_paying_family",
    "make_payment",
]

_sequence = itertools.count(1)

CREDITOR = {
    "name": "Régie enfance de Saint-Ismier",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP",
    "creditorId": "FR12ZZZ123456",
}
DEBTOR_IBAN = "FR1420041010050500013M02606"
DEBTOR_BIC = "PSSTFRPPGRE"


async def make_payment(
    session: AsyncSession,
    invoice: Invoice,
    amount_cents: int,
    *,
    paid_on: dt.date | None = None,
    method: PaymentMethod = PaymentMethod.CHEQUE,
    **overrides: Any,
) -> Payment:
    """A payment of ``invoice`` written directly (no checks: for arranging data)."""
    values: dict[str, Any] = {
        "method": method,
        "amount_cents": amount_cents,
        "paid_on": paid_on or invoice.issued_on,
        "operation_number": f"F{next(_sequence):08d}",
        "description": "Chèque",
    }
    values.update(overrides)
    return await builders.add_payment(session, invoice, **values)


async def make_bank_account(
    session: AsyncSession, family: Family, *, holder: Guardian | None = None, **overrides: Any
) -> BankAccount:
    """The primary bank account of ``family`` with a signed mandate."""
    values: dict[str, Any] = {
        "holder_guardian_id": holder.id if holder else None,
        "holder_name": f"{holder.first_name} {holder.last_name}" if holder else family.name,
        "iban": DEBTOR_IBAN,
        "bic": DEBTOR_BIC,
        "is_primary": True,
        "mandate_reference": f"MDT-{family.subscriber_code}",
        "mandate_signed_on": dt.date(2025, 8, 20),
    }
    values.update(overrides)
    return await builders.add_bank_account(session, family, **values)


async def make_invoice_line(
    session: AsyncSession,
    invoice: Invoice,
    *,
    child: Child | None,
    activity: Activity | None,
    quantity: int,
    unit_price_cents: int,
    kind: InvoiceLineKind = InvoiceLineKind.ATTENDANCE,
) -> InvoiceLine:
    """A line of ``invoice`` (amount = quantity × unit price)."""
    return await builders.add_invoice_line(
        session,
        invoice,
        child=child,
        activity=activity,
        quantity=quantity,
        unit_price_cents=unit_price_cents,
        kind=kind,
    )


@dataclass
class PayingFamily:
    """A tenant with a family (payer, one child) and two activities: childcare and meals."""

    tenant: Tenant
    family: Family
    payer: Guardian
    child: Child
    care: Activity
    meal: Activity


async def make_paying_family(
    session: AsyncSession,
    tenant: Tenant | None = None,
    *,
    birth_date: dt.date = dt.date(2021, 5, 10),
    **family_overrides: Any,
) -> PayingFamily:
    """A family of ``tenant`` (a new one by default) ready to be invoiced."""
    tenant = tenant or await factories.make_tenant(session, settings={"sepaCreditor": CREDITOR})
    year = await factories.make_school_year(session, tenant, label=f"2025-{next(_sequence)}")
    school = await factories.make_establishment(session, tenant)
    care = await factories.make_activity(session, school, year, name="Garderie du matin")
    meal = await factories.make_activity(
        session,
        school,
        year,
        name="Restauration scolaire",
        category=ActivityCategory.MEAL,
        is_childcare=False,
    )
    family = await make_family(session, tenant, **family_overrides)
    payer = await make_guardian(session, family)
    child = await make_child(session, family, birth_date=birth_date)
    return PayingFamily(tenant, family, payer, child, care, meal)


async def make_billed_invoice(
    session: AsyncSession,
    paying: PayingFamily,
    *,
    issued_on: dt.date = dt.date(2026, 2, 5),
    care_days: int = 10,
    meal_days: int = 8,
    penalty_cents: int = 0,
    **overrides: Any,
) -> Invoice:
    """An invoice of the family with childcare (3,50 €), meal (4,20 €) and penalty lines;
    its total is the sum of its lines."""
    total = care_days * 350 + meal_days * 420 + penalty_cents
    invoice = await make_invoice(
        session, paying.family, issued_on=issued_on, total_cents=total, **overrides
    )
    await make_invoice_line(
        session,
        invoice,
        child=paying.child,
        activity=paying.care,
        quantity=care_days,
        unit_price_cents=350,
    )
    if meal_days:
        await make_invoice_line(
            session,
            invoice,
            child=paying.child,
            activity=paying.meal,
            quantity=meal_days,
            unit_price_cents=420,
        )
    if penalty_cents:
        await make_invoice_line(
            session,
            invoice,
            child=paying.child,
            activity=paying.care,
            quantity=1,
            unit_price_cents=penalty_cents,
            kind=InvoiceLineKind.PENALTY,
        )
    return invoice
