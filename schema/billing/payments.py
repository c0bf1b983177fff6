"""Payments in the graph: payments of invoices (« N° Opération, Moyen de paiement,
Montant »), online card payment (invoicePaymentStart), payments recorded by the cash office
(paymentRecord), SEPA direct debit (directDebitPrepare / directDebitExecute), the treasury
transmission (treasuryTransmit) and the yearly childcare certificates.

Amounts are integer cents, like the rest of billing. Files (pain.008, treasury CSV,
certificate PDF) are not in the graph: their URLs are served with the same bearer token.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.billing.certificates import Certificate
from domain.labels import label
from kernel.results import DomainFailure
from models import DirectDebitBatch as DirectDebitBatchRow
from models import Payment as PaymentRow
from models.billing import DirectDebitBatchStatus, PaymentIntentStatus, PaymentMethod
from resolvers import billing_payments as actions
from resolvers import family as family_reads
from resolvers.nodes import rows_for_nodes
from resolvers.pagination import PaginationError
from schema.billing.types import Invoice
from schema.connections import CountableConnection, edges, page_info
from schema.errors import PublicError, forbidden, payload_errors, unauthenticated
from schema.inputs import After, Before, First, Last, choice, decode_pk

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

_FIELD_DOC = "Path of the input field at fault."
_MESSAGE_DOC = "What is wrong, in French."
_ERRORS_DOC = "Problems, if any (then nothing was changed)."


def _signed_in(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not (viewer.is_staff or viewer.is_parent):
        raise forbidden()


def _staff_only(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_staff:
        raise forbidden()


def _parent_only(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_parent:
        raise forbidden()


def _pk(global_id: relay.GlobalID, type_name: str) -> int | None:
    # An ID of another type is « introuvable », like one that does not exist.
    if global_id.type_name != type_name or not global_id.node_id.isdigit():
        return None
    if len(global_id.node_id) > 18:
        return None
    return int(global_id.node_id)


# --------------------------------------------------------------------------- types


@strawberry.type(description="A payment (règlement) of an invoice.")
class Payment(relay.Node):
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
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        rows = await rows_for_nodes(node_ids, lambda ids: actions.payments_by_id(info.context, ids))
        return [cls.from_row(row) if row is not None else None for row in rows]

    @strawberry.field(description="The invoice this payment settles.")
    async def invoice(self, info: strawberry.Info) -> Invoice | None:
        row = await actions.payment_invoice(info.context, self.invoice_pk)
        return Invoice.from_row(row) if row is not None else None


@strawberry.type(description="A page of payments.")
class PaymentConnection(CountableConnection, relay.Connection[Payment]):
    pass


@strawberry.type(description="A SEPA direct-debit file (pain.008) for one collection date.")
class DirectDebitBatch(relay.Node):
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
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        keys = [int(i) for i in node_ids if i.isdigit() and len(i) <= 18]
        rows = (
            {r.id: r for r in await actions.direct_debit_batches(info.context)}
            if info.context.viewer.is_staff and keys
            else {}
        )
        return [
            cls.from_row(rows[int(i)]) if i.isdigit() and int(i) in rows else None for i in node_ids
        ]

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
        from schema.family import Child

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


# --------------------------------------------------------------------------- filters


@strawberry.input(description="Filter on the payment method.")
class PaymentMethodFilter:
    eq: PaymentMethod | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[PaymentMethod] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters of the payments list.")
class PaymentFilter:
    method: PaymentMethodFilter | None = strawberry.field(default=None, description="By method.")
    paid_from: dt.date | None = strawberry.field(default=None, description="Paid on or after.")
    paid_to: dt.date | None = strawberry.field(default=None, description="Paid on or before.")
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's payments (parents: their own)."
    )
    invoice: relay.GlobalID | None = strawberry.field(
        default=None, description="Only the payments of this invoice."
    )


# --------------------------------------------------------------------------- mutations IO


@strawberry.input(description="The cash office records a payment received for an invoice.")
class PaymentRecordInput:
    invoice_id: relay.GlobalID = strawberry.field(description="The invoice paid.")
    method: PaymentMethod = strawberry.field(
        description="CHEQUE, CASH, CESU or TRANSFER (card and direct debit are recorded by "
        "their own flows)."
    )
    amount_cents: int = strawberry.field(
        description="Amount received, in cents (at most what remains to pay)."
    )
    paid_on: dt.date = strawberry.field(description="Date received (today or earlier).")
    reference: str | None = strawberry.field(
        default=None, description="Cheque number, transfer label… (≤ 200 characters)."
    )


@strawberry.enum(description="Why paymentRecord was refused.")
class PaymentRecordErrorCode(enum.Enum):
    ALREADY_PAID = "ALREADY_PAID"
    AMOUNT_EXCEEDS_REMAINING = "AMOUNT_EXCEEDS_REMAINING"
    BEFORE_ISSUE = "BEFORE_ISSUE"
    FUTURE_DATE = "FUTURE_DATE"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    INVALID_METHOD = "INVALID_METHOD"
    INVOICE_CANCELLED = "INVOICE_CANCELLED"
    INVOICE_TRANSMITTED = "INVOICE_TRANSMITTED"
    NOT_FOUND = "NOT_FOUND"
    NOT_PAYABLE = "NOT_PAYABLE"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with paymentRecord's input.")
class PaymentRecordError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: PaymentRecordErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of paymentRecord.")
class PaymentRecordPayload:
    payment: Payment | None = strawberry.field(
        description="The payment recorded; null when there are errors."
    )
    invoice: Invoice | None = strawberry.field(
        description="The invoice, with its new status; null when there are errors."
    )
    errors: list[PaymentRecordError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.input(description="A parent starts paying an invoice online by card.")
class InvoicePaymentStartInput:
    invoice_id: relay.GlobalID = strawberry.field(description="The invoice to pay.")


@strawberry.enum(description="Why invoicePaymentStart was refused.")
class InvoicePaymentStartErrorCode(enum.Enum):
    ALREADY_PAID = "ALREADY_PAID"
    DIRECT_DEBIT_FAMILY = "DIRECT_DEBIT_FAMILY"
    DUE_DATE_PASSED = "DUE_DATE_PASSED"
    INVOICE_CANCELLED = "INVOICE_CANCELLED"
    INVOICE_TRANSMITTED = "INVOICE_TRANSMITTED"
    NOT_FOUND = "NOT_FOUND"
    NOT_PAYABLE = "NOT_PAYABLE"


@strawberry.type(description="A problem with invoicePaymentStart's input.")
class InvoicePaymentStartError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: InvoicePaymentStartErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of invoicePaymentStart.")
class InvoicePaymentStartPayload:
    payment_url: str | None = strawberry.field(
        description="Where to send the parent's browser to pay; null when there are errors."
    )
    intent: PaymentIntent | None = strawberry.field(
        description="The payment waiting at the provider (the remaining amount)."
    )
    errors: list[InvoicePaymentStartError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.input(description="Staff prepare the SEPA direct-debit file of a collection date.")
class DirectDebitPrepareInput:
    collection_date: dt.date = strawberry.field(
        description="Date the bank debits; open invoices of families on direct debit due on "
        "or before it are included."
    )


@strawberry.enum(description="Why directDebitPrepare was refused.")
class DirectDebitPrepareErrorCode(enum.Enum):
    CREDITOR_NOT_CONFIGURED = "CREDITOR_NOT_CONFIGURED"
    INVALID_FILE = "INVALID_FILE"
    NOTHING_TO_DEBIT = "NOTHING_TO_DEBIT"
    PAST_DATE = "PAST_DATE"


@strawberry.type(description="A problem with directDebitPrepare's input.")
class DirectDebitPrepareError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: DirectDebitPrepareErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="An invoice left out of a direct-debit file, and why.")
class DirectDebitSkipped:
    invoice: Invoice = strawberry.field(description="The invoice.")
    reason: str = strawberry.field(description="Why, in French.")


@strawberry.type(description="Result of directDebitPrepare.")
class DirectDebitPreparePayload:
    batch: DirectDebitBatch | None = strawberry.field(
        description="The file (the existing one when the date was already prepared)."
    )
    created: bool = strawberry.field(
        description="True when prepared by this call (pre-notification mails queued)."
    )
    skipped: list[DirectDebitSkipped] = strawberry.field(
        description="Invoices of families on direct debit that could not be included."
    )
    errors: list[DirectDebitPrepareError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.input(description="Staff record that the bank executed a direct-debit file.")
class DirectDebitExecuteInput:
    collection_date: dt.date = strawberry.field(
        description="Collection date of the direct-debit file (one file per date)."
    )


@strawberry.enum(description="Why directDebitExecute was refused.")
class DirectDebitExecuteErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"


@strawberry.type(description="A problem with directDebitExecute's input.")
class DirectDebitExecuteError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: DirectDebitExecuteErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of directDebitExecute.")
class DirectDebitExecutePayload:
    batch: DirectDebitBatch | None = strawberry.field(description="The file, now EXECUTED.")
    payments: list[Payment] = strawberry.field(
        description="DIRECT_DEBIT payments recorded by this call (none when replayed)."
    )
    errors: list[DirectDebitExecuteError] = strawberry.field(description=_ERRORS_DOC)


@strawberry.input(description="Staff transmit unpaid invoices past their due date.")
class TreasuryTransmitInput:
    as_of: dt.date | None = strawberry.field(
        default=None,
        description="Invoices due before this date are transmitted (default: today).",
    )
    invoices: list[relay.GlobalID] | None = strawberry.field(
        default=None,
        description="Only these invoices (≤ 100; each must be open and due before `asOf`); "
        "null: every such invoice.",
    )


@strawberry.enum(description="Why treasuryTransmit was refused.")
class TreasuryTransmitErrorCode(enum.Enum):
    FUTURE_DATE = "FUTURE_DATE"
    NOT_TRANSMISSIBLE = "NOT_TRANSMISSIBLE"
    TOO_MANY = "TOO_MANY"


@strawberry.type(description="A problem with treasuryTransmit's input.")
class TreasuryTransmitError:
    field: list[str] = strawberry.field(description=_FIELD_DOC)
    message: str = strawberry.field(description=_MESSAGE_DOC)
    code: TreasuryTransmitErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of treasuryTransmit.")
class TreasuryTransmitPayload:
    transmitted_on: dt.date | None = strawberry.field(description="The transmission date.")
    invoices: list[Invoice] = strawberry.field(
        description="Invoices transmitted by this call (none when nothing new)."
    )
    export_url: str | None = strawberry.field(
        description="Relative URL of the CSV export of that date (staff, bearer token)."
    )
    errors: list[TreasuryTransmitError] = strawberry.field(description=_ERRORS_DOC)


# --------------------------------------------------------------------------- roots


@strawberry.type(description="Entry points to payments.")
class PaymentQueries:
    @strawberry.field(
        description="Payments, oldest first: a parent's own family's, or every family's of "
        "the collectivity for staff. Relay pagination (≤ 100 per page)."
    )
    async def payments(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[PaymentFilter | None, strawberry.argument(description="Filters.")] = None,
    ) -> PaymentConnection:
        _signed_in(info)
        where = where or PaymentFilter()
        try:
            page = await actions.payments_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                methods=choice(where.method.eq, where.method.one_of) if where.method else None,
                paid_from=where.paid_from,
                paid_to=where.paid_to,
                family_id=decode_pk(where.family, "Family", "family"),
                invoice_id=decode_pk(where.invoice, "Invoice", "invoice"),
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return PaymentConnection(
            edges=edges(page, Payment.from_row), page_info=page_info(page), _count=page.total_count
        )

    @strawberry.field(
        description="Staff: the SEPA direct-debit files, latest collection date first (≤ 100)."
    )
    async def direct_debit_batches(self, info: strawberry.Info) -> list[DirectDebitBatch]:
        _staff_only(info)
        return [
            DirectDebitBatch.from_row(r) for r in await actions.direct_debit_batches(info.context)
        ]

    @strawberry.field(
        description="Childcare certificates of a year: a parent's children under 6 on 1 "
        "January (or only `child`); staff: the given `child`."
    )
    async def childcare_certificates(
        self,
        info: strawberry.Info,
        year: Annotated[int, strawberry.argument(description="The calendar year.")],
        child: Annotated[
            relay.GlobalID | None, strawberry.argument(description="Only this child.")
        ] = None,
    ) -> list[ChildcareCertificate]:
        _signed_in(info)
        if not 2000 <= year <= 2100:
            raise PublicError("L'année doit être comprise entre 2000 et 2100.")
        child_pk = decode_pk(child, "Child", "child")
        if info.context.viewer.is_staff and child_pk is None:
            raise PublicError("Précisez l'enfant (« child »).")
        certificates = await actions.childcare_certificates(
            info.context, year=year, child_id=child_pk
        )
        return [ChildcareCertificate.from_certificate(c) for c in certificates]


@strawberry.type(description="Payment actions.")
class PaymentMutations:
    @strawberry.mutation(
        description="Staff (cash office): record a cheque, cash, CESU or transfer payment of "
        "an invoice; it gets an operation number and the invoice becomes PARTIALLY_PAID or "
        "PAID. More than what remains to pay is refused."
    )
    async def payment_record(
        self,
        info: strawberry.Info,
        input: Annotated[PaymentRecordInput, strawberry.argument(description="The payment.")],
    ) -> PaymentRecordPayload:
        _staff_only(info)
        try:
            invoice, payment = await actions.record_payment(
                info.context,
                invoice_id=_pk(input.invoice_id, "Invoice"),
                method=input.method,
                amount_cents=input.amount_cents,
                paid_on=input.paid_on,
                reference=input.reference,
            )
        except DomainFailure as failure:
            return PaymentRecordPayload(
                payment=None,
                invoice=None,
                errors=payload_errors(failure, PaymentRecordError, PaymentRecordErrorCode),
            )
        return PaymentRecordPayload(
            payment=Payment.from_row(payment), invoice=Invoice.from_row(invoice), errors=[]
        )

    @strawberry.mutation(
        description="A parent: start paying one of their invoices online by card (« Payer en "
        "ligne »), for what remains to pay. Returns the provider's payment URL; the payment "
        "is recorded when the provider notifies us. Refused after the due date, for a family "
        "paying by direct debit, and for a paid, cancelled or transmitted invoice."
    )
    async def invoice_payment_start(
        self,
        info: strawberry.Info,
        input: Annotated[InvoicePaymentStartInput, strawberry.argument(description="The invoice.")],
    ) -> InvoicePaymentStartPayload:
        _parent_only(info)
        try:
            started = await actions.start_payment(info.context, _pk(input.invoice_id, "Invoice"))
        except DomainFailure as failure:
            return InvoicePaymentStartPayload(
                payment_url=None,
                intent=None,
                errors=payload_errors(
                    failure, InvoicePaymentStartError, InvoicePaymentStartErrorCode
                ),
            )
        intent = started.intent
        return InvoicePaymentStartPayload(
            payment_url=started.payment_url,
            intent=PaymentIntent(
                reference=intent.provider_reference,
                amount_cents=intent.amount_cents,
                status=intent.status,
                status_label=label(intent.status),
            ),
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: prepare the SEPA direct-debit file (pain.008, validated against "
        "its schema) of a collection date and mail a pre-notification to each family. "
        "Preparing the same date again returns the same file."
    )
    async def direct_debit_prepare(
        self,
        info: strawberry.Info,
        input: Annotated[DirectDebitPrepareInput, strawberry.argument(description="The date.")],
    ) -> DirectDebitPreparePayload:
        _staff_only(info)
        try:
            prepared = await actions.prepare_direct_debit(info.context, input.collection_date)
        except DomainFailure as failure:
            return DirectDebitPreparePayload(
                batch=None,
                created=False,
                skipped=[],
                errors=payload_errors(
                    failure, DirectDebitPrepareError, DirectDebitPrepareErrorCode
                ),
            )
        return DirectDebitPreparePayload(
            batch=DirectDebitBatch.from_row(prepared.batch),
            created=prepared.created,
            skipped=[
                DirectDebitSkipped(invoice=Invoice.from_row(inv), reason=reason)
                for inv, reason in prepared.skipped
            ],
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: the bank executed a direct-debit file: record a DIRECT_DEBIT "
        "payment per invoice (dated on the collection date). Idempotent."
    )
    async def direct_debit_execute(
        self,
        info: strawberry.Info,
        input: Annotated[DirectDebitExecuteInput, strawberry.argument(description="The file.")],
    ) -> DirectDebitExecutePayload:
        _staff_only(info)
        try:
            executed = await actions.execute_direct_debit(info.context, input.collection_date)
        except DomainFailure as failure:
            return DirectDebitExecutePayload(
                batch=None,
                payments=[],
                errors=payload_errors(
                    failure, DirectDebitExecuteError, DirectDebitExecuteErrorCode
                ),
            )
        return DirectDebitExecutePayload(
            batch=DirectDebitBatch.from_row(executed.batch),
            payments=[Payment.from_row(p) for p in executed.payments],
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: transmit to the public treasury every open invoice due before "
        "`asOf` (status TRANSMITTED_TO_TREASURY), with a CSV export. Idempotent."
    )
    async def treasury_transmit(
        self,
        info: strawberry.Info,
        input: Annotated[TreasuryTransmitInput, strawberry.argument(description="The date.")],
    ) -> TreasuryTransmitPayload:
        _staff_only(info)
        try:
            only = None if input.invoices is None else [_pk(i, "Invoice") for i in input.invoices]
            transmission = await actions.transmit_to_treasury(info.context, input.as_of, only)
        except DomainFailure as failure:
            return TreasuryTransmitPayload(
                transmitted_on=None,
                invoices=[],
                export_url=None,
                errors=payload_errors(failure, TreasuryTransmitError, TreasuryTransmitErrorCode),
            )
        return TreasuryTransmitPayload(
            transmitted_on=transmission.transmitted_on,
            invoices=[Invoice.from_row(i) for i in transmission.invoices],
            export_url=actions.treasury_export_path(
                info.context.tenant.slug, transmission.transmitted_on
            ),
            errors=[],
        )
