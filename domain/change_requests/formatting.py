"""Field values as a parent or agent reads them (« Oui », « 06 12 34 56 78 », …)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import phonenumbers

from domain.change_requests.fields import FieldSpec, Kind
from domain.labels import label


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
