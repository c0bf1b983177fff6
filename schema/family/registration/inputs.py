"""The GraphQL inputs of the family-file mutations: the family form (guardians,
communication, bank account, children, wished registrations) and the inputs of
familyValidate, familyReject and familyLink."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay

from models.account import Civility
from models.child import Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship


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
        default=None,
        description="Adresse e-mail. Guardian 1: leave it out — the signed-in account's "
        "address is used (the account becomes guardian 1's login); another address is "
        "refused (INVALID_EMAIL), the account's own is accepted. Guardian 2: their own "
        "address (optional).",
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
    key: str | None = strawberry.field(
        default=None,
        description="A reference of the client's choosing for this child, unique in the "
        "form (« enfant-1 », a local id): wished registrations name the child by it "
        "(`childKey`).",
    )


@strawberry.input(
    description="A wished registration (pré-inscription) of a child: the child by its "
    "`key` in `children` (`childKey`), or by its index (`child`, deprecated)."
)
class WishedRegistrationInput:
    child_key: str | None = strawberry.field(
        default=None, description="The `key` of the child in `children`."
    )
    child: int | None = strawberry.field(
        default=None,
        description="Index of the child in `children` (0 for the first one).",
        deprecation_reason="Give each child a `key` and name it in `childKey`: an index "
        "changes when the list does.",
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


@strawberry.input(description="The family file staff validate.")
class FamilyValidateInput:
    family: relay.GlobalID = strawberry.field(description="The Family (status SUBMITTED).")


@strawberry.input(description="The family file staff reject, and why.")
class FamilyRejectInput:
    family: relay.GlobalID = strawberry.field(description="The Family (status SUBMITTED).")
    reason: str = strawberry.field(
        description="Motif, mailed to the family and shown on its file (≤ 1000 characters)."
    )


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
