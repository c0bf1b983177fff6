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

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import phonenumbers

from domain import contact_validation as contact
from domain.labels import label
from domain.results import DomainFailure, Problem
from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship

REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
INVALID_DATE: Final = "INVALID_DATE"

REQUIRED_MESSAGE: Final = "Ce champ est obligatoire."


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


# --------------------------------------------------------------------------- reading


def _phone_key(value: str, country: str) -> str:
    # Stored numbers predating validation (« 04 76 52 33 18 ») compare equal to the E.164
    # form of the same number, so retyping an existing number is not a change.
    try:
        return contact.normalize_phone(value, country=country)
    except DomainFailure:
        return value


def stored_value(spec: FieldSpec, row: object | None, *, country: str = "FR") -> Any:
    """The JSON form of what ``row`` holds for ``spec`` (``spec.default`` without a row).

    Phones, IBAN and BIC are put in their normalized form so that the comparison with a
    proposed value says whether anything really changes.
    """
    if row is None:
        return spec.default
    value = getattr(row, spec.attribute)
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind in (Kind.PHONE, Kind.MOBILE) and isinstance(value, str):
        return _phone_key(value, country)
    if spec.kind in (Kind.IBAN, Kind.BIC) and isinstance(value, str):
        return "".join(value.split()).upper()
    return value


def vaccinations_value(rows: list[tuple[str, dt.date]]) -> list[dict[str, str]]:
    """The JSON form of a child's vaccine list, in a canonical order (date, name)."""
    items = sorted(rows, key=lambda r: (r[1], r[0].casefold()))
    return [{"vaccine": name, "injectedOn": day.isoformat()} for name, day in items]


def python_value(spec: FieldSpec, value: Any) -> Any:
    """The value to write on the row: enums and dates back from their JSON form."""
    if value is None:
        return None
    if spec.kind is Kind.ENUM and spec.enum_type is not None:
        return spec.enum_type(value)
    if spec.kind is Kind.DATE:
        return dt.date.fromisoformat(value)
    return value


# --------------------------------------------------------------------------- checking


def _path(prefix: tuple[str, ...], spec: FieldSpec) -> tuple[str, ...]:
    return (*prefix, spec.name)


def _check_text(spec: FieldSpec, raw: object, path: tuple[str, ...]) -> tuple[Any, list[Problem]]:
    if raw is None:
        return None, []
    if not isinstance(raw, str):
        return None, [Problem(REQUIRED, "Cette valeur doit être un texte.", path)]
    text = raw.strip()
    if not text:
        return None, []
    if spec.max_length is not None and len(text) > spec.max_length:
        message = f"« {spec.label} » est trop long ({spec.max_length} caractères au plus)."
        return None, [Problem(TOO_LONG, message, path)]
    return text, []


def _check_enum(spec: FieldSpec, raw: object, path: tuple[str, ...]) -> tuple[Any, list[Problem]]:
    if raw is None:
        return None, []
    assert spec.enum_type is not None
    try:
        member = raw if isinstance(raw, spec.enum_type) else spec.enum_type(raw)
    except ValueError:
        return None, [Problem(REQUIRED, f"« {spec.label} » : valeur inconnue.", path)]
    return member.value, []


def _check_date(spec: FieldSpec, raw: object, path: tuple[str, ...]) -> tuple[Any, list[Problem]]:
    if raw is None:
        return None, []
    if not isinstance(raw, dt.date):
        return None, [Problem(INVALID_DATE, f"« {spec.label} » n'est pas une date.", path)]
    return raw.isoformat(), []


def _check_school(spec: FieldSpec, raw: object, path: tuple[str, ...]) -> tuple[Any, list[Problem]]:
    # Existence in the tenant is checked by the caller (it needs the database).
    if raw is None:
        return None, []
    if not isinstance(raw, int) or isinstance(raw, bool):
        return None, [Problem("NOT_FOUND", "Établissement introuvable.", path)]
    return raw, []


def _check_vaccines(
    raw: object, path: tuple[str, ...], birth_date: dt.date | None, today: dt.date
) -> tuple[Any, list[Problem]]:
    if not isinstance(raw, list):
        return None, [Problem(REQUIRED, "La liste des vaccins est obligatoire.", path)]
    problems: list[Problem] = []
    if len(raw) > MAX_VACCINATIONS:
        message = f"Au plus {MAX_VACCINATIONS} vaccins peuvent être enregistrés."
        return None, [Problem("TOO_MANY", message, path)]
    items: list[tuple[str, dt.date]] = []
    seen: set[tuple[str, dt.date]] = set()
    for index, entry in enumerate(raw):
        at = (*path, str(index))
        name, day = entry if isinstance(entry, tuple) else (None, None)
        text = name.strip() if isinstance(name, str) else ""
        if not text:
            problems.append(
                Problem(REQUIRED, "Le nom du vaccin est obligatoire.", (*at, "vaccine"))
            )
        elif len(text) > MAX_VACCINE_NAME:
            message = f"Le nom du vaccin est trop long ({MAX_VACCINE_NAME} caractères au plus)."
            problems.append(Problem(TOO_LONG, message, (*at, "vaccine")))
        if not isinstance(day, dt.date):
            message = "La date d'injection est obligatoire."
            problems.append(Problem(REQUIRED, message, (*at, "injectedOn")))
            continue
        if day > today:
            message = "La date d'injection ne peut pas être dans le futur."
            problems.append(Problem(INVALID_DATE, message, (*at, "injectedOn")))
        elif birth_date is not None and day < birth_date:
            message = "La date d'injection précède la date de naissance de l'enfant."
            problems.append(Problem(INVALID_DATE, message, (*at, "injectedOn")))
        key = (text.casefold(), day)
        if text and key in seen:
            message = "Ce vaccin est déjà indiqué à cette date."
            problems.append(Problem("DUPLICATE", message, at))
        seen.add(key)
        items.append((text, day))
    return vaccinations_value(items), problems


