"""The fields a change request touches (``FieldChange``), shown by the request and, in
yellow, beside the current values of the family file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from domain import change_requests as domain
from models import Request as RequestRow
from resolvers import change_requests as actions
from schema.lazy import upward

if TYPE_CHECKING:
    from schema.requests.types import Request


@strawberry.type(
    description="One field a change request touches: the value on file and the proposed "
    "one, both formatted in French for display (the portal shows pending values in yellow "
    "beside the current ones)."
)
class FieldChange:
    request_row: strawberry.Private[RequestRow]
    field: str = strawberry.field(
        description="Name of the field, as in the request's input (« mobilePhone »)."
    )
    label: str = strawberry.field(description="French label (« Téléphone portable »).")
    current_value: str | None = strawberry.field(
        description="The value on file when the request was made (once accepted: the value "
        "it replaced); null when empty. IBANs are masked for parents."
    )
    proposed_value: str | None = strawberry.field(
        description="The proposed value; null when the field is to be emptied (or, for a "
        "removal, the person is removed). IBANs are masked for parents."
    )
    subject: str | None = strawberry.field(
        description="Whom the change is about when it is not the object showing it (an "
        "authorized person: « Jean-Pierre BERTRAND »)."
    )

    @strawberry.field(description="The request proposing this change.")
    def request(self) -> Annotated[Request, strawberry.lazy("schema.requests.types")]:
        request = upward("schema.requests.types", "Request")
        return cast("Request", request.from_row(self.request_row))


async def field_changes(info: strawberry.Info, rows: Iterable[RequestRow]) -> list[FieldChange]:
    """The field changes of visible requests, with school names looked up in one batch."""
    rows = list(rows)
    ids: set[int] = set()
    for row in rows:
        ids |= domain.school_ids(row)
    names = await actions.school_names(info.context, ids)
    masked = not info.context.viewer.is_staff
    return [
        FieldChange(
            request_row=row,
            field=change.field,
            label=change.label,
            current_value=change.current,
            proposed_value=change.proposed,
            subject=change.subject,
        )
        for row in rows
        for change in domain.displayed_changes(row, school_names=names, mask_iban=masked)
    ]
