"""The family-file mutations: parents submit and link, staff validate and reject (each
declares its role), and the domain's outcome or failure turned into its payload."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.counters import format_reference
from domain.family import Linked
from domain.family.codes import (
    FamilyLinkErrorCode,
    FamilyRegistrationSubmitErrorCode,
    FamilyRejectErrorCode,
    FamilyValidateErrorCode,
)
from kernel.results import DomainFailure
from resolvers.family import registration as actions
from schema.errors import payload_errors
from schema.family import Family, Guardian
from schema.family.registration.conversion import family_form, name_sent_fields
from schema.family.registration.inputs import (
    FamilyLinkInput,
    FamilyRegistrationSubmitInput,
    FamilyRejectInput,
    FamilyValidateInput,
)
from schema.family.registration.payloads import (
    FamilyLinkError,
    FamilyLinkPayload,
    FamilyRegistrationSubmitError,
    FamilyRegistrationSubmitPayload,
    FamilyRejectError,
    FamilyRejectPayload,
    FamilyValidateError,
    FamilyValidatePayload,
)
from schema.ids import decode_pk
from schema.permissions import Parent, Staff


@strawberry.type(description="Family-file mutations.")
class FamilyRegistrationMutations:
    @strawberry.mutation(
        description="Parent without a family: submit the family form (guardians, "
        "communication, direct debit, children, wished registrations). Staff then validate "
        "or reject it; a second file is refused unless the first was rejected.",
        permission_classes=[Parent],
    )
    async def family_registration_submit(
        self,
        info: strawberry.Info,
        input: Annotated[
            FamilyRegistrationSubmitInput, strawberry.argument(description="The family form.")
        ],
    ) -> FamilyRegistrationSubmitPayload:
        try:
            submission = await actions.submit(
                info.context, family_form(input), input.idempotency_key
            )
        except DomainFailure as failure:
            return FamilyRegistrationSubmitPayload(
                family=None,
                request_reference=None,
                errors=payload_errors(
                    name_sent_fields(failure, input),
                    FamilyRegistrationSubmitError,
                    FamilyRegistrationSubmitErrorCode,
                ),
            )
        return FamilyRegistrationSubmitPayload(
            family=Family.from_row(submission.family),
            request_reference=format_reference(submission.request.reference),
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: validate a submitted family file. It gets its subscriber code, "
        "its wished registrations become active and the family is mailed.",
        permission_classes=[Staff],
    )
    async def family_validate(
        self,
        info: strawberry.Info,
        input: Annotated[FamilyValidateInput, strawberry.argument(description="The family.")],
    ) -> FamilyValidatePayload:
        family_pk = decode_pk(input.family, "Family", "family")
        assert family_pk is not None
        try:
            row = await actions.validate(info.context, family_pk)
        except DomainFailure as failure:
            return FamilyValidatePayload(
                family=None,
                errors=payload_errors(failure, FamilyValidateError, FamilyValidateErrorCode),
            )
        return FamilyValidatePayload(family=Family.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: reject a submitted family file with a reason, which is mailed. "
        "The parent may submit a new file.",
        permission_classes=[Staff],
    )
    async def family_reject(
        self,
        info: strawberry.Info,
        input: Annotated[
            FamilyRejectInput, strawberry.argument(description="The family and the reason.")
        ],
    ) -> FamilyRejectPayload:
        family_pk = decode_pk(input.family, "Family", "family")
        assert family_pk is not None
        try:
            row = await actions.reject(info.context, family_pk, input.reason)
        except DomainFailure as failure:
            return FamilyRejectPayload(
                family=None,
                errors=payload_errors(failure, FamilyRejectError, FamilyRejectErrorCode),
            )
        return FamilyRejectPayload(family=Family.from_row(row), errors=[])

    @strawberry.mutation(
        description="Parent without a family: link the account to an existing validated "
        "family (« j'ai un code abonné ») with its subscriber code and two proofs. Any "
        "mismatch gives the same LINK_REFUSED; 5 failures per hour at most.",
        permission_classes=[Parent],
    )
    async def family_link(
        self,
        info: strawberry.Info,
        input: Annotated[FamilyLinkInput, strawberry.argument(description="The proofs.")],
    ) -> FamilyLinkPayload:
        try:
            outcome = await actions.link(
                info.context,
                subscriber_code=input.subscriber_code,
                child_birth_date=input.child_birth_date,
                invoice_number=input.invoice_number,
                child_first_name=input.child_first_name,
            )
        except DomainFailure as failure:
            return FamilyLinkPayload(
                family=None,
                guardian=None,
                errors=payload_errors(failure, FamilyLinkError, FamilyLinkErrorCode),
            )
        if isinstance(outcome, Linked):
            return FamilyLinkPayload(
                family=Family.from_row(outcome.family),
                guardian=Guardian.from_row(outcome.guardian),
                errors=[],
            )
        return FamilyLinkPayload(
            family=None,
            guardian=None,
            errors=payload_errors(outcome.problem, FamilyLinkError, FamilyLinkErrorCode),
        )
