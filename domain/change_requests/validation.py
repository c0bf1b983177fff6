"""Checking a proposal: each value normalized, then the rules across fields and rows."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import contact_validation as contact
from domain.change_requests.codes import (
    ALLOCATAIRE_INCOMPLETE,
    ALLOCATAIRE_TAKEN,
    BANK_ACCOUNT_REQUIRED,
    INVALID_DATE,
    NO_ROLE,
    NOT_FOUND,
    REQUIRED,
    TOO_LONG,
    TOO_MANY,
)
from domain.change_requests.field_checks import check_value
from domain.change_requests.fields import Kind
from domain.change_requests.kinds import ChangeKind
from domain.change_requests.loading import _File
from kernel.results import DomainFailure, Problem
from models import AuthorizedPerson, Establishment, Guardian
from models.request import RequestType

MAX_PERSONS_PER_CHILD: Final = 20
MAX_CHILD_AGE_YEARS: Final = 26


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


def _text_problem(
    value: str | None, limit: int, name: str, what: str
) -> tuple[str | None, list[Problem]]:
    text = (value or "").strip() or None
    if text is not None and len(text) > limit:
        message = f"{what} ({limit} caractères au plus)."
        return None, [Problem(TOO_LONG, message, (name,))]
    return text, []
