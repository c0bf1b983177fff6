"""The other reminder rules on a simulated clock: a billed absence still justifiable, an
invoice due within five days and unpaid, a refused document not sent again — each fires
at its moment, once, and not when the family already did what it asks."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.reminders.base import (
    ABSENCE_JUSTIFICATION,
    DOCUMENT_MISSING,
    INVOICE_DUE,
)
from models import Booking, Document, Family, Invoice
from models.billing import InvoiceStatus
from models.booking import BookingStatus
from models.document import DocumentStatus, DocumentType
from models.notification import NotificationKind
from tests.domain.reminders._helpers import outbox, paris, reminders, run
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household
from tests.factories.family import make_account_with_token, make_guardian, make_invoice
from tests.factories.payments import make_payment
from tests.factories.requests import make_booking

ABSENT_ON = dt.date(2026, 12, 7)  # a Monday; justifiable until Wednesday 09/12 (2 days)
_keys = itertools.count(1)


async def town_and_family(session: AsyncSession) -> tuple[BookingTown, Household]:
    """A town whose activity bills late absences unless justified within two days."""
    town = await make_booking_town(session, justification_delay_days=2)
    return town, await make_household(session, town)


async def billed_absence(session: AsyncSession, town: BookingTown, home: Household) -> int:
    booking = await make_booking(
        session, home.children[0], town.slots[1], ABSENT_ON, status=BookingStatus.ABSENT_BILLED
    )
    await session.commit()
    return booking.id


async def document(
    session: AsyncSession,
    family: Family,
    *,
    status: DocumentStatus,
    uploaded_at: dt.datetime,
    reviewed_at: dt.datetime | None = None,
    type: DocumentType = DocumentType.RIB,
    reason: str | None = None,
) -> Document:
    n = next(_keys)
    row = Document(
        tenant_id=family.tenant_id,
        family_id=family.id,
        type=type,
        filename=f"piece-{n}.pdf",
        content_type="application/pdf",
        size_bytes=100,
        sha256=hashlib.sha256(str(n).encode()).hexdigest(),
        storage_key=f"reminders/{n}-{uploaded_at.timestamp()}",
        status=status,
        refusal_reason=reason,
        uploaded_at=uploaded_at,
        reviewed_at=reviewed_at,
    )
    session.add(row)
    await session.flush()
    return row


# ------------------------------------------------------------------ absence justification


async def test_absence_reminded_the_day_before_the_last_day(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    await billed_absence(session, town, home)
    # The absence day itself: two days left, not yet.
    await run(session, town.tenant, paris(ABSENT_ON, 18))
    assert await reminders(session, town.tenant.id) == []
    # The day before the last day: reminded, once.
    await run(session, town.tenant, paris(dt.date(2026, 12, 8), 9))
    await run(session, town.tenant, paris(dt.date(2026, 12, 9), 9))
    [notification] = await reminders(session, town.tenant.id)
    assert notification.topic == ABSENCE_JUSTIFICATION
    assert notification.kind is NotificationKind.REMINDER
    assert notification.dedupe_key == (
        f"{ABSENCE_JUSTIFICATION}:family-{home.family.id}:2026-12-09:account-{home.account.id}"
    )
    [mail] = await outbox(session, town.tenant.id)
    assert "09/12/2026" in mail.subject
    assert "07/12/2026" in mail.text_body


async def test_absence_caught_up_on_the_last_day_and_never_after(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    await billed_absence(session, town, home)
    await run(session, town.tenant, paris(dt.date(2026, 12, 10), 9))  # too late
    assert await reminders(session, town.tenant.id) == []
    await run(session, town.tenant, paris(dt.date(2026, 12, 9), 9))  # the last day
    [mail] = await outbox(session, town.tenant.id)
    assert "(aujourd'hui)" in mail.text_body


async def test_absence_with_a_justification_waiting_is_not_reminded(
    session: AsyncSession,
) -> None:
    town, home = await town_and_family(session)
    booking_id = await billed_absence(session, town, home)
    certificate = await document(
        session,
        home.family,
        status=DocumentStatus.SUBMITTED,
        type=DocumentType.MEDICAL_CERTIFICATE,
        uploaded_at=paris(ABSENT_ON, 12),
    )
    booking = await session.get(Booking, booking_id)
    assert booking is not None
    booking.justification_document_id = certificate.id
    await session.commit()
    await run(session, town.tenant, paris(dt.date(2026, 12, 8), 9))
    assert await reminders(session, town.tenant.id) == []


async def test_absence_of_an_activity_without_justifications_is_not_reminded(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(session, justification_accepted=False)
    home = await make_household(session, town)
    await billed_absence(session, town, home)
    await run(session, town.tenant, paris(dt.date(2026, 12, 8), 9))
    assert await reminders(session, town.tenant.id) == []


# ------------------------------------------------------------------ invoice due


async def unpaid_invoice(session: AsyncSession, home: Household, **values: Any) -> Invoice:
    invoice = await make_invoice(
        session,
        home.family,
        issued_on=dt.date(2026, 11, 20),
        due_on=dt.date(2026, 12, 7),
        payer_guardian_id=home.guardian.id,
        **values,
    )
    await session.commit()
    return invoice


async def test_invoice_reminded_five_days_before_its_due_date(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    # A second guardian with an account: the invoice's reminder goes to the payer only.
    other = await make_guardian(session, home.family, rank=2)
    await make_account_with_token(session, town.tenant, guardian=other)
    invoice = await unpaid_invoice(session, home)
    await run(session, town.tenant, paris(dt.date(2026, 12, 1), 10))  # six days: not yet
    assert await reminders(session, town.tenant.id) == []
    await run(session, town.tenant, paris(dt.date(2026, 12, 2), 10))
    await run(session, town.tenant, paris(dt.date(2026, 12, 3), 10))
    [notification] = await reminders(session, town.tenant.id)
    assert notification.kind is NotificationKind.PAYMENT_DUE
    assert notification.topic == INVOICE_DUE
    assert notification.account_id == home.account.id
    assert notification.dedupe_key == (
        f"{INVOICE_DUE}:invoice-{invoice.id}:2026-12-07:account-{home.account.id}"
    )
    [mail] = await outbox(session, town.tenant.id)
    assert mail.to_address == home.guardian.email
    assert invoice.number in mail.subject and "07/12/2026" in mail.subject
    assert "42,50 €" in mail.text_body and "dans 5 jours" in mail.text_body


async def test_partly_paid_invoice_reminds_what_is_left(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    invoice = await unpaid_invoice(session, home, status=InvoiceStatus.PARTIALLY_PAID)
    await make_payment(session, invoice, 1250)
    await session.commit()
    await run(session, town.tenant, paris(dt.date(2026, 12, 2), 10))
    [mail] = await outbox(session, town.tenant.id)
    assert "30,00 €" in mail.text_body


async def test_paid_invoices_and_direct_debit_families_are_not_reminded(
    session: AsyncSession,
) -> None:
    town, home = await town_and_family(session)
    await unpaid_invoice(session, home, status=InvoiceStatus.PAID)
    second = await make_household(session, town)
    second.family.direct_debit = True
    await unpaid_invoice(session, second)
    await run(session, town.tenant, paris(dt.date(2026, 12, 2), 10))
    assert await reminders(session, town.tenant.id) == []


# ------------------------------------------------------------------ refused document


async def test_refused_document_reminded_after_two_days_once(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    refused = await document(
        session,
        home.family,
        status=DocumentStatus.REFUSED,
        uploaded_at=paris(dt.date(2026, 11, 25), 9),
        reviewed_at=paris(dt.date(2026, 11, 27), 15),
        reason="RIB illisible",
    )
    await session.commit()
    await run(session, town.tenant, paris(dt.date(2026, 11, 28), 10))  # one day: not yet
    assert await reminders(session, town.tenant.id) == []
    await run(session, town.tenant, paris(dt.date(2026, 11, 30), 10))
    await run(session, town.tenant, paris(dt.date(2026, 12, 1), 10))
    [notification] = await reminders(session, town.tenant.id)
    assert notification.topic == DOCUMENT_MISSING
    assert notification.dedupe_key == (
        f"{DOCUMENT_MISSING}:document-{refused.id}:2026-11-27:account-{home.account.id}"
    )
    [mail] = await outbox(session, town.tenant.id)
    assert "RIB" in mail.subject
    assert "RIB illisible" in mail.text_body and "27/11/2026" in mail.text_body


async def test_refused_document_sent_again_is_not_reminded(session: AsyncSession) -> None:
    town, home = await town_and_family(session)
    await document(
        session,
        home.family,
        status=DocumentStatus.REFUSED,
        uploaded_at=paris(dt.date(2026, 11, 25), 9),
        reviewed_at=paris(dt.date(2026, 11, 27), 15),
    )
    await document(
        session,
        home.family,
        status=DocumentStatus.SUBMITTED,
        uploaded_at=paris(dt.date(2026, 11, 28), 9),
    )
    await session.commit()
    await run(session, town.tenant, paris(dt.date(2026, 11, 30), 10))
    assert await reminders(session, town.tenant.id) == []


async def test_family_without_an_account_is_reminded_by_mail_to_its_payer(
    session: AsyncSession,
) -> None:
    town, home = await town_and_family(session)
    home.account.guardian_id = None  # nobody in the family signs in
    await unpaid_invoice(session, home)
    await run(session, town.tenant, paris(dt.date(2026, 12, 2), 10))
    [notification] = await reminders(session, town.tenant.id)
    assert notification.account_id is None
    assert str(notification.dedupe_key).endswith(f":guardian-{home.guardian.id}")
    [mail] = await outbox(session, town.tenant.id)
    assert mail.to_address == home.guardian.email
