"""The error codes of the calendar's administration: school years, the official import,
the town's own periods.

Each mutation's enum below is the only list of its codes: the schema publishes it as the
mutation's GraphQL enum unchanged (``schema.errors.error_code_enum``).
"""

from __future__ import annotations

import enum
from typing import Final

NOT_FOUND: Final = "NOT_FOUND"
REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
DUPLICATE: Final = "DUPLICATE"
INVALID_DATES: Final = "INVALID_DATES"
OVERLAP: Final = "OVERLAP"
OUTSIDE_SCHOOL_YEAR: Final = "OUTSIDE_SCHOOL_YEAR"
DATA_NOT_AVAILABLE: Final = "DATA_NOT_AVAILABLE"
OFFICIAL_PERIOD: Final = "OFFICIAL_PERIOD"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"


class SchoolYearCreateErrorCode(enum.StrEnum):
    """Why schoolYearCreate was refused."""

    REQUIRED = REQUIRED
    TOO_LONG = TOO_LONG
    DUPLICATE = DUPLICATE
    INVALID_DATES = INVALID_DATES
    OVERLAP = OVERLAP
    DATA_NOT_AVAILABLE = DATA_NOT_AVAILABLE
    IDEMPOTENCY_KEY_REUSED = IDEMPOTENCY_KEY_REUSED


class SchoolYearUpdateErrorCode(enum.StrEnum):
    """Why schoolYearUpdate was refused."""

    NOT_FOUND = NOT_FOUND
    REQUIRED = REQUIRED
    TOO_LONG = TOO_LONG
    DUPLICATE = DUPLICATE
    INVALID_DATES = INVALID_DATES
    OVERLAP = OVERLAP


class CalendarImportErrorCode(enum.StrEnum):
    """Why calendarImport was refused."""

    NOT_FOUND = NOT_FOUND
    DATA_NOT_AVAILABLE = DATA_NOT_AVAILABLE


class CalendarPeriodCreateErrorCode(enum.StrEnum):
    """Why calendarPeriodCreate was refused."""

    NOT_FOUND = NOT_FOUND
    REQUIRED = REQUIRED
    TOO_LONG = TOO_LONG
    INVALID_DATES = INVALID_DATES
    OUTSIDE_SCHOOL_YEAR = OUTSIDE_SCHOOL_YEAR


class CalendarPeriodDeleteErrorCode(enum.StrEnum):
    """Why calendarPeriodDelete was refused."""

    NOT_FOUND = NOT_FOUND
    OFFICIAL_PERIOD = OFFICIAL_PERIOD
