"""Billing: price lists (by family-quotient bracket or effort rate), billing runs,
invoices and credit notes with their lines, payments and online payment intents.

All money is integer cents. An issued invoice is never edited: corrections are credit notes.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Cents, CreatedAt, IntPk, enum_column, fk, tenant_fk


class PricingMode(enum.StrEnum):
    """How a unit price is found for a family."""

    FLAT = "FLAT"
    QF_BRACKETS = "QF_BRACKETS"
    EFFORT_RATE = "EFFORT_RATE"


class LateAbsenceCharge(enum.StrEnum):
    """What a billed (late, unjustified) absence costs."""

    FULL_PRICE = "FULL_PRICE"
    FIXED_FEE = "FIXED_FEE"
    RATE = "RATE"


class UnbookedPresenceCharge(enum.StrEnum):
    """Penalty for a child present without booking."""

    NONE = "NONE"
    FIXED_FEE = "FIXED_FEE"
    SURCHARGE_RATE = "SURCHARGE_RATE"


class PriceList(Base):
    """Prices of an activity from ``valid_from`` (to ``valid_to``), with penalties.

    Rates are in basis points (1/100 of a percent): 0.36 % of the QF is 36, +50 % is 5000.
    """

    __tablename__ = "price_list"
    __table_args__ = (
        UniqueConstraint("activity_id", "valid_from"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ordered_dates"),
        CheckConstraint("mode <> 'FLAT' OR flat_price_cents IS NOT NULL", name="flat_has_price"),
        CheckConstraint(
            "mode <> 'EFFORT_RATE' OR (effort_rate_bp IS NOT NULL "
            "AND effort_min_cents IS NOT NULL AND effort_max_cents IS NOT NULL "
            "AND effort_min_cents <= effort_max_cents)",
            name="effort_rate_complete",
        ),
        CheckConstraint(
            "flat_price_cents IS NULL OR flat_price_cents >= 0", name="flat_price_positive"
        ),
        CheckConstraint(
            "non_resident_price_cents IS NULL OR non_resident_price_cents >= 0",
            name="non_resident_positive",
        ),
        CheckConstraint("late_absence_fee_cents >= 0", name="late_fee_positive"),
        CheckConstraint("unbooked_presence_fee_cents >= 0", name="unbooked_fee_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    activity_id: Mapped[int] = fk("activity.id", index=False)
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None]
    mode: Mapped[PricingMode] = mapped_column(enum_column(PricingMode))
    flat_price_cents: Mapped[int | None]
    effort_rate_bp: Mapped[int | None]
    effort_min_cents: Mapped[int | None]
    effort_max_cents: Mapped[int | None]
    non_resident_price_cents: Mapped[int | None]
    pai_price_cents: Mapped[int | None]
    late_absence_charge: Mapped[LateAbsenceCharge] = mapped_column(
        enum_column(LateAbsenceCharge), default=LateAbsenceCharge.FULL_PRICE
    )
    late_absence_fee_cents: Mapped[int] = mapped_column(default=0)
    late_absence_rate_bp: Mapped[int] = mapped_column(default=10000)
    unbooked_presence_charge: Mapped[UnbookedPresenceCharge] = mapped_column(
        enum_column(UnbookedPresenceCharge), default=UnbookedPresenceCharge.NONE
    )
    unbooked_presence_fee_cents: Mapped[int] = mapped_column(default=0)
    unbooked_presence_rate_bp: Mapped[int] = mapped_column(default=0)


class PriceBracket(Base):
    """Unit price for family quotients in [qf_min, qf_max) (qf_max NULL: no upper bound)."""

    __tablename__ = "price_bracket"
    __table_args__ = (
        UniqueConstraint("price_list_id", "qf_min"),
        CheckConstraint("qf_min >= 0", name="qf_min_positive"),
        CheckConstraint("qf_max IS NULL OR qf_max > qf_min", name="ordered_bounds"),
        CheckConstraint("unit_price_cents >= 0", name="price_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    price_list_id: Mapped[int] = fk("price_list.id", index=False)
    qf_min: Mapped[int]
    qf_max: Mapped[int | None]
    unit_price_cents: Mapped[Cents]


class SiblingReduction(Base):
    """Reduction for the n-th child of a family registered to the activity (3rd: −50 %)."""

    __tablename__ = "sibling_reduction"
    __table_args__ = (
        UniqueConstraint("price_list_id", "from_child_rank"),
        CheckConstraint("from_child_rank >= 2", name="rank_from_two"),
        CheckConstraint("reduction_bp BETWEEN 0 AND 10000", name="reduction_range"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    price_list_id: Mapped[int] = fk("price_list.id", index=False)
    from_child_rank: Mapped[int]
    reduction_bp: Mapped[int]


class BillingRunStatus(enum.StrEnum):
    """A month is billed once; re-running it creates nothing new."""

    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"


class BillingRun(Base):
    """The monthly billing of a tenant (unique per month: the run is idempotent)."""

    __tablename__ = "billing_run"
    __table_args__ = (UniqueConstraint("tenant_id", "month"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    month: Mapped[dt.date]  # first day of the billed month
    status: Mapped[BillingRunStatus] = mapped_column(enum_column(BillingRunStatus))
    started_at: Mapped[CreatedAt]
    finished_at: Mapped[dt.datetime | None]
    invoice_count: Mapped[int] = mapped_column(default=0)


class InvoiceKind(enum.StrEnum):
    """An invoice, or a credit note correcting one."""

    INVOICE = "INVOICE"
    CREDIT_NOTE = "CREDIT_NOTE"


class InvoiceStatus(enum.StrEnum):
    """Statut of an invoice as the family sees it."""

    ISSUED = "ISSUED"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    TRANSMITTED_TO_TREASURY = "TRANSMITTED_TO_TREASURY"
    CANCELLED = "CANCELLED"


class Invoice(Base):
    """An invoice to the payer of a family: number per tenant and year ("2026-01-0042")."""

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("tenant_id", "number"),
        UniqueConstraint("billing_run_id", "family_id"),
        CheckConstraint("due_on >= issued_on", name="due_after_issue"),
        CheckConstraint(
            "kind <> 'CREDIT_NOTE' OR credited_invoice_id IS NOT NULL",
            name="credit_note_has_invoice",
        ),
        Index(None, "family_id", "issued_on"),
        Index(None, "tenant_id", "status", "due_on"),
        Index(None, "tenant_id", "period_start"),  # reporting (0005)
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id", index=False)
    payer_guardian_id: Mapped[int | None] = fk(
        "guardian.id", nullable=True, ondelete="SET NULL", index=False
    )
    billing_run_id: Mapped[int | None] = fk("billing_run.id", nullable=True, index=False)
    kind: Mapped[InvoiceKind] = mapped_column(enum_column(InvoiceKind), default=InvoiceKind.INVOICE)
    credited_invoice_id: Mapped[int | None] = fk("invoice.id", nullable=True, index=False)
    number: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[dt.date]
    period_end: Mapped[dt.date]
    issued_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    issuer: Mapped[str] = mapped_column(String(200))
    # Denormalized sum of the lines, kept equal by the billing code (and checked by tests).
    total_cents: Mapped[Cents]
    status: Mapped[InvoiceStatus] = mapped_column(
        enum_column(InvoiceStatus), default=InvoiceStatus.ISSUED
    )
    transmitted_on: Mapped[dt.date | None]
    # A credit note's reason, in French, printed on it (« Absence justifiée le 12/01 »).
    credit_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[CreatedAt]

    lines: Mapped[list[InvoiceLine]] = relationship(
        lazy="raise", foreign_keys="InvoiceLine.invoice_id"
    )
    payments: Mapped[list[Payment]] = relationship(lazy="raise")


class InvoiceLineKind(enum.StrEnum):
    """Why a line is on the invoice."""

    ATTENDANCE = "ATTENDANCE"
    BILLED_ABSENCE = "BILLED_ABSENCE"
    PENALTY = "PENALTY"
    REDUCTION = "REDUCTION"
    ADJUSTMENT = "ADJUSTMENT"


class InvoiceLine(Base):
    """A line per child × activity × kind: quantity × unit price = amount, exactly."""

    __tablename__ = "invoice_line"
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_positive"),
        CheckConstraint("amount_cents = quantity * unit_price_cents", name="amount_exact"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    invoice_id: Mapped[int] = fk("invoice.id")
    child_id: Mapped[int | None] = fk("child.id", nullable=True, index=False)
    activity_id: Mapped[int | None] = fk("activity.id", nullable=True, index=False)
    kind: Mapped[InvoiceLineKind] = mapped_column(enum_column(InvoiceLineKind))
    label: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int]
    unit_price_cents: Mapped[Cents]
    amount_cents: Mapped[Cents]


class PaymentMethod(enum.StrEnum):
    """Moyen de paiement."""

    CARD = "CARD"
    DIRECT_DEBIT = "DIRECT_DEBIT"
    CHEQUE = "CHEQUE"
    CASH = "CASH"
    CESU = "CESU"
    TRANSFER = "TRANSFER"


class Payment(Base):
    """A payment (règlement) of an invoice: operation number, date, method, amount."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="amount_positive"),
        UniqueConstraint("tenant_id", "operation_number"),
        UniqueConstraint("tenant_id", "provider_reference"),
        Index(None, "tenant_id", "paid_on"),  # reporting (0005)
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    invoice_id: Mapped[int] = fk("invoice.id")
    family_id: Mapped[int] = fk("family.id", index=False)
    method: Mapped[PaymentMethod] = mapped_column(enum_column(PaymentMethod))
    amount_cents: Mapped[Cents]
    paid_on: Mapped[dt.date]
    operation_number: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(300))
    provider_reference: Mapped[str | None] = mapped_column(String(100))
    recorded_by_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    created_at: Mapped[CreatedAt]


