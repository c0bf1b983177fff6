"""The error codes of the staff-account mutations, one enum per mutation.

Staff accounts: invitations (and their acceptance), role changes, disabling and enabling,
the establishments an agent is limited to. Each enum is published unchanged as its
mutation's GraphQL code enum (``schema.errors.error_code_enum``).
"""

from __future__ import annotations

import enum


class StaffInviteErrorCode(enum.StrEnum):
    """Why staffInvite was refused."""

    INVALID_EMAIL = "INVALID_EMAIL"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    EMAIL_TAKEN = "EMAIL_TAKEN"
    INVALID_ROLE = "INVALID_ROLE"
    NOT_FOUND = "NOT_FOUND"
    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"


class StaffRoleChangeErrorCode(enum.StrEnum):
    """Why staffRoleChange was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_STAFF_ACCOUNT = "NOT_STAFF_ACCOUNT"
    INVALID_ROLE = "INVALID_ROLE"
    LAST_ADMIN = "LAST_ADMIN"


class StaffDisableErrorCode(enum.StrEnum):
    """Why staffDisable was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_STAFF_ACCOUNT = "NOT_STAFF_ACCOUNT"
    LAST_ADMIN = "LAST_ADMIN"


class StaffEnableErrorCode(enum.StrEnum):
    """Why staffEnable was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_STAFF_ACCOUNT = "NOT_STAFF_ACCOUNT"


class StaffEstablishmentsSetErrorCode(enum.StrEnum):
    """Why staffEstablishmentsSet was refused."""

    NOT_FOUND = "NOT_FOUND"
    NOT_STAFF_ACCOUNT = "NOT_STAFF_ACCOUNT"


class StaffInvitationAcceptErrorCode(enum.StrEnum):
    """Why staffInvitationAccept was refused."""

    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_ALREADY_USED = "TOKEN_ALREADY_USED"
    WEAK_PASSWORD = "WEAK_PASSWORD"
