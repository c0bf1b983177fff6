"""The error codes of the billing mutations, one enum per mutation.

Billing: the monthly run, credit notes, payments, direct debit and treasury.

Each enum is the only list of its codes: the schema publishes it as the mutation's GraphQL
code enum unchanged (``schema.errors.error_code_enum``), so the API cannot miss one of
them, and ``tests/test_error_codes.py`` checks that every code raised
under this package is one of them.
"""

from __future__ import annotations

import enum


class BillingRunErrorCode(enum.StrEnum):
    """Why billingRun was refused."""

    INVALID_MONTH = "INVALID_MONTH"
    MONTH_NOT_OVER = "MONTH_NOT_OVER"


class InvoiceCreditErrorCode(enum.StrEnum):
    """Why invoiceCredit was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_AN_INVOICE = "NOT_AN_INVOICE"
    INVOICE_CANCELLED = "INVOICE_CANCELLED"
    INVALID_INPUT = "INVALID_INPUT"
    INVALID_AMOUNT = "INVALID_AMOUNT"
    LINE_NOT_FOUND = "LINE_NOT_FOUND"
    LINE_NOT_CREDITABLE = "LINE_NOT_CREDITABLE"
    INVALID_QUANTITY = "INVALID_QUANTITY"
    AMOUNT_TOO_HIGH = "AMOUNT_TOO_HIGH"
    REASON_REQUIRED = "REASON_REQUIRED"
    REASON_TOO_LONG = "REASON_TOO_LONG"


class PaymentRecordErrorCode(enum.StrEnum):
    """Why paymentRecord was refused."""

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


class InvoicePaymentStartErrorCode(enum.StrEnum):
    """Why invoicePaymentStart was refused."""

    ALREADY_PAID = "ALREADY_PAID"
    DIRECT_DEBIT_FAMILY = "DIRECT_DEBIT_FAMILY"
    DUE_DATE_PASSED = "DUE_DATE_PASSED"
    INVOICE_CANCELLED = "INVOICE_CANCELLED"
    INVOICE_TRANSMITTED = "INVOICE_TRANSMITTED"
    NOT_FOUND = "NOT_FOUND"
    NOT_PAYABLE = "NOT_PAYABLE"
    ONLINE_PAYMENT_UNAVAILABLE = "ONLINE_PAYMENT_UNAVAILABLE"
    RETURN_URL_NOT_ALLOWED = "RETURN_URL_NOT_ALLOWED"


class DirectDebitPrepareErrorCode(enum.StrEnum):
    """Why directDebitPrepare was refused."""

    CREDITOR_NOT_CONFIGURED = "CREDITOR_NOT_CONFIGURED"
    INVALID_FILE = "INVALID_FILE"
    NOTHING_TO_DEBIT = "NOTHING_TO_DEBIT"
    PAST_DATE = "PAST_DATE"


class DirectDebitExecuteErrorCode(enum.StrEnum):
    """Why directDebitExecute was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_YET_COLLECTED = "NOT_YET_COLLECTED"


class TreasuryTransmitErrorCode(enum.StrEnum):
    """Why treasuryTransmit was refused."""

    FUTURE_DATE = "FUTURE_DATE"
    NOT_TRANSMISSIBLE = "NOT_TRANSMISSIBLE"
    TOO_MANY = "TOO_MANY"
