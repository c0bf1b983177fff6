"""Billing: invoiced, paid, remaining and transmitted to the treasury; payments by method.

``billing`` is one grouped statement over invoice lines (cancelled invoices excluded), so
that it can be grouped by activity. An invoice's payments are spread over its lines in
proportion to their amounts (the usual *ventilation au prorata*): grouped by month or
status only, the figures are exactly the invoices' totals and payments. ``transmitted`` is
the amount of the lines of invoices transmitted to the treasury. ``count`` is the number of
invoices; a group is suppressed when it covers fewer families than the minimum size.

``payments`` groups the payments received (by day/week/month of payment and by method).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Float, Select, case, cast, func, select

from domain.reporting.dialect import month_of
from domain.reporting.query import (
    Dimension,
    KeyColumn,
    ReportQuery,
    check_query,
    date_keys,
    date_range,
    finish,
    grouped,
    sum_if,
)
from models import Activity, Child, Establishment, Invoice, InvoiceLine, Payment
from models.billing import InvoiceStatus

BILLING = "billing"
BILLING_DIMENSIONS = (
    Dimension.MONTH,
    Dimension.ACTIVITY,
    Dimension.ESTABLISHMENT,
    Dimension.GRADE,
    Dimension.STATUS,
)
BILLING_MEASURES = ("invoiced_cents", "paid_cents", "transmitted_cents")

PAYMENTS = "payments"
PAYMENT_DIMENSIONS = (Dimension.DAY, Dimension.WEEK, Dimension.MONTH, Dimension.PAYMENT_METHOD)
PAYMENT_MEASURES = ("amount_cents",)


def billing_statement(query: ReportQuery) -> Select[Any]:
    """The billing report's single statement (the month is the invoice's billed month)."""
    check_query(query, report=BILLING, dimensions=BILLING_DIMENSIONS)
    where = query.where
    # Paid so far, per invoice: a correlated lookup on the payment(invoice_id) index — a
    # stable plan even before the planner has statistics (a joined aggregate was not).
    paid = (
        select(func.coalesce(func.sum(Payment.amount_cents), 0))
        .where(Payment.invoice_id == Invoice.id)
        .correlate(Invoice)
        .scalar_subquery()
    )
    keys: dict[Dimension, KeyColumn] = {
        Dimension.MONTH: KeyColumn(month_of(Invoice.period_start, query.dialect)),
        Dimension.ACTIVITY: KeyColumn(Activity.id, Activity.name),
        Dimension.ESTABLISHMENT: KeyColumn(Establishment.id, Establishment.name),
        Dimension.GRADE: KeyColumn(Child.grade),
        Dimension.STATUS: KeyColumn(Invoice.status),
    }
    share = case(
        (
            Invoice.total_cents != 0,
            cast(InvoiceLine.amount_cents, Float) * paid / Invoice.total_cents,
        ),
        else_=0.0,
    )
    measures: Mapping[str, Any] = {
        "invoiced_cents": func.coalesce(func.sum(InvoiceLine.amount_cents), 0),
        "paid_cents": func.coalesce(func.sum(share), 0),
        "transmitted_cents": sum_if(
            Invoice.status == InvoiceStatus.TRANSMITTED_TO_TREASURY, InvoiceLine.amount_cents
        ),
    }

    def build(columns: list[Any]) -> Select[Any]:
        statement = (
            select(*columns)
            .select_from(InvoiceLine)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .outerjoin(Activity, Activity.id == InvoiceLine.activity_id)
            .outerjoin(Establishment, Establishment.id == Activity.establishment_id)
            .outerjoin(Child, Child.id == InvoiceLine.child_id)
            .where(
                Invoice.tenant_id == query.tenant_id,
                Invoice.status != InvoiceStatus.CANCELLED,
                *date_range(Invoice.period_start, where),
            )
        )
        if where.activity_ids:
            statement = statement.where(InvoiceLine.activity_id.in_(where.activity_ids))
        if where.establishment_ids:
            statement = statement.where(Activity.establishment_id.in_(where.establishment_ids))
        if where.grades:
            statement = statement.where(Child.grade.in_(where.grades))
        return statement

    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(func.distinct(Invoice.id)),
            population=func.count(func.distinct(Invoice.family_id)),
            measures=measures,
            build=build,
        ),
    )


def billing_convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Cents as integers (the prorated payments rounded), and what remains to be paid."""
    invoiced = int(values["invoiced_cents"] or 0)
    paid = round(float(values["paid_cents"] or 0))
    return {
        "invoiced_cents": invoiced,
        "paid_cents": paid,
        "remaining_cents": invoiced - paid,
        "transmitted_cents": int(values["transmitted_cents"] or 0),
        "families": int(values["population"] or 0),
    }


def payments_statement(query: ReportQuery) -> Select[Any]:
    """The payments report's single statement (dates are payment dates)."""
    check_query(query, report=PAYMENTS, dimensions=PAYMENT_DIMENSIONS, filters=("dates",))
    keys: dict[Dimension, KeyColumn] = {
        **date_keys(Payment.paid_on, query.dialect),
        Dimension.PAYMENT_METHOD: KeyColumn(Payment.method),
    }
    measures: Mapping[str, Any] = {
        "amount_cents": func.coalesce(func.sum(Payment.amount_cents), 0),
    }
    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(),
            population=func.count(func.distinct(Payment.family_id)),
            measures=measures,
            build=lambda columns: (
                select(*columns)
                .select_from(Payment)
                .where(
                    Payment.tenant_id == query.tenant_id, *date_range(Payment.paid_on, query.where)
                )
            ),
        ),
    )


def payments_convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Cents and family counts as integers."""
    return {
        "amount_cents": int(values["amount_cents"] or 0),
        "families": int(values["population"] or 0),
    }
