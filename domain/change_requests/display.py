"""Change requests as people read them: fields touched, both values, pending ones per object."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.change_requests.fields import FieldSpec
from domain.change_requests.formatting import display_value, format_phone
from domain.change_requests.kinds import (
    CHANGE_KINDS,
    FAMILY_TYPES,
    GUARDIAN_TYPES,
    OPEN_STATUSES,
    Target,
    proposed_fields,
)
from domain.labels import label
from models import Request
from models.request import HistoryStep, RequestStatus, RequestType


def _person_name(values: Mapping[str, Any]) -> str:
    first = values.get("firstName") or ""
    last = (values.get("lastName") or "").upper()
    return f"{first} {last}".strip()


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
