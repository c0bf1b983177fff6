"""One ``…RequestCreate`` mutation per kind of change to the family file (parents)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from models.request import RequestType
from schema.change_requests.helpers import _create, _given, _pk, request_payload
from schema.change_requests.inputs import (
    AuthorizedPersonAddRequestCreateInput,
    AuthorizedPersonChangeRequestCreateInput,
    AuthorizedPersonRemoveRequestCreateInput,
    BankAccountChangeRequestCreateInput,
    ChildAuthorizationsChangeRequestCreateInput,
    ChildChangeRequestCreateInput,
    ChildComplementChangeRequestCreateInput,
    GuardianAddressChangeRequestCreateInput,
    GuardianChangeRequestCreateInput,
    VaccinationsChangeRequestCreateInput,
)
from schema.change_requests.payloads import (
    AuthorizedPersonAddRequestCreateError,
    AuthorizedPersonAddRequestCreateErrorCode,
    AuthorizedPersonAddRequestCreatePayload,
    AuthorizedPersonChangeRequestCreateError,
    AuthorizedPersonChangeRequestCreateErrorCode,
    AuthorizedPersonChangeRequestCreatePayload,
    AuthorizedPersonRemoveRequestCreateError,
    AuthorizedPersonRemoveRequestCreateErrorCode,
    AuthorizedPersonRemoveRequestCreatePayload,
    BankAccountChangeRequestCreateError,
    BankAccountChangeRequestCreateErrorCode,
    BankAccountChangeRequestCreatePayload,
    ChildAuthorizationsChangeRequestCreateError,
    ChildAuthorizationsChangeRequestCreateErrorCode,
    ChildAuthorizationsChangeRequestCreatePayload,
    ChildChangeRequestCreateError,
    ChildChangeRequestCreateErrorCode,
    ChildChangeRequestCreatePayload,
    ChildComplementChangeRequestCreateError,
    ChildComplementChangeRequestCreateErrorCode,
    ChildComplementChangeRequestCreatePayload,
    GuardianAddressChangeRequestCreateError,
    GuardianAddressChangeRequestCreateErrorCode,
    GuardianAddressChangeRequestCreatePayload,
    GuardianChangeRequestCreateError,
    GuardianChangeRequestCreateErrorCode,
    GuardianChangeRequestCreatePayload,
    VaccinationsChangeRequestCreateError,
    VaccinationsChangeRequestCreateErrorCode,
    VaccinationsChangeRequestCreatePayload,
)
from schema.permissions import Parent

_CREATE_DOC = (
    " Parents, for their own family. Recorded as a pending request (values shown beside "
    "the current ones until staff decide), or applied at once when the collectivity "
    "auto-accepts this type."
)


@strawberry.type(description="Parents' requests to change their family file.")
class ChangeRequestCreateMutations:
    @strawberry.mutation(
        description="« Modification du responsable »: identity, contact details, "
        "allocataire." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def guardian_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            GuardianChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> GuardianChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.GUARDIAN_CHANGE,
            _pk(input.guardian, "Guardian"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            GuardianChangeRequestCreatePayload,
            GuardianChangeRequestCreateError,
            GuardianChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification de l'adresse du responsable »." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def guardian_address_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            GuardianAddressChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> GuardianAddressChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            _pk(input.guardian, "Guardian"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            GuardianAddressChangeRequestCreatePayload,
            GuardianAddressChangeRequestCreateError,
            GuardianAddressChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification d'info bancaire principal »: holder, IBAN, BIC, direct "
        "debit. A new IBAN needs a new SEPA mandate, sent by the collectivity." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def bank_account_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            BankAccountChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> BankAccountChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.BANK_ACCOUNT_CHANGE,
            _pk(input.family, "Family"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            BankAccountChangeRequestCreatePayload,
            BankAccountChangeRequestCreateError,
            BankAccountChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification de l'enfant »: names, birth date, sex, school, grade."
        + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def child_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> ChildChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            ChildChangeRequestCreatePayload,
            ChildChangeRequestCreateError,
            ChildChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification complément enfant »: diet, allergies, medical notes, "
        "PAI, doctor." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def child_complement_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildComplementChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> ChildComplementChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_COMPLEMENT_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            ChildComplementChangeRequestCreatePayload,
            ChildComplementChangeRequestCreateError,
            ChildComplementChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification des autorisations »: photo, leave alone, "
        "hospitalisation, outings." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def child_authorizations_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            ChildAuthorizationsChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> ChildAuthorizationsChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.CHILD_AUTHORIZATIONS_CHANGE,
            _pk(input.child, "Child"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            ChildAuthorizationsChangeRequestCreatePayload,
            ChildAuthorizationsChangeRequestCreateError,
            ChildAuthorizationsChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification des vaccins »: the complete list replaces the one on "
        "file." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def vaccinations_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            VaccinationsChangeRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> VaccinationsChangeRequestCreatePayload:
        vaccines = [(v.vaccine, v.injected_on) for v in input.vaccinations]
        outcome = await _create(
            info,
            RequestType.VACCINATION_CHANGE,
            _pk(input.child, "Child"),
            {"vaccinations": vaccines},
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            VaccinationsChangeRequestCreatePayload,
            VaccinationsChangeRequestCreateError,
            VaccinationsChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Ajout individu autorisation »: a person who may pick the child up or "
        "is to be called in an emergency." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def authorized_person_add_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonAddRequestCreateInput, strawberry.argument(description="The request.")
        ],
    ) -> AuthorizedPersonAddRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_ADD,
            _pk(input.child, "Child"),
            _given(input.person),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            AuthorizedPersonAddRequestCreatePayload,
            AuthorizedPersonAddRequestCreateError,
            AuthorizedPersonAddRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Modification individu autorisation »." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def authorized_person_change_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonChangeRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> AuthorizedPersonChangeRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_CHANGE,
            _pk(input.authorized_person, "AuthorizedPerson"),
            _given(input.changes),
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            AuthorizedPersonChangeRequestCreatePayload,
            AuthorizedPersonChangeRequestCreateError,
            AuthorizedPersonChangeRequestCreateErrorCode,
        )

    @strawberry.mutation(
        description="« Suppression individu autorisation »." + _CREATE_DOC,
        permission_classes=[Parent],
    )
    async def authorized_person_remove_request_create(
        self,
        info: strawberry.Info,
        input: Annotated[
            AuthorizedPersonRemoveRequestCreateInput,
            strawberry.argument(description="The request."),
        ],
    ) -> AuthorizedPersonRemoveRequestCreatePayload:
        outcome = await _create(
            info,
            RequestType.AUTHORIZED_PERSON_REMOVE,
            _pk(input.authorized_person, "AuthorizedPerson"),
            {},
            input.comment,
            input.idempotency_key,
        )
        return request_payload(
            outcome,
            AuthorizedPersonRemoveRequestCreatePayload,
            AuthorizedPersonRemoveRequestCreateError,
            AuthorizedPersonRemoveRequestCreateErrorCode,
        )
