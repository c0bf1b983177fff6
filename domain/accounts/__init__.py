"""Accounts: creation with an emailed activation link, login sessions, password reset.

Rules kept here:
- an activation link is valid 24 hours and once; after expiry the account can be created
  again (the guide: « Passé ce délai … vous devrez en créer un nouveau »);
- no answer reveals whether an email has an account: creating an account for a taken
  address mails its owner instead, a reset request always says the same thing, and a
  failed login never says which of the email or the password was wrong;
- login is throttled per email (5 failures in 15 minutes) and per address (30);
- sessions are opaque tokens stored hashed, expiring after 30 days, revocable.

The package, one module per purpose (a module imports only those above it):
- ``identity``: the tenant and portal links mails need, greetings, email checks;
- ``creation``: account creation and activation, and the one-use mailed tokens;
- ``sessions``: login (throttled), logout, authentication of a session token;
- ``password_reset``: the reset link and its use.
"""

from domain.accounts.creation import (
    ACTIVATION_VALIDITY,
    RESET_VALIDITY,
    activate_account,
    create_account,
    create_active_account,
)
from domain.accounts.identity import PortalLinks, TenantIdentity, display_name, normalize_email
from domain.accounts.password_reset import request_password_reset, reset_password
from domain.accounts.sessions import (
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_EMAIL,
    SESSION_VALIDITY,
    THROTTLE_WINDOW,
    IssuedSession,
    LoginRefused,
    WrongTenant,
    authenticate,
    authenticate_reading_version,
    login,
    logout,
)

__all__ = [
    "ACTIVATION_VALIDITY",
    "MAX_FAILURES_PER_ADDRESS",
    "MAX_FAILURES_PER_EMAIL",
    "RESET_VALIDITY",
    "SESSION_VALIDITY",
    "THROTTLE_WINDOW",
    "IssuedSession",
    "LoginRefused",
    "PortalLinks",
    "TenantIdentity",
    "WrongTenant",
    "activate_account",
    "authenticate",
    "authenticate_reading_version",
    "create_account",
    "create_active_account",
    "display_name",
    "login",
    "logout",
    "normalize_email",
    "request_password_reset",
    "reset_password",
]
