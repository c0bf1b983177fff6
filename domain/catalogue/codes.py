"""The error codes the catalogue's administration reports, one enum per mutation.

Each enum is the only list of its mutation's codes: the schema publishes it unchanged.
"""

from __future__ import annotations

import enum
from typing import Final

NOT_FOUND: Final = "NOT_FOUND"
REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
INVALID_VALUE: Final = "INVALID_VALUE"
DUPLICATE: Final = "DUPLICATE"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"
INVALID_EMAIL: Final = "INVALID_EMAIL"
INVALID_POSTAL_CODE: Final = "INVALID_POSTAL_CODE"
INVALID_DEADLINE: Final = "INVALID_DEADLINE"
INVALID_ELIGIBILITY: Final = "INVALID_ELIGIBILITY"
INVALID_STATE: Final = "INVALID_STATE"
INVALID_TIMES: Final = "INVALID_TIMES"
INVALID_DATE: Final = "INVALID_DATE"
OUTSIDE_SCHOOL_YEAR: Final = "OUTSIDE_SCHOOL_YEAR"
BOOKINGS_EXIST: Final = "BOOKINGS_EXIST"
CAPACITY_BELOW_RESERVED: Final = "CAPACITY_BELOW_RESERVED"
ALREADY_BILLED: Final = "ALREADY_BILLED"
INVALID_BRACKETS: Final = "INVALID_BRACKETS"


class EstablishmentCreateErrorCode(enum.StrEnum):
    """Why establishmentCreate was refused."""

    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class EstablishmentUpdateErrorCode(enum.StrEnum):
    """Why establishmentUpdate was refused."""

    DUPLICATE = "DUPLICATE"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class ActivityCreateErrorCode(enum.StrEnum):
    """Why activityCreate was refused."""

    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DEADLINE = "INVALID_DEADLINE"
    INVALID_ELIGIBILITY = "INVALID_ELIGIBILITY"
    INVALID_VALUE = "INVALID_VALUE"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class ActivityUpdateErrorCode(enum.StrEnum):
    """Why activityUpdate was refused."""

    CAPACITY_BELOW_RESERVED = "CAPACITY_BELOW_RESERVED"
    DUPLICATE = "DUPLICATE"
    INVALID_DEADLINE = "INVALID_DEADLINE"
    INVALID_ELIGIBILITY = "INVALID_ELIGIBILITY"
    INVALID_VALUE = "INVALID_VALUE"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class ActivityCloseErrorCode(enum.StrEnum):
    """Why activityClose was refused."""

    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"


class SlotCreateErrorCode(enum.StrEnum):
    """Why slotCreate was refused."""

    DUPLICATE = "DUPLICATE"
    INVALID_DATE = "INVALID_DATE"
    INVALID_STATE = "INVALID_STATE"
    INVALID_TIMES = "INVALID_TIMES"
    INVALID_VALUE = "INVALID_VALUE"
    NOT_FOUND = "NOT_FOUND"
    OUTSIDE_SCHOOL_YEAR = "OUTSIDE_SCHOOL_YEAR"


class SlotCloseErrorCode(enum.StrEnum):
    """Why slotClose was refused."""

    BOOKINGS_EXIST = "BOOKINGS_EXIST"
    INVALID_DATE = "INVALID_DATE"
    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"


class SlotCapacityChangeErrorCode(enum.StrEnum):
    """Why slotCapacityChange was refused."""

    CAPACITY_BELOW_RESERVED = "CAPACITY_BELOW_RESERVED"
    INVALID_VALUE = "INVALID_VALUE"
    NOT_FOUND = "NOT_FOUND"


class PriceListCreateErrorCode(enum.StrEnum):
    """Why priceListCreate was refused."""

    ALREADY_BILLED = "ALREADY_BILLED"
    DUPLICATE = "DUPLICATE"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_BRACKETS = "INVALID_BRACKETS"
    INVALID_DATE = "INVALID_DATE"
    INVALID_VALUE = "INVALID_VALUE"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
