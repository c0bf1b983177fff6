"""Every edit of the family file is a request (« Toute modification est soumise à une
validation par la collectivité »).

A parent never writes their family file: they propose values, which are checked (all
problems at once, with input paths and French messages) and stored on a ``Request`` with
the value each field had. Staff accept the request — the proposed values are written in the
same transaction, after checking again the rules that may have changed meanwhile — or refuse
it with a message; the parent may cancel it while it is not decided. Until then the file
shows the pending value beside the current one.

Rules kept here:
- a parent targets only their own family's guardians, children and authorized persons; a
  target of another family is « introuvable », exactly like one that does not exist;
- a request that changes nothing is refused (NO_CHANGE), and so is a request touching a
  field that already has a pending change on the same guardian, child, person or bank
  account (ALREADY_PENDING): the newer request is refused, so that staff never see two
  competing values and accepting one cannot silently undo the other;
- at most one allocataire per family (checked before writing, so the database's unique
  index never has to refuse it), and an allocataire has a regime and a number;
- direct debit needs a bank account; an authorized person picks the child up or is to be
  called (or both);
- the change types a tenant lists in ``Tenant.settings["autoAcceptedChanges"]`` are
  applied at once, and still recorded as an accepted request with its history;
- an acknowledgement mail is queued on creation (« Accusé d'enregistrement »), another on
  decision (« Accusé de traitement »), both to the account that made the request; an
  auto-accepted request gets only the second one (it is never « en cours d'instruction »).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import contact_validation as contact
from domain.accounts import display_name
from domain.change_fields import (
    ADDRESS_FIELDS,
    AUTHORIZATION_FIELDS,
    BANK_ACCOUNT_FIELDS,
    CHILD_FIELDS,
    COMPLEMENT_FIELDS,
    GUARDIAN_FIELDS,
    INVALID_DATE,
    PERSON_FIELDS,
    REQUIRED,
    TOO_LONG,
    VACCINATION_FIELDS,
    FieldSpec,
    Kind,
    Source,
    check_value,
    display_value,
    format_phone,
    python_value,
    stored_value,
    vaccinations_value,
)
from domain.counters import format_reference, next_request_reference
from domain.labels import label
from domain.mail import enqueue_mail
from domain.request_log import record_decision, record_step
from domain.results import DomainFailure, Problem, fail
from models import (
    Account,
    AuthorizedPerson,
    BankAccount,
    Child,
    ChildAuthorizations,
    Establishment,
    Family,
    Guardian,
    HealthRecord,
    Message,
    Request,
    Tenant,
    Vaccination,
)
from models.child import Diet
from models.request import HistoryStep, RequestStatus, RequestType

NOT_FOUND: Final = "NOT_FOUND"
NO_CHANGE: Final = "NO_CHANGE"
ALREADY_PENDING: Final = "ALREADY_PENDING"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"
ALLOCATAIRE_TAKEN: Final = "ALLOCATAIRE_TAKEN"
ALLOCATAIRE_INCOMPLETE: Final = "ALLOCATAIRE_INCOMPLETE"
BANK_ACCOUNT_REQUIRED: Final = "BANK_ACCOUNT_REQUIRED"
NO_ROLE: Final = "NO_ROLE"
TOO_MANY: Final = "TOO_MANY"
DUPLICATE: Final = "DUPLICATE"
WRONG_TYPE: Final = "WRONG_TYPE"
INVALID_STATE: Final = "INVALID_STATE"
TARGET_GONE: Final = "TARGET_GONE"
MESSAGE_REQUIRED: Final = "MESSAGE_REQUIRED"

AUTO_ACCEPT_SETTING: Final = "autoAcceptedChanges"
MAX_COMMENT: Final = 2000
MAX_MESSAGE: Final = 2000
MAX_IDEMPOTENCY_KEY: Final = 100
MAX_PERSONS_PER_CHILD: Final = 20
MAX_CHILD_AGE_YEARS: Final = 26
OPEN_STATUSES: Final = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)


class Target(enum.Enum):
    """What a change request is about; names the input field that identifies it."""

    GUARDIAN = "guardian"
    FAMILY = "family"
    CHILD = "child"
    AUTHORIZED_PERSON = "authorizedPerson"


_NOT_FOUND_MESSAGES: Final = {
    Target.GUARDIAN: "Responsable introuvable.",
    Target.FAMILY: "Dossier famille introuvable.",
    Target.CHILD: "Enfant introuvable.",
    Target.AUTHORIZED_PERSON: "Personne autorisée introuvable.",
}

_COMMON_CODES: Final = frozenset(
    {NOT_FOUND, NO_CHANGE, ALREADY_PENDING, TOO_LONG, IDEMPOTENCY_KEY_REUSED, REQUIRED}
)


@dataclass(frozen=True, slots=True)
class ChangeKind:
    """One type of change request: its target, its fields, where they sit in the input,
    and every error code its creation may report (one GraphQL enum per mutation)."""

    type: RequestType
    target: Target
    fields: tuple[FieldSpec, ...]
    input_path: tuple[str, ...]
    error_codes: frozenset[str]

    def spec(self, name: str) -> FieldSpec:
        """The field named ``name`` (a programming error when unknown)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(f"{self.type} has no field {name!r}")


