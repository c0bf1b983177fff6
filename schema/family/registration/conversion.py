"""The family form input turned into the domain's ``FamilyForm``: global IDs decoded
(an ID of the wrong type matches no row, so the domain reports it as unknown), nothing
checked yet."""

from __future__ import annotations

from domain.family import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    FamilyForm,
    GuardianForm,
    WishedRegistrationForm,
)
from schema.family.registration.inputs import FamilyRegistrationSubmitInput, GuardianFormInput
from schema.ids import input_pk


def _guardian_form(value: GuardianFormInput) -> GuardianForm:
    address = value.address
    allocataire = value.allocataire
    return GuardianForm(
        civility=value.civility,
        first_name=value.first_name,
        last_name=value.last_name,
        birth_name=value.birth_name,
        relationship=value.relationship,
        marital_status=value.marital_status,
        phone=value.phone,
        mobile_phone=value.mobile_phone,
        work_phone=value.work_phone,
        email=value.email,
        address=AddressForm(
            line1=address.line1,
            line2=address.line2,
            postal_code=address.postal_code,
            city=address.city,
            country=address.country,
        )
        if address is not None
        else None,
        profession=value.profession,
        employer=value.employer,
        allocataire=AllocataireForm(
            regime=allocataire.regime,
            number=allocataire.number,
            consents_quotient_lookup=allocataire.consents_quotient_lookup,
        )
        if allocataire is not None
        else None,
    )


def family_form(value: FamilyRegistrationSubmitInput) -> FamilyForm:
    """The domain's form from the GraphQL input (IDs decoded, nothing checked yet)."""
    communication = value.communication
    bank = value.bank_account
    return FamilyForm(
        guardian1=_guardian_form(value.guardian1),
        guardian2=_guardian_form(value.guardian2) if value.guardian2 is not None else None,
        communication=CommunicationForm(
            accepts_email=communication.accepts_email,
            accepts_sms=communication.accepts_sms,
            accepts_post=communication.accepts_post,
            paper_invoice=communication.paper_invoice,
            reminder_by_email=communication.reminder_by_email,
            reminder_by_sms=communication.reminder_by_sms,
            reminder_by_post=communication.reminder_by_post,
        ),
        direct_debit=value.direct_debit,
        bank_account=BankAccountForm(holder_name=bank.holder_name, iban=bank.iban, bic=bank.bic)
        if bank is not None
        else None,
        children=[
            ChildForm(
                first_name=c.first_name,
                last_name=c.last_name,
                birth_date=c.birth_date,
                sex=c.sex,
                school_id=None if c.school is None else input_pk(c.school, "Establishment") or 0,
                grade=c.grade,
            )
            for c in value.children
        ],
        registrations=[
            WishedRegistrationForm(
                child_index=r.child, activity_id=input_pk(r.activity, "Activity") or 0
            )
            for r in value.registrations
        ],
    )
