"""The family form input turned into the domain's ``FamilyForm``: global IDs decoded
(an ID of the wrong type matches no row, so the domain reports it as unknown), each wished
registration's child found by its ``childKey`` (or its deprecated index), nothing checked
yet."""

from __future__ import annotations

from dataclasses import replace

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
from kernel.results import DomainFailure
from schema.errors import PublicError
from schema.family.registration.inputs import (
    FamilyRegistrationSubmitInput,
    GuardianFormInput,
    WishedRegistrationInput,
)
from schema.ids import input_pk

# An index no child has: the domain reports the wish's child as unknown (UNKNOWN_CHILD).
_NO_CHILD = -1


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
    keys = _child_keys(value)
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
                child_index=_child_index(r, i, keys),
                activity_id=input_pk(r.activity, "Activity") or 0,
            )
            for i, r in enumerate(value.registrations)
        ],
    )


def _child_keys(value: FamilyRegistrationSubmitInput) -> dict[str, int]:
    """Each child's ``key`` → its index; a key given twice is a malformed form."""
    keys: dict[str, int] = {}
    for index, child in enumerate(value.children):
        if child.key is None:
            continue
        if child.key in keys:
            raise PublicError(
                f"La clé « {child.key} » est donnée à deux enfants (children.{keys[child.key]} "
                f"et children.{index}) : chaque enfant a sa propre clé."
            )
        keys[child.key] = index
    return keys


def _child_index(wish: WishedRegistrationInput, position: int, keys: dict[str, int]) -> int:
    """The index of the wish's child: by ``childKey`` first, else the deprecated ``child``.

    Neither, or both naming different children, is a malformed form (a top-level
    ``BAD_USER_INPUT``, like the renamed ID arguments); a key no child carries is the
    domain's UNKNOWN_CHILD, reported on ``childKey``.
    """
    where = f"registrations.{position}"
    if wish.child_key is None:
        if wish.child is None:
            raise PublicError(f"« {where}.childKey » est obligatoire.")
        return wish.child
    index = keys.get(wish.child_key, _NO_CHILD)
    if wish.child is not None and wish.child != index:
        raise PublicError(
            f"« {where}.childKey » et « {where}.child » (obsolète) désignent deux enfants "
            "différents : utilisez seulement « childKey »."
        )
    return index


def name_sent_fields(failure: DomainFailure, value: FamilyRegistrationSubmitInput) -> DomainFailure:
    """The failure with each wish's ``child`` path named ``childKey`` where the client
    named the child by its key, so that a payload error names the field actually sent."""
    keyed = {str(i) for i, wish in enumerate(value.registrations) if wish.child_key is not None}

    def sent(field: tuple[str, ...]) -> tuple[str, ...]:
        if field[:1] == ("registrations",) and field[1:2] and field[1] in keyed:
            return tuple("childKey" if part == "child" else part for part in field)
        return field

    return DomainFailure(replace(p, field=sent(p.field)) for p in failure.problems)
