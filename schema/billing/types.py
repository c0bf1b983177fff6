"""The shared GraphQL types of billing: ``Invoice`` (invoices and credit notes) and
``InvoiceLine``.

Amounts are integer cents. ``remainingCents`` = total − payments − credit notes issued
against the invoice (never below zero). The PDF is not part of the graph: ``pdfUrl`` is
served by ``GET /{tenant}/invoices/{id}.pdf`` with the same bearer token.

``payments`` is resolved by the payments module (``resolvers.payments``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from models import Invoice as InvoiceRow
from models import InvoiceLine as InvoiceLineRow
from models.billing import InvoiceKind, InvoiceLineKind, InvoiceStatus
from resolvers import billing as reads
from resolvers.family import reads as family_reads
from resolvers.payments import can_pay_online, invoice_payments
from schema.connections import CountableConnection
from schema.family import Child, Family
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.family import Child, Family
    from schema.payments.types import Payment

InvoiceKindEnum = strawberry.enum(
    InvoiceKind, description="An invoice (facture) or a credit note (avoir) correcting one."
)
InvoiceStatusEnum = strawberry.enum(
    InvoiceStatus,
    description="Where an invoice stands: to pay, partially paid, paid, transmitted to the "
    "public treasury, cancelled.",
)
InvoiceLineKindEnum = strawberry.enum(
    InvoiceLineKind,
    description="Why a line is on the invoice: attendance, billed absence, penalty, "
    "reduction, adjustment.",
)


@strawberry.type(description="A line of an invoice: quantity × unit price = amount, exactly.")
class InvoiceLine(ScopedNode):
    pk: relay.NodeID[int]
    child_pk: strawberry.Private[int | None]
    activity_pk: strawberry.Private[int | None]
    kind: InvoiceLineKind = strawberry.field(description="Why the line is there.")
    kind_label: str = strawberry.field(description="French label of the kind.")
    label: str = strawberry.field(
        description="What is billed, in French (« Restauration scolaire — Léa »)."
    )
    quantity: int = strawberry.field(description="Number of units (days, meals, penalties).")
    unit_price_cents: int = strawberry.field(description="Price of one unit, in cents.")
    amount_cents: int = strawberry.field(description="quantity × unit price, in cents.")

    @classmethod
    def from_row(cls, row: InvoiceLineRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            child_pk=row.child_id,
            activity_pk=row.activity_id,
            kind=row.kind,
            kind_label=label(row.kind),
            label=row.label,
            quantity=row.quantity,
            unit_price_cents=row.unit_price_cents,
            amount_cents=row.amount_cents,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.lines_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The child the line is about (null: the whole family).")
    async def child(
        self, info: strawberry.Info
    ) -> Annotated[Child, strawberry.lazy("schema.family")] | None:
        if self.child_pk is None:
            return None
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None


@strawberry.type(description="An invoice (facture) or a credit note (avoir) of a family.")
class Invoice(ScopedNode):
    pk: relay.NodeID[int]
    family_pk: strawberry.Private[int]
    credited_pk: strawberry.Private[int | None]
    number: str = strawberry.field(description="Number per collectivity and year (2026-01-0042).")
    kind: InvoiceKind = strawberry.field(description="Invoice or credit note.")
    kind_label: str = strawberry.field(description="French label of the kind.")
    issued_on: dt.date = strawberry.field(description="Date of issue (date de facture).")
    due_on: dt.date = strawberry.field(description="Due date (échéance).")
    issuer: str = strawberry.field(description="Who issues it (la régie of the collectivity).")
    period_start: dt.date = strawberry.field(description="First day of the billed period.")
    period_end: dt.date = strawberry.field(description="Last day of the billed period.")
    total_cents: int = strawberry.field(description="Sum of the lines, in cents.")
    status: InvoiceStatus = strawberry.field(description="Where the invoice stands.")
    status_label: str = strawberry.field(description="French label of the status.")

    @classmethod
    def from_row(cls, row: InvoiceRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            family_pk=row.family_id,
            credited_pk=row.credited_invoice_id,
            number=row.number,
            kind=row.kind,
            kind_label=label(row.kind),
            issued_on=row.issued_on,
            due_on=row.due_on,
            issuer=row.issuer,
            period_start=row.period_start,
            period_end=row.period_end,
            total_cents=row.total_cents,
            status=row.status,
            status_label=label(row.status),
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.invoices_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The lines, in order (batched over a page of invoices).")
    async def lines(self, info: strawberry.Info) -> list[InvoiceLine]:
        return [InvoiceLine.from_row(r) for r in await reads.lines_of(info.context, self.pk)]

    @strawberry.field(description="Sum of the payments received, in cents.")
    async def paid_cents(self, info: strawberry.Info) -> int:
        return await reads.paid_cents_of(info.context, self.pk)

    @strawberry.field(
        description="Sum of the credit notes issued against this invoice, in cents (0 for a "
        "credit note)."
    )
    async def credited_cents(self, info: strawberry.Info) -> int:
        return await reads.credited_cents_of(info.context, self.pk)

    @strawberry.field(
        description="What is left to pay, in cents: total − payments − credit notes (never "
        "below 0; always 0 for a credit note)."
    )
    async def remaining_cents(self, info: strawberry.Info) -> int:
        if self.kind is InvoiceKind.CREDIT_NOTE:
            return 0
        paid = await reads.paid_cents_of(info.context, self.pk)
        credited = await reads.credited_cents_of(info.context, self.pk)
        return max(self.total_cents - paid - credited, 0)

    @strawberry.field(
        description="Relative URL of the PDF: GET it with the same `Authorization: Bearer` "
        "header (the family and staff only)."
    )
    def pdf_url(self, info: strawberry.Info) -> str:
        global_id = str(relay.GlobalID("Invoice", str(self.pk)))
        return reads.pdf_path(info.context.tenant.slug, global_id)

    @strawberry.field(description="For a credit note: the invoice it corrects.")
    async def credited_invoice(self, info: strawberry.Info) -> Invoice | None:
        if self.credited_pk is None:
            return None
        (row,) = await reads.invoices_by_id(info.context, [self.credited_pk])
        return Invoice.from_row(row) if row is not None else None

    @strawberry.field(description="The family file the invoice is addressed to.")
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family")] | None:
        (row,) = await family_reads.families_by_id(info.context, [self.family_pk])
        return Family.from_row(row) if row is not None else None

    # --- payments: added by the payments helper -------------------------------------
    @strawberry.field(
        description="The payments (règlements) of the invoice, by date: operation number, "
        "method, amount (batched over a page of invoices)."
    )
    async def payments(
        self, info: strawberry.Info
    ) -> list[Annotated[Payment, strawberry.lazy("schema.payments.types")]]:
        payment = upward("schema.payments.types", "Payment")
        return [payment.from_row(r) for r in await invoice_payments(info.context, self.pk)]

    @strawberry.field(
        description="Whether the family can pay this invoice online now (« Payer en ligne », "
        "invoicePaymentStart): false when the town offers no online payment (its "
        "paymentProvider setting is NONE), for a credit note, an invoice paid, cancelled or "
        "transmitted to the treasury, past its due date, or for a family paying by direct "
        "debit."
    )
    async def can_pay_online(self, info: strawberry.Info) -> bool:
        if self.kind is InvoiceKind.CREDIT_NOTE:
            return False
        paid = await reads.paid_cents_of(info.context, self.pk)
        credited = await reads.credited_cents_of(info.context, self.pk)
        return await can_pay_online(
            info.context,
            family_id=self.family_pk,
            kind=self.kind,
            status=self.status,
            due_on=self.due_on,
            remaining_cents=max(self.total_cents - paid - credited, 0),
        )


@strawberry.type(description="A page of invoices.")
class InvoiceConnection(CountableConnection, relay.Connection[Invoice]):
    pass
