"""The error codes of the accounts mutations, one enum per mutation.

Accounts: account creation, activation and password reset links, login.

Each enum is the only list of its codes: the schema publishes it as the mutation's GraphQL
code enum unchanged (``schema.errors.error_code_enum``), so the API cannot miss one of
them, and ``tests/test_error_codes.py`` checks that every code raised
under this package is one of them.
"""

from __future__ import annotations

import enum


class AccountCreateErrorCode(enum.StrEnum):
    """Why an account could not be created."""

    INVALID_EMAIL = "INVALID_EMAIL"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class TokenErrorCode(enum.StrEnum):
    """Why an activation or reset link was refused."""

    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_ALREADY_USED = "TOKEN_ALREADY_USED"


class LoginErrorCode(enum.StrEnum):
    """Why a login was refused."""

    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    THROTTLED = "THROTTLED"
    ACCOUNT_NOT_ACTIVATED = "ACCOUNT_NOT_ACTIVATED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"


class PasswordResetErrorCode(enum.StrEnum):
    """Why a password reset was refused."""

    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_ALREADY_USED = "TOKEN_ALREADY_USED"
    WEAK_PASSWORD = "WEAK_PASSWORD"
