"""The payloads of the family-file mutations and their errors: each error has the path
of the input field at fault, a French message and a stable code from its mutation's
enum."""

from __future__ import annotations

import enum

import strawberry

from schema.family import Family, Guardian


@strawberry.enum(description="Why the family form was not accepted.")
class FamilyRegistrationSubmitErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    PHONE_REQUIRED = "PHONE_REQUIRED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    MOBILE_REQUIRED_FOR_SMS = "MOBILE_REQUIRED_FOR_SMS"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_ALLOCATAIRE_NUMBER = "INVALID_ALLOCATAIRE_NUMBER"
    TWO_ALLOCATAIRES = "TWO_ALLOCATAIRES"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    INVALID_IBAN = "INVALID_IBAN"
    INVALID_BIC = "INVALID_BIC"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    BIRTH_DATE_IN_FUTURE = "BIRTH_DATE_IN_FUTURE"
    CHILD_TOO_OLD = "CHILD_TOO_OLD"
    DUPLICATE_CHILD = "DUPLICATE_CHILD"
    UNKNOWN_SCHOOL = "UNKNOWN_SCHOOL"
    UNKNOWN_CHILD = "UNKNOWN_CHILD"
    UNKNOWN_ACTIVITY = "UNKNOWN_ACTIVITY"
    ACTIVITY_CLOSED = "ACTIVITY_CLOSED"
    DUPLICATE_REGISTRATION = "DUPLICATE_REGISTRATION"
    GRADE_REQUIRED = "GRADE_REQUIRED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"


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


@strawberry.enum(description="Why a family file could not be validated.")
class FamilyValidateErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


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


@strawberry.enum(description="Why a family file could not be rejected.")
class FamilyRejectErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


@strawberry.type(description="A problem with familyReject.")
class FamilyRejectError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: FamilyRejectErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of familyReject.")
class FamilyRejectPayload:
    family: Family | None = strawberry.field(description="The rejected family.")
    errors: list[FamilyRejectError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why an account could not be linked to a family.")
class FamilyLinkErrorCode(enum.Enum):
    REQUIRED = "REQUIRED"
    LINK_REFUSED = "LINK_REFUSED"
    THROTTLED = "THROTTLED"
    ALREADY_LINKED = "ALREADY_LINKED"
    NO_GUARDIAN_AVAILABLE = "NO_GUARDIAN_AVAILABLE"


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
