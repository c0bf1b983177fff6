"""The people of the demo town as data types: staff logins, guardians, children and their
files, bank accounts, families.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models.account import Civility, Role
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, QuotientSource, Relationship


@dataclass(frozen=True, slots=True)
class StaffAccountData:
    """A login of the town's staff."""

    email: str
    role: Role
    civility: Civility
    first_name: str
    last_name: str


STAFF_ACCOUNTS: tuple[StaffAccountData, ...] = (
    StaffAccountData(
        "agent@saint-ismier.example", Role.STAFF, Civility.MADAME, "Sophie", "GARNIER"
    ),
    StaffAccountData(
        "admin@saint-ismier.example", Role.ADMIN, Civility.MONSIEUR, "Laurent", "PERRIN"
    ),
    StaffAccountData(
        "reporting@saint-ismier.example", Role.REPORTING, Civility.MADAME, "Claire", "VIAL"
    ),
)


@dataclass(frozen=True, slots=True)
class GuardianData:
    """A responsible adult; ``email`` doubles as the login of their parent account."""

    key: str
    rank: int
    civility: Civility
    first_name: str
    last_name: str
    relationship: Relationship
    marital_status: MaritalStatus
    email: str
    mobile_phone: str
    address_line1: str
    phone: str | None = None
    work_phone: str | None = None
    birth_name: str | None = None
    postal_code: str = "38330"
    city: str = "Saint-Ismier"
    profession: str | None = None
    employer: str | None = None
    is_payer: bool = False
    allowance_regime: AllowanceRegime | None = None
    allocataire_number: str | None = None
    consents_quotient_lookup: bool = True


@dataclass(frozen=True, slots=True)
class HealthData:
    """Données sanitaires of a child."""

    diet: Diet = Diet.STANDARD
    food_allergies: str | None = None
    other_allergies: str | None = None
    medical_notes: str | None = None
    pai_details: str | None = None
    doctor_name: str | None = None
    doctor_phone: str | None = None


@dataclass(frozen=True, slots=True)
class AuthorizedPersonData:
    """An adult who may fetch the child and/or is called in an emergency."""

    first_name: str
    last_name: str
    relationship: str
    phone: str
    can_pick_up: bool = True
    emergency_contact: bool = False


@dataclass(frozen=True, slots=True)
class ChildData:
    """A child, its file and the activities it is registered to for the school year."""

    key: str
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: Sex
    school: str | None
    grade: Grade | None
    # photo, leave alone, hospitalisation, outings with staff
    authorizations: tuple[bool, bool, bool, bool]
    health: HealthData
    registrations: tuple[str, ...]
    authorized_persons: tuple[AuthorizedPersonData, ...] = ()


@dataclass(frozen=True, slots=True)
class BankAccountData:
    """The primary bank account of a family on direct debit, with its SEPA mandate."""

    holder_key: str
    holder_name: str
    iban: str
    bic: str
    mandate_reference: str
    mandate_signed_on: dt.date


@dataclass(frozen=True, slots=True)
class FamilyData:
    """A household file as the family form fills it."""

    key: str
    name: str
    status: FamilyStatus
    subscriber_code: str | None
    guardians: tuple[GuardianData, ...]
    children: tuple[ChildData, ...]
    # (value, source, valid from, valid to)
    quotients: tuple[tuple[int, QuotientSource, dt.date, dt.date | None], ...] = ()
    bank_account: BankAccountData | None = None
    accepts_email: bool = True
    accepts_sms: bool = True
    accepts_post: bool = False
    paper_invoice: bool = False
    reminder_by_email: bool = True
    reminder_by_sms: bool = False
    reminder_by_post: bool = False
    direct_debit: bool = False
    resident: bool = True
    # Validated families were filed before the rentrée; the pending one is recent.
    created_on: dt.date | None = None
    validated_on: dt.date | None = None
    # Accounts are created for every guardian listed here (by key).
    account_holders: tuple[str, ...] = field(default_factory=tuple)
