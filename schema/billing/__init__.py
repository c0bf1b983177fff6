"""Billing in the graph: invoices, payments, billing runs, certificates (issue 6)."""

from __future__ import annotations

import strawberry


@strawberry.type(description="Entry points to billing.")
class BillingQueries:
    """Invoices and payments (filled in by the billing package)."""


@strawberry.type(description="Billing actions.")
class BillingMutations:
    """Billing runs, payments, credit notes (filled in by the billing package)."""
