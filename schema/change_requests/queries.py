"""Reading change requests: the filters and the paginated ``changeRequests`` field."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from models.request import RequestStatus, RequestType
from resolvers import change_requests as actions
from resolvers.pagination import PaginationError
from schema.errors import PublicError
from schema.ids import input_pk
from schema.inputs import After, Before, First, Last, choice
from schema.permissions import ParentOrStaff
from schema.requests.types import RequestConnection, request_connection


@strawberry.input(description="Match one request status or any of several.")
class RequestStatusFilter:
    eq: RequestStatus | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[RequestStatus] | None = strawberry.field(
        default=None, description="Any of these (« En cours »: PENDING and TRANSMITTED)."
    )


@strawberry.input(description="Match one request type or any of several.")
class RequestTypeFilter:
    eq: RequestType | None = strawberry.field(default=None, description="Exactly this.")
    one_of: list[RequestType] | None = strawberry.field(default=None, description="Any of these.")


@strawberry.input(description="Filters on change requests.")
class ChangeRequestFilter:
    status: RequestStatusFilter | None = strawberry.field(default=None, description="By status.")
    type: RequestTypeFilter | None = strawberry.field(default=None, description="By type.")
    family: relay.GlobalID | None = strawberry.field(
        default=None, description="Staff: only this family's requests."
    )
    reference: str | None = strawberry.field(
        default=None, description="The request with this number (« 17 378 981 » or 17378981)."
    )


@strawberry.type(description="Entry points to change requests.")
class ChangeRequestQueries:
    @strawberry.field(
        description="Changes to family files, newest first: staff see the collectivity's, a "
        "parent their own family's (« Mes demandes »). Relay pagination (≤ 100 per page).",
        deprecation_reason="Use `requests`, which lists every request type "
        "(`where: {type: {oneOf: [...]}}` for changes to the file only).",
        permission_classes=[ParentOrStaff],
    )
    async def change_requests(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        where: Annotated[
            ChangeRequestFilter | None, strawberry.argument(description="Filters.")
        ] = None,
    ) -> RequestConnection:
        where = where or ChangeRequestFilter()
        family_pk = None
        if where.family is not None:
            family_pk = input_pk(where.family, "Family") or -1
        try:
            page = await actions.change_requests_page(
                info.context,
                first=first,
                after=after,
                last=last,
                before=before,
                statuses=choice(where.status.eq, where.status.one_of) if where.status else None,
                types=choice(where.type.eq, where.type.one_of) if where.type else None,
                family_id=family_pk,
                reference=where.reference,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return await request_connection(info, page)
