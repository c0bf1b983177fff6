"""Payments in the graph: online card payments, payments recorded by staff, direct debit."""

from __future__ import annotations

import strawberry


@strawberry.type(description="Entry points to payments.")
class PaymentQueries:
    """Payments and direct-debit batches."""


@strawberry.type(description="Payment actions.")
class PaymentMutations:
    """Online payments, recorded payments, direct debit, treasury."""
