"""Invoices before they are numbered: what the monthly run and the credit notes issue.

Plain values (no session), so that pricing can be tested and previewed without writing.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.billing import InvoiceLineKind


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A line to issue: quantity × unit price, and the bookings it bills."""

    child_id: int | None
    activity_id: int | None
    kind: InvoiceLineKind
    label: str
    quantity: int
    unit_price_cents: int
    booking_ids: tuple[int, ...] = ()

    @property
    def amount_cents(self) -> int:
        """Exactly quantity × unit price."""
        return self.quantity * self.unit_price_cents


@dataclass(frozen=True, slots=True)
class DraftInvoice:
    """The invoice of one family for the month, before it is numbered."""

    family_id: int
    family_name: str
    payer_guardian_id: int | None
    lines: tuple[DraftLine, ...]

    @property
    def total_cents(self) -> int:
        """The sum of the lines."""
        return sum(line.amount_cents for line in self.lines)