def _kind(
    type_: RequestType,
    target: Target,
    fields: tuple[FieldSpec, ...],
    path: tuple[str, ...],
    *codes: str,
) -> ChangeKind:
    return ChangeKind(type_, target, fields, path, _COMMON_CODES | frozenset(codes))


_CHANGES = ("changes",)

CHANGE_KINDS: Final[Mapping[RequestType, ChangeKind]] = {
    kind.type: kind
    for kind in (
        _kind(
            RequestType.GUARDIAN_CHANGE,
            Target.GUARDIAN,
            GUARDIAN_FIELDS,
            _CHANGES,
            contact.INVALID_PHONE,
            contact.NOT_A_MOBILE,
            contact.INVALID_EMAIL,
            ALLOCATAIRE_TAKEN,
            ALLOCATAIRE_INCOMPLETE,
        ),
        _kind(
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            Target.GUARDIAN,
            ADDRESS_FIELDS,
            _CHANGES,
            contact.INVALID_POSTAL_CODE,
            contact.INVALID_COUNTRY,
        ),
        _kind(
            RequestType.BANK_ACCOUNT_CHANGE,
            Target.FAMILY,
            BANK_ACCOUNT_FIELDS,
            _CHANGES,
            contact.INVALID_IBAN,
            contact.INVALID_BIC,
            contact.BIC_COUNTRY_MISMATCH,
            BANK_ACCOUNT_REQUIRED,
        ),
        _kind(RequestType.CHILD_CHANGE, Target.CHILD, CHILD_FIELDS, _CHANGES, INVALID_DATE),
        _kind(
            RequestType.CHILD_COMPLEMENT_CHANGE,
            Target.CHILD,
            COMPLEMENT_FIELDS,
            _CHANGES,
            contact.INVALID_PHONE,
        ),
        _kind(
            RequestType.CHILD_AUTHORIZATIONS_CHANGE, Target.CHILD, AUTHORIZATION_FIELDS, _CHANGES
        ),
        _kind(
            RequestType.VACCINATION_CHANGE,
            Target.CHILD,
            VACCINATION_FIELDS,
            (),
            INVALID_DATE,
            TOO_MANY,
            DUPLICATE,
        ),
        _kind(
            RequestType.AUTHORIZED_PERSON_ADD,
            Target.CHILD,
            PERSON_FIELDS,
            ("person",),
            contact.INVALID_PHONE,
            NO_ROLE,
            TOO_MANY,
        ),
        _kind(
            RequestType.AUTHORIZED_PERSON_CHANGE,
            Target.AUTHORIZED_PERSON,
            PERSON_FIELDS,
            _CHANGES,
            contact.INVALID_PHONE,
            NO_ROLE,
        ),
        ChangeKind(
            RequestType.AUTHORIZED_PERSON_REMOVE,
            Target.AUTHORIZED_PERSON,
            (),
            (),
            frozenset({NOT_FOUND, ALREADY_PENDING, TOO_LONG, IDEMPOTENCY_KEY_REUSED}),
        ),
    )
}

CHANGE_TYPES: Final = tuple(CHANGE_KINDS)
GUARDIAN_TYPES: Final = (RequestType.GUARDIAN_CHANGE, RequestType.GUARDIAN_ADDRESS_CHANGE)
FAMILY_TYPES: Final = (RequestType.BANK_ACCOUNT_CHANGE,)

# Codes of the decision mutations: accepting re-checks the rules that may have changed
# since the request was made.
ACCEPT_ERROR_CODES: Final = frozenset(
    {
        NOT_FOUND,
        WRONG_TYPE,
        INVALID_STATE,
        TOO_LONG,
        TARGET_GONE,
        REQUIRED,
        ALLOCATAIRE_TAKEN,
        ALLOCATAIRE_INCOMPLETE,
        BANK_ACCOUNT_REQUIRED,
        NO_ROLE,
        TOO_MANY,
        INVALID_DATE,
        contact.INVALID_POSTAL_CODE,
        contact.BIC_COUNTRY_MISMATCH,
    }
)
REFUSE_ERROR_CODES: Final = frozenset(
    {NOT_FOUND, WRONG_TYPE, INVALID_STATE, TOO_LONG, MESSAGE_REQUIRED}
)
CANCEL_ERROR_CODES: Final = frozenset({NOT_FOUND, WRONG_TYPE, INVALID_STATE})


# --------------------------------------------------------------------------- loading


@dataclass
class _File:
    """The part of the family file a change reads and writes, loaded once."""

    family: Family
    guardian: Guardian | None = None
    child: Child | None = None
    person: AuthorizedPerson | None = None
    bank_account: BankAccount | None = None
    health_record: HealthRecord | None = None
    authorizations: ChildAuthorizations | None = None
    vaccinations: list[Vaccination] = field(default_factory=list)

    def row(self, source: Source) -> object | None:
        """The row holding fields of ``source`` (None while it does not exist)."""
        return {
            Source.GUARDIAN: self.guardian,
            Source.FAMILY: self.family,
            Source.BANK_ACCOUNT: self.bank_account,
            Source.CHILD: self.child,
            Source.HEALTH_RECORD: self.health_record,
            Source.AUTHORIZATIONS: self.authorizations,
            Source.PERSON: self.person,
        }.get(source)

    @property
    def country(self) -> str:
        """The country phone numbers are read in (the guardian's address, else France)."""
        return self.guardian.country if self.guardian is not None else "FR"


