"""Billing in the graph: invoices, billing runs, certificates (invoicing) and payments."""

from __future__ import annotations

import strawberry

from schema.billing.invoicing import InvoicingMutations, InvoicingQueries
from schema.payments.roots import PaymentMutations, PaymentQueries


@strawberry.type(description="Entry points to billing.")
class BillingQueries(InvoicingQueries, PaymentQueries):
    """Invoices, payments, billing runs."""


@strawberry.type(description="Billing actions.")
class BillingMutations(InvoicingMutations, PaymentMutations):
    """Billing runs, credit notes, payments."""
