"""Inputs, payloads and error codes of the payment mutations (paymentRecord,
invoicePaymentStart, directDebitPrepare, directDebitExecute, treasuryTransmit), apart from
the resolvers so that each module keeps one purpose."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from domain.billing.codes import (
    DirectDebitExecuteErrorCode,
    DirectDebitPrepareErrorCode,
    InvoicePaymentStartErrorCode,
    PaymentRecordErrorCode,
    TreasuryTransmitErrorCode,
)
from models.billing import PaymentMethod
from schema.billing.types import Invoice
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum
from schema.payments.types import DirectDebitBatch, Payment, PaymentIntent


@strawberry.input(description="The cash office records a payment received for an invoice.")
class PaymentRecordInput:
    invoice: relay.GlobalID | None = strawberry.field(
        default=None, description="The invoice paid (required, or the deprecated `invoiceId`)."
    )
    invoice_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The invoice paid.", deprecation_reason="Use `invoice`."
    )
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


error_code_enum(PaymentRecordErrorCode, description="Why paymentRecord was refused.")


@strawberry.type(description="A problem with paymentRecord's input.")
class PaymentRecordError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: PaymentRecordErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of paymentRecord.")
class PaymentRecordPayload:
    payment: Payment | None = strawberry.field(
        description="The payment recorded; null when there are errors."
    )
    invoice: Invoice | None = strawberry.field(
        description="The invoice, with its new status; null when there are errors."
    )
    errors: list[PaymentRecordError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="A parent starts paying an invoice online by card.")
class InvoicePaymentStartInput:
    invoice: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The invoice to pay (required, or the deprecated `invoiceId`).",
    )
    invoice_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The invoice to pay.", deprecation_reason="Use `invoice`."
    )
    return_url: str | None = strawberry.field(
        default=None,
        description="Where the provider's return page links back to once paid (e.g. the "
        "app's invoices page); null: the portal. Must be on the portal's origin or one of "
        "CRENEAU_ALLOWED_ORIGINS (RETURN_URL_NOT_ALLOWED otherwise), 500 characters at most.",
    )


error_code_enum(InvoicePaymentStartErrorCode, description="Why invoicePaymentStart was refused.")


@strawberry.type(description="A problem with invoicePaymentStart's input.")
class InvoicePaymentStartError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: InvoicePaymentStartErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of invoicePaymentStart.")
class InvoicePaymentStartPayload:
    payment_url: str | None = strawberry.field(
        description="Where to send the parent's browser to pay; null when there are errors."
    )
    intent: PaymentIntent | None = strawberry.field(
        description="The payment waiting at the provider (the remaining amount)."
    )
    errors: list[InvoicePaymentStartError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="Staff prepare the SEPA direct-debit file of a collection date.")
class DirectDebitPrepareInput:
    collection_date: dt.date = strawberry.field(
        description="Date the bank debits; open invoices of families on direct debit due on "
        "or before it are included."
    )


error_code_enum(DirectDebitPrepareErrorCode, description="Why directDebitPrepare was refused.")


@strawberry.type(description="A problem with directDebitPrepare's input.")
class DirectDebitPrepareError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
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
    errors: list[DirectDebitPrepareError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="Staff record that the bank executed a direct-debit file.")
class DirectDebitExecuteInput:
    collection_date: dt.date = strawberry.field(
        description="Collection date of the direct-debit file (one file per date)."
    )


error_code_enum(DirectDebitExecuteErrorCode, description="Why directDebitExecute was refused.")


@strawberry.type(description="A problem with directDebitExecute's input.")
class DirectDebitExecuteError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: DirectDebitExecuteErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of directDebitExecute.")
class DirectDebitExecutePayload:
    batch: DirectDebitBatch | None = strawberry.field(description="The file, now EXECUTED.")
    payments: list[Payment] = strawberry.field(
        description="DIRECT_DEBIT payments recorded by this call (none when replayed)."
    )
    errors: list[DirectDebitExecuteError] = strawberry.field(description=ERRORS_DOC)


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


error_code_enum(TreasuryTransmitErrorCode, description="Why treasuryTransmit was refused.")


@strawberry.type(description="A problem with treasuryTransmit's input.")
class TreasuryTransmitError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
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
    errors: list[TreasuryTransmitError] = strawberry.field(description=ERRORS_DOC)
