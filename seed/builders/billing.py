"""Invoices with their lines, and payments."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Child, Family, Invoice, InvoiceLine, Payment
from seed.builders.rows import add


def invoice_row(family: Family, **values: Any) -> Invoice:
    """An invoice of ``family``, unflushed; its lines follow with ``invoice_line_row``."""
    return Invoice(tenant_id=family.tenant_id, family_id=family.id, **values)


async def add_invoice(session: AsyncSession, family: Family, **values: Any) -> Invoice:
    """An invoice of ``family`` (``number``, period, dates, ``total_cents``…)."""
    return await add(session, invoice_row(family, **values))


def invoice_line_row(
    invoice: Invoice,
    *,
    child: Child | None,
    activity: Activity | None,
    quantity: int,
    unit_price_cents: int,
    **values: Any,
) -> InvoiceLine:
    """A line of ``invoice``, unflushed; its amount is quantity × unit price, as the
    billing run writes it, and its label defaults to the activity's name."""
    values.setdefault("label", activity.name if activity else "Ajustement")
    return InvoiceLine(
        tenant_id=invoice.tenant_id,
        invoice_id=invoice.id,
        child_id=child.id if child else None,
        activity_id=activity.id if activity else None,
        quantity=quantity,
        unit_price_cents=unit_price_cents,
        amount_cents=quantity * unit_price_cents,
        **values,
    )


async def add_invoice_line(
    session: AsyncSession,
    invoice: Invoice,
    *,
    child: Child | None,
    activity: Activity | None,
    quantity: int,
    unit_price_cents: int,
    **values: Any,
) -> InvoiceLine:
    """A line of ``invoice`` (``invoice_line_row``)."""
    return await add(
        session,
        invoice_line_row(
            invoice,
            child=child,
            activity=activity,
            quantity=quantity,
            unit_price_cents=unit_price_cents,
            **values,
        ),
    )


def payment_row(invoice: Invoice, **values: Any) -> Payment:
    """A payment of ``invoice``, unflushed, written as is: no balance check, the builders
    arrange data, the domain decides."""
    return Payment(
        tenant_id=invoice.tenant_id, invoice_id=invoice.id, family_id=invoice.family_id, **values
    )


async def add_payment(session: AsyncSession, invoice: Invoice, **values: Any) -> Payment:
    """A payment of ``invoice`` (``method``, ``amount_cents``, ``paid_on``…)."""
    return await add(session, payment_row(invoice, **values))
