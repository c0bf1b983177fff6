"""The types of change request: what each targets, its fields, its creation error codes."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from domain.change_requests.codes import (
    AuthorizedPersonAddRequestCreateErrorCode,
    AuthorizedPersonChangeRequestCreateErrorCode,
    AuthorizedPersonRemoveRequestCreateErrorCode,
    BankAccountChangeRequestCreateErrorCode,
    ChildAuthorizationsChangeRequestCreateErrorCode,
    ChildChangeRequestCreateErrorCode,
    ChildComplementChangeRequestCreateErrorCode,
    GuardianAddressChangeRequestCreateErrorCode,
    GuardianChangeRequestCreateErrorCode,
    VaccinationsChangeRequestCreateErrorCode,
)
from domain.change_requests.fields import (
    ADDRESS_FIELDS,
    AUTHORIZATION_FIELDS,
    BANK_ACCOUNT_FIELDS,
    CHILD_FIELDS,
    COMPLEMENT_FIELDS,
    GUARDIAN_FIELDS,
    PERSON_FIELDS,
    VACCINATION_FIELDS,
    FieldSpec,
)
from models.request import RequestStatus, RequestType

OPEN_STATUSES: Final = (RequestStatus.PENDING, RequestStatus.TRANSMITTED)


class Target(enum.Enum):
    """What a change request is about; names the input field that identifies it."""

    GUARDIAN = "guardian"
    FAMILY = "family"
    CHILD = "child"
    AUTHORIZED_PERSON = "authorizedPerson"


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
    codes: type[enum.StrEnum],
) -> ChangeKind:
    return ChangeKind(type_, target, fields, path, frozenset(codes))


_CHANGES = ("changes",)

CHANGE_KINDS: Final[Mapping[RequestType, ChangeKind]] = {
    kind.type: kind
    for kind in (
        _kind(
            RequestType.GUARDIAN_CHANGE,
            Target.GUARDIAN,
            GUARDIAN_FIELDS,
            _CHANGES,
            GuardianChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            Target.GUARDIAN,
            ADDRESS_FIELDS,
            _CHANGES,
            GuardianAddressChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.BANK_ACCOUNT_CHANGE,
            Target.FAMILY,
            BANK_ACCOUNT_FIELDS,
            _CHANGES,
            BankAccountChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.CHILD_CHANGE,
            Target.CHILD,
            CHILD_FIELDS,
            _CHANGES,
            ChildChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.CHILD_COMPLEMENT_CHANGE,
            Target.CHILD,
            COMPLEMENT_FIELDS,
            _CHANGES,
            ChildComplementChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.CHILD_AUTHORIZATIONS_CHANGE,
            Target.CHILD,
            AUTHORIZATION_FIELDS,
            _CHANGES,
            ChildAuthorizationsChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.VACCINATION_CHANGE,
            Target.CHILD,
            VACCINATION_FIELDS,
            (),
            VaccinationsChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.AUTHORIZED_PERSON_ADD,
            Target.CHILD,
            PERSON_FIELDS,
            ("person",),
            AuthorizedPersonAddRequestCreateErrorCode,
        ),
        _kind(
            RequestType.AUTHORIZED_PERSON_CHANGE,
            Target.AUTHORIZED_PERSON,
            PERSON_FIELDS,
            _CHANGES,
            AuthorizedPersonChangeRequestCreateErrorCode,
        ),
        _kind(
            RequestType.AUTHORIZED_PERSON_REMOVE,
            Target.AUTHORIZED_PERSON,
            (),
            (),
            AuthorizedPersonRemoveRequestCreateErrorCode,
        ),
    )
}

CHANGE_TYPES: Final = tuple(CHANGE_KINDS)
GUARDIAN_TYPES: Final = (RequestType.GUARDIAN_CHANGE, RequestType.GUARDIAN_ADDRESS_CHANGE)
FAMILY_TYPES: Final = (RequestType.BANK_ACCOUNT_CHANGE,)


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
