"""Online card payment through the sandbox provider, at the domain level: the signature is
checked, a payment is recorded once, a failure records nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.online import handle_notification, start_online_payment
from domain.payments.provider import InvalidNotification, Notification, SandboxProvider
from kernel.results import DomainFailure
from models import Payment
from models.billing import InvoiceStatus, PaymentIntentStatus, PaymentMethod
from tests.domain._payments_helpers import PROVIDER, TODAY, codes
from tests.factories.payments import make_billed_invoice, make_paying_family, make_payment

# --- provider ------------------------------------------------------------------------


def test_sandbox_signature_is_checked() -> None:
    notification = Notification("abc", PaymentIntentStatus.SUCCEEDED, 640, "3fe56d")
    body = PROVIDER.notification_body(notification)
    assert PROVIDER.verify(body, PROVIDER.sign(body)) == notification
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body, None)
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body.replace(b"640", b"641"), PROVIDER.sign(body))
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(body, SandboxProvider("other", "http://x").sign(body))
    bad = b'{"reference": "abc", "status": "CREATED", "amountCents": 1, "transaction": "x"}'
    with pytest.raises(InvalidNotification):
        PROVIDER.verify(bad, PROVIDER.sign(bad))


# --- online payment ------------------------------------------------------------------


async def test_online_payment_is_recorded_once(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    invoice = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 28))
    await make_payment(session, invoice, 860)
    started = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    intent = started.intent
    assert intent.amount_cents == 6000
    assert started.payment_url.endswith(f"/payment-sandbox/{intent.provider_reference}")
    again = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    assert again.intent.id == intent.id

    notification = Notification(
        intent.provider_reference, PaymentIntentStatus.SUCCEEDED, 6000, "3fe56d"
    )
    first = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=notification,
        today=TODAY,
    )
    assert first.payment is not None and not first.replayed
    assert first.payment.method is PaymentMethod.CARD
    assert first.payment.description == "Règlement en ligne - Transaction n° 3fe56d"
    assert invoice.status is InvoiceStatus.PAID
    second = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=notification,
        today=TODAY,
    )
    assert second.replayed and second.payment is not None
    assert second.payment.id == first.payment.id
    count = await session.scalar(select(func.count()).select_from(Payment))
    assert count == 2  # the cheque and the card, once

    with pytest.raises(InvalidNotification):
        await handle_notification(
            session,
            tenant_id=paying.tenant.id,
            provider="sandbox",
            notification=Notification("unknown", PaymentIntentStatus.SUCCEEDED, 6000, "x"),
            today=TODAY,
        )


async def test_failed_online_payment_records_nothing(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    invoice = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 28))
    started = await start_online_payment(
        session,
        tenant_id=paying.tenant.id,
        tenant_slug=paying.tenant.slug,
        family_id=paying.family.id,
        invoice_id=invoice.id,
        provider=PROVIDER,
        today=TODAY,
    )
    reference = started.intent.provider_reference
    with pytest.raises(InvalidNotification):  # not the intent's amount
        await handle_notification(
            session,
            tenant_id=paying.tenant.id,
            provider="sandbox",
            notification=Notification(reference, PaymentIntentStatus.SUCCEEDED, 1, "t"),
            today=TODAY,
        )
    handled = await handle_notification(
        session,
        tenant_id=paying.tenant.id,
        provider="sandbox",
        notification=Notification(reference, PaymentIntentStatus.FAILED, 6860, "t"),
        today=TODAY,
    )
    assert handled.payment is None and handled.intent.status is PaymentIntentStatus.FAILED
    assert invoice.status is InvoiceStatus.ISSUED


async def test_online_payment_refusals(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    other = await make_paying_family(session, paying.tenant)
    late = await make_billed_invoice(session, paying, due_on=dt.date(2026, 2, 19))
    theirs = await make_billed_invoice(session, other, due_on=dt.date(2026, 2, 28))
    cancelled = await make_billed_invoice(
        session, paying, due_on=dt.date(2026, 2, 28), status=InvoiceStatus.CANCELLED
    )

    async def start(invoice_id: int, family_id: int) -> None:
        await start_online_payment(
            session,
            tenant_id=paying.tenant.id,
            tenant_slug=paying.tenant.slug,
            family_id=family_id,
            invoice_id=invoice_id,
            provider=PROVIDER,
            today=TODAY,
        )

    for invoice_id, family_id, code in (
        (late.id, paying.family.id, "DUE_DATE_PASSED"),
        (theirs.id, paying.family.id, "NOT_FOUND"),
        (cancelled.id, paying.family.id, "INVOICE_CANCELLED"),
    ):
        with pytest.raises(DomainFailure) as failure:
            await start(invoice_id, family_id)
        assert codes(failure) == [code]
    other.family.direct_debit = True
    with pytest.raises(DomainFailure) as failure:
        await start(theirs.id, other.family.id)
    assert codes(failure) == ["DIRECT_DEBIT_FAMILY"]
