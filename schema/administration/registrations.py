"""Registrations (inscriptions): the ``Registration`` node, parents' wishes during the
campaign (registrationWish / registrationWishCancel), staff's list (``registrations``) and
bulk decisions (registrationsAccept / registrationsRefuse)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from domain.school_years.codes import (
    RegistrationDecisionOutcome,
    RegistrationsAcceptErrorCode,
    RegistrationsRefuseErrorCode,
    RegistrationWishCancelErrorCode,
    RegistrationWishErrorCode,
)
from domain.school_years.decisions import BulkDecision, DecisionLine
from kernel.results import DomainFailure
from models import Registration as RegistrationRow
from models.registration import RegistrationStatus
from resolvers.administration import registrations as actions
from resolvers.family import reads
from resolvers.pagination import PaginationError
from schema.catalogue.types import Activity
from schema.connections import CountableConnection, edges, page_info
from schema.errors import FIELD_DOC, MESSAGE_DOC, PublicError, error_code_enum, payload_errors
from schema.family.children import Child
from schema.ids import decode_pk, input_pk
from schema.inputs import After, First
from schema.nodes import ScopedNode, nodes_of
from schema.permissions import Parent, Staff

RegistrationStatusEnum = strawberry.enum(
    RegistrationStatus,
    description="A registration wished by the family (REQUESTED) becomes ACTIVE or REFUSED "
    "when staff decide; the family may cancel it while REQUESTED (CANCELLED).",
)
RegistrationDecisionOutcomeEnum = strawberry.enum(
    RegistrationDecisionOutcome, description="What a bulk decision did with one registration."
)


@strawberry.type(description="A child's registration (inscription) to an activity.")
class Registration(ScopedNode):
    pk: relay.NodeID[int]
    child_pk: strawberry.Private[int]
    activity_pk: strawberry.Private[int]
    start_date: dt.date = strawberry.field(description="First day the registration covers.")
    end_date: dt.date = strawberry.field(description="Last day it covers.")
    status: RegistrationStatus = strawberry.field(description="Where the registration stands.")
    status_label: str = strawberry.field(description="French label of the status.")
    created_at: dt.datetime = strawberry.field(description="When it was wished (or written).")
    decided_at: dt.datetime | None = strawberry.field(
        description="When staff decided it (or the family cancelled it)."
    )

    @classmethod
    def from_row(cls, row: RegistrationRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            child_pk=row.child_id,
            activity_pk=row.activity_id,
            start_date=row.start_date,
            end_date=row.end_date,
            status=row.status,
            status_label=label(row.status),
            created_at=row.created_at,
            decided_at=row.decided_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await actions.registrations_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="The child registered.")
    async def child(self, info: strawberry.Info) -> Child | None:
        rows = await reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(rows[0]) if rows[0] is not None else None

    @strawberry.field(description="The activity.")
    async def activity(self, info: strawberry.Info) -> Activity:
        row = await info.context.loaders.activity.load(self.activity_pk)
        return Activity.from_row(row)


@strawberry.type(description="A page of registrations.")
class RegistrationConnection(CountableConnection, relay.Connection[Registration]):
    pass


@strawberry.type(description="Staff's list of registrations.")
class RegistrationQueries:
    @strawberry.field(
        description="Staff: the collectivity's registrations, oldest first (the wishes to "
        "decide: status REQUESTED). Relay pagination forwards (first ≤ 100, after).",
        permission_classes=[Staff],
    )
    async def registrations(
        self,
        info: strawberry.Info,
        status: Annotated[
            list[RegistrationStatus] | None,
            strawberry.argument(description="Only these statuses (null: all)."),
        ] = None,
        school_year: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only the activities of this school year."),
        ] = None,
        activity: Annotated[
            relay.GlobalID | None, strawberry.argument(description="Only this activity.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> RegistrationConnection:
        try:
            page = await actions.registrations_page(
                info.context,
                statuses=status,
                school_year_id=decode_pk(school_year, "SchoolYear", "schoolYear"),
                activity_id=decode_pk(activity, "Activity", "activity"),
                first=first,
                after=after,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return RegistrationConnection(
            edges=edges(page, Registration.from_row),
            page_info=page_info(page),
            _count=page.total_count,
        )


# --- registrationWish / registrationWishCancel -------------------------------------------


@strawberry.input(description="A parent wishes to register their child to an activity.")
class RegistrationWishInput:
    child: relay.GlobalID = strawberry.field(description="The child (of the parent's family).")
    activity: relay.GlobalID = strawberry.field(
        description="The activity (the registration covers its school year)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and creates nothing.",
    )


error_code_enum(RegistrationWishErrorCode, description="Why registrationWish was refused.")


@strawberry.type(description="A problem with registrationWish's input.")
class RegistrationWishError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationWishErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of registrationWish.")
class RegistrationWishPayload:
    registration: Registration | None = strawberry.field(
        description="The wished registration (REQUESTED); null when there are errors."
    )
    errors: list[RegistrationWishError] = strawberry.field(
        description="Problems, if any (then nothing was changed)."
    )


@strawberry.input(description="A parent withdraws a wish staff have not decided yet.")
class RegistrationWishCancelInput:
    registration: relay.GlobalID = strawberry.field(description="The wished registration.")


error_code_enum(
    RegistrationWishCancelErrorCode, description="Why registrationWishCancel was refused."
)


@strawberry.type(description="A problem with registrationWishCancel's input.")
class RegistrationWishCancelError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationWishCancelErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of registrationWishCancel.")
class RegistrationWishCancelPayload:
    registration: Registration | None = strawberry.field(
        description="The registration, now CANCELLED; null when there are errors."
    )
    errors: list[RegistrationWishCancelError] = strawberry.field(
        description="Problems, if any (then nothing was changed)."
    )


# --- registrationsAccept / registrationsRefuse -----------------------------------------


@strawberry.input(description="Staff accept wished registrations.")
class RegistrationsAcceptInput:
    registrations: list[relay.GlobalID] = strawberry.field(description="The registrations (≤ 100).")


@strawberry.input(description="Staff refuse wished registrations.")
class RegistrationsRefuseInput:
    registrations: list[relay.GlobalID] = strawberry.field(description="The registrations (≤ 100).")
    reason: str | None = strawberry.field(
        default=None, description="Why (≤ 1000 characters), kept in the audit trail."
    )


@strawberry.type(description="What a bulk decision did with one registration of the input.")
class RegistrationDecisionLine:
    registration_id: relay.GlobalID = strawberry.field(description="The ID as given.")
    outcome: RegistrationDecisionOutcome = strawberry.field(
        description="ACCEPTED / REFUSED by this call, ALREADY_DECIDED (left as it was), or "
        "NOT_FOUND."
    )
    outcome_label: str = strawberry.field(description="French label of the outcome.")
    registration: Registration | None = strawberry.field(
        description="The registration as it is now (null when not found)."
    )


error_code_enum(RegistrationsAcceptErrorCode, description="Why registrationsAccept did not decide.")
error_code_enum(RegistrationsRefuseErrorCode, description="Why registrationsRefuse did not decide.")


@strawberry.type(description="A problem with registrationsAccept's input.")
class RegistrationsAcceptError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationsAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="A problem with registrationsRefuse's input.")
class RegistrationsRefuseError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: RegistrationsRefuseErrorCode = strawberry.field(description="Stable code.")


_BULK_ERRORS_DOC = (
    "Problems: a bad input (then nothing was changed), or the IDs not found (each listed; "
    "the other registrations were decided)."
)


@strawberry.type(description="Result of registrationsAccept.")
class RegistrationsAcceptPayload:
    lines: list[RegistrationDecisionLine] = strawberry.field(
        description="One line per registration of the input, in its order."
    )
    errors: list[RegistrationsAcceptError] = strawberry.field(description=_BULK_ERRORS_DOC)


@strawberry.type(description="Result of registrationsRefuse.")
class RegistrationsRefusePayload:
    lines: list[RegistrationDecisionLine] = strawberry.field(
        description="One line per registration of the input, in its order."
    )
    errors: list[RegistrationsRefuseError] = strawberry.field(description=_BULK_ERRORS_DOC)


def _decision_lines(
    ids: list[relay.GlobalID], decision: BulkDecision
) -> list[RegistrationDecisionLine]:
    def line(item: DecisionLine) -> RegistrationDecisionLine:
        return RegistrationDecisionLine(
            registration_id=ids[item.index],
            outcome=item.outcome,
            outcome_label=label(item.outcome),
            registration=(
                Registration.from_row(item.registration) if item.registration is not None else None
            ),
        )

    return [line(item) for item in decision.lines]


def _problems(decision: BulkDecision) -> DomainFailure | None:
    return DomainFailure(decision.problems) if decision.problems else None


@strawberry.type(description="Registrations: parents' wishes and staff's decisions.")
class RegistrationMutations:
    @strawberry.mutation(
        description="Parents: wish to register a child of the family to an activity during "
        "its school year's registration campaign. Refused outside the campaign, when the "
        "child is not eligible (grade, birth date) or already wished or registered. Staff "
        "then accept or refuse it.",
        permission_classes=[Parent],
    )
    async def registration_wish(
        self,
        info: strawberry.Info,
        input: Annotated[RegistrationWishInput, strawberry.argument(description="The wish.")],
    ) -> RegistrationWishPayload:
        try:
            wish = await actions.wish(
                info.context,
                input_pk(input.child, "Child"),
                input_pk(input.activity, "Activity"),
                input.idempotency_key,
            )
        except DomainFailure as failure:
            return RegistrationWishPayload(
                registration=None,
                errors=payload_errors(failure, RegistrationWishError, RegistrationWishErrorCode),
            )
        return RegistrationWishPayload(
            registration=Registration.from_row(wish.registration), errors=[]
        )

    @strawberry.mutation(
        description="Parents: withdraw a wished registration staff have not decided yet.",
        permission_classes=[Parent],
    )
    async def registration_wish_cancel(
        self,
        info: strawberry.Info,
        input: Annotated[RegistrationWishCancelInput, strawberry.argument(description="The wish.")],
    ) -> RegistrationWishCancelPayload:
        try:
            row = await actions.wish_cancel(
                info.context, input_pk(input.registration, "Registration")
            )
        except DomainFailure as failure:
            return RegistrationWishCancelPayload(
                registration=None,
                errors=payload_errors(
                    failure, RegistrationWishCancelError, RegistrationWishCancelErrorCode
                ),
            )
        return RegistrationWishCancelPayload(registration=Registration.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: accept wished registrations (≤ 100), each on its own: a "
        "REQUESTED one becomes ACTIVE; one already decided is left as it is. Each line says "
        "what happened. No mail is sent yet (no template announces a registration).",
        permission_classes=[Staff],
    )
    async def registrations_accept(
        self,
        info: strawberry.Info,
        input: Annotated[
            RegistrationsAcceptInput, strawberry.argument(description="The decision.")
        ],
    ) -> RegistrationsAcceptPayload:
        ids = [input_pk(i, "Registration") for i in input.registrations]
        try:
            decision = await actions.decide(info.context, ids, accept=True, reason=None)
        except DomainFailure as failure:
            return RegistrationsAcceptPayload(
                lines=[],
                errors=payload_errors(
                    failure, RegistrationsAcceptError, RegistrationsAcceptErrorCode
                ),
            )
        problems = _problems(decision)
        return RegistrationsAcceptPayload(
            lines=_decision_lines(input.registrations, decision),
            errors=(
                payload_errors(problems, RegistrationsAcceptError, RegistrationsAcceptErrorCode)
                if problems
                else []
            ),
        )

    @strawberry.mutation(
        description="Staff: refuse wished registrations (≤ 100), each on its own: a "
        "REQUESTED one becomes REFUSED (the reason is kept in the audit trail); one already "
        "decided is left as it is. Each line says what happened. No mail is sent yet.",
        permission_classes=[Staff],
    )
    async def registrations_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[
            RegistrationsRefuseInput, strawberry.argument(description="The decision.")
        ],
    ) -> RegistrationsRefusePayload:
        ids = [input_pk(i, "Registration") for i in input.registrations]
        try:
            decision = await actions.decide(info.context, ids, accept=False, reason=input.reason)
        except DomainFailure as failure:
            return RegistrationsRefusePayload(
                lines=[],
                errors=payload_errors(
                    failure, RegistrationsRefuseError, RegistrationsRefuseErrorCode
                ),
            )
        problems = _problems(decision)
        return RegistrationsRefusePayload(
            lines=_decision_lines(input.registrations, decision),
            errors=(
                payload_errors(problems, RegistrationsRefuseError, RegistrationsRefuseErrorCode)
                if problems
                else []
            ),
        )


async def child_registrations(info: strawberry.Info, child_pk: int) -> list[Registration]:
    """A child's registrations, by start date (for ``Child.registrations``: the child is
    already visible to the viewer), batched over the children of a response."""
    loader = info.context.loaders.grouped(
        RegistrationRow,
        RegistrationRow.child_id,
        [RegistrationRow.start_date, RegistrationRow.id],
    )
    return [Registration.from_row(row) for row in await loader.load(child_pk)]