async def _locked_family(session: AsyncSession, tenant_id: int, family_id: int) -> Family | None:
    # Locking the family row serializes every change and decision on one family file
    # (PostgreSQL; SQLite serializes writers anyway), so the checks below stay true
    # until commit.
    return await session.scalar(
        select(Family)
        .where(Family.tenant_id == tenant_id, Family.id == family_id)
        .with_for_update()
    )


async def _load(
    session: AsyncSession,
    tenant_id: int,
    kind: ChangeKind,
    target_id: int,
    family_id: int,
) -> _File | None:
    """The file around ``target_id`` if it belongs to ``family_id`` (else None)."""
    guardian: Guardian | None = None
    child: Child | None = None
    person: AuthorizedPerson | None = None
    if kind.target is Target.GUARDIAN:
        guardian = await session.scalar(
            select(Guardian).where(Guardian.tenant_id == tenant_id, Guardian.id == target_id)
        )
        if guardian is None or guardian.family_id != family_id:
            return None
    elif kind.target is Target.FAMILY:
        if target_id != family_id:
            return None
    else:
        if kind.target is Target.AUTHORIZED_PERSON:
            person = await session.scalar(
                select(AuthorizedPerson).where(
                    AuthorizedPerson.tenant_id == tenant_id, AuthorizedPerson.id == target_id
                )
            )
            if person is None:
                return None
            target_id = person.child_id
        child = await session.scalar(
            select(Child).where(Child.tenant_id == tenant_id, Child.id == target_id)
        )
        if child is None or child.family_id != family_id:
            return None
    family = await _locked_family(session, tenant_id, family_id)
    if family is None:
        return None
    loaded = _File(family=family, guardian=guardian, child=child, person=person)
    await _load_details(session, kind, loaded)
    return loaded


async def _load_details(session: AsyncSession, kind: ChangeKind, loaded: _File) -> None:
    sources = {spec.source for spec in kind.fields}
    if Source.BANK_ACCOUNT in sources:
        loaded.bank_account = await session.scalar(
            select(BankAccount).where(
                BankAccount.family_id == loaded.family.id, BankAccount.is_primary.is_(True)
            )
        )
    if loaded.child is None:
        return
    child_id = loaded.child.id
    if Source.HEALTH_RECORD in sources:
        loaded.health_record = await session.get(HealthRecord, child_id)
    if Source.AUTHORIZATIONS in sources:
        loaded.authorizations = await session.get(ChildAuthorizations, child_id)
    if Source.VACCINATIONS in sources:
        loaded.vaccinations = list(
            await session.scalars(select(Vaccination).where(Vaccination.child_id == child_id))
        )


def _current(kind: ChangeKind, loaded: _File) -> dict[str, Any]:
    """What the file holds now for every field of ``kind``, in stored (JSON) form."""
    values: dict[str, Any] = {}
    for spec in kind.fields:
        if spec.kind is Kind.VACCINES:
            values[spec.name] = vaccinations_value(
                [(v.vaccine, v.injected_on) for v in loaded.vaccinations]
            )
        else:
            values[spec.name] = stored_value(spec, loaded.row(spec.source), country=loaded.country)
    return values


def _person_snapshot(person: AuthorizedPerson) -> dict[str, Any]:
    return {spec.name: stored_value(spec, person) for spec in PERSON_FIELDS}


# --------------------------------------------------------------------------- checking


def _person_name(values: Mapping[str, Any]) -> str:
    first = values.get("firstName") or ""
    last = (values.get("lastName") or "").upper()
    return f"{first} {last}".strip()


