"""The fields a family-file change request may touch: how each is checked, stored, shown.

A change request stores its proposed values in ``Request.payload`` as JSON, keyed by the
field's API name (``mobilePhone``), so that one description per field serves four needs:
normalizing what the parent typed (through ``domain.contact_validation`` for phones, e-mail
addresses, postal codes, countries, IBAN and BIC), comparing it with what the file holds
(a request that changes nothing is refused), writing it on acceptance, and printing both
values side by side in French (« Les modifications qui n'ont pas encore été traitées par la
collectivité sont affichées en jaune »).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Final

from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship


class Kind(enum.Enum):
    """How a field's value is checked, stored and printed."""

    TEXT = "TEXT"
    BOOL = "BOOL"
    ENUM = "ENUM"
    DATE = "DATE"
    PHONE = "PHONE"
    MOBILE = "MOBILE"
    EMAIL = "EMAIL"
    POSTAL_CODE = "POSTAL_CODE"
    COUNTRY = "COUNTRY"
    IBAN = "IBAN"
    BIC = "BIC"
    SCHOOL = "SCHOOL"
    VACCINES = "VACCINES"


class Source(enum.Enum):
    """The row a field is stored in (a change may touch two: bank account and family)."""

    GUARDIAN = "GUARDIAN"
    FAMILY = "FAMILY"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    CHILD = "CHILD"
    HEALTH_RECORD = "HEALTH_RECORD"
    AUTHORIZATIONS = "AUTHORIZATIONS"
    VACCINATIONS = "VACCINATIONS"
    PERSON = "PERSON"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One changeable field: API name, French label, kind, column, limits, default.

    ``required`` fields may not be emptied, and must be present once their row is touched
    (a first address needs its street, postal code and city). ``default`` is the value
    shown as current while the row does not exist yet (no health record filled in).
    """

    name: str
    label: str
    kind: Kind
    source: Source
    attribute: str
    required: bool = False
    max_length: int | None = None
    enum_type: type[enum.Enum] | None = None
    default: Any = None


def _text(
    name: str, label_: str, source: Source, attribute: str, max_length: int, **kw: Any
) -> FieldSpec:
    return FieldSpec(name, label_, Kind.TEXT, source, attribute, max_length=max_length, **kw)


# Short names for the tables below.
_G, _F, _B, _C = Source.GUARDIAN, Source.FAMILY, Source.BANK_ACCOUNT, Source.CHILD
_H, _A, _P = Source.HEALTH_RECORD, Source.AUTHORIZATIONS, Source.PERSON

GUARDIAN_FIELDS: Final = (
    FieldSpec("civility", "Civilité", Kind.ENUM, _G, "civility", True, enum_type=Civility),
    _text("firstName", "Prénom", _G, "first_name", 120, required=True),
    _text("lastName", "Nom", _G, "last_name", 120, required=True),
    _text("birthName", "Nom de naissance", _G, "birth_name", 120),
    FieldSpec("relationship", "Qualité", Kind.ENUM, _G, "relationship", enum_type=Relationship),
    FieldSpec(
        "maritalStatus", "Situation familiale", Kind.ENUM, _G, "marital_status",
        enum_type=MaritalStatus,
    ),
    FieldSpec("phone", "Téléphone fixe", Kind.PHONE, _G, "phone"),
    FieldSpec("mobilePhone", "Téléphone portable", Kind.MOBILE, _G, "mobile_phone"),
    FieldSpec("workPhone", "Téléphone professionnel", Kind.PHONE, _G, "work_phone"),
    FieldSpec("email", "Adresse e-mail", Kind.EMAIL, _G, "email", max_length=254),
    _text("profession", "Profession", _G, "profession", 120),
    _text("employer", "Employeur", _G, "employer", 200),
    FieldSpec(
        "isAllocataire", "Responsable allocataire CAF / MSA", Kind.BOOL, _G, "is_allocataire",
        True,
    ),
    FieldSpec(
        "allowanceRegime", "Régime (CAF / MSA)", Kind.ENUM, _G, "allowance_regime",
        enum_type=AllowanceRegime,
    ),
    _text("allocataireNumber", "Numéro d'allocataire", _G, "allocataire_number", 20),
    FieldSpec(
        "consentsQuotientLookup",
        "Transmission des données à la CAF pour le quotient familial",
        Kind.BOOL, _G, "consents_quotient_lookup", True,
    ),
)  # fmt: skip

ADDRESS_FIELDS: Final = (
    _text("addressLine1", "Adresse", _G, "address_line1", 200, required=True),
    _text("addressLine2", "Complément d'adresse", _G, "address_line2", 200),
    FieldSpec("postalCode", "Code postal", Kind.POSTAL_CODE, _G, "postal_code", True),
    _text("city", "Ville", _G, "city", 120, required=True),
    FieldSpec("country", "Pays", Kind.COUNTRY, _G, "country", True, default="FR"),
)

BANK_ACCOUNT_FIELDS: Final = (
    _text("holderName", "Titulaire du compte", _B, "holder_name", 200, required=True),
    FieldSpec("iban", "IBAN", Kind.IBAN, _B, "iban", True),
    FieldSpec("bic", "BIC", Kind.BIC, _B, "bic"),
    FieldSpec("directDebit", "Prélèvement automatique", Kind.BOOL, _F, "direct_debit", True),
)

CHILD_FIELDS: Final = (
    _text("firstName", "Prénom", _C, "first_name", 120, required=True),
    _text("lastName", "Nom", _C, "last_name", 120, required=True),
    FieldSpec("birthDate", "Date de naissance", Kind.DATE, _C, "birth_date", True),
    FieldSpec("sex", "Sexe", Kind.ENUM, _C, "sex", True, enum_type=Sex),
    FieldSpec("school", "École", Kind.SCHOOL, _C, "school_id"),
    FieldSpec("grade", "Classe", Kind.ENUM, _C, "grade", enum_type=Grade),
)

COMPLEMENT_FIELDS: Final = (
    FieldSpec(
        "diet", "Pratiques alimentaires", Kind.ENUM, _H, "diet", True,
        enum_type=Diet, default=Diet.STANDARD.value,
    ),
    _text("foodAllergies", "Allergies alimentaires", _H, "food_allergies", 2000),
    _text("otherAllergies", "Autres allergies", _H, "other_allergies", 2000),
    _text("medicalNotes", "Informations médicales", _H, "medical_notes", 4000),
    FieldSpec("hasPai", "PAI (projet d'accueil individualisé)", Kind.BOOL, _H, "has_pai", True,
              default=False),
    _text("paiDetails", "Détails du PAI", _H, "pai_details", 4000),
    _text("doctorName", "Médecin traitant", _H, "doctor_name", 200),
    FieldSpec("doctorPhone", "Téléphone du médecin", Kind.PHONE, _H, "doctor_phone"),
)  # fmt: skip

AUTHORIZATION_FIELDS: Final = (
    FieldSpec("photo", "Autorisation d'être pris en photo", Kind.BOOL, _A, "photo", True,
              default=False),
    FieldSpec("leaveAlone", "Autorisation de partir seul", Kind.BOOL, _A, "leave_alone", True,
              default=False),
    FieldSpec("hospitalisation", "Autorisation d'hospitalisation", Kind.BOOL, _A,
              "hospitalisation", True, default=False),
    FieldSpec("outingsWithStaff", "Autorisation de sortie avec le personnel", Kind.BOOL, _A,
              "outings_with_staff", True, default=False),
)  # fmt: skip

VACCINATION_FIELDS: Final = (
    FieldSpec("vaccinations", "Vaccins", Kind.VACCINES, Source.VACCINATIONS, "", default=[]),
)

PERSON_FIELDS: Final = (
    _text("firstName", "Prénom", _P, "first_name", 120, required=True),
    _text("lastName", "Nom", _P, "last_name", 120, required=True),
    _text("relationship", "Lien avec l'enfant", _P, "relationship", 60),
    FieldSpec("phone", "Téléphone", Kind.PHONE, _P, "phone", True),
    FieldSpec("canPickUp", "Peut récupérer l'enfant", Kind.BOOL, _P, "can_pick_up", True,
              default=True),
    FieldSpec("emergencyContact", "À prévenir en cas d'urgence", Kind.BOOL, _P,
              "emergency_contact", True, default=False),
)  # fmt: skip

MAX_VACCINATIONS: Final = 100
MAX_VACCINE_NAME: Final = 120
