"""The error codes a change request's creation or decision may report.

Each mutation publishes its own GraphQL enum of codes: the creation codes of each type
are listed with it (``kinds.CHANGE_KINDS``), the decision codes here.
"""

from __future__ import annotations

from typing import Final

from domain import contact_validation as contact

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

# Codes of the decision mutations: accepting re-checks the rules that may have changed
# since the request was made.
ACCEPT_ERROR_CODES: Final = frozenset(
    {
        NOT_FOUND,
        WRONG_TYPE,
        INVALID_STATE,
        TOO_LONG,
        TARGET_GONE,
        REQUIRED,
        ALLOCATAIRE_TAKEN,
        ALLOCATAIRE_INCOMPLETE,
        BANK_ACCOUNT_REQUIRED,
        NO_ROLE,
        TOO_MANY,
        INVALID_DATE,
        contact.INVALID_POSTAL_CODE,
        contact.BIC_COUNTRY_MISMATCH,
    }
)
REFUSE_ERROR_CODES: Final = frozenset(
    {NOT_FOUND, WRONG_TYPE, INVALID_STATE, TOO_LONG, MESSAGE_REQUIRED}
)
CANCEL_ERROR_CODES: Final = frozenset({NOT_FOUND, WRONG_TYPE, INVALID_STATE})
