"""Competing requests: a field already awaiting a decision may not be proposed again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.change_requests.codes import ALREADY_PENDING
from domain.change_requests.kinds import (
    CHANGE_KINDS,
    CHANGE_TYPES,
    OPEN_STATUSES,
    ChangeKind,
    Target,
    proposed_fields,
)
from domain.counters import format_reference
from kernel.results import Problem
from models import Request
from models.request import RequestType


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
