"""``change_request_create``: a parent's ``…RequestCreate`` mutation declared in one call.

The ten creation mutations differ only by their types (input, payload, error, code enum),
their description and, for two of them, how the input carries the proposed values; which
object they target and under which input field follow from the domain's ``ChangeKind``.
Writing each resolver out by hand repeated the same eighteen lines ten times.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import strawberry
from strawberry.utils.str_converters import to_snake_case

from domain.change_requests import CHANGE_KINDS
from domain.change_requests.kinds import Target
from models.request import RequestType
from schema.change_requests.helpers import _create, _given, request_payload
from schema.ids import input_pk
from schema.permissions import Parent

_CREATE_DOC = (
    " Parents, for their own family. Recorded as a pending request (values shown beside "
    "the current ones until staff decide), or applied at once when the collectivity "
    "auto-accepts this type."
)

# The GraphQL type of the object a change request is about.
_TARGET_TYPES = {
    Target.GUARDIAN: "Guardian",
    Target.FAMILY: "Family",
    Target.CHILD: "Child",
    Target.AUTHORIZED_PERSON: "AuthorizedPerson",
}


def change_request_create(
    request_type: RequestType,
    input_type: type[Any],
    payload_type: type[Any],
    error_type: type[Any],
    codes: type[enum.StrEnum],
    *,
    description: str,
    proposed: Callable[[Any], Mapping[str, object]] | None = None,
) -> Any:
    """The mutation creating a ``request_type`` change request.

    The target is the input field named after the kind's target (``guardian``, ``family``,
    ``child``, ``authorizedPerson``); the proposed values are the fields set in the input
    object at the kind's ``input_path`` (``changes``, ``person``), unless ``proposed``
    reads them otherwise (a list of vaccines; nothing for a removal).
    """
    kind = CHANGE_KINDS[request_type]
    target_field = to_snake_case(kind.target.value)
    target_type = _TARGET_TYPES[kind.target]
    if proposed is None:
        (values_field,) = kind.input_path
        proposed = lambda given: _given(getattr(given, values_field))  # noqa: E731

    async def resolve(info: strawberry.Info, input: Any) -> Any:
        outcome = await _create(
            info,
            request_type,
            input_pk(getattr(input, target_field), target_type),
            proposed(input),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(outcome, payload_type, error_type, codes)

    # Strawberry reads the argument and return types from the resolver's annotations.
    resolve.__annotations__ = {
        "info": strawberry.Info,
        "input": Annotated[input_type, strawberry.argument(description="The request.")],
        "return": payload_type,
    }
    return strawberry.mutation(
        resolver=resolve, description=description + _CREATE_DOC, permission_classes=[Parent]
    )