class PaymentIntentStatus(enum.StrEnum):
    """State of an online card payment at the provider."""

    CREATED = "CREATED"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


class PaymentIntent(Base):
    """An online payment started by a parent (redirect to the provider, then notification)."""

    __tablename__ = "payment_intent"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="amount_positive"),
        UniqueConstraint("provider", "provider_reference"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    invoice_id: Mapped[int] = fk("invoice.id")
    provider: Mapped[str] = mapped_column(String(40))
    provider_reference: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[Cents]
    status: Mapped[PaymentIntentStatus] = mapped_column(
        enum_column(PaymentIntentStatus), default=PaymentIntentStatus.CREATED
    )
    created_at: Mapped[CreatedAt]
    completed_at: Mapped[dt.datetime | None]


# --- payments ---


class DirectDebitBatchStatus(enum.StrEnum):
    """A SEPA direct-debit file: prepared (file sent to the bank), then executed (debited)."""

    PREPARED = "PREPARED"
    EXECUTED = "EXECUTED"


class DirectDebitBatch(Base):
    """The direct debit of one collection date (pain.008 file), unique per tenant and date."""

    __tablename__ = "direct_debit_batch"
    __table_args__ = (
        UniqueConstraint("tenant_id", "collection_date"),
        CheckConstraint("transaction_count >= 0", name="count_positive"),
        CheckConstraint("total_cents >= 0", name="total_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    collection_date: Mapped[dt.date]
    status: Mapped[DirectDebitBatchStatus] = mapped_column(
        enum_column(DirectDebitBatchStatus), default=DirectDebitBatchStatus.PREPARED
    )
    message_id: Mapped[str] = mapped_column(String(35))
    transaction_count: Mapped[int]
    total_cents: Mapped[Cents]
    xml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[CreatedAt]
    executed_at: Mapped[dt.datetime | None]

    items: Mapped[list[DirectDebitItem]] = relationship(lazy="raise")


class DirectDebitItem(Base):
    """One invoice debited in a batch (an invoice is debited at most once)."""

    __tablename__ = "direct_debit_item"
    __table_args__ = (
        UniqueConstraint("invoice_id"),
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    batch_id: Mapped[int] = fk("direct_debit_batch.id")
    invoice_id: Mapped[int] = fk("invoice.id", index=False)
    family_id: Mapped[int] = fk("family.id", index=False)
    mandate_reference: Mapped[str] = mapped_column(String(35))
    amount_cents: Mapped[Cents]
