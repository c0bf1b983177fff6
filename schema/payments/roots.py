"""The payment roots: the ``payments`` list, the direct-debit files and the childcare
certificates (queries); online card payment (invoicePaymentStart), payments recorded by the
cash office (paymentRecord), SEPA direct debit (directDebitPrepare / directDebitExecute) and
the treasury transmission (treasuryTransmit). The types live in
``schema.payments.types``, the mutations' inputs and payloads in
``schema.payments.payloads``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay

from domain.billing.codes import (
    DirectDebitExecuteErrorCode,
    DirectDebitPrepareErrorCode,
    InvoicePaymentStartErrorCode,
    PaymentRecordErrorCode,
    TreasuryTransmitErrorCode,
)
from domain.labels import label
from kernel.results import DomainFailure
from models.billing import PaymentMethod
from resolvers import payments as actions
from resolvers.pagination import PaginationError
from schema.billing.types import Invoice
from schema.connections import edges, page_info
from schema.errors import PublicError, payload_errors
from schema.ids import decode_pk, input_pk
from schema.inputs import After, Before, First, Last, choice
from schema.payments.arguments import renamed_fields, renamed_required
from schema.payments.payloads import (
    DirectDebitExecuteError,
    DirectDebitExecuteInput,
    DirectDebitExecutePayload,
    DirectDebitPrepareError,
    DirectDebitPrepareInput,
    DirectDebitPreparePayload,
    DirectDebitSkipped,
    InvoicePaymentStartError,
    InvoicePaymentStartInput,
    InvoicePaymentStartPayload,
    PaymentRecordError,
    PaymentRecordInput,
    PaymentRecordPayload,
    TreasuryTransmitError,
    TreasuryTransmitInput,
    TreasuryTransmitPayload,
)
from schema.payments.types import (
    ChildcareCertificate,
    DirectDebitBatch,
    Payment,
    PaymentConnection,
    PaymentIntent,
)
from schema.permissions import Parent, ParentOrStaff, Staff

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


# --------------------------------------------------------------------------- roots


@strawberry.type(description="Entry points to payments.")
class PaymentQueries:
    @strawberry.field(
        description="Payments, oldest first: a parent's own family's, or every family's of "
        "the collectivity for staff. Relay pagination (≤ 100 per page).",
        permission_classes=[ParentOrStaff],
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
        description="Staff: the SEPA direct-debit files, latest collection date first (≤ 100).",
        permission_classes=[Staff],
    )
    async def direct_debit_batches(self, info: strawberry.Info) -> list[DirectDebitBatch]:
        return [
            DirectDebitBatch.from_row(r) for r in await actions.direct_debit_batches(info.context)
        ]

    @strawberry.field(
        description="Childcare certificates of a year: a parent's children under 6 on 1 "
        "January (or only `child`); staff: the given `child`.",
        permission_classes=[ParentOrStaff],
    )
    async def childcare_certificates(
        self,
        info: strawberry.Info,
        year: Annotated[int, strawberry.argument(description="The calendar year.")],
        child: Annotated[
            relay.GlobalID | None, strawberry.argument(description="Only this child.")
        ] = None,
    ) -> list[ChildcareCertificate]:
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
        "PAID. More than what remains to pay is refused.",
        permission_classes=[Staff],
    )
    async def payment_record(
        self,
        info: strawberry.Info,
        input: Annotated[PaymentRecordInput, strawberry.argument(description="The payment.")],
    ) -> PaymentRecordPayload:
        try:
            invoice, payment = await actions.record_payment(
                info.context,
                invoice_id=input_pk(
                    renamed_required(input.invoice, input.invoice_id, "invoice", "invoiceId"),
                    "Invoice",
                ),
                method=input.method,
                amount_cents=input.amount_cents,
                paid_on=input.paid_on,
                reference=input.reference,
            )
        except DomainFailure as failure:
            if input.invoice is not None:
                failure = renamed_fields(failure, "invoiceId", "invoice")
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
        "is recorded when the provider notifies us. Refused when the town offers no online "
        "payment (its paymentProvider setting is NONE: ONLINE_PAYMENT_UNAVAILABLE), after the "
        "due date, for a family paying by direct debit, and for a paid, cancelled or "
        "transmitted invoice (Invoice.canPayOnline tells beforehand).",
        permission_classes=[Parent],
    )
    async def invoice_payment_start(
        self,
        info: strawberry.Info,
        input: Annotated[InvoicePaymentStartInput, strawberry.argument(description="The invoice.")],
    ) -> InvoicePaymentStartPayload:
        try:
            started = await actions.start_payment(
                info.context,
                input_pk(
                    renamed_required(input.invoice, input.invoice_id, "invoice", "invoiceId"),
                    "Invoice",
                ),
                input.return_url,
            )
        except DomainFailure as failure:
            if input.invoice is not None:
                failure = renamed_fields(failure, "invoiceId", "invoice")
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
        "Preparing the same date again returns the same file.",
        permission_classes=[Staff],
    )
    async def direct_debit_prepare(
        self,
        info: strawberry.Info,
        input: Annotated[DirectDebitPrepareInput, strawberry.argument(description="The date.")],
    ) -> DirectDebitPreparePayload:
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
        "payment per invoice, dated on the collection date — refused (NOT_YET_COLLECTED) "
        "before that date, when the bank has not debited the families yet. Idempotent.",
        permission_classes=[Staff],
    )
    async def direct_debit_execute(
        self,
        info: strawberry.Info,
        input: Annotated[DirectDebitExecuteInput, strawberry.argument(description="The file.")],
    ) -> DirectDebitExecutePayload:
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
        "`asOf` (status TRANSMITTED_TO_TREASURY), with a CSV export. Idempotent.",
        permission_classes=[Staff],
    )
    async def treasury_transmit(
        self,
        info: strawberry.Info,
        input: Annotated[TreasuryTransmitInput, strawberry.argument(description="The date.")],
    ) -> TreasuryTransmitPayload:
        try:
            only = (
                None if input.invoices is None else [input_pk(i, "Invoice") for i in input.invoices]
            )
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
