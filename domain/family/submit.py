"""familyRegistrationSubmit: a checked form stored in one transaction — the family
(SUBMITTED), its guardians (rank 1 is the payer), children with empty authorizations and
health record, the bank account when paying by direct debit, the wished registrations
(REQUESTED), and a FAMILY_REGISTRATION request with its history; the account becomes
guardian 1's login and an acknowledgement is mailed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from domain.accounts import TenantIdentity, display_name
from domain.counters import (
    PLACEHOLDER_REFERENCE,
    next_request_reference,
    provisional_reference,
    rows_written,
    take_request_reference,
)
from domain.family.account import _locked_account, current_family_status
from domain.family.form import AddressForm, FamilyForm, GuardianForm
from domain.family.idempotency import _replay, clean_idempotency_key
from domain.family.mails import _mail_context
from domain.family.outcomes import Submission
from domain.family.validation import check_family_form
from domain.mail import enqueue_mail
from domain.requests.history import record_step
from kernel.results import fail
from models import (
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    Guardian,
    HealthRecord,
    Registration,
    Request,
)
from models.family import FamilyStatus
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus, RequestType


def _guardian_row(
    tenant_id: int, family_id: int, form: GuardianForm, rank: int, address: AddressForm | None
) -> Guardian:
    allocataire = form.allocataire
    return Guardian(
        tenant_id=tenant_id,
        family_id=family_id,
        rank=rank,
        civility=form.civility,
        first_name=form.first_name,
        last_name=form.last_name,
        birth_name=form.birth_name,
        relationship=form.relationship,
        marital_status=form.marital_status,
        email=form.email,
        phone=form.phone,
        mobile_phone=form.mobile_phone,
        work_phone=form.work_phone,
        address_line1=address.line1 if address else None,
        address_line2=address.line2 if address else None,
        postal_code=address.postal_code if address else None,
        city=address.city if address else None,
        country=address.country if address else "FR",
        profession=form.profession,
        employer=form.employer,
        is_payer=rank == 1,
        is_allocataire=allocataire is not None,
        allowance_regime=allocataire.regime if allocataire else None,
        allocataire_number=allocataire.number if allocataire else None,
        consents_quotient_lookup=allocataire.consents_quotient_lookup if allocataire else False,
    )


async def submit_family_registration(
    session: AsyncSession,
    tenant: TenantIdentity,
    *,
    account_id: int,
    form: FamilyForm,
    idempotency_key: str | None,
    now: dt.datetime,
    today: dt.date,
) -> Submission:
    """familyRegistrationSubmit: store the whole file, or nothing and every problem.

    The account becomes the login of guardian 1 (the payer), whose e-mail is the account's
    (the form need not repeat it); the family waits for staff (SUBMITTED) and an
    acknowledgement mail is queued. The caller commits next, writing nothing more: on
    PostgreSQL the last statement holds the tenant's counter and event log locks
    (``counters.take_request_reference``).
    """
    key = clean_idempotency_key(idempotency_key)
    # Lock first: a concurrent retry waits here, then finds the first submission's request.
    account = await _locked_account(session, tenant.id, account_id)
    if key is not None:
        earlier = await _replay(session, tenant.id, account_id, key)
        if earlier is not None:
            return earlier
    status = await current_family_status(session, account)
    if status is not None and status is not FamilyStatus.REJECTED:
        raise fail(
            "ALREADY_SUBMITTED",
            "Votre compte est déjà rattaché à un dossier famille"
            + (" en attente de validation." if status is FamilyStatus.SUBMITTED else "."),
        )
    checked = await check_family_form(session, tenant.id, form, today, account_email=account.email)
    clean = checked.form
    communication = clean.communication

    family = Family(
        tenant_id=tenant.id,
        name=clean.guardian1.last_name,
        status=FamilyStatus.SUBMITTED,
        accepts_email=communication.accepts_email,
        accepts_sms=communication.accepts_sms,
        accepts_post=communication.accepts_post,
        paper_invoice=communication.paper_invoice,
        reminder_by_email=communication.reminder_by_email,
        reminder_by_sms=communication.reminder_by_sms,
        reminder_by_post=communication.reminder_by_post,
        direct_debit=clean.direct_debit,
        created_at=now,
    )
    session.add(family)
    await session.flush()

    guardian1 = _guardian_row(tenant.id, family.id, clean.guardian1, 1, clean.guardian1.address)
    session.add(guardian1)
    if clean.guardian2 is not None:
        # Guardian 2 without an address lives with guardian 1.
        address = clean.guardian2.address or clean.guardian1.address
        session.add(_guardian_row(tenant.id, family.id, clean.guardian2, 2, address))

    children = [
        Child(
            tenant_id=tenant.id,
            family_id=family.id,
            first_name=c.first_name,
            last_name=c.last_name,
            birth_date=c.birth_date,
            sex=c.sex,
            school_id=c.school_id,
            grade=c.grade,
            created_at=now,
        )
        for c in clean.children
    ]
    session.add_all(children)
    await session.flush()
    for child in children:
        session.add(ChildAuthorizations(child_id=child.id, tenant_id=tenant.id, updated_at=now))
        session.add(HealthRecord(child_id=child.id, tenant_id=tenant.id, updated_at=now))

    if clean.bank_account is not None:
        session.add(
            BankAccount(
                tenant_id=tenant.id,
                family_id=family.id,
                holder_name=clean.bank_account.holder_name,
                iban=clean.bank_account.iban,
                bic=clean.bank_account.bic,
                is_primary=True,
                created_at=now,
            )
        )
    for wish in checked.registrations:
        session.add(
            Registration(
                tenant_id=tenant.id,
                child_id=children[wish.child_index].id,
                activity_id=wish.activity_id,
                start_date=wish.start_date,
                end_date=wish.end_date,
                status=RegistrationStatus.REQUESTED,
                created_at=now,
            )
        )

    # PostgreSQL: the tenant's counter, locked until the commit, is taken last, in the
    # statement that writes the number into the request, its event and the mail (counters).
    late = session.get_bind().dialect.name == "postgresql"
    request = Request(
        tenant_id=tenant.id,
        family_id=family.id,
        reference=(
            provisional_reference(session)
            if late
            else await next_request_reference(session, tenant.id)
        ),
        type=RequestType.FAMILY_REGISTRATION,
        status=RequestStatus.PENDING,
        created_by_account_id=account.id,
        idempotency_key=key,
        guardian_id=guardian1.id,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    if late:
        set_committed_value(request, "reference", PLACEHOLDER_REFERENCE)
    with rows_written(session, watch=late) as written:
        record_step(
            session,
            request,
            HistoryStep.CREATED,
            RequestStatus.PENDING,
            actor_account_id=account.id,
            now=now,
        )
        account.guardian_id = guardian1.id
        await session.flush()
        await enqueue_mail(
            session,
            tenant_id=tenant.id,
            to=account.email,
            template="family_registration_received",
            context=_mail_context(
                tenant,
                display_name(guardian1.civility, guardian1.first_name, guardian1.last_name),
                family_name=family.name,
                reference=request.reference,
            ),
        )
    if late:
        await take_request_reference(session, request, written, last=True)
    return Submission(family=family, request=request, guardian=guardian1)
