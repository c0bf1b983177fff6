"""The error codes of the collectivity (tenant) actions.

``CollectivitySettingsUpdateErrorCode`` is published unchanged as the GraphQL code enum of
``collectivitySettingsUpdate``. ``TenantCreateErrorCode`` lists why ``creneau tenant
create`` refuses a collectivity: a command-line action, not an API one.
"""

from __future__ import annotations

import enum


class CollectivitySettingsUpdateErrorCode(enum.StrEnum):
    """Why collectivitySettingsUpdate was refused."""

    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_URL = "INVALID_URL"
    INVALID_IBAN = "INVALID_IBAN"
    INVALID_BIC = "INVALID_BIC"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    INVALID_CREDITOR_ID = "INVALID_CREDITOR_ID"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    NOT_A_CHANGE_TYPE = "NOT_A_CHANGE_TYPE"
    INVALID_BRACKETS = "INVALID_BRACKETS"


class TenantCreateErrorCode(enum.StrEnum):
    """Why a collectivity could not be created (``creneau tenant create``)."""

    INVALID_SLUG = "INVALID_SLUG"
    SLUG_TAKEN = "SLUG_TAKEN"
    INVALID_TIMEZONE = "INVALID_TIMEZONE"
    INVALID_SCHOOL_ZONE = "INVALID_SCHOOL_ZONE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID_EMAIL = "INVALID_EMAIL"
