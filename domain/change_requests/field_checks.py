"""Checking one proposed value: normalized to its JSON form, or the problems found."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from domain import contact_validation as contact
from domain.change_requests.codes import INVALID_DATE, REQUIRED, TOO_LONG
from domain.change_requests.fields import MAX_VACCINATIONS, MAX_VACCINE_NAME, FieldSpec, Kind
from domain.change_requests.values import vaccinations_value
from kernel.results import DomainFailure, Problem

REQUIRED_MESSAGE: Final = "Ce champ est obligatoire."


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
    today: dt.date,
) -> tuple[Any, list[Problem]]:
    """Normalize one proposed value; returns (JSON value, problems found).

    ``country`` is the address country phones and postal codes are read in; postal codes
    and BIC are checked again by the caller once the final country and IBAN are known.
    A ``required`` field set to null or blank is a REQUIRED problem. ``today`` is the
    tenant's date (``dates.tenant_today``): injection dates after it are refused.
    """
    path = _path(prefix, spec)
    value: Any
    problems: list[Problem]
    if spec.kind is Kind.VACCINES:
        return _check_vaccines(raw, path, birth_date, today)
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
