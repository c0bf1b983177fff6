"""Staff decisions that existed before the audit trail now write their entry in the
decision's transaction: booking requests refused, families validated and rejected,
documents accepted and refused, change requests refused, payments recorded, months
billed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.billing_run import run_billing
from domain.bookings.decisions.decide import refuse_request
from domain.change_requests.decide import refuse_change_request
from domain.documents.decisions import accept_document, refuse_document
from domain.family import reject_family, validate_family
from domain.payments.ledger import record_staff_payment
from kernel.viewer import Viewer
from models import Account, AuditEntry, Document, Tenant
from models.account import Role
from models.billing import PaymentMethod
from models.document import DocumentType
from models.family import FamilyStatus
from models.request import RequestType
from seed import builders
from tests import factories
from tests.factories.family import make_account_with_token
from tests.factories.requests import make_booking_request

NOW = dt.datetime(2026, 1, 12, 9, tzinfo=dt.UTC)


async def _entries(session: AsyncSession, tenant: Tenant) -> list[tuple[str, str, int | None]]:
    rows = await session.scalars(
        select(AuditEntry).where(AuditEntry.tenant_id == tenant.id).order_by(AuditEntry.id)
    )
    return [(e.action, e.object_type, e.actor_account_id) for e in rows]


async def _staff(session: AsyncSession, tenant: Tenant) -> Account:
    account, _ = await make_account_with_token(session, tenant, role=Role.STAFF)
    return account


async def test_family_and_document_decisions_are_audited(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    staff = await _staff(session, tenant)
    first = await factories.make_family(session, tenant, status=FamilyStatus.SUBMITTED)
    second = await factories.make_family(session, tenant, status=FamilyStatus.SUBMITTED)
    await factories.make_guardian(session, first)
    await factories.make_guardian(session, second)
    documents = []
    for n in range(2):
        document = Document(
            tenant_id=tenant.id,
            family_id=first.id,
            type=DocumentType.RIB,
            filename="rib.pdf",
            content_type="application/pdf",
            size_bytes=10,
            sha256="0" * 64,
            storage_key=f"audit/{first.id}/{n}",
        )
        session.add(document)
        documents.append(document)
    await session.flush()
    assert await _entries(session, tenant) == []
    kwargs: dict[str, Any] = {"staff_account_id": staff.id, "now": NOW}
    await validate_family(session, tenant, family_id=first.id, portal_url="https://x", **kwargs)
    await reject_family(session, tenant, family_id=second.id, reason="Incomplet", **kwargs)
    viewer = Viewer(tenant_id=tenant.id, account_id=staff.id, role=Role.STAFF)
    await accept_document(session, viewer, document_id=documents[0].id, now=NOW)
    await refuse_document(session, viewer, document_id=documents[1].id, reason="Flou", now=NOW)
    await session.flush()
    assert await _entries(session, tenant) == [
        ("family.validated", "Family", staff.id),
        ("family.rejected", "Family", staff.id),
        ("document.accepted", "Document", staff.id),
        ("document.refused", "Document", staff.id),
    ]


async def test_request_and_money_decisions_are_audited(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    staff = await _staff(session, tenant)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(session, school, year)
    slot = await factories.make_slot(session, activity)
    family = await factories.make_family(session, tenant)
    child = await factories.make_child(session, family)
    request, _ = await make_booking_request(session, None, child, slot, [dt.date(2026, 1, 19)])
    change = await builders.add_request(
        session,
        family,
        reference=987654,
        type=RequestType.GUARDIAN_CHANGE,
        created_by_account_id=None,
    )
    invoice = await factories.make_invoice(session, family, issued_on=dt.date(2026, 1, 5))
    await session.flush()
    await refuse_request(
        session,
        tenant_id=tenant.id,
        request_id=request.id,
        line_ids=None,
        account_id=staff.id,
        message="Complet",
        now=NOW,
    )
    await refuse_change_request(
        session,
        tenant_id=tenant.id,
        request_id=change.id,
        account_id=staff.id,
        message="Pièce manquante",
        now=NOW,
    )
    await record_staff_payment(
        session,
        tenant_id=tenant.id,
        invoice_id=invoice.id,
        method=PaymentMethod.CHEQUE,
        amount_cents=1000,
        paid_on=dt.date(2026, 1, 10),
        reference="123",
        account_id=staff.id,
        today=dt.date(2026, 1, 12),
    )
    await run_billing(
        session,
        tenant=tenant,
        month=dt.date(2025, 12, 1),
        today=dt.date(2026, 1, 12),
        actor_account_id=staff.id,
    )
    await session.flush()
    assert await _entries(session, tenant) == [
        ("request.refused", "Request", staff.id),
        ("change_request.refused", "Request", staff.id),
        ("payment.recorded", "Payment", staff.id),
        ("billing_run.completed", "BillingRun", staff.id),
    ]
