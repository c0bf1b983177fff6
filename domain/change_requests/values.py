"""Field values in their stored (JSON) form: read from the file, written back on it."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from domain import contact_validation as contact
from domain.change_requests.fields import FieldSpec, Kind
from kernel.results import DomainFailure


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