async def _rule_problems(
    session: AsyncSession,
    kind: ChangeKind,
    loaded: _File,
    before: Mapping[str, Any],
    proposed: Mapping[str, Any],
    prefix: tuple[str, ...],
    today: dt.date,
) -> list[Problem]:
    """Rules across fields and rows, on the file as it would be after the change.

    Run on creation (paths into the input) and again on acceptance, since the file may have
    changed in between (another guardian became allocataire, a school closed…).
    """
    problems: list[Problem] = []
    merged = {**before, **proposed}

    def at(name: str) -> tuple[str, ...]:
        return (*prefix, name)

    touched = {kind.spec(name).source for name in proposed}
    for spec in kind.fields:
        if spec.required and spec.source in touched and merged.get(spec.name) is None:
            problems.append(Problem(REQUIRED, f"« {spec.label} » est obligatoire.", at(spec.name)))

    if kind.type is RequestType.GUARDIAN_CHANGE and merged.get("isAllocataire"):
        if merged.get("allowanceRegime") is None:
            message = "Indiquez le régime (CAF ou MSA) du responsable allocataire."
            problems.append(Problem(ALLOCATAIRE_INCOMPLETE, message, at("allowanceRegime")))
        if merged.get("allocataireNumber") is None:
            message = "Indiquez le numéro d'allocataire du responsable allocataire."
            problems.append(Problem(ALLOCATAIRE_INCOMPLETE, message, at("allocataireNumber")))
        assert loaded.guardian is not None
        other = await session.scalar(
            select(Guardian.id).where(
                Guardian.family_id == loaded.family.id,
                Guardian.id != loaded.guardian.id,
                Guardian.is_allocataire.is_(True),
            )
        )
        if other is not None:
            message = (
                "Un autre responsable de la famille est déjà allocataire CAF / MSA "
                "(un seul allocataire possible)."
            )
            problems.append(Problem(ALLOCATAIRE_TAKEN, message, at("isAllocataire")))

    if kind.type is RequestType.GUARDIAN_ADDRESS_CHANGE and "country" in proposed:
        # A new country with the postal code already on file: it must fit that country.
        code, country = merged.get("postalCode"), merged.get("country") or "FR"
        if code is not None and "postalCode" not in proposed:
            try:
                contact.normalize_postal_code(code, *at("postalCode"), country=country)
            except DomainFailure as failure:
                problems.extend(failure.problems)

    if kind.type is RequestType.BANK_ACCOUNT_CHANGE:
        iban, bic = merged.get("iban"), merged.get("bic")
        if bic is not None and iban is not None and ("iban" in proposed or "bic" in proposed):
            try:
                contact.normalize_bic(bic, *at("bic"), iban=iban)
            except DomainFailure as failure:
                problems.extend(failure.problems)
        if (
            merged.get("directDebit")
            and iban is None
            and not any(p.field == at("iban") for p in problems)
        ):
            message = (
                "Le prélèvement automatique nécessite des coordonnées bancaires : "
                "indiquez le titulaire et l'IBAN du compte."
            )
            problems.append(Problem(BANK_ACCOUNT_REQUIRED, message, at("directDebit")))

    if kind.type is RequestType.CHILD_CHANGE:
        problems += await _child_problems(session, loaded, proposed, at, today)

    if (
        kind.type in (RequestType.AUTHORIZED_PERSON_ADD, RequestType.AUTHORIZED_PERSON_CHANGE)
        and merged.get("canPickUp") is False
        and merged.get("emergencyContact") is False
    ):
        message = (
            "Cette personne doit pouvoir récupérer l'enfant ou être à prévenir en cas d'urgence."
        )
        problems.append(Problem(NO_ROLE, message, at("canPickUp")))
    if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
        assert loaded.child is not None
        count = await session.scalar(
            select(func.count())
            .select_from(AuthorizedPerson)
            .where(AuthorizedPerson.child_id == loaded.child.id)
        )
        if int(count or 0) >= MAX_PERSONS_PER_CHILD:
            message = f"Au plus {MAX_PERSONS_PER_CHILD} personnes autorisées par enfant."
            problems.append(Problem(TOO_MANY, message, prefix))
    return problems


async def _child_problems(
    session: AsyncSession,
    loaded: _File,
    proposed: Mapping[str, Any],
    at: Callable[[str], tuple[str, ...]],
    today: dt.date,
) -> list[Problem]:
    problems: list[Problem] = []
    birth = proposed.get("birthDate")
    if birth is not None:
        day = dt.date.fromisoformat(birth)
        if day > today:
            message = "La date de naissance ne peut pas être dans le futur."
            problems.append(Problem(INVALID_DATE, message, at("birthDate")))
        elif day.year < today.year - MAX_CHILD_AGE_YEARS:
            message = "La date de naissance n'est pas plausible pour un enfant."
            problems.append(Problem(INVALID_DATE, message, at("birthDate")))
    school = proposed.get("school")
    if school is not None:
        found = await session.scalar(
            select(Establishment.id).where(
                Establishment.tenant_id == loaded.family.tenant_id, Establishment.id == school
            )
        )
        if found is None:
            problems.append(Problem(NOT_FOUND, "Établissement introuvable.", at("school")))
    return problems


def _check_proposal(
    kind: ChangeKind,
    loaded: _File,
    changes: Mapping[str, object],
    today: dt.date,
) -> tuple[dict[str, Any], list[Problem]]:
    """Normalize every proposed value (all problems collected, none raised)."""
    proposed: dict[str, Any] = {}
    problems: list[Problem] = []
    country = loaded.country
    if "country" in changes and isinstance(changes["country"], str):
        with contextlib.suppress(DomainFailure):
            country = contact.normalize_country(changes["country"])
    birth_date = loaded.child.birth_date if loaded.child is not None else None
    for name, raw in changes.items():
        spec = kind.spec(name)
        value, found = check_value(
            spec, raw, kind.input_path, country=country, birth_date=birth_date, today=today
        )
        if spec.kind is Kind.POSTAL_CODE and value is not None and not found:
            try:
                value = contact.normalize_postal_code(
                    value, *kind.input_path, name, country=country
                )
            except DomainFailure as failure:
                found = list(failure.problems)
        problems += found
        if not found:
            proposed[name] = value
    return proposed, problems


def _without_redundant_required(problems: list[Problem]) -> list[Problem]:
    # An invalid value is also missing from the proposal: say only why it is invalid.
    explained = {p.field for p in problems if p.code != REQUIRED}
    kept: list[Problem] = []
    for problem in problems:
        if problem.code == REQUIRED and problem.field in explained:
            continue
        if problem not in kept:
            kept.append(problem)
    return kept


@dataclass(frozen=True, slots=True)
class _Key:
    """What a pending change is about, to find competing requests."""

    target: str
    target_id: int


