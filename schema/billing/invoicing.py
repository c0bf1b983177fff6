"""Invoices in the graph: the ``invoices`` list (a parent's own family's, staff: the
tenant's), the monthly ``billingRun`` (with a preview) and ``invoiceCredit`` (credit notes).

Corrections never edit an issued invoice: ``invoiceCredit`` issues a credit note.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import strawberry
from strawberry import relay

from domain.billing.billing_run import BillingRunResult
from domain.billing.codes import BillingRunErrorCode, InvoiceCreditErrorCode
from domain.billing.credit_notes import CreditedLine
from domain.billing.drafts import DraftInvoice, DraftLine
from domain.labels import label
from kernel.results import DomainFailure, fail
from models import BillingRun as BillingRunRow
from models.billing import BillingRunStatus, InvoiceKind, InvoiceLineKind, InvoiceStatus
from resolvers import billing as actions
from resolvers.pagination import PaginationError
from schema.billing.types import Invoice, InvoiceConnection
from schema.connections import edges, page_info
from schema.errors import PublicError, error_code_enum, payload_errors
from schema.ids import decode_pk, input_pk
from schema.inputs import After, Before, First, Last, choice
from schema.permissions import ParentOrStaff, Staff

BillingRunStatusEnum = strawberry.enum(
    BillingRunStatus, description="A billing run is running, then completed."
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: str) -> dt.date:
    """« 2026-01 » → 1 January 2026; a DomainFailure otherwise."""
    match = _MONTH.match(value.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise fail("INVALID_MONTH", "Le mois doit être au format AAAA-MM (2026-01).", "month")
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


# --------------------------------------------------------------------------- invoices


@strawberry.input(description="Filter on the invoice status.")
class InvoiceStatusFilter:
    eq: InvoiceStatus | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[InvoiceStatus] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters of « Mes factures » and of the staff's invoice list.")
class InvoiceFilter:
    status: InvoiceStatusFilter | None = strawberry.field(default=None, description="By status.")
    kind: InvoiceKind | None = strawberry.field(
        default=None, description="Only invoices, or only credit notes."
    )
    year: int | None = strawberry.field(default=None, description="Issued in this year.")
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's invoices (parents: their own)."
    )


@strawberry.type(description="Entry points to invoices.")
class InvoicingQueries:
    @strawberry.field(
        description="Invoices and credit notes, newest first: a parent's own family's "
        "(« Mes factures »), or every family's of the collectivity for staff. Relay "
        "pagination (≤ 100 per page).",
        permission_classes=[ParentOrStaff],
    )
    async def invoices(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[InvoiceFilter | None, strawberry.argument(description="Filters.")] = None,
    ) -> InvoiceConnection:
        where = where or InvoiceFilter()
        family_pk = None
        if where.family is not None:
            family_pk = decode_pk(where.family, "Family", "family")
        try:
            page = await actions.invoices_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                statuses=choice(where.status.eq, where.status.one_of) if where.status else None,
                kinds=[where.kind] if where.kind is not None else None,
                year=where.year,
                family_id=family_pk,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return InvoiceConnection(
            edges=edges(page, Invoice.from_row), page_info=page_info(page), _count=page.total_count
        )


# --------------------------------------------------------------------------- billingRun


@strawberry.type(description="The billing of one month (unique: a month is billed once).")
class BillingRun:
    month: str = strawberry.field(description="The billed month (« 2026-01 »).")
    status: BillingRunStatus = strawberry.field(description="Running or completed.")
    status_label: str = strawberry.field(description="French label of the status.")
    invoice_count: int = strawberry.field(description="Invoices issued by the run.")
    started_at: dt.datetime = strawberry.field(description="When the run started.")
    finished_at: dt.datetime | None = strawberry.field(description="When it completed.")

    @classmethod
    def from_row(cls, row: BillingRunRow) -> BillingRun:
        """Map a database row to the API type."""
        return cls(
            month=f"{row.month:%Y-%m}",
            status=row.status,
            status_label=label(row.status),
            invoice_count=row.invoice_count,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )


@strawberry.type(description="A line the billing run issues (or would issue, in preview).")
class BillingRunLine:
    kind: InvoiceLineKind = strawberry.field(description="Why the line is there.")
    label: str = strawberry.field(description="What is billed, in French.")
    quantity: int = strawberry.field(description="Number of units.")
    unit_price_cents: int = strawberry.field(description="Price of one unit, in cents.")
    amount_cents: int = strawberry.field(description="quantity × unit price, in cents.")

    @classmethod
    def from_draft(cls, line: DraftLine) -> BillingRunLine:
        """Map a computed line."""
        return cls(
            kind=line.kind,
            label=line.label,
            quantity=line.quantity,
            unit_price_cents=line.unit_price_cents,
            amount_cents=line.amount_cents,
        )


@strawberry.type(description="One family's invoice of a billing run (or of its preview).")
class BillingRunInvoice:
    family_name: str = strawberry.field(description="Name of the family file.")
    family_id: relay.GlobalID = strawberry.field(description="Global ID of the family.")
    total_cents: int = strawberry.field(description="Sum of the lines, in cents.")
    lines: list[BillingRunLine] = strawberry.field(description="The lines.")

    @classmethod
    def from_draft(cls, draft: DraftInvoice) -> BillingRunInvoice:
        """Map a computed invoice."""
        return cls(
            family_name=draft.family_name,
            family_id=relay.GlobalID("Family", str(draft.family_id)),
            total_cents=draft.total_cents,
            lines=[BillingRunLine.from_draft(line) for line in draft.lines],
        )


@strawberry.input(description="Bill a month: one invoice per paying family.")
class BillingRunInput:
    month: str = strawberry.field(description="The month to bill, « AAAA-MM » (2026-01).")
    preview: bool = strawberry.field(
        default=False, description="Compute what would be billed, without writing anything."
    )


error_code_enum(BillingRunErrorCode, description="Why billingRun was refused.")


@strawberry.type(description="A problem with billingRun's input.")
class BillingRunError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: BillingRunErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of billingRun.")
class BillingRunPayload:
    run: BillingRun | None = strawberry.field(
        description="The month's run (null in a preview of a month not billed yet)."
    )
    preview: bool = strawberry.field(description="Nothing was written.")
    already_billed: bool = strawberry.field(
        description="The month was billed before: this run created nothing."
    )
    invoice_count: int = strawberry.field(description="Invoices issued (or that would be).")
    total_cents: int = strawberry.field(description="Their total, in cents (0: nothing new).")
    booking_count: int = strawberry.field(description="Bookings billed (or that would be).")
    message: str = strawberry.field(description="What happened, in French.")
    invoices: list[BillingRunInvoice] = strawberry.field(
        description="The invoices of a preview, with their lines (empty after a real run: "
        "read them with `invoices`)."
    )
    errors: list[BillingRunError] = strawberry.field(
        description="Problems, if any (then nothing was written)."
    )


def _message(result: BillingRunResult) -> str:
    month = f"{result.month:%m/%Y}"
    if result.already_billed:
        return (
            f"Le mois {month} a déjà été facturé ({result.invoice_count} factures) : "
            "aucune nouvelle facture n'a été créée."
        )
    if result.preview:
        return f"Aperçu : {result.invoice_count} factures seraient émises pour {month}."
    return f"{result.invoice_count} factures émises pour {month}."


# --------------------------------------------------------------------------- invoiceCredit


@strawberry.input(description="Units of an invoice line to credit, at its unit price.")
class CreditedLineInput:
    line: relay.GlobalID = strawberry.field(description="The InvoiceLine of the invoice.")
    quantity: int = strawberry.field(description="How many of its units to credit.")


@strawberry.input(description="Issue a credit note (avoir) against an invoice.")
class InvoiceCreditInput:
    invoice: relay.GlobalID = strawberry.field(description="The invoice to correct.")
    credited_lines: list[CreditedLineInput] | None = strawberry.field(
        default=None, description="Credit some units of its lines…"
    )
    amount_cents: int | None = strawberry.field(
        default=None, description="…or one amount, in cents (one of the two)."
    )
    reason: str = strawberry.field(description="Why, in French (printed on the credit note).")


error_code_enum(InvoiceCreditErrorCode, description="Why invoiceCredit was refused.")


@strawberry.type(description="A problem with invoiceCredit's input.")
class InvoiceCreditError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: InvoiceCreditErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of invoiceCredit.")
class InvoiceCreditPayload:
    credit_note: Invoice | None = strawberry.field(description="The credit note issued.")
    invoice: Invoice | None = strawberry.field(
        description="The corrected invoice (its lines unchanged; its status may change)."
    )
    errors: list[InvoiceCreditError] = strawberry.field(
        description="Problems, if any (then nothing was written)."
    )


@strawberry.type(description="Invoicing actions.")
class InvoicingMutations:
    @strawberry.mutation(
        description="Staff: bill a month — one invoice per paying family from the month's "
        "bookings and attendance, numbered, with a mail and an `invoiceIssued` event per "
        "family. Idempotent (a billed month creates nothing); `preview` writes nothing.",
        permission_classes=[Staff],
    )
    async def billing_run(
        self,
        info: strawberry.Info,
        input: Annotated[BillingRunInput, strawberry.argument(description="The month.")],
    ) -> BillingRunPayload:
        try:
            month = parse_month(input.month)
            result = await actions.run_billing(info.context, month=month, preview=input.preview)
        except DomainFailure as failure:
            return BillingRunPayload(
                run=None,
                preview=input.preview,
                already_billed=False,
                invoice_count=0,
                total_cents=0,
                booking_count=0,
                message=failure.problems[0].message,
                invoices=[],
                errors=payload_errors(failure, BillingRunError, BillingRunErrorCode),
            )
        return BillingRunPayload(
            run=BillingRun.from_row(result.run) if result.run is not None else None,
            preview=result.preview,
            already_billed=result.already_billed,
            invoice_count=result.invoice_count,
            total_cents=result.total_cents,
            booking_count=result.booking_count,
            message=_message(result),
            invoices=[BillingRunInvoice.from_draft(d) for d in result.drafts]
            if result.preview
            else [],
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: correct an invoice with a credit note (avoir) — some units of "
        "its lines, or an amount. The issued invoice itself is never edited.",
        permission_classes=[Staff],
    )
    async def invoice_credit(
        self,
        info: strawberry.Info,
        input: Annotated[InvoiceCreditInput, strawberry.argument(description="The credit.")],
    ) -> InvoiceCreditPayload:
        invoice_pk = decode_pk(input.invoice, "Invoice", "invoice")
        assert invoice_pk is not None
        lines = [
            CreditedLine(line_id=input_pk(item.line, "InvoiceLine") or -1, quantity=item.quantity)
            for item in input.credited_lines or []
        ]
        try:
            note, original = await actions.credit_invoice(
                info.context,
                invoice_id=invoice_pk,
                lines=lines,
                amount_cents=input.amount_cents,
                reason=input.reason,
            )
        except DomainFailure as failure:
            return InvoiceCreditPayload(
                credit_note=None,
                invoice=None,
                errors=payload_errors(failure, InvoiceCreditError, InvoiceCreditErrorCode),
            )
        return InvoiceCreditPayload(
            credit_note=Invoice.from_row(note), invoice=Invoice.from_row(original), errors=[]
        )


__all__ = ["InvoiceStatus", "InvoicingMutations", "InvoicingQueries"]
