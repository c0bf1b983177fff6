"""The error codes of the OpenID Connect (FranceConnect) mutations, one enum per mutation.

As in ``domain.accounts.codes``: each enum is published unchanged as the mutation's GraphQL
code enum, and ``tests/test_error_codes.py`` checks every code raised here is in one of them.
"""

from __future__ import annotations

import enum


class OidcLoginStartErrorCode(enum.StrEnum):
    """Why a login with the provider could not start."""

    OIDC_NOT_CONFIGURED = "OIDC_NOT_CONFIGURED"
    REDIRECT_URI_NOT_ALLOWED = "REDIRECT_URI_NOT_ALLOWED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


class OidcLoginCompleteErrorCode(enum.StrEnum):
    """Why the provider's answer did not open a session."""

    OIDC_NOT_CONFIGURED = "OIDC_NOT_CONFIGURED"
    THROTTLED = "THROTTLED"
    STATE_INVALID = "STATE_INVALID"
    STATE_EXPIRED = "STATE_EXPIRED"
    STATE_ALREADY_USED = "STATE_ALREADY_USED"
    CODE_REFUSED = "CODE_REFUSED"
    TOKEN_INVALID = "TOKEN_INVALID"
    WRONG_ISSUER = "WRONG_ISSUER"
    WRONG_AUDIENCE = "WRONG_AUDIENCE"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    NONCE_MISMATCH = "NONCE_MISMATCH"
    ACR_TOO_LOW = "ACR_TOO_LOW"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


class OidcIdentityLinkErrorCode(enum.StrEnum):
    """Why a link of an identity to an account could not be asked for."""

    LINK_TOKEN_INVALID = "LINK_TOKEN_INVALID"
    LINK_TOKEN_EXPIRED = "LINK_TOKEN_EXPIRED"
    INVALID_EMAIL = "INVALID_EMAIL"


class OidcIdentityLinkConfirmErrorCode(enum.StrEnum):
    """Why the mailed link did not link the identity."""

    TOKEN_INVALID = "TOKEN_INVALID"
    TOKEN_EXPIRED = "TOKEN_EXPIRED"
    TOKEN_ALREADY_USED = "TOKEN_ALREADY_USED"
    LINK_TOKEN_INVALID = "LINK_TOKEN_INVALID"
    IDENTITY_ALREADY_LINKED = "IDENTITY_ALREADY_LINKED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"


class OidcIdentityUnlinkErrorCode(enum.StrEnum):
    """Why an identity could not be unlinked."""

    NOT_FOUND = "NOT_FOUND"


class OidcLogoutErrorCode(enum.StrEnum):
    """Why a provider logout was not started (the session is then left open)."""

    OIDC_NOT_CONFIGURED = "OIDC_NOT_CONFIGURED"
    REDIRECT_URI_NOT_ALLOWED = "REDIRECT_URI_NOT_ALLOWED"
    NOT_AN_OIDC_SESSION = "NOT_AN_OIDC_SESSION"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
