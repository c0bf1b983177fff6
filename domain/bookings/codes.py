"""The stable codes of reservation and absence requests: per-date rules and request errors.

Clients switch on these codes (one per rule a town configures, and one per way a request
can be malformed); the French messages that go with them are built where the rule is
checked, with the dates and names that make them useful to a parent.
"""

from __future__ import annotations

import enum


class BookingRule(enum.StrEnum):
    """Why one date of a reservation or absence request was rejected."""

    NOT_REGISTERED = "NOT_REGISTERED"
    OUTSIDE_REGISTRATION_PERIOD = "OUTSIDE_REGISTRATION_PERIOD"
    CLOSED_DAY = "CLOSED_DAY"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    EXCLUSIVE_SLOT_TAKEN = "EXCLUSIVE_SLOT_TAKEN"
    ALREADY_RESERVED = "ALREADY_RESERVED"
    PENDING_REQUEST = "PENDING_REQUEST"
    SLOT_FULL = "SLOT_FULL"
    NOT_RESERVED = "NOT_RESERVED"


class LineOutcome(enum.StrEnum):
    """What became of one child × slot × date of a request when it was made."""

    CREATED = "CREATED"  # recorded, waiting for staff (PENDING)
    ACCEPTED = "ACCEPTED"  # applied at once (auto-acceptance)
    WAITING_LIST = "WAITING_LIST"  # auto-acceptance, slot full: on the waiting list
    REJECTED = "REJECTED"  # breaks a rule: not recorded


# Request-level failures (nothing is stored), beside the rule codes above, which are also
# request-level errors when no date at all went through.
NOT_FOUND = "NOT_FOUND"
INVALID_PERIOD = "INVALID_PERIOD"
TOO_MANY_CHILDREN = "TOO_MANY_CHILDREN"
TOO_MANY_LINES = "TOO_MANY_LINES"
TEXT_TOO_LONG = "TEXT_TOO_LONG"
IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
NOT_CANCELLABLE = "NOT_CANCELLABLE"

CREATE_ERROR_CODES = (
    NOT_FOUND,
    INVALID_PERIOD,
    TOO_MANY_CHILDREN,
    TOO_MANY_LINES,
    TEXT_TOO_LONG,
    IDEMPOTENCY_KEY_REUSED,
    *(rule.value for rule in BookingRule),
)
CANCEL_ERROR_CODES = (NOT_FOUND, NOT_CANCELLABLE)
