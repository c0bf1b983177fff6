"""The family file's life: a parent submits it, staff validate or reject it, and a parent
whose family already has a subscriber code links their account to it.

Rules kept here (the guide's section 1, « je n'ai pas de code abonné »):
- the form is checked as a whole and every problem is reported at once, each with the path
  of the input field at fault; when anything is wrong nothing is stored;
- a submitted file creates, in one transaction, the family (SUBMITTED), its guardians
  (rank 1 is the payer), children with empty authorizations and health record, the bank
  account when paying by direct debit, the wished registrations (REQUESTED), and a
  FAMILY_REGISTRATION request with its history; the account becomes guardian 1's login;
- one file per account: a second submission is refused, unless the first was rejected;
- a retry with the same idempotency key returns the first result and creates nothing;
- validating gives the family its subscriber code (a per-tenant counter continuing after
  the highest numeric code already given), activates the wished registrations and accepts
  the request; rejecting needs a reason and refuses them; each decision is mailed;
- linking to an existing family needs its subscriber code AND two proofs (a child's birth
  date, and the number of an invoice of the last 12 months — or, for a family without
  one, that child's first name); any mismatch gives one generic answer, and failures are
  throttled per account (5 per hour, recorded in ``login_attempt`` as « link:<email> »).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import TenantIdentity, display_name
from domain.contact_validation import (
    ProblemCollector,
    normalize_bic,
    normalize_country,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_postal_code,
)
from domain.counters import next_request_reference, next_value
from domain.labels import label
from domain.mail import enqueue_mail
from domain.request_log import record_decision, record_step
from domain.results import Problem, fail
from models import (
    Account,
    Activity,
    BankAccount,
    Child,
    ChildAuthorizations,
    Establishment,
    Family,
    Guardian,
    HealthRecord,
    Invoice,
    LoginAttempt,
    Registration,
    Request,
    SchoolYear,
)
from models.account import Civility
from models.child import Grade, Sex
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, Relationship
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus, RequestType

MAX_CHILDREN: Final = 20
MAX_REGISTRATIONS: Final = 100
SUBSCRIBER_CODE_COUNTER: Final = "subscriber_code"
SUBSCRIBER_CODE_DIGITS: Final = 6
LINK_THROTTLE_WINDOW: Final = dt.timedelta(hours=1)
MAX_LINK_FAILURES: Final = 5
LINK_ATTEMPT_PREFIX: Final = "link:"
INVOICE_PROOF_MONTHS: Final = 12

REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
LINK_REFUSED_MESSAGE: Final = "Ces informations ne correspondent à aucun dossier."

_CAF_NUMBER: Final = re.compile(r"[0-9]{5,8}")
_MSA_NUMBER: Final = re.compile(r"[0-9A-Z]{5,20}")


# --------------------------------------------------------------------------- the form


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


@dataclass(frozen=True, slots=True)
class _Label:
    text: str
    feminine: bool = False

    def required(self) -> str:
        return f"{self.text} est obligatoire."

    def too_long(self, max_length: int) -> str:
        adjective = "trop longue" if self.feminine else "trop long"
        return f"{self.text} est {adjective} ({max_length} caractères au maximum)."


_FIRST_NAME = _Label("Le prénom")
_LAST_NAME = _Label("Le nom")
_BIRTH_NAME = _Label("Le nom de naissance")
_LINE1 = _Label("L'adresse", feminine=True)
_LINE2 = _Label("Le complément d'adresse")
_POSTAL_CODE = _Label("Le code postal")
_CITY = _Label("La ville", feminine=True)
_COUNTRY = _Label("Le pays")
_EMAIL = _Label("L'adresse e-mail", feminine=True)
_PROFESSION = _Label("La profession", feminine=True)
_EMPLOYER = _Label("L'employeur")
_HOLDER = _Label("Le titulaire du compte")
_IBAN = _Label("L'IBAN")
_ALLOCATAIRE_NUMBER = _Label("Le numéro d'allocataire")
_REASON = _Label("Le motif du refus")
_IDEMPOTENCY_KEY = _Label("La clé d'idempotence", feminine=True)


def _text(
    collector: ProblemCollector,
    value: str | None,
    path: tuple[str, ...],
    what: _Label,
    *,
    max_length: int,
    required: bool = False,
) -> str | None:
    """Whitespace-collapsed text (None when blank), or a problem when missing or too long."""
    cleaned = " ".join((value or "").split())
    if not cleaned:
        if required:
            collector.add(REQUIRED, what.required(), *path)
        return None
    if len(cleaned) > max_length:
        collector.add(TOO_LONG, what.too_long(max_length), *path)
    return cleaned


def _check_address(
    collector: ProblemCollector, address: AddressForm, path: tuple[str, ...]
) -> tuple[AddressForm, str | None]:
    """The normalized address and its country (None when the country itself is invalid)."""
    line1 = _text(collector, address.line1, (*path, "line1"), _LINE1, max_length=200, required=True)
    line2 = _text(collector, address.line2, (*path, "line2"), _LINE2, max_length=200)
    city = _text(collector, address.city, (*path, "city"), _CITY, max_length=120, required=True)
    country: str | None = None
    if not address.country.strip():
        collector.add(REQUIRED, _COUNTRY.required(), *path, "country")
    else:
        country = collector.check(normalize_country, address.country, *path, "country")
    postal_code = address.postal_code
    if not postal_code.strip():
        collector.add(REQUIRED, _POSTAL_CODE.required(), *path, "postalCode")
    elif country is not None:
        postal_code = (
            collector.check(
                normalize_postal_code, postal_code, *path, "postalCode", country=country
            )
            or postal_code
        )
    normalized = AddressForm(
        line1=line1 or "",
        line2=line2,
        postal_code=postal_code,
        city=city or "",
        country=country or address.country,
    )
    return normalized, country


def _check_allocataire(
    collector: ProblemCollector, allocataire: AllocataireForm, path: tuple[str, ...]
) -> AllocataireForm:
    number = "".join(allocataire.number.split()).upper()
    if not number:
        collector.add(REQUIRED, _ALLOCATAIRE_NUMBER.required(), *path, "number")
    elif allocataire.regime is AllowanceRegime.CAF and not _CAF_NUMBER.fullmatch(number):
        collector.add(
            "INVALID_ALLOCATAIRE_NUMBER",
            "Le numéro d'allocataire CAF n'est pas valide (5 à 8 chiffres).",
            *path,
            "number",
        )
    elif allocataire.regime is AllowanceRegime.MSA and not _MSA_NUMBER.fullmatch(number):
        collector.add(
            "INVALID_ALLOCATAIRE_NUMBER",
            "Le numéro d'adhérent MSA n'est pas valide (5 à 20 lettres ou chiffres).",
            *path,
            "number",
        )
    return replace(allocataire, number=number)


def _check_phone(
    collector: ProblemCollector,
    value: str | None,
    path: tuple[str, ...],
    country: str,
    *,
    mobile: bool = False,
) -> str | None:
    if value is None or not value.strip():
        return None
    result = collector.check(normalize_phone, value, *path, country=country, mobile=mobile)
    return result or value


def _check_guardian(
    collector: ProblemCollector,
    guardian: GuardianForm,
    key: str,
    *,
    payer: bool,
    fallback_country: str,
) -> tuple[GuardianForm, str]:
    """Guardian ``key`` normalized, and the country its phone numbers are read in."""
    first_name = _text(
        collector,
        guardian.first_name,
        (key, "firstName"),
        _FIRST_NAME,
        max_length=120,
        required=True,
    )
    last_name = _text(
        collector, guardian.last_name, (key, "lastName"), _LAST_NAME, max_length=120, required=True
    )
    birth_name = _text(
        collector, guardian.birth_name, (key, "birthName"), _BIRTH_NAME, max_length=120
    )
    profession = _text(
        collector, guardian.profession, (key, "profession"), _PROFESSION, max_length=120
    )
    employer = _text(collector, guardian.employer, (key, "employer"), _EMPLOYER, max_length=200)

    address = guardian.address
    country = fallback_country
    if address is None:
        if payer:
            collector.add(REQUIRED, "L'adresse est obligatoire.", key, "address")
    else:
        address, address_country = _check_address(collector, address, (key, "address"))
        country = address_country or fallback_country

    email: str | None = None
    if guardian.email is None or not guardian.email.strip():
        if payer:
            collector.add(REQUIRED, _EMAIL.required(), key, "email")
    else:
        email = collector.check(normalize_email, guardian.email, key, "email") or guardian.email

    if not (guardian.phone or "").strip() and not (guardian.mobile_phone or "").strip():
        collector.add(
            "PHONE_REQUIRED",
            "Indiquez au moins un numéro de téléphone (fixe ou portable).",
            key,
            "mobilePhone",
        )
    phone = _check_phone(collector, guardian.phone, (key, "phone"), country)
    mobile_phone = _check_phone(
        collector, guardian.mobile_phone, (key, "mobilePhone"), country, mobile=True
    )
    work_phone = _check_phone(collector, guardian.work_phone, (key, "workPhone"), country)

    allocataire = guardian.allocataire
    if allocataire is not None:
        allocataire = _check_allocataire(collector, allocataire, (key, "allocataire"))

    normalized = replace(
        guardian,
        first_name=first_name or "",
        last_name=last_name or "",
        birth_name=birth_name,
        phone=phone,
        mobile_phone=mobile_phone,
        work_phone=work_phone,
        email=email,
        address=address,
        profession=profession,
        employer=employer,
        allocataire=allocataire,
    )
    return normalized, country


def _check_bank_account(collector: ProblemCollector, form: FamilyForm) -> BankAccountForm | None:
    account = form.bank_account
    if not form.direct_debit:
        # Without direct debit there is nothing to debit: bank details are not kept.
        return None
    if account is None:
        collector.add(
            "BANK_ACCOUNT_REQUIRED",
            "Les coordonnées bancaires sont obligatoires pour payer par prélèvement.",
            "bankAccount",
        )
        return None
    holder = _text(
        collector,
        account.holder_name,
        ("bankAccount", "holderName"),
        _HOLDER,
        max_length=200,
        required=True,
    )
    iban: str | None = None
    if not account.iban.strip():
        collector.add(REQUIRED, _IBAN.required(), "bankAccount", "iban")
    else:
        iban = collector.check(normalize_iban, account.iban, "bankAccount", "iban")
    bic: str | None = None
    if account.bic is not None and account.bic.strip():
        bic = collector.check(normalize_bic, account.bic, "bankAccount", "bic", iban=iban)
    return BankAccountForm(holder_name=holder or "", iban=iban or account.iban, bic=bic)


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    """The day a child born on ``birth_date`` comes of age (29 February → 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:
        return dt.date(birth_date.year + 18, 3, 1)


def _check_child(
    collector: ProblemCollector, child: ChildForm, index: int, today: dt.date
) -> ChildForm:
    path = ("children", str(index))
    first_name = _text(
        collector,
        child.first_name,
        (*path, "firstName"),
        _FIRST_NAME,
        max_length=120,
        required=True,
    )
    last_name = _text(
        collector, child.last_name, (*path, "lastName"), _LAST_NAME, max_length=120, required=True
    )
    if child.birth_date > today:
        collector.add(
            "BIRTH_DATE_IN_FUTURE",
            "La date de naissance ne peut pas être dans le futur.",
            *path,
            "birthDate",
        )
    elif eighteenth_birthday(child.birth_date) <= today:
        collector.add(
            "CHILD_TOO_OLD",
            "L'enfant doit avoir moins de 18 ans.",
            *path,
            "birthDate",
        )
    return replace(child, first_name=first_name or "", last_name=last_name or "")


def _comparable_name(name: str) -> str:
    """A first name compared without case, accents, hyphens or spaces (« Léa-Marie »)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _grade_range_text(activity: Activity) -> str:
    low, high = activity.min_grade, activity.max_grade
    if low is not None and high is not None:
        return f"classes admises : de {label(low)} à {label(high)}"
    if low is not None:
        return f"à partir de : {label(low)}"
    return f"jusqu'à : {label(high)}" if high is not None else ""


def _eligibility_problem(
    collector: ProblemCollector,
    child: ChildForm,
    activity: Activity,
    path: tuple[str, ...],
) -> None:
    """Grade range (« à partir du CP ») and birth-date bounds of the activity."""
    if activity.min_grade is not None or activity.max_grade is not None:
        if child.grade is None:
            collector.add(
                "GRADE_REQUIRED",
                f"Indiquez la classe de {child.first_name} pour l'inscrire à l'activité "
                f"« {activity.name} ».",
                *path,
                "child",
            )
            return
        too_low = activity.min_grade is not None and child.grade.rank < activity.min_grade.rank
        too_high = activity.max_grade is not None and child.grade.rank > activity.max_grade.rank
        if too_low or too_high:
            collector.add(
                "NOT_ELIGIBLE",
                f"{child.first_name} ({label(child.grade)}) ne peut pas être inscrit(e) à "
                f"l'activité « {activity.name} » ({_grade_range_text(activity)}).",
                *path,
                "activity",
            )
            return
    born_after = activity.born_on_or_after
    born_before = activity.born_on_or_before
    if (born_after is not None and child.birth_date < born_after) or (
        born_before is not None and child.birth_date > born_before
    ):
        collector.add(
            "NOT_ELIGIBLE",
            f"{child.first_name} n'a pas l'âge requis pour l'activité « {activity.name} ».",
            *path,
            "activity",
        )


async def _check_schools(
    session: AsyncSession,
    tenant_id: int,
    collector: ProblemCollector,
    children: Sequence[ChildForm],
) -> None:
    wanted = {c.school_id for c in children if c.school_id is not None}
    known: set[int] = set()
    if wanted:
        known = set(
            await session.scalars(
                select(Establishment.id).where(
                    Establishment.tenant_id == tenant_id, Establishment.id.in_(wanted)
                )
            )
        )
    for index, child in enumerate(children):
        if child.school_id is not None and child.school_id not in known:
            collector.add(
                "UNKNOWN_SCHOOL",
                "Cette école ne fait pas partie des établissements de la collectivité.",
                "children",
                str(index),
                "school",
            )


async def _check_registrations(
    session: AsyncSession,
    tenant_id: int,
    collector: ProblemCollector,
    children: Sequence[ChildForm],
    wished: Sequence[WishedRegistrationForm],
    today: dt.date,
) -> tuple[CheckedRegistration, ...]:
    if len(wished) > MAX_REGISTRATIONS:
        collector.add(
            "TOO_MANY",
            f"{MAX_REGISTRATIONS} pré-inscriptions au maximum par dossier.",
            "registrations",
        )
        return ()
    wanted = {w.activity_id for w in wished}
    activities: dict[int, tuple[Activity, SchoolYear]] = {}
    if wanted:
        rows = await session.execute(
            select(Activity, SchoolYear)
            .join(SchoolYear, SchoolYear.id == Activity.school_year_id)
            .where(Activity.tenant_id == tenant_id, Activity.id.in_(wanted))
        )
        activities = {activity.id: (activity, year) for activity, year in rows}
    checked: list[CheckedRegistration] = []
    seen: set[tuple[int, int]] = set()
    for index, wish in enumerate(wished):
        path = ("registrations", str(index))
        child = children[wish.child_index] if 0 <= wish.child_index < len(children) else None
        if child is None:
            collector.add(
                "UNKNOWN_CHILD",
                "Cette pré-inscription désigne un enfant absent du formulaire.",
                *path,
                "child",
            )
        found = activities.get(wish.activity_id)
        if found is None:
            collector.add(
                "UNKNOWN_ACTIVITY",
                "Cette activité n'existe pas dans la collectivité.",
                *path,
                "activity",
            )
            continue
        activity, year = found
        if not activity.is_active or year.end_date < today:
            collector.add(
                "ACTIVITY_CLOSED",
                f"Les inscriptions à l'activité « {activity.name} » sont closes.",
                *path,
                "activity",
            )
            continue
        if child is None:
            continue
        if (wish.child_index, wish.activity_id) in seen:
            collector.add(
                "DUPLICATE_REGISTRATION",
                f"{child.first_name} est déjà pré-inscrit(e) à l'activité « {activity.name} » "
                "dans ce formulaire.",
                *path,
                "activity",
            )
            continue
        seen.add((wish.child_index, wish.activity_id))
        before = len(collector.problems)
        _eligibility_problem(collector, child, activity, path)
        if len(collector.problems) == before:
            checked.append(
                CheckedRegistration(
                    child_index=wish.child_index,
                    activity_id=activity.id,
                    start_date=year.start_date,
                    end_date=year.end_date,
                )
            )
    return tuple(checked)


async def check_family_form(
    session: AsyncSession, tenant_id: int, form: FamilyForm, today: dt.date
) -> CheckedFamilyForm:
    """The normalized form, or ``DomainFailure`` listing EVERY problem with its path.

    A parent fills a long form once: telling them one mistake per submission would make
    them submit it ten times. Nothing is written here.
    """
    collector = ProblemCollector()
    guardian1, country = _check_guardian(
        collector, form.guardian1, "guardian1", payer=True, fallback_country="FR"
    )
    guardian2: GuardianForm | None = None
    if form.guardian2 is not None:
        guardian2, _ = _check_guardian(
            collector, form.guardian2, "guardian2", payer=False, fallback_country=country
        )
        if guardian1.allocataire is not None and guardian2.allocataire is not None:
            collector.add(
                "TWO_ALLOCATAIRES",
                "Un seul responsable peut être l'allocataire CAF / MSA de la famille.",
                "guardian2",
                "allocataire",
            )

    communication = form.communication
    wants_sms = communication.accepts_sms or communication.reminder_by_sms
    if wants_sms and not (form.guardian1.mobile_phone or "").strip():
        collector.add(
            "MOBILE_REQUIRED_FOR_SMS",
            "Un numéro de téléphone portable est nécessaire pour recevoir des SMS.",
            "guardian1",
            "mobilePhone",
        )

    bank_account = _check_bank_account(collector, form)

    children = list(form.children)
    if not children:
        collector.add(REQUIRED, "Indiquez au moins un enfant.", "children")
    elif len(children) > MAX_CHILDREN:
        collector.add("TOO_MANY", f"{MAX_CHILDREN} enfants au maximum par dossier.", "children")
        children = children[:MAX_CHILDREN]
    children = [_check_child(collector, child, i, today) for i, child in enumerate(children)]
    seen_children: set[tuple[str, dt.date]] = set()
    for index, child in enumerate(children):
        key = (_comparable_name(child.first_name), child.birth_date)
        if key in seen_children:
            collector.add(
                "DUPLICATE_CHILD",
                f"{child.first_name} figure deux fois dans le formulaire.",
                "children",
                str(index),
            )
        seen_children.add(key)
    await _check_schools(session, tenant_id, collector, children)
    registrations = await _check_registrations(
        session, tenant_id, collector, children, form.registrations, today
    )
    collector.raise_if_any()
    normalized = replace(
        form,
        guardian1=guardian1,
        guardian2=guardian2,
        bank_account=bank_account,
        children=tuple(children),
    )
    return CheckedFamilyForm(form=normalized, registrations=registrations)


# --------------------------------------------------------------------------- submission


@dataclass(frozen=True, slots=True)
class Submission:
    """A submitted family file and its FAMILY_REGISTRATION request.

    ``replayed`` is true when an idempotency key found an earlier submission: nothing new
    was created.
    """

    family: Family
    request: Request
    guardian: Guardian
    replayed: bool = False


def _mail_context(
    tenant: TenantIdentity, recipient_name: str, **values: object
) -> dict[str, object]:
    return {
        "tenant": {"name": tenant.name, "service_name": tenant.service_name},
        "recipient_name": recipient_name,
        **values,
    }


async def _locked_account(session: AsyncSession, tenant_id: int, account_id: int) -> Account:
    # FOR UPDATE serializes two submissions (or links) of the same account on PostgreSQL;
    # SQLite serializes writers anyway.
    account = await session.scalar(
        select(Account)
        .where(Account.id == account_id, Account.tenant_id == tenant_id)
        .with_for_update()
    )
    if account is None:
        # The caller authenticated this account a moment ago: not the parent's mistake.
        raise LookupError(f"account {account_id} not found in tenant {tenant_id}")
    return account


async def current_family_status(session: AsyncSession, account: Account) -> FamilyStatus | None:
    """Status of the family the account acts for (None: not linked to any family)."""
    if account.guardian_id is None:
        return None
    status: FamilyStatus | None = await session.scalar(
        select(Family.status)
        .join(Guardian, Guardian.family_id == Family.id)
        .where(Guardian.id == account.guardian_id)
    )
    return status


async def _replay(
    session: AsyncSession, tenant_id: int, account_id: int, key: str
) -> Submission | None:
    earlier = await session.scalar(
        select(Request).where(Request.tenant_id == tenant_id, Request.idempotency_key == key)
    )
    if earlier is None:
        return None
    if (
        earlier.type is not RequestType.FAMILY_REGISTRATION
        or earlier.created_by_account_id != account_id
    ):
        raise fail(
            "IDEMPOTENCY_KEY_REUSED",
            "Cette clé d'idempotence a déjà servi pour une autre demande.",
            "idempotencyKey",
        )
    family = await session.get_one(Family, earlier.family_id)
    guardian = await session.scalar(
        select(Guardian).where(Guardian.family_id == family.id).order_by(Guardian.rank).limit(1)
    )
    if guardian is None:  # pragma: no cover - a submitted family always has guardian 1
        raise fail("NOT_FOUND", "Ce dossier famille est introuvable.")
    return Submission(family=family, request=earlier, guardian=guardian, replayed=True)


def clean_idempotency_key(key: str | None) -> str | None:
    """The key as stored (trimmed), None when absent; DomainFailure when too long."""
    if key is None or not key.strip():
        return None
    cleaned = key.strip()
    if len(cleaned) > 100:
        raise fail(TOO_LONG, _IDEMPOTENCY_KEY.too_long(100), "idempotencyKey")
    return cleaned


async def find_replay(
    session: AsyncSession, *, tenant_id: int, account_id: int, idempotency_key: str | None
) -> Submission | None:
    """The earlier submission made with this key by this account, if any.

    Used after a unique-key violation: two concurrent retries raced, the other one won.
    """
    key = clean_idempotency_key(idempotency_key)
    return None if key is None else await _replay(session, tenant_id, account_id, key)


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

    The account becomes the login of guardian 1 (the payer); the family waits for staff
    (SUBMITTED) and an acknowledgement mail is queued.
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
    checked = await check_family_form(session, tenant.id, form, today)
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

    request = Request(
        tenant_id=tenant.id,
        family_id=family.id,
        reference=await next_request_reference(session, tenant.id),
        type=RequestType.FAMILY_REGISTRATION,
        status=RequestStatus.PENDING,
        created_by_account_id=account.id,
        idempotency_key=key,
        guardian_id=guardian1.id,
        created_at=now,
    )
    session.add(request)
    await session.flush()
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
    return Submission(family=family, request=request, guardian=guardian1)


# --------------------------------------------------------------------------- staff decisions


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
) -> tuple[str, str] | None:
    """Who hears about a decision: the account that submitted the file (else the payer's
    e-mail), greeted by the payer's name. None when nobody can be written to."""
    payer = await session.scalar(
        select(Guardian)
        .where(Guardian.family_id == family.id)
        .order_by(Guardian.is_payer.desc(), Guardian.rank)
        .limit(1)
    )
    address: str | None = None
    if request is not None and request.created_by_account_id is not None:
        address = await session.scalar(
            select(Account.email).where(Account.id == request.created_by_account_id)
        )
    if address is None and payer is not None:
        address = payer.email
    if address is None:
        return None
    name = (
        display_name(payer.civility, payer.first_name, payer.last_name)
        if payer is not None
        else family.name
    )
    return address, name


async def next_subscriber_code(session: AsyncSession, tenant_id: int) -> str:
    """A new subscriber code: 6 digits, zero-padded, after the highest numeric code given.

    The counter starts after existing codes (imported families, the demo town), so a code
    is never given twice, and a code typed on the phone is a plain number.
    """

    async def highest() -> int:
        codes = await session.scalars(
            select(Family.subscriber_code).where(
                Family.tenant_id == tenant_id, Family.subscriber_code.is_not(None)
            )
        )
        return max(
            (int(code) for code in codes if code and code.isascii() and code.isdigit()),
            default=0,
        )

    value = await next_value(session, tenant_id, SUBSCRIBER_CODE_COUNTER, highest)
    return f"{value:0{SUBSCRIBER_CODE_DIGITS}d}"


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
        await enqueue_mail(
            session,
            tenant_id=tenant.id,
            to=recipient[0],
            template="family_validated",
            context=_mail_context(
                tenant,
                recipient[1],
                family_name=family.name,
                subscriber_code=family.subscriber_code,
                portal_url=portal_url,
            ),
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
        await enqueue_mail(
            session,
            tenant_id=tenant.id,
            to=recipient[0],
            template="family_rejected",
            context=_mail_context(tenant, recipient[1], family_name=family.name, reason=cleaned),
        )
    return family


# --------------------------------------------------------------------------- linking


@dataclass(frozen=True, slots=True)
class Linked:
    """The account now acts as ``guardian`` of ``family``."""

    family: Family
    guardian: Guardian


@dataclass(frozen=True, slots=True)
class LinkRefused:
    """Why a link failed; the attempt is recorded, so the caller still commits."""

    problem: Problem


def _link_attempt_key(email: str) -> str:
    return f"{LINK_ATTEMPT_PREFIX}{email}"[:254]


async def link_failures_since(
    session: AsyncSession, tenant_id: int, email: str, since: dt.datetime
) -> int:
    """Failed link attempts of an account since ``since`` (for throttling)."""
    return int(
        await session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                LoginAttempt.tenant_id == tenant_id,
                LoginAttempt.email == _link_attempt_key(email),
                LoginAttempt.attempted_at > since,
                LoginAttempt.succeeded.is_(False),
            )
        )
        or 0
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _normalized_code(value: str) -> str:
    return "".join(value.split()).upper()


async def _proofs_hold(
    session: AsyncSession,
    family: Family,
    *,
    child_birth_date: dt.date,
    invoice_number: str | None,
    child_first_name: str | None,
    today: dt.date,
) -> bool:
    children = list(
        await session.scalars(
            select(Child).where(Child.family_id == family.id, Child.birth_date == child_birth_date)
        )
    )
    recent_invoices = {
        _normalized_code(number)
        for number in await session.scalars(
            select(Invoice.number).where(
                Invoice.tenant_id == family.tenant_id,
                Invoice.family_id == family.id,
                Invoice.issued_on >= _months_before(today, INVOICE_PROOF_MONTHS),
            )
        )
    }
    if recent_invoices:
        # A family that has invoices must show one: a child's name and birth date can be
        # found on social networks, an invoice number cannot.
        second_proof = (
            invoice_number is not None and _normalized_code(invoice_number) in recent_invoices
        )
    else:
        wanted = _comparable_name(child_first_name or "")
        second_proof = bool(wanted) and any(
            _comparable_name(c.first_name) == wanted for c in children
        )
    return bool(children) and second_proof


async def link_family(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    subscriber_code: str,
    child_birth_date: dt.date,
    invoice_number: str | None,
    child_first_name: str | None,
    now: dt.datetime,
    today: dt.date,
) -> Linked | LinkRefused:
    """familyLink: attach a parent account to a validated family it proves to belong to.

    Proofs: the subscriber code, the birth date of one of the children, and the number of
    an invoice of the last 12 months — for a family with no such invoice, the first name
    of the child born on that date instead. Whatever is wrong, the answer is the same
    (LINK_REFUSED), and after 5 failures in an hour the account must wait (THROTTLED).
    """
    collector = ProblemCollector()
    code = _normalized_code(subscriber_code)
    if not code:
        collector.add(REQUIRED, "Le code abonné est obligatoire.", "subscriberCode")
    if not (invoice_number or "").strip() and not (child_first_name or "").strip():
        collector.add(
            REQUIRED,
            "Indiquez le numéro d'une facture reçue ces 12 derniers mois, ou, si vous n'avez "
            "encore reçu aucune facture, le prénom de l'enfant.",
            "invoiceNumber",
        )
    collector.raise_if_any()
    account = await _locked_account(session, tenant_id, account_id)
    status = await current_family_status(session, account)
    if status is not None and status is not FamilyStatus.REJECTED:
        raise fail(
            "ALREADY_LINKED",
            "Votre compte est déjà rattaché à un dossier famille.",
        )
    if (
        await link_failures_since(session, tenant_id, account.email, now - LINK_THROTTLE_WINDOW)
        >= MAX_LINK_FAILURES
    ):
        return LinkRefused(
            Problem(
                "THROTTLED",
                "Trop de tentatives de rattachement. Réessayez dans une heure ou contactez "
                "le service.",
            )
        )

    def attempt(succeeded: bool) -> None:
        session.add(
            LoginAttempt(
                tenant_id=tenant_id,
                email=_link_attempt_key(account.email),
                remote_address=None,
                succeeded=succeeded,
                attempted_at=now,
            )
        )

    family = await session.scalar(
        select(Family)
        .where(
            Family.tenant_id == tenant_id,
            Family.subscriber_code == code,
            Family.status == FamilyStatus.VALIDATED,
        )
        .with_for_update()
    )
    proofs = family is not None and await _proofs_hold(
        session,
        family,
        child_birth_date=child_birth_date,
        invoice_number=invoice_number,
        child_first_name=child_first_name,
        today=today,
    )
    if family is None or not proofs:
        attempt(False)
        return LinkRefused(Problem("LINK_REFUSED", LINK_REFUSED_MESSAGE))

    guardians = list(
        await session.scalars(
            select(Guardian).where(Guardian.family_id == family.id).order_by(Guardian.rank)
        )
    )
    linked = set(
        await session.scalars(
            select(Account.guardian_id).where(
                Account.tenant_id == tenant_id,
                Account.guardian_id.in_([g.id for g in guardians]),
                Account.id != account.id,
            )
        )
    )
    free = [g for g in guardians if g.id not in linked]
    chosen = next((g for g in free if (g.email or "").lower() == account.email), None)
    chosen = chosen or (free[0] if free else None)
    if chosen is None:
        attempt(False)
        return LinkRefused(
            Problem(
                "NO_GUARDIAN_AVAILABLE",
                "Chaque responsable de ce dossier a déjà son compte. Contactez le service "
                "pour toute question.",
            )
        )
    account.guardian_id = chosen.id
    attempt(True)
    await session.flush()
    return Linked(family=family, guardian=chosen)
