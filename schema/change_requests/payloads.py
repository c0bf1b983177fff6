"""What each change-request mutation returns: the request, or errors with a stable code."""

from __future__ import annotations

import enum

import strawberry

from schema.change_requests.types import Request

_CREATED_DOC = (
    "The request recorded (already accepted when the collectivity auto-accepts this type); "
    "null when there are errors."
)


@strawberry.enum(description="Why guardianChangeRequestCreate was refused.")
class GuardianChangeRequestCreateErrorCode(enum.Enum):
    ALLOCATAIRE_INCOMPLETE = "ALLOCATAIRE_INCOMPLETE"
    ALLOCATAIRE_TAKEN = "ALLOCATAIRE_TAKEN"
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with guardianChangeRequestCreate's input.")
class GuardianChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: GuardianChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of guardianChangeRequestCreate.")
class GuardianChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[GuardianChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why guardianAddressChangeRequestCreate was refused.")
class GuardianAddressChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with guardianAddressChangeRequestCreate's input.")
class GuardianAddressChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: GuardianAddressChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of guardianAddressChangeRequestCreate.")
class GuardianAddressChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[GuardianAddressChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why bankAccountChangeRequestCreate was refused.")
class BankAccountChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_BIC = "INVALID_BIC"
    INVALID_IBAN = "INVALID_IBAN"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with bankAccountChangeRequestCreate's input.")
class BankAccountChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: BankAccountChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of bankAccountChangeRequestCreate.")
class BankAccountChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[BankAccountChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why childChangeRequestCreate was refused.")
class ChildChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childChangeRequestCreate's input.")
class ChildChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of childChangeRequestCreate.")
class ChildChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildChangeRequestCreateError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why childComplementChangeRequestCreate was refused.")
class ChildComplementChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childComplementChangeRequestCreate's input.")
class ChildComplementChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildComplementChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of childComplementChangeRequestCreate.")
class ChildComplementChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildComplementChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why childAuthorizationsChangeRequestCreate was refused.")
class ChildAuthorizationsChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with childAuthorizationsChangeRequestCreate's input.")
class ChildAuthorizationsChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildAuthorizationsChangeRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of childAuthorizationsChangeRequestCreate.")
class ChildAuthorizationsChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildAuthorizationsChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why vaccinationsChangeRequestCreate was refused.")
class VaccinationsChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


@strawberry.type(description="A problem with vaccinationsChangeRequestCreate's input.")
class VaccinationsChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: VaccinationsChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of vaccinationsChangeRequestCreate.")
class VaccinationsChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[VaccinationsChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonAddRequestCreate was refused.")
class AuthorizedPersonAddRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


@strawberry.type(description="A problem with authorizedPersonAddRequestCreate's input.")
class AuthorizedPersonAddRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonAddRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of authorizedPersonAddRequestCreate.")
class AuthorizedPersonAddRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonAddRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonChangeRequestCreate was refused.")
class AuthorizedPersonChangeRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with authorizedPersonChangeRequestCreate's input.")
class AuthorizedPersonChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonChangeRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of authorizedPersonChangeRequestCreate.")
class AuthorizedPersonChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonChangeRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why authorizedPersonRemoveRequestCreate was refused.")
class AuthorizedPersonRemoveRequestCreateErrorCode(enum.Enum):
    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with authorizedPersonRemoveRequestCreate's input.")
class AuthorizedPersonRemoveRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AuthorizedPersonRemoveRequestCreateErrorCode = strawberry.field(
        description="Stable code."
    )


@strawberry.type(description="Result of authorizedPersonRemoveRequestCreate.")
class AuthorizedPersonRemoveRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[AuthorizedPersonRemoveRequestCreateError] = strawberry.field(
        description="Problems, if any."
    )


@strawberry.enum(description="Why changeRequestAccept was refused.")
class ChangeRequestAcceptErrorCode(enum.Enum):
    ALLOCATAIRE_INCOMPLETE = "ALLOCATAIRE_INCOMPLETE"
    ALLOCATAIRE_TAKEN = "ALLOCATAIRE_TAKEN"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    INVALID_DATE = "INVALID_DATE"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TARGET_GONE = "TARGET_GONE"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestAccept's input.")
class ChangeRequestAcceptError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestAccept.")
class ChangeRequestAcceptPayload:
    request: Request | None = strawberry.field(
        description="The accepted request (its values are now on the file)."
    )
    errors: list[ChangeRequestAcceptError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why changeRequestRefuse was refused.")
class ChangeRequestRefuseErrorCode(enum.Enum):
    INVALID_STATE = "INVALID_STATE"
    MESSAGE_REQUIRED = "MESSAGE_REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestRefuse's input.")
class ChangeRequestRefuseError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestRefuseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestRefuse.")
class ChangeRequestRefusePayload:
    request: Request | None = strawberry.field(description="The refused request.")
    errors: list[ChangeRequestRefuseError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why changeRequestCancel was refused.")
class ChangeRequestCancelErrorCode(enum.Enum):
    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"
    WRONG_TYPE = "WRONG_TYPE"


@strawberry.type(description="A problem with changeRequestCancel's input.")
class ChangeRequestCancelError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestCancelErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestCancel.")
class ChangeRequestCancelPayload:
    request: Request | None = strawberry.field(description="The cancelled request.")
    errors: list[ChangeRequestCancelError] = strawberry.field(description="Problems, if any.")
