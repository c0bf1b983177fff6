"""One ``…RequestCreate`` mutation per kind of change to the family file (parents), each
declared with ``change_request_create``: its types, its description, and how the input
carries the proposed values when that is not the kind's usual input object."""

from __future__ import annotations

import strawberry

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
from models.request import RequestType
from schema.change_requests.create_field import change_request_create
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
    AuthorizedPersonAddRequestCreatePayload,
    AuthorizedPersonChangeRequestCreateError,
    AuthorizedPersonChangeRequestCreatePayload,
    AuthorizedPersonRemoveRequestCreateError,
    AuthorizedPersonRemoveRequestCreatePayload,
    BankAccountChangeRequestCreateError,
    BankAccountChangeRequestCreatePayload,
    ChildAuthorizationsChangeRequestCreateError,
    ChildAuthorizationsChangeRequestCreatePayload,
    ChildChangeRequestCreateError,
    ChildChangeRequestCreatePayload,
    ChildComplementChangeRequestCreateError,
    ChildComplementChangeRequestCreatePayload,
    GuardianAddressChangeRequestCreateError,
    GuardianAddressChangeRequestCreatePayload,
    GuardianChangeRequestCreateError,
    GuardianChangeRequestCreatePayload,
    VaccinationsChangeRequestCreateError,
    VaccinationsChangeRequestCreatePayload,
)


def _vaccinations(given: VaccinationsChangeRequestCreateInput) -> dict[str, object]:
    "''The proposed list of vaccines, replacing the one on file.''"
    return {"vaccinations": [(v.vaccine, v.injected_on) for v in given.vaccinations]}


@strawberry.type(description="Parents' requests to change their family file.")
class ChangeRequestCreateMutations:
    guardian_change_request_create = change_request_create(
        RequestType.GUARDIAN_CHANGE,
        GuardianChangeRequestCreateInput,
        GuardianChangeRequestCreatePayload,
        GuardianChangeRequestCreateError,
        GuardianChangeRequestCreateErrorCode,
        description="« Modification du responsable »: identity, contact details, allocataire.",
    )
    guardian_address_change_request_create = change_request_create(
        RequestType.GUARDIAN_ADDRESS_CHANGE,
        GuardianAddressChangeRequestCreateInput,
        GuardianAddressChangeRequestCreatePayload,
        GuardianAddressChangeRequestCreateError,
        GuardianAddressChangeRequestCreateErrorCode,
        description="« Modification de l'adresse du responsable ».",
    )
    bank_account_change_request_create = change_request_create(
        RequestType.BANK_ACCOUNT_CHANGE,
        BankAccountChangeRequestCreateInput,
        BankAccountChangeRequestCreatePayload,
        BankAccountChangeRequestCreateError,
        BankAccountChangeRequestCreateErrorCode,
        description=(
            "« Modification d'info bancaire principal »: holder, IBAN, BIC, direct debit. A "
            "new IBAN needs a new SEPA mandate, sent by the collectivity."
        ),
    )
    child_change_request_create = change_request_create(
        RequestType.CHILD_CHANGE,
        ChildChangeRequestCreateInput,
        ChildChangeRequestCreatePayload,
        ChildChangeRequestCreateError,
        ChildChangeRequestCreateErrorCode,
        description="« Modification de l'enfant »: names, birth date, sex, school, grade.",
    )
    child_complement_change_request_create = change_request_create(
        RequestType.CHILD_COMPLEMENT_CHANGE,
        ChildComplementChangeRequestCreateInput,
        ChildComplementChangeRequestCreatePayload,
        ChildComplementChangeRequestCreateError,
        ChildComplementChangeRequestCreateErrorCode,
        description=(
            "« Modification complément enfant »: diet, allergies, medical notes, PAI, doctor."
        ),
    )
    child_authorizations_change_request_create = change_request_create(
        RequestType.CHILD_AUTHORIZATIONS_CHANGE,
        ChildAuthorizationsChangeRequestCreateInput,
        ChildAuthorizationsChangeRequestCreatePayload,
        ChildAuthorizationsChangeRequestCreateError,
        ChildAuthorizationsChangeRequestCreateErrorCode,
        description=(
            "« Modification des autorisations »: photo, leave alone, hospitalisation, outings."
        ),
    )
    vaccinations_change_request_create = change_request_create(
        RequestType.VACCINATION_CHANGE,
        VaccinationsChangeRequestCreateInput,
        VaccinationsChangeRequestCreatePayload,
        VaccinationsChangeRequestCreateError,
        VaccinationsChangeRequestCreateErrorCode,
        description="« Modification des vaccins »: the complete list replaces the one on file.",
        proposed=_vaccinations,
    )
    authorized_person_add_request_create = change_request_create(
        RequestType.AUTHORIZED_PERSON_ADD,
        AuthorizedPersonAddRequestCreateInput,
        AuthorizedPersonAddRequestCreatePayload,
        AuthorizedPersonAddRequestCreateError,
        AuthorizedPersonAddRequestCreateErrorCode,
        description=(
            "« Ajout individu autorisation »: a person who may pick the child up or is to "
            "be called in an emergency."
        ),
    )
    authorized_person_change_request_create = change_request_create(
        RequestType.AUTHORIZED_PERSON_CHANGE,
        AuthorizedPersonChangeRequestCreateInput,
        AuthorizedPersonChangeRequestCreatePayload,
        AuthorizedPersonChangeRequestCreateError,
        AuthorizedPersonChangeRequestCreateErrorCode,
        description="« Modification individu autorisation ».",
    )
    authorized_person_remove_request_create = change_request_create(
        RequestType.AUTHORIZED_PERSON_REMOVE,
        AuthorizedPersonRemoveRequestCreateInput,
        AuthorizedPersonRemoveRequestCreatePayload,
        AuthorizedPersonRemoveRequestCreateError,
        AuthorizedPersonRemoveRequestCreateErrorCode,
        description="« Suppression individu autorisation ».",
        proposed=lambda _: {},
    )