def _key_of(request_type: RequestType, payload: Mapping[str, Any]) -> _Key | None:
    kind = CHANGE_KINDS.get(request_type)
    if kind is None or request_type is RequestType.AUTHORIZED_PERSON_ADD:
        return None
    ids = {
        Target.GUARDIAN: payload.get("guardianId"),
        Target.FAMILY: payload.get("familyId"),
        Target.CHILD: payload.get("childId"),
        Target.AUTHORIZED_PERSON: payload.get("authorizedPersonId"),
    }
    target_id = ids[kind.target]
    return _Key(kind.target.value, int(target_id)) if target_id is not None else None


def proposed_fields(request_type: RequestType, payload: Mapping[str, Any] | None) -> dict[str, Any]:
    """The proposed values of a change request, by field name.

    Requests imported from elsewhere (the demo town) may store their values flat, without
    the ``fields`` envelope; names that are not fields of the type are ignored.
    """
    kind = CHANGE_KINDS.get(request_type)
    if kind is None or not payload:
        return {}
    raw = payload.get("fields")
    values: Mapping[str, Any] = raw if isinstance(raw, Mapping) else payload
    names = {spec.name for spec in kind.fields}
    return {name: value for name, value in values.items() if name in names}


def _fields_of(request_type: RequestType, payload: Mapping[str, Any]) -> set[str]:
    # A removal competes with any change of the same person.
    if request_type is RequestType.AUTHORIZED_PERSON_REMOVE:
        return {"*"}
    return set(proposed_fields(request_type, payload))


async def _pending_conflicts(
    session: AsyncSession,
    tenant_id: int,
    kind: ChangeKind,
    family_id: int,
    payload: Mapping[str, Any],
) -> list[Problem]:
    key = _key_of(kind.type, payload)
    if key is None:
        return []
    mine = _fields_of(kind.type, payload)
    pending = await session.scalars(
        select(Request).where(
            Request.tenant_id == tenant_id,
            Request.family_id == family_id,
            Request.status.in_(OPEN_STATUSES),
            Request.type.in_(CHANGE_TYPES),
        )
    )
    problems: list[Problem] = []
    for other in pending:
        other_payload = other.payload or {}
        if _key_of(other.type, other_payload) != key:
            continue
        theirs = _fields_of(other.type, other_payload)
        reference = format_reference(other.reference)
        if "*" in mine or "*" in theirs:
            message = (
                "Une demande concernant cette personne est déjà en cours de traitement "
                f"(n° {reference})."
            )
            problems.append(Problem(ALREADY_PENDING, message, (kind.target.value,)))
            continue
        for name in sorted(mine & theirs, key=[s.name for s in kind.fields].index):
            spec = kind.spec(name)
            message = (
                f"Une demande de modification de « {spec.label} » est déjà en cours de "
                f"traitement (n° {reference})."
            )
            problems.append(Problem(ALREADY_PENDING, message, (*kind.input_path, name)))
    return problems


# --------------------------------------------------------------------------- mails


def _tenant_context(tenant: Tenant) -> dict[str, str]:
    return {"name": tenant.name, "service_name": tenant.service_name, "timezone": tenant.timezone}


async def _mail(session: AsyncSession, request: Request, template: str, **values: object) -> None:
    if request.created_by_account_id is None:
        return
    account = await session.get(Account, request.created_by_account_id)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    await enqueue_mail(
        session,
        tenant_id=request.tenant_id,
        to=account.email,
        template=template,
        context={
            "tenant": _tenant_context(tenant),
            "recipient_name": display_name(account.civility, account.first_name, account.last_name),
            "request_label": label(request.type),
            "reference": request.reference,
            **values,
        },
    )


# --------------------------------------------------------------------------- creating


def _text_problem(
    value: str | None, limit: int, name: str, what: str
) -> tuple[str | None, list[Problem]]:
    text = (value or "").strip() or None
    if text is not None and len(text) > limit:
        message = f"{what} ({limit} caractères au plus)."
        return None, [Problem(TOO_LONG, message, (name,))]
    return text, []


async def _by_idempotency_key(session: AsyncSession, tenant_id: int, key: str) -> Request | None:
    return await session.scalar(
        select(Request).where(Request.tenant_id == tenant_id, Request.idempotency_key == key)
    )


