"""Invoices, billing runs, credit notes and certificates in the graph."""

from __future__ import annotations

import strawberry


@strawberry.type(description="Entry points to invoices.")
class InvoicingQueries:
    """Invoices and billing runs."""


@strawberry.type(description="Invoicing actions.")
class InvoicingMutations:
    """Billing runs and credit notes."""
