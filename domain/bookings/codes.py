"""The stable codes of reservation and absence requests: per-date rules and request errors.

Clients switch on these codes (one per rule a town configures, and one per way a request
can be malformed); the French messages that go with them are built where the rule is
checked, with the dates and names that make them useful to a parent.
"""

from __future__ import annotations

import enum

from domain.labels import register_labels


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
    MONTHLY_LIMIT_REACHED = "MONTHLY_LIMIT_REACHED"


class LineOutcome(enum.StrEnum):
    """What became of one child × slot × date of a request when it was made."""

    CREATED = "CREATED"  # recorded, waiting for staff (PENDING)
    ACCEPTED = "ACCEPTED"  # applied at once (auto-acceptance)
    WAITING_LIST = "WAITING_LIST"  # auto-acceptance, slot full: on the waiting list
    REJECTED = "REJECTED"  # breaks a rule: not recorded


# Request-level failures (nothing is stored). When dates were evaluated and none went
# through, the request-level error is NO_DATE_RECORDED and each date's rule code is on its
# line (reported once); a rule code is a request-level error only when there was no date
# to report on (CLOSED_DAY: the activity has no slot at all on the dates asked).
NOT_FOUND = "NOT_FOUND"
INVALID_PERIOD = "INVALID_PERIOD"
TOO_MANY_CHILDREN = "TOO_MANY_CHILDREN"
TOO_MANY_LINES = "TOO_MANY_LINES"
TEXT_TOO_LONG = "TEXT_TOO_LONG"
IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
NOT_CANCELLABLE = "NOT_CANCELLABLE"
# Every date was evaluated and none went through: each date's reason is on its line.
NO_DATE_RECORDED = "NO_DATE_RECORDED"


class ReservationRequestCreateErrorCode(enum.StrEnum):
    """Why reservationRequestCreate recorded nothing."""

    NOT_FOUND = "NOT_FOUND"
    INVALID_PERIOD = "INVALID_PERIOD"
    TOO_MANY_CHILDREN = "TOO_MANY_CHILDREN"
    TOO_MANY_LINES = "TOO_MANY_LINES"
    TEXT_TOO_LONG = "TEXT_TOO_LONG"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_REGISTERED = "NOT_REGISTERED"
    OUTSIDE_REGISTRATION_PERIOD = "OUTSIDE_REGISTRATION_PERIOD"
    CLOSED_DAY = "CLOSED_DAY"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    EXCLUSIVE_SLOT_TAKEN = "EXCLUSIVE_SLOT_TAKEN"
    ALREADY_RESERVED = "ALREADY_RESERVED"
    PENDING_REQUEST = "PENDING_REQUEST"
    SLOT_FULL = "SLOT_FULL"
    MONTHLY_LIMIT_REACHED = "MONTHLY_LIMIT_REACHED"
    NO_DATE_RECORDED = "NO_DATE_RECORDED"


class AbsenceRequestCreateErrorCode(enum.StrEnum):
    """Why absenceRequestCreate recorded nothing."""

    NOT_FOUND = "NOT_FOUND"
    INVALID_PERIOD = "INVALID_PERIOD"
    TOO_MANY_CHILDREN = "TOO_MANY_CHILDREN"
    TOO_MANY_LINES = "TOO_MANY_LINES"
    TEXT_TOO_LONG = "TEXT_TOO_LONG"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_REGISTERED = "NOT_REGISTERED"
    OUTSIDE_REGISTRATION_PERIOD = "OUTSIDE_REGISTRATION_PERIOD"
    CLOSED_DAY = "CLOSED_DAY"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    PENDING_REQUEST = "PENDING_REQUEST"
    NOT_RESERVED = "NOT_RESERVED"
    NO_DATE_RECORDED = "NO_DATE_RECORDED"


class RequestCancelErrorCode(enum.StrEnum):
    """Why requestCancel did not cancel the request."""

    NOT_FOUND = "NOT_FOUND"
    NOT_CANCELLABLE = "NOT_CANCELLABLE"


# Every code a reservation or absence request may report, then a cancellation's.
CREATE_ERROR_CODES = tuple(
    dict.fromkeys((*ReservationRequestCreateErrorCode, *AbsenceRequestCreateErrorCode))
)
CANCEL_ERROR_CODES = tuple(RequestCancelErrorCode)


register_labels(
    BookingRule,
    {
        "NOT_REGISTERED": "Enfant non inscrit à l'activité",
        "OUTSIDE_REGISTRATION_PERIOD": "Hors de la période d'inscription",
        "CLOSED_DAY": "Pas d'activité ce jour-là",
        "DEADLINE_PASSED": "Délai dépassé",
        "NOT_ELIGIBLE": "Activité non ouverte à cet enfant",
        "EXCLUSIVE_SLOT_TAKEN": "Un seul créneau de ce groupe par jour",
        "ALREADY_RESERVED": "Déjà réservé",
        "PENDING_REQUEST": "Une demande est déjà en cours",
        "SLOT_FULL": "Créneau complet",
        "NOT_RESERVED": "Pas de réservation à annuler",
        "MONTHLY_LIMIT_REACHED": "Nombre de jours par mois atteint",
    },
)

register_labels(
    LineOutcome,
    {
        "CREATED": "En attente de validation",
        "ACCEPTED": "Acceptée",
        "WAITING_LIST": "En liste d'attente",
        "REJECTED": "Refusée",
    },
)