async def create_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_type: RequestType,
    account_id: int,
    family_id: int | None,
    target_id: int | None,
    changes: Mapping[str, object],
    comment: str | None,
    idempotency_key: str | None,
    portal_url: str,
    now: dt.datetime,
) -> Request:
    """Record a parent's change request on their family file (or apply it at once if the
    tenant auto-accepts that type), with its history and acknowledgement mail.

    ``family_id`` is the parent's family: any target outside it is « introuvable ».
    ``changes`` maps field names (as in the API input) to the values typed; only the keys
    given are changed, null meaning « empty this field ». A retry with the same
    ``idempotency_key`` returns the first request and creates nothing.
    """
    kind = CHANGE_KINDS[request_type]
    problems: list[Problem] = []
    comment_text, found = _text_problem(
        comment, MAX_COMMENT, "comment", "Le commentaire est trop long"
    )
    problems += found
    key, found = _text_problem(
        idempotency_key,
        MAX_IDEMPOTENCY_KEY,
        "idempotencyKey",
        "La clé d'idempotence est trop longue",
    )
    problems += found
    if key is not None:
        existing = await _by_idempotency_key(session, tenant_id, key)
        if existing is not None:
            if existing.created_by_account_id == account_id and existing.type is request_type:
                return existing
            raise fail(
                IDEMPOTENCY_KEY_REUSED,
                "Cette clé d'idempotence a déjà servi pour une autre demande.",
                "idempotencyKey",
            )
    loaded = None
    if target_id is not None and family_id is not None:
        loaded = await _load(session, tenant_id, kind, target_id, family_id)
    if loaded is None:
        raise fail(NOT_FOUND, _NOT_FOUND_MESSAGES[kind.target], kind.target.value)

    today = now.date()
    before = _current(kind, loaded)
    proposed, found = _check_proposal(kind, loaded, changes, today)
    problems += found
    if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
        # A new person: every field is proposed, the defaults filling what was not given.
        proposed = {spec.name: proposed.get(spec.name, spec.default) for spec in kind.fields}
        before = {spec.name: None for spec in kind.fields}
        changed = {name: value for name, value in proposed.items() if value is not None}
    else:
        changed = {name: value for name, value in proposed.items() if value != before[name]}
    rule_before = before if kind.type is not RequestType.AUTHORIZED_PERSON_ADD else {}
    problems += await _rule_problems(
        session, kind, loaded, rule_before, proposed, kind.input_path, today
    )
    problems = _without_redundant_required(problems)

    payload: dict[str, Any] = {
        "fields": changed,
        "before": {name: before[name] for name in changed},
        "familyId": loaded.family.id,
    }
    if loaded.guardian is not None:
        payload["guardianId"] = loaded.guardian.id
    if loaded.child is not None:
        payload["childId"] = loaded.child.id
    if loaded.person is not None:
        payload["authorizedPersonId"] = loaded.person.id
        payload["person"] = _person_snapshot(loaded.person)
    if kind.type is RequestType.BANK_ACCOUNT_CHANGE and loaded.bank_account is not None:
        payload["bankAccountId"] = loaded.bank_account.id
    if kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        payload["before"] = _person_snapshot(loaded.person) if loaded.person else {}

    if changed or kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        problems += await _pending_conflicts(session, tenant_id, kind, loaded.family.id, payload)
    if problems:
        raise DomainFailure(problems)
    if not changed and kind.type is not RequestType.AUTHORIZED_PERSON_REMOVE:
        raise fail(
            NO_CHANGE,
            "Aucune modification : les valeurs proposées sont celles du dossier.",
            *kind.input_path,
        )

    request = Request(
        tenant_id=tenant_id,
        family_id=loaded.family.id,
        reference=await next_request_reference(session, tenant_id),
        type=request_type,
        status=RequestStatus.PENDING,
        created_by_account_id=account_id,
        idempotency_key=key,
        guardian_id=loaded.guardian.id if loaded.guardian is not None else None,
        child_id=loaded.child.id if loaded.child is not None else None,
        comment=comment_text,
        payload=payload,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    record_step(
        session,
        request,
        HistoryStep.CREATED,
        RequestStatus.PENDING,
        actor_account_id=account_id,
        now=now,
    )
    tenant = await session.get_one(Tenant, tenant_id)
    if request_type.value in (tenant.settings or {}).get(AUTO_ACCEPT_SETTING, []):
        await _write(session, kind, loaded, request, now)
        await _decide(
            session,
            request,
            RequestStatus.ACCEPTED,
            account_id=None,
            message=None,
            note="Acceptation automatique",
            now=now,
        )
        return request
    await _mail(session, request, "change_request_received", created_at=now, portal_url=portal_url)
    return request


# --------------------------------------------------------------------------- applying


def _group(kind: ChangeKind, fields: Mapping[str, Any]) -> dict[Source, dict[str, Any]]:
    groups: dict[Source, dict[str, Any]] = {}
    for spec in kind.fields:
        if spec.name in fields:
            groups.setdefault(spec.source, {})[spec.attribute] = python_value(
                spec, fields[spec.name]
            )
    return groups


def _assign(row: object, values: Mapping[str, Any]) -> None:
    for attribute, value in values.items():
        setattr(row, attribute, value)


async def _write(
    session: AsyncSession, kind: ChangeKind, loaded: _File, request: Request, now: dt.datetime
) -> None:
    """Write an accepted request's proposed values on the family file."""
    payload = dict(request.payload or {})
    fields = proposed_fields(kind.type, payload)
    tenant_id = request.tenant_id
    if kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        assert loaded.person is not None
        await session.delete(loaded.person)
        await session.flush()
        return
    if kind.type is RequestType.VACCINATION_CHANGE:
        assert loaded.child is not None
        await session.execute(delete(Vaccination).where(Vaccination.child_id == loaded.child.id))
        for item in fields["vaccinations"]:
            session.add(
                Vaccination(
                    tenant_id=tenant_id,
                    child_id=loaded.child.id,
                    vaccine=item["vaccine"],
                    injected_on=dt.date.fromisoformat(item["injectedOn"]),
                )
            )
        await session.flush()
        return
    for source, values in _group(kind, fields).items():
        if source is Source.GUARDIAN:
            _assign(loaded.guardian, values)
        elif source is Source.FAMILY:
            _assign(loaded.family, values)
        elif source is Source.CHILD:
            _assign(loaded.child, values)
        elif source is Source.BANK_ACCOUNT:
            if loaded.bank_account is None:
                loaded.bank_account = BankAccount(
                    tenant_id=tenant_id, family_id=loaded.family.id, is_primary=True, **values
                )
                session.add(loaded.bank_account)
            else:
                if "iban" in values and values["iban"] != stored_value(
                    kind.spec("iban"), loaded.bank_account
                ):
                    # Another account needs another SEPA mandate, sent by the town.
                    loaded.bank_account.mandate_reference = None
                    loaded.bank_account.mandate_signed_on = None
                _assign(loaded.bank_account, values)
        elif source is Source.HEALTH_RECORD:
            assert loaded.child is not None
            if loaded.health_record is None:
                loaded.health_record = HealthRecord(
                    tenant_id=tenant_id, child_id=loaded.child.id, diet=Diet.STANDARD
                )
                session.add(loaded.health_record)
            _assign(loaded.health_record, values)
            loaded.health_record.updated_at = now
        elif source is Source.AUTHORIZATIONS:
            assert loaded.child is not None
            if loaded.authorizations is None:
                loaded.authorizations = ChildAuthorizations(
                    tenant_id=tenant_id,
                    child_id=loaded.child.id,
                    photo=False,
                    leave_alone=False,
                    hospitalisation=False,
                    outings_with_staff=False,
                )
                session.add(loaded.authorizations)
            _assign(loaded.authorizations, values)
            loaded.authorizations.updated_at = now
        elif source is Source.PERSON:
            if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
                assert loaded.child is not None
                person = AuthorizedPerson(tenant_id=tenant_id, child_id=loaded.child.id, **values)
                session.add(person)
                await session.flush()
                payload["authorizedPersonId"] = person.id
            else:
                _assign(loaded.person, values)
    await session.flush()
    request.payload = payload


def _target_of(kind: ChangeKind, request: Request) -> int | None:
    payload = request.payload or {}
    if kind.target is Target.GUARDIAN:
        return request.guardian_id
    if kind.target is Target.FAMILY:
        return request.family_id
    if kind.target is Target.CHILD:
        return request.child_id
    person_id = payload.get("authorizedPersonId")
    return int(person_id) if person_id is not None else None


async def _apply(
    session: AsyncSession, kind: ChangeKind, request: Request, now: dt.datetime
) -> None:
    """Check the rules again on today's file, then write the proposed values."""
    target_id = _target_of(kind, request)
    loaded = None
    if target_id is not None:
        loaded = await _load(session, request.tenant_id, kind, target_id, request.family_id)
    if loaded is None:
        raise fail(
            TARGET_GONE,
            "Cette demande ne peut plus être acceptée : l'élément qu'elle modifie n'existe plus.",
            "request",
        )
    payload = dict(request.payload or {})
    fields = proposed_fields(kind.type, payload)
    current = _current(kind, loaded)
    rule_before = {} if kind.type is RequestType.AUTHORIZED_PERSON_ADD else current
    problems = await _rule_problems(session, kind, loaded, rule_before, fields, (), now.date())
    if kind.type is RequestType.CHILD_CHANGE and fields.get("school") is not None:
        problems = [
            Problem(TARGET_GONE, "L'établissement demandé n'existe plus.", p.field)
            if p.code == NOT_FOUND
            else p
            for p in problems
        ]
    if problems:
        # Paths are those of the creation input; for the agent, the request is at fault.
        raise DomainFailure(Problem(p.code, p.message, ("request",)) for p in problems)
    if kind.type not in (
        RequestType.AUTHORIZED_PERSON_ADD,
        RequestType.AUTHORIZED_PERSON_REMOVE,
    ):
        # Keep what the acceptance replaced, for the request's history.
        payload["before"] = {name: current[name] for name in fields}
        request.payload = payload
    await _write(session, kind, loaded, request, now)


# --------------------------------------------------------------------------- deciding


async def _decide(
    session: AsyncSession,
    request: Request,
    status: RequestStatus,
    *,
    account_id: int | None,
    message: str | None,
    note: str | None,
    now: dt.datetime,
) -> None:
    record_decision(session, request, status, actor_account_id=account_id, now=now, note=note)
    if message:
        session.add(
            Message(
                tenant_id=request.tenant_id,
                family_id=request.family_id,
                request_id=request.id,
                author_account_id=account_id,
                from_staff=True,
                subject=f"Demande n° {format_reference(request.reference)} : {label(request.type)}"[
                    :200
                ],
                body=message,
                created_at=now,
            )
        )
    await session.flush()
    await _mail(
        session,
        request,
        "change_request_decided",
        accepted=status is RequestStatus.ACCEPTED,
        message=message or "",
    )


async def _open_request(
    session: AsyncSession, tenant_id: int, request_id: int | None, family_id: int | None = None
) -> Request:
    request = None
    if request_id is not None:
        stmt = select(Request).where(Request.tenant_id == tenant_id, Request.id == request_id)
        if family_id is not None:
            stmt = stmt.where(Request.family_id == family_id)
        request = await session.scalar(stmt.with_for_update())
    if request is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    if request.type not in CHANGE_KINDS:
        raise fail(
            WRONG_TYPE, "Cette demande n'est pas une modification du dossier famille.", "request"
        )
    if request.status not in OPEN_STATUSES:
        raise fail(
            INVALID_STATE,
            f"Cette demande a déjà été traitée (statut : {label(request.status)}).",
            "request",
        )
    return request


async def accept_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    message: str | None,
    now: dt.datetime,
) -> Request:
    """Staff accept a change: its values are written on the file in this transaction (or
    nothing is, when a rule no longer holds), the family is told by mail."""
    text, problems = _text_problem(message, MAX_MESSAGE, "message", "Le message est trop long")
    if problems:
        raise DomainFailure(problems)
    request = await _open_request(session, tenant_id, request_id)
    kind = CHANGE_KINDS[request.type]
    await _apply(session, kind, request, now)
    await _decide(
        session,
        request,
        RequestStatus.ACCEPTED,
        account_id=account_id,
        message=text,
        note=None,
        now=now,
    )
    return request


