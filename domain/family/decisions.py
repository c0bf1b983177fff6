"""Staff decisions on a submitted family file: validating gives the family its
subscriber code, activates its wished registrations and accepts the request; rejecting
needs a reason and refuses them. Each decision is a ``TOWN_NOTICE`` notification (always
mailed; SMS/push as the parent chose)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import TenantIdentity, display_name
from domain.audit import record_change
from domain.contact_validation import ProblemCollector
from domain.family.mails import _mail_context
from domain.family.messages import REQUIRED, TOO_LONG, _Label
from domain.family.subscriber_codes import next_subscriber_code
from domain.labels import label
from domain.notifications.dispatch import Recipient, notify
from domain.notifications.recipients import FAMILY_LINK
from domain.requests.history import record_decision
from kernel.results import fail
from models import Account, Child, Family, Guardian, Registration, Request
from models.family import FamilyStatus
from models.notification import NotificationKind
from models.registration import RegistrationStatus
from models.request import RequestStatus, RequestType

_REASON = _Label("Le motif du refus")


async def _locked_family(session: AsyncSession, tenant_id: int, family_id: int) -> Family:
    family = await session.scalar(
        select(Family)
        .where(Family.id == family_id, Family.tenant_id == tenant_id)
        .with_for_update()
    )
    if family is None:
        raise fail("NOT_FOUND", "Ce dossier famille est introuvable.", "family")
    return family


def _require_submitted(family: Family) -> None:
    if family.status is not FamilyStatus.SUBMITTED:
        raise fail(
            "INVALID_STATE",
            f"Ce dossier famille n'est plus en attente de validation (état : "
            f"{label(family.status)}).",
            "family",
        )


async def _decide_request(
    session: AsyncSession,
    family: Family,
    *,
    status: RequestStatus,
    staff_account_id: int,
    note: str | None,
    now: dt.datetime,
) -> Request | None:
    """Close the family's open FAMILY_REGISTRATION request (None for imported families)."""
    request = await session.scalar(
        select(Request)
        .where(
            Request.tenant_id == family.tenant_id,
            Request.family_id == family.id,
            Request.type == RequestType.FAMILY_REGISTRATION,
            Request.status.in_((RequestStatus.PENDING, RequestStatus.TRANSMITTED)),
        )
        .order_by(Request.created_at.desc(), Request.id.desc())
        .limit(1)
    )
    if request is None:
        return None
    record_decision(session, request, status, actor_account_id=staff_account_id, now=now, note=note)
    return request


async def _decide_registrations(
    session: AsyncSession, family: Family, status: RegistrationStatus, now: dt.datetime
) -> None:
    await session.execute(
        update(Registration)
        .where(
            Registration.tenant_id == family.tenant_id,
            Registration.status == RegistrationStatus.REQUESTED,
            Registration.child_id.in_(select(Child.id).where(Child.family_id == family.id)),
        )
        .values(status=status, decided_at=now)
    )


async def _recipient(
    session: AsyncSession, family: Family, request: Request | None
) -> Recipient | None:
    """Who hears about a decision: the account that submitted the file (else the payer's
    e-mail), greeted by the payer's name. None when nobody can be written to."""
    payer = await session.scalar(
        select(Guardian)
        .where(Guardian.family_id == family.id)
        .order_by(Guardian.is_payer.desc(), Guardian.rank)
        .limit(1)
    )
    address: str | None = None
    account_id: int | None = None
    if request is not None and request.created_by_account_id is not None:
        address = await session.scalar(
            select(Account.email).where(Account.id == request.created_by_account_id)
        )
        account_id = request.created_by_account_id if address is not None else None
    if address is None and payer is not None:
        address = payer.email
    if address is None:
        return None
    name = (
        display_name(payer.civility, payer.first_name, payer.last_name)
        if payer is not None
        else family.name
    )
    return Recipient(account_id=account_id, email=address, name=name)


async def _notify(
    session: AsyncSession,
    tenant: TenantIdentity,
    family: Family,
    recipient: Recipient,
    template: str,
    now: dt.datetime,
    **values: object,
) -> None:
    # No dedupe key: a decision happens once (the file must be SUBMITTED to be decided).
    await notify(
        session,
        tenant_id=tenant.id,
        family_id=family.id,
        recipient=recipient,
        kind=NotificationKind.TOWN_NOTICE,
        topic=template,
        context=_mail_context(tenant, recipient.name, **values),
        now=now,
        link=FAMILY_LINK,
    )


async def validate_family(
    session: AsyncSession,
    tenant: TenantIdentity,
    *,
    family_id: int,
    staff_account_id: int,
    portal_url: str,
    now: dt.datetime,
) -> Family:
    """familyValidate: the family gets its subscriber code and its Espace Famille."""
    family = await _locked_family(session, tenant.id, family_id)
    _require_submitted(family)
    family.subscriber_code = await next_subscriber_code(session, tenant.id)
    family.status = FamilyStatus.VALIDATED
    family.validated_at = now
    family.rejection_reason = None
    await _decide_registrations(session, family, RegistrationStatus.ACTIVE, now)
    record_change(
        session,
        tenant_id=tenant.id,
        actor_account_id=staff_account_id,
        action="family.validated",
        object_type="Family",
        object_id=family.id,
        after={"status": family.status, "subscriber_code": family.subscriber_code},
    )
    request = await _decide_request(
        session,
        family,
        status=RequestStatus.ACCEPTED,
        staff_account_id=staff_account_id,
        note=None,
        now=now,
    )
    await session.flush()
    recipient = await _recipient(session, family, request)
    if recipient is not None:
        await _notify(
            session,
            tenant,
            family,
            recipient,
            "family_validated",
            now,
            family_name=family.name,
            subscriber_code=family.subscriber_code,
            portal_url=portal_url,
        )
    return family


async def reject_family(
    session: AsyncSession,
    tenant: TenantIdentity,
    *,
    family_id: int,
    reason: str,
    staff_account_id: int,
    now: dt.datetime,
) -> Family:
    """familyReject: a reason is required; it is mailed and shown on the file.

    The parent may then submit a new file with the same account.
    """
    collector = ProblemCollector()
    cleaned = (reason or "").strip()
    if not cleaned:
        collector.add(REQUIRED, _REASON.required(), "reason")
    elif len(cleaned) > 1000:
        collector.add(TOO_LONG, _REASON.too_long(1000), "reason")
    collector.raise_if_any()
    family = await _locked_family(session, tenant.id, family_id)
    _require_submitted(family)
    family.status = FamilyStatus.REJECTED
    family.rejection_reason = cleaned
    await _decide_registrations(session, family, RegistrationStatus.REFUSED, now)
    record_change(
        session,
        tenant_id=tenant.id,
        actor_account_id=staff_account_id,
        action="family.rejected",
        object_type="Family",
        object_id=family.id,
        after={"status": family.status, "rejection_reason": cleaned},
    )
    request = await _decide_request(
        session,
        family,
        status=RequestStatus.REFUSED,
        staff_account_id=staff_account_id,
        note=cleaned,
        now=now,
    )
    await session.flush()
    recipient = await _recipient(session, family, request)
    if recipient is not None:
        await _notify(
            session,
            tenant,
            family,
            recipient,
            "family_rejected",
            now,
            family_name=family.name,
            reason=cleaned,
        )
    return family
