"""The error codes of the family registration mutations, one enum per mutation.

Family registration: the family form, staff decisions on it, and linking an account to a family.

Each enum is the only list of its codes: the schema publishes it as the mutation's GraphQL
code enum unchanged (``schema.errors.error_code_enum``), so the API cannot miss one of
them, and ``tests/test_error_codes.py`` checks that every code raised
under this package is one of them.
"""

from __future__ import annotations

import enum


class FamilyRegistrationSubmitErrorCode(enum.StrEnum):
    """Why the family form was not accepted."""

    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    PHONE_REQUIRED = "PHONE_REQUIRED"
    INVALID_PHONE = "INVALID_PHONE"
    NOT_A_MOBILE = "NOT_A_MOBILE"
    MOBILE_REQUIRED_FOR_SMS = "MOBILE_REQUIRED_FOR_SMS"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_COUNTRY = "INVALID_COUNTRY"
    INVALID_POSTAL_CODE = "INVALID_POSTAL_CODE"
    INVALID_ALLOCATAIRE_NUMBER = "INVALID_ALLOCATAIRE_NUMBER"
    TWO_ALLOCATAIRES = "TWO_ALLOCATAIRES"
    BANK_ACCOUNT_REQUIRED = "BANK_ACCOUNT_REQUIRED"
    INVALID_IBAN = "INVALID_IBAN"
    INVALID_BIC = "INVALID_BIC"
    BIC_COUNTRY_MISMATCH = "BIC_COUNTRY_MISMATCH"
    BIRTH_DATE_IN_FUTURE = "BIRTH_DATE_IN_FUTURE"
    CHILD_TOO_OLD = "CHILD_TOO_OLD"
    DUPLICATE_CHILD = "DUPLICATE_CHILD"
    UNKNOWN_SCHOOL = "UNKNOWN_SCHOOL"
    UNKNOWN_CHILD = "UNKNOWN_CHILD"
    UNKNOWN_ACTIVITY = "UNKNOWN_ACTIVITY"
    ACTIVITY_CLOSED = "ACTIVITY_CLOSED"
    DUPLICATE_REGISTRATION = "DUPLICATE_REGISTRATION"
    GRADE_REQUIRED = "GRADE_REQUIRED"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"


class FamilyValidateErrorCode(enum.StrEnum):
    """Why a family file could not be validated."""

    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


class FamilyRejectErrorCode(enum.StrEnum):
    """Why a family file could not be rejected."""

    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


class FamilyLinkErrorCode(enum.StrEnum):
    """Why an account could not be linked to a family."""

    REQUIRED = "REQUIRED"
    LINK_REFUSED = "LINK_REFUSED"
    THROTTLED = "THROTTLED"
    ALREADY_LINKED = "ALREADY_LINKED"
    NO_GUARDIAN_AVAILABLE = "NO_GUARDIAN_AVAILABLE"