async def refuse_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    message: str,
    now: dt.datetime,
) -> Request:
    """Staff refuse a change, saying why: the file keeps its values, the family gets the
    message (on the request and by mail)."""
    text, problems = _text_problem(message, MAX_MESSAGE, "message", "Le message est trop long")
    if text is None and not problems:
        problems = [
            Problem(MESSAGE_REQUIRED, "Indiquez à la famille la raison du refus.", ("message",))
        ]
    if problems:
        raise DomainFailure(problems)
    request = await _open_request(session, tenant_id, request_id)
    await _decide(
        session,
        request,
        RequestStatus.REFUSED,
        account_id=account_id,
        message=text,
        note=None,
        now=now,
    )
    return request


async def cancel_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_id: int | None,
    account_id: int,
    family_id: int | None,
    now: dt.datetime,
) -> Request:
    """A parent withdraws a change of their family's file that is not decided yet."""
    if family_id is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    request = await _open_request(session, tenant_id, request_id, family_id)
    request.status = RequestStatus.CANCELLED
    record_step(
        session,
        request,
        HistoryStep.CANCELLED,
        RequestStatus.CANCELLED,
        actor_account_id=account_id,
        now=now,
        note="Annulée par la famille",
    )
    await session.flush()
    return request


# --------------------------------------------------------------------------- reading


