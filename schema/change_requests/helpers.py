"""What every change-request resolver shares: IDs of the expected type, the fields an input
sets, and the creation run with its failure kept for the payload.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import strawberry
from strawberry import relay
from strawberry.utils.str_converters import to_camel_case

from kernel.results import DomainFailure
from models import Request as RequestRow
from models.request import RequestType
from resolvers import change_requests as actions
from schema.errors import payload_errors
from schema.ids import input_pk
from schema.requests.types import Request

PayloadT = TypeVar("PayloadT")


def _given(changes: object) -> dict[str, object]:
    """The fields a ``…ChangesInput`` sets (omitted ones are left out), by API name."""
    given: dict[str, object] = {}
    for item in dataclasses.fields(changes):  # type: ignore[arg-type]
        value = getattr(changes, item.name)
        if value is strawberry.UNSET:
            continue
        if isinstance(value, relay.GlobalID):
            value = input_pk(value, "Establishment") or -1
        given[to_camel_case(item.name)] = value
    return given


async def _create(
    info: strawberry.Info,
    request_type: RequestType,
    target: int | None,
    changes: Mapping[str, object],
    comment: str | None,
    idempotency_key: str | None,
) -> RequestRow | DomainFailure:
    try:
        return await actions.create(
            info.context,
            request_type,
            target_id=target,
            changes=changes,
            comment=comment,
            idempotency_key=idempotency_key,
        )
    except DomainFailure as failure:
        return failure


def request_payload(
    outcome: RequestRow | DomainFailure,
    payload_type: Callable[..., PayloadT],
    error_type: Any,
    codes: Any,
) -> PayloadT:
    """The payload of a create mutation: the request, or the problems as payload errors."""
    if isinstance(outcome, DomainFailure):
        return payload_type(request=None, errors=payload_errors(outcome, error_type, codes))
    return payload_type(request=Request.from_row(outcome), errors=[])
