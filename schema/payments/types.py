"""The payment types of the graph: ``Payment`` (« N° Opération, Moyen de paiement,
Montant »), ``DirectDebitBatch`` (a SEPA pain.008 file), the yearly ``ChildcareCertificate``
and the online ``PaymentIntent``, with their enums.

Amounts are integer cents, like the rest of billing. Files (pain.008, certificate PDF) are
not in the graph: their URLs are served with the same bearer token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from domain.payments.certificates import Certificate
from models import DirectDebitBatch as DirectDebitBatchRow
from models import Payment as PaymentRow
from models.billing import DirectDebitBatchStatus, PaymentIntentStatus, PaymentMethod
from resolvers import payments as actions
from resolvers.family import reads as family_reads
from schema.billing.types import Invoice
from schema.connections import CountableConnection
from schema.family import Child
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.family import Child

PaymentMethodEnum = strawberry.enum(
    PaymentMethod,
    description="Moyen de paiement: card (online), direct debit, cheque, cash, CESU, transfer.",
)
PaymentIntentStatusEnum = strawberry.enum(
    PaymentIntentStatus, description="State of an online payment at the provider."
)
DirectDebitBatchStatusEnum = strawberry.enum(
    DirectDebitBatchStatus,
    description="A direct-debit file is prepared (sent to the bank), then executed.",
)


@strawberry.type(description="A payment (règlement) of an invoice.")
class Payment(ScopedNode):
    pk: relay.NodeID[int]
    invoice_pk: strawberry.Private[int]
    operation_number: str = strawberry.field(description="N° d'opération (« 160509454 »).")
    paid_on: dt.date = strawberry.field(description="Date of the payment.")
    method: PaymentMethod = strawberry.field(description="Moyen de paiement.")
    method_label: str = strawberry.field(description="French label of the method.")
    amount_cents: int = strawberry.field(description="Amount, in cents.")
    description: str = strawberry.field(
        description="As the family reads it (« Règlement en ligne - Transaction n° 3fe56d »)."
    )

    @classmethod
    def from_row(cls, row: PaymentRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            invoice_pk=row.invoice_id,
            operation_number=row.operation_number,
            paid_on=row.paid_on,
            method=row.method,
            method_label=label(row.method),
            amount_cents=row.amount_cents,
            description=row.description,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await actions.payments_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The invoice this payment settles.")
    async def invoice(self, info: strawberry.Info) -> Invoice | None:
        row = await actions.payment_invoice(info.context, self.invoice_pk)
        return Invoice.from_row(row) if row is not None else None


@strawberry.type(description="A page of payments.")
class PaymentConnection(CountableConnection, relay.Connection[Payment]):
    pass


@strawberry.type(description="A SEPA direct-debit file (pain.008) for one collection date.")
class DirectDebitBatch(ScopedNode):
    pk: relay.NodeID[int]
    collection_date: dt.date = strawberry.field(description="Date the bank debits the families.")
    status: DirectDebitBatchStatus = strawberry.field(description="Prepared or executed.")
    status_label: str = strawberry.field(description="French label of the status.")
    message_id: str = strawberry.field(description="Message id of the pain.008 file.")
    transaction_count: int = strawberry.field(description="Number of debits in the file.")
    total_cents: int = strawberry.field(description="Total debited, in cents.")
    created_at: dt.datetime = strawberry.field(description="When the file was prepared.")
    executed_at: dt.datetime | None = strawberry.field(
        description="When the debit was recorded as executed."
    )

    @classmethod
    def from_row(cls, row: DirectDebitBatchRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            collection_date=row.collection_date,
            status=row.status,
            status_label=label(row.status),
            message_id=row.message_id,
            transaction_count=row.transaction_count,
            total_cents=row.total_cents,
            created_at=row.created_at,
            executed_at=row.executed_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        if not info.context.viewer.is_staff:
            return [None] * len(keys)
        rows = {row.id: row for row in await actions.direct_debit_batches(info.context)}
        return [cls.from_row(rows[key]) if key in rows else None for key in keys]

    @strawberry.field(
        description="Relative URL of the pain.008 XML file: GET it with the same "
        "`Authorization: Bearer` header (staff only)."
    )
    def file_url(self, info: strawberry.Info) -> str:
        global_id = str(relay.GlobalID("DirectDebitBatch", str(self.pk)))
        return actions.direct_debit_file_path(info.context.tenant.slug, global_id)

    @strawberry.field(description="The invoices debited by this file, by number.")
    async def invoices(self, info: strawberry.Info) -> list[Invoice]:
        rows = await actions.direct_debit_batch_invoices(info.context, self.pk)
        return [Invoice.from_row(r) for r in rows]


@strawberry.type(description="An invoice's share in a childcare certificate.")
class ChildcareCertificateInvoice:
    number: str = strawberry.field(description="Invoice number.")
    issued_on: dt.date = strawberry.field(description="Date of the invoice.")
    childcare_cents: int = strawberry.field(
        description="The child's childcare on the invoice (meals and penalties excluded)."
    )
    counted_cents: int = strawberry.field(
        description="The part of it paid during the year, in cents (rounded down)."
    )


@strawberry.type(
    description="Yearly childcare certificate (attestation de frais de garde) of a child "
    "under 6 on 1 January: childcare paid during the year, meals and penalties excluded."
)
class ChildcareCertificate:
    child_pk: strawberry.Private[int]
    year: int = strawberry.field(description="The calendar year.")
    amount_cents: int = strawberry.field(description="Childcare paid during the year, in cents.")
    invoices: list[ChildcareCertificateInvoice] = strawberry.field(
        description="Where the amount comes from, invoice by invoice."
    )

    @classmethod
    def from_certificate(cls, certificate: Certificate) -> Self:
        """Map a computed certificate to the API type."""
        return cls(
            child_pk=certificate.child.id,
            year=certificate.year,
            amount_cents=certificate.amount_cents,
            invoices=[
                ChildcareCertificateInvoice(
                    number=i.number,
                    issued_on=i.issued_on,
                    childcare_cents=i.childcare_cents,
                    counted_cents=i.counted_cents,
                )
                for i in certificate.invoices
            ],
        )

    @strawberry.field(description="The child.")
    async def child(
        self, info: strawberry.Info
    ) -> Annotated[Child, strawberry.lazy("schema.family")] | None:
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None

    @strawberry.field(
        description="Relative URL of the PDF: GET it with the same `Authorization: Bearer` "
        "header (the family and staff only)."
    )
    def pdf_url(self, info: strawberry.Info) -> str:
        global_id = str(relay.GlobalID("Child", str(self.child_pk)))
        return actions.certificate_path(info.context.tenant.slug, global_id, self.year)


@strawberry.type(description="An online payment waiting at the provider.")
class PaymentIntent:
    reference: str = strawberry.field(description="Reference of the payment at the provider.")
    amount_cents: int = strawberry.field(description="Amount to pay, in cents.")
    status: PaymentIntentStatus = strawberry.field(description="State at the provider.")
    status_label: str = strawberry.field(description="French label of the state.")
