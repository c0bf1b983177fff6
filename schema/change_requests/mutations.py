"""Staff's decisions on change requests and the parent's withdrawal; all the mutations."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.change_requests.codes import (
    ChangeRequestAcceptErrorCode,
    ChangeRequestCancelErrorCode,
    ChangeRequestRefuseErrorCode,
)
from kernel.results import DomainFailure
from resolvers import change_requests as actions
from schema.change_requests.create_mutations import ChangeRequestCreateMutations
from schema.change_requests.inputs import (
    ChangeRequestAcceptInput,
    ChangeRequestCancelInput,
    ChangeRequestRefuseInput,
)
from schema.change_requests.payloads import (
    ChangeRequestAcceptError,
    ChangeRequestAcceptPayload,
    ChangeRequestCancelError,
    ChangeRequestCancelPayload,
    ChangeRequestRefuseError,
    ChangeRequestRefusePayload,
)
from schema.errors import payload_errors
from schema.ids import input_pk
from schema.permissions import Parent, Staff
from schema.requests.types import Request


@strawberry.type(description="Staff's decisions on change requests, the parent's withdrawal.")
class ChangeRequestDecisionMutations:
    @strawberry.mutation(
        description="Staff: accept a change request — its values are written on the family "
        "file at once (or nothing is, if a rule no longer holds); the family is mailed.",
        permission_classes=[Staff],
    )
    async def change_request_accept(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChangeRequestAcceptInput, strawberry.argument(description="The decision.")
        ],
    ) -> ChangeRequestAcceptPayload:
        try:
            row = await actions.accept(
                info.context, input_pk(input.request, "Request"), input.message
            )
        except DomainFailure as failure:
            return ChangeRequestAcceptPayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestAcceptError, ChangeRequestAcceptErrorCode
                ),
            )
        return ChangeRequestAcceptPayload(request=Request.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: refuse a change request with a message for the family (kept on "
        "the request and mailed); the file keeps its values.",
        permission_classes=[Staff],
    )
    async def change_request_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChangeRequestRefuseInput, strawberry.argument(description="The decision.")
        ],
    ) -> ChangeRequestRefusePayload:
        try:
            row = await actions.refuse(
                info.context, input_pk(input.request, "Request"), input.message
            )
        except DomainFailure as failure:
            return ChangeRequestRefusePayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestRefuseError, ChangeRequestRefuseErrorCode
                ),
            )
        return ChangeRequestRefusePayload(request=Request.from_row(row), errors=[])

    @strawberry.mutation(
        description="Parent: withdraw a change request of your family while it is not decided.",
        permission_classes=[Parent],
    )
    async def change_request_cancel(
        self,
        info: strawberry.Info,
        input: Annotated[ChangeRequestCancelInput, strawberry.argument(description="The request.")],
    ) -> ChangeRequestCancelPayload:
        try:
            row = await actions.cancel(info.context, input_pk(input.request, "Request"))
        except DomainFailure as failure:
            return ChangeRequestCancelPayload(
                request=None,
                errors=payload_errors(
                    failure, ChangeRequestCancelError, ChangeRequestCancelErrorCode
                ),
            )
        return ChangeRequestCancelPayload(request=Request.from_row(row), errors=[])


@strawberry.type(description="Change requests of the family file and their decision.")
class ChangeRequestMutations(ChangeRequestCreateMutations, ChangeRequestDecisionMutations):
    pass
