"""The error codes a change request's creation or decision may report.

Each mutation publishes its own GraphQL enum of codes: the creation codes of each type
are listed with it (``kinds.CHANGE_KINDS``), the decision codes here.
"""

from __future__ import annotations

import enum
from typing import Final

REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
INVALID_DATE: Final = "INVALID_DATE"
NOT_FOUND: Final = "NOT_FOUND"
NO_CHANGE: Final = "NO_CHANGE"
ALREADY_PENDING: Final = "ALREADY_PENDING"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"
ALLOCATAIRE_TAKEN: Final = "ALLOCATAIRE_TAKEN"
ALLOCATAIRE_INCOMPLETE: Final = "ALLOCATAIRE_INCOMPLETE"
BANK_ACCOUNT_REQUIRED: Final = "BANK_ACCOUNT_REQUIRED"
NO_ROLE: Final = "NO_ROLE"
TOO_MANY: Final = "TOO_MANY"
DUPLICATE: Final = "DUPLICATE"
WRONG_TYPE: Final = "WRONG_TYPE"
INVALID_STATE: Final = "INVALID_STATE"
TARGET_GONE: Final = "TARGET_GONE"
MESSAGE_REQUIRED: Final = "MESSAGE_REQUIRED"

# Every creation enum below has these codes, whatever the type of change.
CREATE_COMMON_CODES: Final = frozenset(
    {NOT_FOUND, NO_CHANGE, ALREADY_PENDING, TOO_LONG, IDEMPOTENCY_KEY_REUSED, REQUIRED}
)


class GuardianChangeRequestCreateErrorCode(enum.StrEnum):
    """Why guardianChangeRequestCreate was refused."""

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


class GuardianAddressChangeRequestCreateErrorCode(enum.StrEnum):
    """Why guardianAddressChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class BankAccountChangeRequestCreateErrorCode(enum.StrEnum):
    """Why bankAccountChangeRequestCreate was refused."""

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


class ChildChangeRequestCreateErrorCode(enum.StrEnum):
    """Why childChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class ChildComplementChangeRequestCreateErrorCode(enum.StrEnum):
    """Why childComplementChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class ChildAuthorizationsChangeRequestCreateErrorCode(enum.StrEnum):
    """Why childAuthorizationsChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class VaccinationsChangeRequestCreateErrorCode(enum.StrEnum):
    """Why vaccinationsChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATE = "INVALID_DATE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


class AuthorizedPersonAddRequestCreateErrorCode(enum.StrEnum):
    """Why authorizedPersonAddRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


class AuthorizedPersonChangeRequestCreateErrorCode(enum.StrEnum):
    """Why authorizedPersonChangeRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_FOUND = "NOT_FOUND"
    NO_CHANGE = "NO_CHANGE"
    NO_ROLE = "NO_ROLE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class AuthorizedPersonRemoveRequestCreateErrorCode(enum.StrEnum):
    """Why authorizedPersonRemoveRequestCreate was refused."""

    ALREADY_PENDING = "ALREADY_PENDING"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"


class ChangeRequestAcceptErrorCode(enum.StrEnum):
    """Why changeRequestAccept was refused."""

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


class ChangeRequestRefuseErrorCode(enum.StrEnum):
    """Why changeRequestRefuse was refused."""

    INVALID_STATE = "INVALID_STATE"
    MESSAGE_REQUIRED = "MESSAGE_REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    WRONG_TYPE = "WRONG_TYPE"


class ChangeRequestCancelErrorCode(enum.StrEnum):
    """Why changeRequestCancel was refused."""

    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"
    WRONG_TYPE = "WRONG_TYPE"


# The decision mutations' codes as sets: accepting re-checks the rules that may have
# changed since the request was made.
ACCEPT_ERROR_CODES: Final = frozenset(ChangeRequestAcceptErrorCode)
REFUSE_ERROR_CODES: Final = frozenset(ChangeRequestRefuseErrorCode)
CANCEL_ERROR_CODES: Final = frozenset(ChangeRequestCancelErrorCode)
