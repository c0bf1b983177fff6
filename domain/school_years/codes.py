"""The error codes of the school-year mutations, the outcome of each line of a bulk
decision, and the French label of a registration's status.

Each mutation's enum is the only list of its codes: the schema publishes it unchanged as
the mutation's GraphQL enum.
"""

from __future__ import annotations

import enum
from typing import Final

from domain.labels import register_labels
from models.registration import RegistrationStatus

NOT_FOUND: Final = "NOT_FOUND"
REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
TOO_MANY: Final = "TOO_MANY"
INVALID_DATES: Final = "INVALID_DATES"
YEAR_NOT_EMPTY: Final = "YEAR_NOT_EMPTY"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"
NOT_OPEN: Final = "NOT_OPEN"
CAMPAIGN_CLOSED: Final = "CAMPAIGN_CLOSED"
NOT_ELIGIBLE: Final = "NOT_ELIGIBLE"
ALREADY_REGISTERED: Final = "ALREADY_REGISTERED"
FAMILY_NOT_VALIDATED: Final = "FAMILY_NOT_VALIDATED"
INVALID_STATE: Final = "INVALID_STATE"


class SchoolYearRolloverErrorCode(enum.StrEnum):
    """Why schoolYearRollover was refused."""

    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    INVALID_DATES = "INVALID_DATES"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    YEAR_NOT_EMPTY = "YEAR_NOT_EMPTY"


class RegistrationCampaignOpenErrorCode(enum.StrEnum):
    """Why registrationCampaignOpen was refused."""

    INVALID_DATES = "INVALID_DATES"
    NOT_FOUND = "NOT_FOUND"


class RegistrationCampaignCloseErrorCode(enum.StrEnum):
    """Why registrationCampaignClose was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_OPEN = "NOT_OPEN"


class RegistrationWishErrorCode(enum.StrEnum):
    """Why registrationWish was refused."""

    ALREADY_REGISTERED = "ALREADY_REGISTERED"
    CAMPAIGN_CLOSED = "CAMPAIGN_CLOSED"
    FAMILY_NOT_VALIDATED = "FAMILY_NOT_VALIDATED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    NOT_FOUND = "NOT_FOUND"
    TOO_LONG = "TOO_LONG"


class RegistrationWishCancelErrorCode(enum.StrEnum):
    """Why registrationWishCancel was refused."""

    INVALID_STATE = "INVALID_STATE"
    NOT_FOUND = "NOT_FOUND"


class RegistrationsAcceptErrorCode(enum.StrEnum):
    """Why registrationsAccept did not decide a registration (or anything)."""

    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_MANY = "TOO_MANY"


class RegistrationsRefuseErrorCode(enum.StrEnum):
    """Why registrationsRefuse did not decide a registration (or anything)."""

    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"


class RegistrationDecisionOutcome(enum.StrEnum):
    """What a bulk decision did with one registration."""

    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    NOT_FOUND = "NOT_FOUND"


register_labels(
    RegistrationStatus,
    {
        "REQUESTED": "Demandée",
        "ACTIVE": "Validée",
        "REFUSED": "Refusée",
        "CANCELLED": "Annulée",
    },
)
register_labels(
    RegistrationDecisionOutcome,
    {
        "ACCEPTED": "Acceptée",
        "REFUSED": "Refusée",
        "ALREADY_DECIDED": "Déjà traitée",
        "NOT_FOUND": "Introuvable",
    },
)