def history_label(step: HistoryStep, status: RequestStatus) -> str:
    """The line of « Historique de la demande » (« Création de demande », « Statut : … »)."""
    if step in (HistoryStep.DECIDED, HistoryStep.LINE_DECIDED):
        return f"Statut : {label(status)}"
    return label(step)


@dataclass(frozen=True, slots=True)
class DisplayedChange:
    """One field of a change request, both values printed for people."""

    field: str
    label: str
    current: str | None
    proposed: str | None
    subject: str | None


def school_ids(request: Request) -> set[int]:
    """Establishments a request mentions (their names are looked up in one batch)."""
    payload = request.payload or {}
    before = payload.get("before")
    ids: set[int] = set()
    for part in (proposed_fields(request.type, payload), before):
        value = part.get("school") if isinstance(part, Mapping) else None
        if isinstance(value, int) and not isinstance(value, bool):
            ids.add(value)
    return ids


def displayed_changes(
    request: Request,
    *,
    school_names: Mapping[int, str] | None = None,
    mask_iban: bool = False,
) -> list[DisplayedChange]:
    """The fields a change request touches, current (at the time of the request, or the
    value replaced once accepted) and proposed, in French, in the file's order."""
    kind = CHANGE_KINDS.get(request.type)
    if kind is None:
        return []
    payload = request.payload or {}
    fields = proposed_fields(request.type, payload)
    raw_before = payload.get("before")
    before: Mapping[str, Any] = raw_before if isinstance(raw_before, Mapping) else {}
    subject = None
    if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
        subject = _person_name(fields)
    elif kind.target is Target.AUTHORIZED_PERSON:
        subject = _person_name(payload.get("person", before))
    if kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        summary = _person_name(before)
        phone = before.get("phone")
        current = f"{summary} ({format_phone(phone)})" if phone else summary
        return [DisplayedChange("authorizedPerson", "Personne autorisée", current, None, subject)]

    def shown(spec: FieldSpec, value: Any) -> str | None:
        return display_value(spec, value, school_names=school_names, mask_iban=mask_iban)

    return [
        DisplayedChange(
            spec.name,
            spec.label,
            shown(spec, before.get(spec.name)),
            shown(spec, fields[spec.name]),
            subject,
        )
        for spec in kind.fields
        if spec.name in fields
    ]


def pending_for(
    requests: Sequence[Request],
    *,
    guardian_id: int | None = None,
    child_id: int | None = None,
    family_level: bool = False,
) -> list[Request]:
    """The open change requests about one guardian, one child, or the family itself."""
    selected: list[Request] = []
    for request in requests:
        if request.status not in OPEN_STATUSES or request.type not in CHANGE_KINDS:
            continue
        if guardian_id is not None and request.type in GUARDIAN_TYPES:
            if request.guardian_id == guardian_id:
                selected.append(request)
        elif child_id is not None and request.child_id == child_id:
            if request.type not in GUARDIAN_TYPES + FAMILY_TYPES:
                selected.append(request)
        elif family_level and request.type in FAMILY_TYPES:
            selected.append(request)
    return selected
