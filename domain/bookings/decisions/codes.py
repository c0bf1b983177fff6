"""The error codes staff decisions, promotions, attendance marks and read marks report.

Each mutation's enum below is the only list of its codes: the schema publishes it as the
mutation's GraphQL enum unchanged, and ``tests/test_error_codes.py`` fails when a code
raised by the domain is in none of them, rather than the client.
"""

from __future__ import annotations

import enum
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


class RequestAcceptErrorCode(enum.StrEnum):
    """Why requestAccept was refused (the booking rules judged again when staff accept a
    reservation date are ``engine.RULES``'s marked ``at_decision``)."""

    ALREADY_RESERVED = "ALREADY_RESERVED"
    CLOSED_DAY = "CLOSED_DAY"
    DUPLICATE = "DUPLICATE"
    EXCLUSIVE_SLOT_TAKEN = "EXCLUSIVE_SLOT_TAKEN"
    INVALID_STATE = "INVALID_STATE"
    MONTHLY_LIMIT_REACHED = "MONTHLY_LIMIT_REACHED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    NOT_FOUND = "NOT_FOUND"
    NOT_REGISTERED = "NOT_REGISTERED"
    NOT_RESERVED = "NOT_RESERVED"
    OUTSIDE_REGISTRATION_PERIOD = "OUTSIDE_REGISTRATION_PERIOD"
    PENDING_REQUEST = "PENDING_REQUEST"
    SLOT_FULL = "SLOT_FULL"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    WRONG_TYPE = "WRONG_TYPE"


class RequestRefuseErrorCode(enum.StrEnum):
    """Why requestRefuse was refused."""

    DUPLICATE = "DUPLICATE"
    INVALID_STATE = "INVALID_STATE"
    MESSAGE_REQUIRED = "MESSAGE_REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    WRONG_TYPE = "WRONG_TYPE"


class WaitingListPromoteErrorCode(enum.StrEnum):
    """Why waitingListPromote was refused."""

    INVALID_STATE = "INVALID_STATE"
    NOT_FIRST_IN_LINE = "NOT_FIRST_IN_LINE"
    NOT_FOUND = "NOT_FOUND"
    SLOT_FULL = "SLOT_FULL"


class AttendanceMarkErrorCode(enum.StrEnum):
    """Why attendanceMark was refused."""

    DUPLICATE = "DUPLICATE"
    FUTURE_DATE = "FUTURE_DATE"
    NOT_FOUND = "NOT_FOUND"
    NOT_RUNNING = "NOT_RUNNING"
    TOO_MANY = "TOO_MANY"


class MessagesMarkReadErrorCode(enum.StrEnum):
    """Why messagesMarkRead was refused."""

    NOT_FOUND = "NOT_FOUND"
    TOO_MANY = "TOO_MANY"


class MessagesMarkAllReadErrorCode(enum.StrEnum):
    """Why messagesMarkAllRead was refused."""

    NOT_FOUND = "NOT_FOUND"


# The same codes as sets, for the rules that check membership.
ACCEPT_ERROR_CODES: Final = frozenset(RequestAcceptErrorCode)
REFUSE_ERROR_CODES: Final = frozenset(RequestRefuseErrorCode)
PROMOTE_ERROR_CODES: Final = frozenset(WaitingListPromoteErrorCode)
ATTENDANCE_ERROR_CODES: Final = frozenset(AttendanceMarkErrorCode)
MARK_READ_ERROR_CODES: Final = frozenset(MessagesMarkReadErrorCode)
