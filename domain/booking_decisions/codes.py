"""The error codes staff decisions, promotions, attendance marks and read marks report.

Each mutation publishes its own GraphQL enum; the sets below are its codes, so that a new
code raised by the domain but missing from an enum fails the tests rather than the client.
"""

from __future__ import annotations

from typing import Final

NOT_FOUND: Final = "NOT_FOUND"
WRONG_TYPE: Final = "WRONG_TYPE"
INVALID_STATE: Final = "INVALID_STATE"
TOO_LONG: Final = "TOO_LONG"
TOO_MANY: Final = "TOO_MANY"
DUPLICATE: Final = "DUPLICATE"
MESSAGE_REQUIRED: Final = "MESSAGE_REQUIRED"
SLOT_FULL: Final = "SLOT_FULL"
NOT_RESERVED: Final = "NOT_RESERVED"
NOT_FIRST_IN_LINE: Final = "NOT_FIRST_IN_LINE"
NOT_RUNNING: Final = "NOT_RUNNING"
FUTURE_DATE: Final = "FUTURE_DATE"

ACCEPT_ERROR_CODES: Final = frozenset(
    {
        NOT_FOUND,
        WRONG_TYPE,
        INVALID_STATE,
        TOO_LONG,
        TOO_MANY,
        DUPLICATE,
        SLOT_FULL,
        NOT_RESERVED,
    }
)
REFUSE_ERROR_CODES: Final = frozenset(
    {NOT_FOUND, WRONG_TYPE, INVALID_STATE, TOO_LONG, TOO_MANY, DUPLICATE, MESSAGE_REQUIRED}
)
PROMOTE_ERROR_CODES: Final = frozenset({NOT_FOUND, INVALID_STATE, SLOT_FULL, NOT_FIRST_IN_LINE})
ATTENDANCE_ERROR_CODES: Final = frozenset(
    {NOT_FOUND, TOO_MANY, DUPLICATE, NOT_RUNNING, FUTURE_DATE}
)
MARK_READ_ERROR_CODES: Final = frozenset({NOT_FOUND, TOO_MANY})
