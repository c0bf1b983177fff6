"""The payloads of the family-file mutations and their errors: each error has the path
of the input field at fault, a French message and a stable code from its mutation's
enum."""

from __future__ import annotations

import strawberry

from domain.family.codes import (
    FamilyLinkErrorCode,
    FamilyRegistrationSubmitErrorCode,
    FamilyRejectErrorCode,
    FamilyValidateErrorCode,
)
from schema.errors import error_code_enum
from schema.family import Family, Guardian

error_code_enum(
    FamilyRegistrationSubmitErrorCode,
    description="Why the family form was not accepted.",
)


@strawberry.type(description="A problem with the family form.")
class FamilyRegistrationSubmitError:
    field: list[str] = strawberry.field(
        description="Path of the input field at fault (« children », « 1 », « birthDate »)."
    )
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyRegistrationSubmitErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyRegistrationSubmit.")
class FamilyRegistrationSubmitPayload:
    family: Family | None = strawberry.field(
        description="The submitted family file (status SUBMITTED until staff decide)."
    )
    request_reference: str | None = strawberry.field(
        description="Reference of the FAMILY_REGISTRATION request (« 17 378 981 »)."
    )
    errors: list[FamilyRegistrationSubmitError] = strawberry.field(
        description="Every problem of the form (nothing was stored when there is one)."
    )


error_code_enum(FamilyValidateErrorCode, description="Why a family file could not be validated.")


@strawberry.type(description="A problem with familyValidate.")
class FamilyValidateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyValidateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyValidate.")
class FamilyValidatePayload:
    family: Family | None = strawberry.field(
        description="The validated family, with its subscriber code."
    )
    errors: list[FamilyValidateError] = strawberry.field(description="Problems, if any.")


error_code_enum(FamilyRejectErrorCode, description="Why a family file could not be rejected.")


@strawberry.type(description="A problem with familyReject.")
class FamilyRejectError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyRejectErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyReject.")
class FamilyRejectPayload:
    family: Family | None = strawberry.field(description="The rejected family.")
    errors: list[FamilyRejectError] = strawberry.field(description="Problems, if any.")


error_code_enum(FamilyLinkErrorCode, description="Why an account could not be linked to a family.")


@strawberry.type(description="A problem with familyLink.")
class FamilyLinkError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(
        description="What is wrong, in French (never which proof was wrong)."
    )
    code: FamilyLinkErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyLink.")
class FamilyLinkPayload:
    family: Family | None = strawberry.field(description="The family the account now belongs to.")
    guardian: Guardian | None = strawberry.field(description="The guardian the account acts as.")
    errors: list[FamilyLinkError] = strawberry.field(description="Problems, if any.")
