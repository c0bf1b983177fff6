"""What each change-request mutation returns: the request, or errors with a stable code."""

from __future__ import annotations

import strawberry

from domain.change_requests.codes import (
    AuthorizedPersonAddRequestCreateErrorCode,
    AuthorizedPersonChangeRequestCreateErrorCode,
    AuthorizedPersonRemoveRequestCreateErrorCode,
    BankAccountChangeRequestCreateErrorCode,
    ChangeRequestAcceptErrorCode,
    ChangeRequestCancelErrorCode,
    ChangeRequestRefuseErrorCode,
    ChildAuthorizationsChangeRequestCreateErrorCode,
    ChildChangeRequestCreateErrorCode,
    ChildComplementChangeRequestCreateErrorCode,
    GuardianAddressChangeRequestCreateErrorCode,
    GuardianChangeRequestCreateErrorCode,
    VaccinationsChangeRequestCreateErrorCode,
)
from schema.errors import error_code_enum
from schema.requests.types import Request

_CREATED_DOC = (
    "The request recorded (already accepted when the collectivity auto-accepts this type); "
    "null when there are errors."
)


error_code_enum(
    GuardianChangeRequestCreateErrorCode,
    description="Why guardianChangeRequestCreate was refused.",
)


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


error_code_enum(
    GuardianAddressChangeRequestCreateErrorCode,
    description="Why guardianAddressChangeRequestCreate was refused.",
)


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


error_code_enum(
    BankAccountChangeRequestCreateErrorCode,
    description="Why bankAccountChangeRequestCreate was refused.",
)


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


error_code_enum(
    ChildChangeRequestCreateErrorCode,
    description="Why childChangeRequestCreate was refused.",
)


@strawberry.type(description="A problem with childChangeRequestCreate's input.")
class ChildChangeRequestCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChildChangeRequestCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of childChangeRequestCreate.")
class ChildChangeRequestCreatePayload:
    request: Request | None = strawberry.field(description=_CREATED_DOC)
    errors: list[ChildChangeRequestCreateError] = strawberry.field(description="Problems, if any.")


error_code_enum(
    ChildComplementChangeRequestCreateErrorCode,
    description="Why childComplementChangeRequestCreate was refused.",
)


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


error_code_enum(
    ChildAuthorizationsChangeRequestCreateErrorCode,
    description="Why childAuthorizationsChangeRequestCreate was refused.",
)


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


error_code_enum(
    VaccinationsChangeRequestCreateErrorCode,
    description="Why vaccinationsChangeRequestCreate was refused.",
)


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


error_code_enum(
    AuthorizedPersonAddRequestCreateErrorCode,
    description="Why authorizedPersonAddRequestCreate was refused.",
)


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


error_code_enum(
    AuthorizedPersonChangeRequestCreateErrorCode,
    description="Why authorizedPersonChangeRequestCreate was refused.",
)


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


error_code_enum(
    AuthorizedPersonRemoveRequestCreateErrorCode,
    description="Why authorizedPersonRemoveRequestCreate was refused.",
)


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


error_code_enum(ChangeRequestAcceptErrorCode, description="Why changeRequestAccept was refused.")


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


error_code_enum(ChangeRequestRefuseErrorCode, description="Why changeRequestRefuse was refused.")


@strawberry.type(description="A problem with changeRequestRefuse's input.")
class ChangeRequestRefuseError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestRefuseErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestRefuse.")
class ChangeRequestRefusePayload:
    request: Request | None = strawberry.field(description="The refused request.")
    errors: list[ChangeRequestRefuseError] = strawberry.field(description="Problems, if any.")


error_code_enum(ChangeRequestCancelErrorCode, description="Why changeRequestCancel was refused.")


@strawberry.type(description="A problem with changeRequestCancel's input.")
class ChangeRequestCancelError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: ChangeRequestCancelErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of changeRequestCancel.")
class ChangeRequestCancelPayload:
    request: Request | None = strawberry.field(description="The cancelled request.")
    errors: list[ChangeRequestCancelError] = strawberry.field(description="Problems, if any.")