def check_value(
    spec: FieldSpec,
    raw: object,
    prefix: tuple[str, ...],
    *,
    country: str = "FR",
    birth_date: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[Any, list[Problem]]:
    """Normalize one proposed value; returns (JSON value, problems found).

    ``country`` is the address country phones and postal codes are read in; postal codes
    and BIC are checked again by the caller once the final country and IBAN are known.
    A ``required`` field set to null or blank is a REQUIRED problem.
    """
    path = _path(prefix, spec)
    value: Any
    problems: list[Problem]
    if spec.kind is Kind.VACCINES:
        return _check_vaccines(raw, path, birth_date, today or dt.date.today())
    if spec.kind is Kind.BOOL:
        if not isinstance(raw, bool):
            return None, [Problem(REQUIRED, REQUIRED_MESSAGE, path)]
        return raw, []
    if spec.kind is Kind.ENUM:
        value, problems = _check_enum(spec, raw, path)
    elif spec.kind is Kind.DATE:
        value, problems = _check_date(spec, raw, path)
    elif spec.kind is Kind.SCHOOL:
        value, problems = _check_school(spec, raw, path)
    else:
        value, problems = _check_text(spec, raw, path)
        if value is not None and not problems:
            value, problems = _check_contact(spec, value, path, country)
    if value is None and not problems and spec.required:
        problems = [Problem(REQUIRED, f"« {spec.label} » est obligatoire.", path)]
    return value, problems


def _check_contact(
    spec: FieldSpec, text: str, path: tuple[str, ...], country: str
) -> tuple[Any, list[Problem]]:
    try:
        if spec.kind is Kind.PHONE:
            return contact.normalize_phone(text, *path, country=country), []
        if spec.kind is Kind.MOBILE:
            return contact.normalize_phone(text, *path, country=country, mobile=True), []
        if spec.kind is Kind.EMAIL:
            return contact.normalize_email(text, *path), []
        if spec.kind is Kind.COUNTRY:
            return contact.normalize_country(text, *path), []
        if spec.kind is Kind.IBAN:
            return contact.normalize_iban(text, *path), []
        if spec.kind is Kind.BIC:
            return contact.normalize_bic(text, *path), []
    except DomainFailure as failure:
        return None, list(failure.problems)
    # Postal codes are checked against the final country by the caller.
    return text, []


# --------------------------------------------------------------------------- display


def _format_date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def format_phone(value: str) -> str:
    """« 06 12 34 56 78 » for a French number, « +41 79 123 45 67 » for another one."""
    try:
        number = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        return value
    if not phonenumbers.is_valid_number(number):
        return value
    if phonenumbers.region_code_for_number(number) == "FR":
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def format_iban(value: str, *, masked: bool) -> str:
    """An IBAN in groups of four; masked, only its last four characters are shown."""
    compact = "".join(value.split()).upper()
    if masked:
        compact = "•" * max(len(compact) - 4, 0) + compact[-4:]
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def display_value(
    spec: FieldSpec,
    value: Any,
    *,
    school_names: Mapping[int, str] | None = None,
    mask_iban: bool = False,
) -> str | None:
    """A stored value as a parent or agent reads it (« Oui », « Petite section », …).

    Null stays null (the client shows an empty cell); IBANs are masked for parents.
    """
    if value is None:
        return None
    if spec.kind is Kind.BOOL:
        return "Oui" if value else "Non"
    if spec.kind is Kind.ENUM and spec.enum_type is not None:
        try:
            return label(spec.enum_type(value))
        except ValueError:
            return str(value)
    if spec.kind is Kind.DATE:
        try:
            return _format_date(str(value))
        except ValueError:
            return str(value)
    if spec.kind in (Kind.PHONE, Kind.MOBILE):
        return format_phone(str(value))
    if spec.kind is Kind.IBAN:
        return format_iban(str(value), masked=mask_iban)
    if spec.kind is Kind.SCHOOL:
        if not isinstance(value, int):
            return "Établissement inconnu"
        return (school_names or {}).get(value, "Établissement inconnu")
    if spec.kind is Kind.VACCINES:
        return _format_vaccines(value)
    return str(value)


def _format_vaccines(value: Any) -> str:
    if not isinstance(value, list) or not value:
        return "Aucun vaccin"
    shown = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        day = item.get("injectedOn")
        try:
            when = f" ({_format_date(str(day))})" if day else ""
        except ValueError:
            when = f" ({day})"
        shown.append(f"{item.get('vaccine', '?')}{when}")
    return " ; ".join(shown) or "Aucun vaccin"
