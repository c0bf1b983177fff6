"""Online card payment of an invoice by a parent: start (an intent and a payment URL), then
the provider's notification (the only thing that records the CARD payment).

Online payment is refused when the town offers none (its ``paymentProvider`` setting is
NONE: ONLINE_PAYMENT_UNAVAILABLE), past the due date (the invoice is then followed by the
cash office, then the treasury) and for a family paying by direct debit (the bank will
debit it: paying twice is the classic complaint). ``can_pay_online`` states the same
rules for what a client shows (``Invoice.canPayOnline``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.ledger import add_payment, check_payable, invoice_amounts, lock_invoice
from domain.payments.provider import InvalidNotification, Notification, PaymentProvider
from domain.payments.return_url import checked_return_url
from domain.tenants.settings import PaymentProviderChoice, read_settings
from kernel.results import DomainFailure, fail
from models import Family, Invoice, Payment, PaymentIntent, Tenant
from models.base import utcnow
from models.billing import InvoiceKind, InvoiceStatus, PaymentIntentStatus, PaymentMethod

logger = logging.getLogger("creneau.payments")

ONLINE_PAYMENT_UNAVAILABLE = "ONLINE_PAYMENT_UNAVAILABLE"
_NOT_OWED = frozenset(
    {InvoiceStatus.PAID, InvoiceStatus.CANCELLED, InvoiceStatus.TRANSMITTED_TO_TREASURY}
)


def online_payment_offered(tenant: Tenant) -> bool:
    """Whether the town offers online payment: its ``paymentProvider`` setting is not NONE
    (absent: SANDBOX, the provider built in)."""
    return read_settings(tenant).payment_provider is not PaymentProviderChoice.NONE


def can_pay_online(
    *,
    offered: bool,
    kind: InvoiceKind,
    status: InvoiceStatus,
    due_on: dt.date,
    remaining_cents: int,
    direct_debit: bool,
    today: dt.date,
) -> bool:
    """Whether ``start_online_payment`` would accept the invoice today: the town offers
    online payment, it is an invoice still owed here with something left to pay, its due
    date has not passed and the family does not pay by direct debit."""
    return (
        offered
        and kind is InvoiceKind.INVOICE
        and status not in _NOT_OWED
        and remaining_cents > 0
        and today <= due_on
        and not direct_debit
    )


@dataclass(frozen=True, slots=True)
class StartedPayment:
    """An intent waiting at the provider, and where to send the parent's browser."""

    invoice: Invoice
    intent: PaymentIntent
    payment_url: str


@dataclass(frozen=True, slots=True)
class HandledNotification:
    """What a notification did: the intent, and the payment (None when failed, replayed, or
    when the invoice could not take it anymore — then staff refund the card)."""

    intent: PaymentIntent
    payment: Payment | None
    replayed: bool


