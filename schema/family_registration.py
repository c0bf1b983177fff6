"""The family file's life cycle: familyRegistrationSubmit (parent), familyValidate and
familyReject (staff), familyLink (parent whose family already has a subscriber code).

Every problem with the form comes back in the payload's ``errors``, each with the path of
the input field at fault (``["children", "1", "birthDate"]``) and a French message; the
top-level ``errors`` are kept for anonymous callers (UNAUTHENTICATED), wrong roles
(FORBIDDEN) and malformed requests.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

import strawberry
from strawberry import relay

from domain.counters import format_reference
from domain.family_registration import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    FamilyForm,
    GuardianForm,
    Linked,
    WishedRegistrationForm,
)
from domain.results import DomainFailure
from models.account import Civility
from models.child import Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship
from resolvers import family_registration as actions
from schema.errors import forbidden, payload_errors, unauthenticated
from schema.family import Family, Guardian
from schema.inputs import decode_pk

# --- inputs ----------------------------------------------------------------------------


@strawberry.input(description="A postal address of the family form.")
class AddressFormInput:
    line1: str = strawberry.field(description="Numéro et voie.")
    line2: str | None = strawberry.field(default=None, description="Complément d'adresse.")
    postal_code: str = strawberry.field(description="Code postal (5 chiffres en France).")
    city: str = strawberry.field(description="Ville.")
    country: str = strawberry.field(
        default="FR", description="Pays: ISO 3166 alpha-2 code (« FR »)."
    )


@strawberry.input(description="The guardian is the family's CAF / MSA allocataire.")
class AllocataireInput:
    regime: AllowanceRegime = strawberry.field(description="CAF or MSA.")
    number: str = strawberry.field(
        description="Numéro d'allocataire (CAF: 5 to 8 digits; MSA: 5 to 20 letters or digits)."
    )
    consents_quotient_lookup: bool = strawberry.field(
        description="Authorizes the town to fetch the family quotient from the CAF / MSA "
        "(the guide's « Je n'autorise pas la transmission de mes données » left unchecked)."
    )


@strawberry.input(
    description="Responsable 1 (the payer: invoices are in their name) or responsable 2. "
    "At least one of `phone` and `mobilePhone` is required; phone numbers without an "
    "international prefix are read in the address's country and stored in E.164."
)
class GuardianFormInput:
    civility: Civility = strawberry.field(description="Civilité.")
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom (guardian 1's names the family).")
    birth_name: str | None = strawberry.field(default=None, description="Nom de naissance.")
    relationship: Relationship = strawberry.field(description="Qualité.")
    marital_status: MaritalStatus = strawberry.field(description="Situation familiale.")
    phone: str | None = strawberry.field(default=None, description="Téléphone.")
    mobile_phone: str | None = strawberry.field(
        default=None, description="Téléphone portable (required to receive SMS)."
    )
    work_phone: str | None = strawberry.field(default=None, description="Téléphone professionnel.")
    email: str | None = strawberry.field(
        default=None, description="Adresse e-mail (required for guardian 1)."
    )
    address: AddressFormInput | None = strawberry.field(
        default=None,
        description="Adresse (required for guardian 1; null for guardian 2: same as guardian 1).",
    )
    profession: str | None = strawberry.field(default=None, description="Profession.")
    employer: str | None = strawberry.field(default=None, description="Employeur.")
    allocataire: AllocataireInput | None = strawberry.field(
        default=None,
        description="Set when this guardian is the CAF / MSA allocataire (at most one per family).",
    )


@strawberry.input(description="Mode de communication, paper invoice and payment reminders.")
class CommunicationPreferencesInput:
    accepts_email: bool = strawberry.field(
        default=True, description="Accepte de recevoir des e-mails."
    )
    accepts_sms: bool = strawberry.field(
        default=False, description="Accepte de recevoir des SMS (needs a mobile phone)."
    )
    accepts_post: bool = strawberry.field(
        default=False, description="Accepte de recevoir des courriers."
    )
    paper_invoice: bool = strawberry.field(
        default=False,
        description="Also receive the invoice by post (it is always on the portal).",
    )
    reminder_by_email: bool = strawberry.field(
        default=True, description="Relance de paiement par e-mail."
    )
    reminder_by_sms: bool = strawberry.field(
        default=False, description="Relance de paiement par SMS (needs a mobile phone)."
    )
    reminder_by_post: bool = strawberry.field(
        default=False, description="Relance de paiement par courrier."
    )


@strawberry.input(description="The bank account to debit (required with direct debit).")
class BankAccountFormInput:
    holder_name: str = strawberry.field(description="Titulaire du compte.")
    iban: str = strawberry.field(
        description="IBAN, with or without spaces (checksum and RIB key are checked)."
    )
    bic: str | None = strawberry.field(
        default=None, description="BIC (optional; must be of a bank of the IBAN's country)."
    )


@strawberry.input(description="A child of the family.")
class ChildFormInput:
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    birth_date: dt.date = strawberry.field(
        description="Date de naissance (not in the future; the child must be under 18)."
    )
    sex: Sex = strawberry.field(description="Sexe.")
    school: relay.GlobalID | None = strawberry.field(
        default=None, description="École: an Establishment of the collectivity."
    )
    grade: Grade | None = strawberry.field(
        default=None, description="Classe (needed for activities open to some grades)."
    )


@strawberry.input(description="A wished registration (pré-inscription) of a child.")
class WishedRegistrationInput:
    child: int = strawberry.field(
        description="Index of the child in `children` (0 for the first one)."
    )
    activity: relay.GlobalID = strawberry.field(
        description="The Activity; the child's grade must be eligible."
    )


@strawberry.input(
    description="The family form (« je n'ai pas de code abonné »). Every problem is "
    "reported at once, each with its path; when there is one, nothing is stored."
)
class FamilyRegistrationSubmitInput:
    guardian1: GuardianFormInput = strawberry.field(description="Responsable 1, the payer.")
    guardian2: GuardianFormInput | None = strawberry.field(
        default=None, description="Responsable 2, if any."
    )
    communication: CommunicationPreferencesInput = strawberry.field(
        description="Consents, paper invoice and reminder channels."
    )
    direct_debit: bool = strawberry.field(
        description="Pay by direct debit (prélèvement); `bankAccount` is then required."
    )
    bank_account: BankAccountFormInput | None = strawberry.field(
        default=None, description="Bank details (ignored without direct debit)."
    )
    children: list[ChildFormInput] = strawberry.field(description="Children (1 to 20).")
    registrations: list[WishedRegistrationInput] = strawberry.field(
        default_factory=list, description="Wished registrations (at most 100)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Any unique string (≤ 100 characters): a retry with the same key "
        "returns the first result and creates nothing.",
    )


def _pk_or_unknown(global_id: relay.GlobalID | None, type_name: str) -> int | None:
    """The key of a global ID of ``type_name``; 0 (matches no row, reported as unknown in
    the payload) for an ID of another type; None when absent."""
    if global_id is None:
        return None
    if global_id.type_name != type_name or not global_id.node_id.isdigit():
        return 0
    return int(global_id.node_id[:18])


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
                school_id=_pk_or_unknown(c.school, "Establishment"),
                grade=c.grade,
            )
            for c in value.children
        ],
        registrations=[
            WishedRegistrationForm(
                child_index=r.child, activity_id=_pk_or_unknown(r.activity, "Activity") or 0
            )
            for r in value.registrations
        ],
    )


# --- payloads ----------------------------------------------------------------------------


@strawberry.enum(description="Why the family form was not accepted.")
class FamilyRegistrationSubmitErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    PHONE_REQUIRED = "PHONE_REQUIRED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    MOBILE_REQUIRED_FOR_SMS = "MOBILE_REQUIRED_FOR_SMS"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_ALLOCATAIRE_NUMBER = "INVALID_ALLOCATAIRE_NUMBER"
    TWO_ALLOCATAIRES = "TWO_ALLOCATAIRES"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    INVALID_IBAN = "INVALID_IBAN"
    INVALID_BIC = "INVALID_BIC"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    BIRTH_DATE_IN_FUTURE = "BIRTH_DATE_IN_FUTURE"
    CHILD_TOO_OLD = "CHILD_TOO_OLD"
    DUPLICATE_CHILD = "DUPLICATE_CHILD"
    UNKNOWN_SCHOOL = "UNKNOWN_SCHOOL"
    UNKNOWN_CHILD = "UNKNOWN_CHILD"
    UNKNOWN_ACTIVITY = "UNKNOWN_ACTIVITY"
    ACTIVITY_CLOSED = "ACTIVITY_CLOSED"
    DUPLICATE_REGISTRATION = "DUPLICATE_REGISTRATION"
    GRADE_REQUIRED = "GRADE_REQUIRED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"


@strawberry.type(description="A problem with the family form.")
class FamilyRegistrationSubmitError:
    field: list[str] = strawberry.field(
        description="Path of the input field at fault (« children », « 1 », « birthDate »)."
    )
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyRegistrationSubmitErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyRegistrationSubmit.")
class FamilyRegistrationSubmitPayload:
    family: Family | None = strawberry.field(
        description="The submitted family file (status SUBMITTED until staff decide)."
    )
    request_reference: str | None = strawberry.field(
        description="Reference of the FAMILY_REGISTRATION request (« 17 378 981 »)."
    )
    errors: list[FamilyRegistrationSubmitError] = strawberry.field(
        description="Every problem of the form (nothing was stored when there is one)."
    )


@strawberry.input(description="The family file staff validate.")
class FamilyValidateInput:
    family: relay.GlobalID = strawberry.field(description="The Family (status SUBMITTED).")


@strawberry.enum(description="Why a family file could not be validated.")
class FamilyValidateErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


@strawberry.type(description="A problem with familyValidate.")
class FamilyValidateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyValidateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyValidate.")
class FamilyValidatePayload:
    family: Family | None = strawberry.field(
        description="The validated family, with its subscriber code."
    )
    errors: list[FamilyValidateError] = strawberry.field(description="Problems, if any.")


@strawberry.input(description="The family file staff reject, and why.")
class FamilyRejectInput:
    family: relay.GlobalID = strawberry.field(description="The Family (status SUBMITTED).")
    reason: str = strawberry.field(
        description="Motif, mailed to the family and shown on its file (≤ 1000 characters)."
    )


@strawberry.enum(description="Why a family file could not be rejected.")
class FamilyRejectErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


@strawberry.type(description="A problem with familyReject.")
class FamilyRejectError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyRejectErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyReject.")
class FamilyRejectPayload:
    family: Family | None = strawberry.field(description="The rejected family.")
    errors: list[FamilyRejectError] = strawberry.field(description="Problems, if any.")


@strawberry.input(
    description="Proofs that the account belongs to a family that already has a subscriber "
    "code: the code, the birth date of one of its children, and the number of an invoice "
    "received in the last 12 months. A family that has had no invoice in the last 12 "
    "months proves itself with the first name of the child born on `childBirthDate` "
    "instead. Clients may always send both `invoiceNumber` and `childFirstName`: the "
    "invoice is required when the family has recent invoices, the first name otherwise."
)
class FamilyLinkInput:
    subscriber_code: str = strawberry.field(description="Code abonné (« 000123 »).")
    child_birth_date: dt.date = strawberry.field(
        description="Date de naissance de l'un des enfants du dossier."
    )
    invoice_number: str | None = strawberry.field(
        default=None, description="Numéro d'une facture des 12 derniers mois (« 2026-01-0042 »)."
    )
    child_first_name: str | None = strawberry.field(
        default=None,
        description="Prénom de l'enfant né à `childBirthDate` (families without a recent "
        "invoice only).",
    )


@strawberry.enum(description="Why an account could not be linked to a family.")
class FamilyLinkErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    LINK_REFUSED = "LINK_REFUSED"
    THROTTLED = "THROTTLED"
    ALREADY_LINKED = "ALREADY_LINKED"
    NO_GUARDIAN_AVAILABLE = "NO_GUARDIAN_AVAILABLE"


@strawberry.type(description="A problem with familyLink.")
class FamilyLinkError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(
        description="What is wrong, in French (never which proof was wrong)."
    )
    code: FamilyLinkErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyLink.")
class FamilyLinkPayload:
    family: Family | None = strawberry.field(description="The family the account now belongs to.")
    guardian: Guardian | None = strawberry.field(description="The guardian the account acts as.")
    errors: list[FamilyLinkError] = strawberry.field(description="Problems, if any.")


# --- mutations ---------------------------------------------------------------------------


def _require_parent(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_parent:
        raise forbidden()


def _require_staff(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_staff:
        raise forbidden()


@strawberry.type(description="Family-file mutations.")
class FamilyRegistrationMutations:
    @strawberry.mutation(
        description="Parent without a family: submit the family form (guardians, "
        "communication, direct debit, children, wished registrations). Staff then validate "
        "or reject it; a second file is refused unless the first was rejected."
    )
    async def family_registration_submit(
        self,
        info: strawberry.Info,
        input: Annotated[
            FamilyRegistrationSubmitInput, strawberry.argument(description="The family form.")
        ],
    ) -> FamilyRegistrationSubmitPayload:
        _require_parent(info)
        try:
            submission = await actions.submit(
                info.context, family_form(input), input.idempotency_key
            )
        except DomainFailure as failure:
            return FamilyRegistrationSubmitPayload(
                family=None,
                request_reference=None,
                errors=payload_errors(
                    failure, FamilyRegistrationSubmitError, FamilyRegistrationSubmitErrorCode
                ),
            )
        return FamilyRegistrationSubmitPayload(
            family=Family.from_row(submission.family),
            request_reference=format_reference(submission.request.reference),
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: validate a submitted family file. It gets its subscriber code, "
        "its wished registrations become active and the family is mailed."
    )
    async def family_validate(
        self,
        info: strawberry.Info,
        input: Annotated[FamilyValidateInput, strawberry.argument(description="The family.")],
    ) -> FamilyValidatePayload:
        _require_staff(info)
        family_pk = decode_pk(input.family, "Family", "family")
        assert family_pk is not None
        try:
            row = await actions.validate(info.context, family_pk)
        except DomainFailure as failure:
            return FamilyValidatePayload(
                family=None,
                errors=payload_errors(failure, FamilyValidateError, FamilyValidateErrorCode),
            )
        return FamilyValidatePayload(family=Family.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: reject a submitted family file with a reason, which is mailed. "
        "The parent may submit a new file."
    )
    async def family_reject(
        self,
        info: strawberry.Info,
        input: Annotated[
            FamilyRejectInput, strawberry.argument(description="The family and the reason.")
        ],
    ) -> FamilyRejectPayload:
        _require_staff(info)
        family_pk = decode_pk(input.family, "Family", "family")
        assert family_pk is not None
        try:
            row = await actions.reject(info.context, family_pk, input.reason)
        except DomainFailure as failure:
            return FamilyRejectPayload(
                family=None,
                errors=payload_errors(failure, FamilyRejectError, FamilyRejectErrorCode),
            )
        return FamilyRejectPayload(family=Family.from_row(row), errors=[])

    @strawberry.mutation(
        description="Parent without a family: link the account to an existing validated "
        "family (« j'ai un code abonné ») with its subscriber code and two proofs. Any "
        "mismatch gives the same LINK_REFUSED; 5 failures per hour at most."
    )
    async def family_link(
        self,
        info: strawberry.Info,
        input: Annotated[FamilyLinkInput, strawberry.argument(description="The proofs.")],
    ) -> FamilyLinkPayload:
        _require_parent(info)
        try:
            outcome = await actions.link(
                info.context,
                subscriber_code=input.subscriber_code,
                child_birth_date=input.child_birth_date,
                invoice_number=input.invoice_number,
                child_first_name=input.child_first_name,
            )
        except DomainFailure as failure:
            return FamilyLinkPayload(
                family=None,
                guardian=None,
                errors=payload_errors(failure, FamilyLinkError, FamilyLinkErrorCode),
            )
        if isinstance(outcome, Linked):
            return FamilyLinkPayload(
                family=Family.from_row(outcome.family),
                guardian=Guardian.from_row(outcome.guardian),
                errors=[],
            )
        problem = outcome.problem
        return FamilyLinkPayload(
            family=None,
            guardian=None,
            errors=[
                FamilyLinkError(
                    field=list(problem.field),
                    message=problem.message,
                    code=FamilyLinkErrorCode[problem.code],
                )
            ],
        )
