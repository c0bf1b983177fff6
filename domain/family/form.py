"""The family form as the domain receives it, and as it leaves validation.

The input dataclasses follow the guide's form in the order it is filled; nothing in them is
checked yet. ``CheckedFamilyForm`` is the same form once every value is normalized, with
the wished registrations dated, ready to store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from models.account import Civility
from models.child import Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship


@dataclass(frozen=True, slots=True)
class AddressForm:
    """A postal address as typed; ``country`` is an ISO 3166 alpha-2 code."""

    line1: str
    line2: str | None
    postal_code: str
    city: str
    country: str = "FR"


@dataclass(frozen=True, slots=True)
class AllocataireForm:
    """The guardian is the family's CAF/MSA allocataire (source of the family quotient)."""

    regime: AllowanceRegime
    number: str
    consents_quotient_lookup: bool


@dataclass(frozen=True, slots=True)
class GuardianForm:
    """Responsable 1 (the payer) or 2. Without an address, guardian 2 lives with guardian 1."""

    civility: Civility
    first_name: str
    last_name: str
    relationship: Relationship
    marital_status: MaritalStatus
    birth_name: str | None = None
    phone: str | None = None
    mobile_phone: str | None = None
    work_phone: str | None = None
    email: str | None = None
    address: AddressForm | None = None
    profession: str | None = None
    employer: str | None = None
    allocataire: AllocataireForm | None = None


@dataclass(frozen=True, slots=True)
class CommunicationForm:
    """Consents (e-mail, SMS, post), paper invoice, and payment-reminder channels."""

    accepts_email: bool = True
    accepts_sms: bool = False
    accepts_post: bool = False
    paper_invoice: bool = False
    reminder_by_email: bool = True
    reminder_by_sms: bool = False
    reminder_by_post: bool = False


@dataclass(frozen=True, slots=True)
class BankAccountForm:
    """The account to debit (required when paying by direct debit)."""

    holder_name: str
    iban: str
    bic: str | None = None


@dataclass(frozen=True, slots=True)
class ChildForm:
    """A child; ``school_id`` is an establishment of the tenant (any other id is refused)."""

    first_name: str
    last_name: str
    birth_date: dt.date
    sex: Sex
    school_id: int | None = None
    grade: Grade | None = None


@dataclass(frozen=True, slots=True)
class WishedRegistrationForm:
    """A wished registration: the child (index in the form's children) to an activity."""

    child_index: int
    activity_id: int


@dataclass(frozen=True, slots=True)
class FamilyForm:
    """The whole family form of the guide, in the order it is filled."""

    guardian1: GuardianForm
    communication: CommunicationForm
    direct_debit: bool
    children: Sequence[ChildForm]
    guardian2: GuardianForm | None = None
    bank_account: BankAccountForm | None = None
    registrations: Sequence[WishedRegistrationForm] = ()


@dataclass(frozen=True, slots=True)
class CheckedRegistration:
    """A wished registration that passed every rule, with its dates (the school year)."""

    child_index: int
    activity_id: int
    start_date: dt.date
    end_date: dt.date


@dataclass(frozen=True, slots=True)
class CheckedFamilyForm:
    """The form with every value normalized (E.164 phones, compact IBAN…), ready to store."""

    form: FamilyForm
    registrations: tuple[CheckedRegistration, ...]