async def start_online_payment(
    session: AsyncSession,
    *,
    tenant_id: int,
    tenant_slug: str,
    family_id: int | None,
    invoice_id: int | None,
    provider: PaymentProvider,
    today: dt.date,
    return_url: str | None = None,
    trusted_origins: frozenset[str] = frozenset(),
) -> StartedPayment:
    """invoicePaymentStart: an intent for the remaining amount of the family's invoice.

    Starting again while an intent of the same amount is still waiting returns that intent
    (a double click opens one payment, not two). ``return_url``, where the browser goes
    back once paid, must be on one of the ``trusted_origins`` (``domain.payments.
    return_url``: no open redirect); None: the portal.
    """
    return_url = checked_return_url(return_url, trusted_origins)
    invoice = await lock_invoice(session, tenant_id, invoice_id) if invoice_id else None
    if invoice is None or family_id is None or invoice.family_id != family_id:
        raise fail("NOT_FOUND", "Facture introuvable.", "invoiceId")
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None or not online_payment_offered(tenant):
        raise fail(
            ONLINE_PAYMENT_UNAVAILABLE,
            "Le paiement en ligne n'est pas proposé par votre collectivité : réglez cette "
            "facture auprès de la régie (chèque, espèces, virement…).",
            "invoiceId",
        )
    check_payable(invoice)
    family = await session.get(Family, invoice.family_id)
    if family is not None and family.direct_debit:
        raise fail(
            "DIRECT_DEBIT_FAMILY",
            "Vos factures sont réglées par prélèvement automatique : le paiement en ligne "
            "n'est pas proposé.",
            "invoiceId",
        )
    if today > invoice.due_on:
        raise fail(
            "DUE_DATE_PASSED",
            "La date d'échéance de cette facture est dépassée : le paiement en ligne n'est "
            "plus possible. Adressez-vous à la régie.",
            "invoiceId",
        )
    remaining = (await invoice_amounts(session, invoice)).remaining_cents
    if remaining <= 0:
        raise fail("ALREADY_PAID", "Cette facture est déjà réglée.", "invoiceId")
    waiting = await session.scalar(
        select(PaymentIntent)
        .where(
            PaymentIntent.invoice_id == invoice.id,
            PaymentIntent.provider == provider.name,
            PaymentIntent.status == PaymentIntentStatus.CREATED,
            PaymentIntent.amount_cents == remaining,
        )
        .order_by(PaymentIntent.id.desc())
        .limit(1)
    )
    intent = waiting or PaymentIntent(
        tenant_id=tenant_id,
        invoice_id=invoice.id,
        provider=provider.name,
        provider_reference=provider.new_reference(),
        amount_cents=remaining,
        status=PaymentIntentStatus.CREATED,
    )
    if waiting is None:
        session.add(intent)
        await session.flush()
    return StartedPayment(
        invoice, intent, provider.payment_url(tenant_slug, intent.provider_reference, return_url)
    )


async def find_intent(
    session: AsyncSession, tenant_id: int, provider: str, reference: str
) -> PaymentIntent | None:
    """The tenant's intent at ``provider`` with ``reference`` (None when unknown)."""
    return await session.scalar(
        select(PaymentIntent).where(
            PaymentIntent.tenant_id == tenant_id,
            PaymentIntent.provider == provider,
            PaymentIntent.provider_reference == reference,
        )
    )


async def handle_notification(
    session: AsyncSession,
    *,
    tenant_id: int,
    provider: str,
    notification: Notification,
    today: dt.date,
) -> HandledNotification:
    """Apply a verified notification, once: the same notification twice (providers retry
    until they get a 200) finds the intent already completed and records nothing more.

    The intent row is locked first, so two deliveries at the same moment are applied one
    after the other. Raises InvalidNotification for an unknown reference or an amount that
    is not the intent's.
    """
    intent = await session.scalar(
        select(PaymentIntent)
        .where(
            PaymentIntent.tenant_id == tenant_id,
            PaymentIntent.provider == provider,
            PaymentIntent.provider_reference == notification.reference,
        )
        .with_for_update()
    )
    if intent is None:
        raise InvalidNotification("unknown reference")
    if notification.amount_cents != intent.amount_cents:
        raise InvalidNotification("amount differs from the intent")
    if intent.status is not PaymentIntentStatus.CREATED:
        recorded = await session.scalar(
            select(Payment).where(
                Payment.tenant_id == tenant_id,
                Payment.invoice_id == intent.invoice_id,
                Payment.provider_reference == notification.transaction,
            )
        )
        return HandledNotification(intent, recorded, replayed=True)
    intent.completed_at = utcnow()
    if notification.status is PaymentIntentStatus.FAILED:
        intent.status = PaymentIntentStatus.FAILED
        await session.flush()
        return HandledNotification(intent, None, replayed=False)
    intent.status = PaymentIntentStatus.SUCCEEDED
    invoice = await lock_invoice(session, tenant_id, intent.invoice_id)
    assert invoice is not None  # an intent always points to an invoice of its tenant
    payment: Payment | None = None
    try:
        payment = await add_payment(
            session,
            invoice,
            method=PaymentMethod.CARD,
            amount_cents=intent.amount_cents,
            paid_on=today,
            description=f"Règlement en ligne - Transaction n° {notification.transaction}",
            provider_reference=notification.transaction,
        )
    except DomainFailure as refused:
        # Paid meanwhile at the cash office, or cancelled: the card was charged anyway.
        logger.warning(
            "payment intent %s succeeded but invoice %s refused it (%s): refund the card",
            intent.id,
            invoice.id,
            refused,
        )
    await session.flush()
    return HandledNotification(intent, payment, replayed=False)
