"""Every ``CRENEAU_*`` variable checked in one place, every problem reported at once.

``Settings.from_env()`` and ``MailSettings.from_env()`` call ``check_environment`` before
reading anything: each known variable has a check and a description of what it expects,
and all the malformed ones are named in ONE ``SettingsError`` (a ``ValueError``), e.g.
« CRENEAU_PORT: expected a TCP port (1-65535), got 'abc'; CRENEAU_MAX_QUERY_DEPTH:
expected a positive integer, got '-1' ». ``creneau`` prints it on one line and exits 2;
the server does not start. A ``CRENEAU_*`` variable nobody reads (a typo such as
``CRENEAU_DATABSE_URL``) is a warning naming the closest known one, not an error.

``production_problems`` lists what a town must not run in production (``CRENEAU_ENV=
production``) — the development payment secret, a portal URL that is not https, mails
written to files instead of sent, the cheap test password hashing — and
``refuse_unsafe_production`` raises them as one ``SettingsError``; the server calls it at
start-up (server/graphql_view.py), so maintenance commands (``migrate``, ``backup``…) still
run with a half-configured environment.

Why not pydantic-settings: ``Settings`` is a frozen dataclass built by hand, read by every
layer, and several sessions add fields to it at once; a table of checks in front of it
keeps the dataclass and its readers unchanged and fits the existing error messages, while
pydantic would have meant a second model of the same fields (or rewriting the class).
A variable added to ``Settings`` needs a row in ``VARIABLES`` (a test scans the code for
``"CRENEAU_…"`` names that have none).
"""

from __future__ import annotations

import difflib
import ipaddress
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kernel.rate_limit import RateLimit

if TYPE_CHECKING:
    from kernel.settings import Settings

logger = logging.getLogger("creneau.settings")

DEFAULT_PAYMENT_SANDBOX_SECRET = "creneau-sandbox-dev-secret"
# Variables of the test suite, the benchmarks and the end-to-end runs: never reported.
TOOLING_PREFIXES = ("CRENEAU_TEST_", "CRENEAU_BENCH_", "CRENEAU_E2E_", "CRENEAU_HYPOTHESIS_")


class SettingsError(ValueError):
    """One or more ``CRENEAU_*`` variables refused; the message names each of them."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


Check = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Variable:
    """A known variable: what it expects (for the message) and whether a value fits."""

    expected: str
    check: Check | None = None  # None: any text


def _int(minimum: int, maximum: int | None = None) -> Check:
    def check(raw: str) -> bool:
        try:
            value = int(raw)
        except ValueError:
            return False
        return value >= minimum and (maximum is None or value <= maximum)

    return check


def _number(*, positive: bool) -> Check:
    def check(raw: str) -> bool:
        try:
            value = float(raw)
        except ValueError:
            return False
        return value == value and (value > 0 if positive else value >= 0)  # not NaN

    return check


def _choice(*values: str, case: bool = True) -> Check:
    def check(raw: str) -> bool:
        return (raw if case else raw.lower()) in values

    return check


def _url(raw: str) -> bool:
    return raw.startswith(("http://", "https://")) and len(raw) > len("https://")


def _networks(raw: str) -> bool:
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            return False
    return True


def _ws_protocols(raw: str) -> bool:
    items = [part.strip() for part in raw.split(",") if part.strip()]
    return all(item in {"graphql-transport-ws", "graphql-ws"} for item in items)


def _rate_limit(raw: str) -> bool:
    try:
        RateLimit.parse("", raw)
    except ValueError:
        return False
    return True


_BOOLEAN_WORDS = ("1", "true", "yes", "on", "0", "false", "no", "off")
_POSITIVE = Variable("a positive integer", _int(1))
_ANY = Variable("any text")

VARIABLES: dict[str, Variable] = {
    "CRENEAU_ENV": Variable(
        "development, production or test", _choice("development", "production", "test")
    ),
    "CRENEAU_VAR_DIR": _ANY,
    "CRENEAU_DATABASE_URL": _ANY,  # its driver is checked by `creneau` (one clear line)
    "CRENEAU_HOST": _ANY,
    "CRENEAU_PORT": Variable("a TCP port (1-65535)", _int(1, 65535)),
    "CRENEAU_LOG_LEVEL": Variable(
        "critical, error, warning, info, debug or trace",
        _choice("critical", "error", "warning", "info", "debug", "trace"),
    ),
    "CRENEAU_LOG_FORMAT": Variable("json or text", _choice("json", "text", case=False)),
    "CRENEAU_MAX_QUERY_DEPTH": _POSITIVE,
    "CRENEAU_MAX_ALIASES": _POSITIVE,
    "CRENEAU_MAX_TOKENS": _POSITIVE,
    "CRENEAU_MAX_QUERY_COST": _POSITIVE,
    "CRENEAU_MAX_UPLOAD_BYTES": _POSITIVE,
    "CRENEAU_MAX_BODY_BYTES": _POSITIVE,
    "CRENEAU_REQUEST_CONCURRENCY": Variable("an integer from 1 to 25", _int(1, 25)),
    "CRENEAU_REPORT_MIN_GROUP_SIZE": _POSITIVE,
    "CRENEAU_MAX_SUBSCRIPTIONS_PER_CONNECTION": _POSITIVE,
    "CRENEAU_ALLOWED_ORIGINS": _ANY,
    "CRENEAU_SQL_ECHO": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_PORTAL_URL": Variable("an http:// or https:// URL", _url),
    "CRENEAU_MAIL_SENDER": Variable("inprocess or off", _choice("inprocess", "off")),
    "CRENEAU_DOCUMENTS_DIR": _ANY,
    "CRENEAU_BROKER_URL": _ANY,
    "CRENEAU_WS_PROTOCOLS": Variable(
        "graphql-transport-ws and/or graphql-ws, comma-separated", _ws_protocols
    ),
    "CRENEAU_WS_KEEP_ALIVE_SECONDS": Variable(
        "a number of seconds (0: off)", _number(positive=False)
    ),
    "CRENEAU_EVENTS_POLL_SECONDS": Variable("a positive number of seconds", _number(positive=True)),
    "CRENEAU_PAYMENT_SANDBOX_SECRET": _ANY,
    "CRENEAU_PAYMENT_SANDBOX_URL": Variable("an http:// or https:// URL", _url),
    "CRENEAU_METRICS_ENABLED": Variable(
        "true or false (or 1/0, yes/no, on/off)", _choice(*_BOOLEAN_WORDS, case=False)
    ),
    "CRENEAU_METRICS_TOKEN": _ANY,
    "CRENEAU_TRUSTED_PROXIES": Variable(
        "IP addresses or CIDR networks, comma-separated", _networks
    ),
    "CRENEAU_RATE_LIMIT_PER_ADDRESS": Variable(
        "a rate such as 600/min, 10/s or 20000/h", _rate_limit
    ),
    "CRENEAU_RATE_LIMIT_PER_ACCOUNT": Variable(
        "a rate such as 300/min, 10/s or 20000/h", _rate_limit
    ),
    "CRENEAU_PUBLIC_INTROSPECTION": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_TRUSTED_DOCUMENTS": _ANY,
    "CRENEAU_TRUSTED_DOCUMENTS_MODE": Variable(
        "off, allow or require", _choice("off", "allow", "require")
    ),
    "CRENEAU_FAST_EXECUTION": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_SUBSCRIPTION_GROUPS": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_RESPONSE_CACHE_MB": Variable("megabytes, 0 for none", _int(0)),
    "CRENEAU_GC_FREEZE": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_OIDC_SECRETS_DIR": _ANY,  # OpenID Connect client secrets, a file per tenant slug
    "CRENEAU_PASSWORD_HASH_COST": Variable("default or test", _choice("", "default", "test")),
    "CRENEAU_USER_PASSWORD": _ANY,  # `creneau create-user` without a prompt
    # Mail delivery (server/notification_delivery/settings.py).
    "CRENEAU_MAIL_BACKEND": Variable("file or smtp", _choice("file", "smtp")),
    "CRENEAU_SMTP_HOST": _ANY,
    "CRENEAU_SMTP_PORT": Variable("a TCP port (1-65535)", _int(1, 65535)),
    "CRENEAU_SMTP_USERNAME": _ANY,
    "CRENEAU_SMTP_PASSWORD": _ANY,
    "CRENEAU_SMTP_STARTTLS": Variable("0 or 1", _choice("0", "1")),
    "CRENEAU_MAIL_POLL_SECONDS": Variable("a positive number of seconds", _number(positive=True)),
    "CRENEAU_MAIL_MAX_ATTEMPTS": Variable("an integer of at least 1", _int(1)),
    # SMS (server/notification_delivery/settings.py) and Web Push (kernel/settings.py).
    "CRENEAU_SMS_BACKEND": Variable("none, file or http", _choice("none", "file", "http")),
    "CRENEAU_SMS_API_URL": Variable("an http(s) URL", _url),
    "CRENEAU_SMS_API_KEY": _ANY,
    "CRENEAU_SMS_SENDER": Variable(
        "1 to 11 letters or digits (or up to 15 digits)",
        lambda raw: raw.isascii() and raw.isalnum() and len(raw) <= (15 if raw.isdigit() else 11),
    ),
    "CRENEAU_VAPID_PRIVATE_KEY": _ANY,  # the PEM file's path
    "CRENEAU_VAPID_SUBJECT": Variable(
        "mailto:… or https://…", lambda raw: raw.startswith(("mailto:", "https://"))
    ),
}

MAIL_VARIABLES = tuple(
    name for name in VARIABLES if name.startswith(("CRENEAU_MAIL_", "CRENEAU_SMTP_"))
)


def variable_problems(
    environ: Mapping[str, str], names: tuple[str, ...] | None = None
) -> list[str]:
    """One line per malformed variable (an empty value means "the default")."""
    problems: list[str] = []
    for name in names if names is not None else tuple(VARIABLES):
        variable = VARIABLES[name]
        raw = environ.get(name)
        if raw is None or variable.check is None:
            continue
        value = raw.strip()
        if value == "" and name != "CRENEAU_ENV":
            continue
        if not variable.check(value):
            problems.append(f"{name}: expected {variable.expected}, got {raw!r}")
    if names is None:
        problems.extend(_consistency_problems(environ))
    return problems


def _consistency_problems(environ: Mapping[str, str]) -> list[str]:
    """Values fine on their own but not together."""
    mode = environ.get("CRENEAU_TRUSTED_DOCUMENTS_MODE", "").strip() or "off"
    path = environ.get("CRENEAU_TRUSTED_DOCUMENTS", "").strip()
    problems = []
    if mode in {"allow", "require"} and not path:
        problems.append(
            f"CRENEAU_TRUSTED_DOCUMENTS: expected the path of a manifest "
            f"(CRENEAU_TRUSTED_DOCUMENTS_MODE is {mode}), got nothing"
        )
    protocols = environ.get("CRENEAU_WS_PROTOCOLS", "")
    if mode == "require" and "graphql-ws" in [p.strip() for p in protocols.split(",")]:
        problems.append(
            "CRENEAU_WS_PROTOCOLS: expected graphql-transport-ws only when "
            "CRENEAU_TRUSTED_DOCUMENTS_MODE is require (the legacy graphql-ws protocol "
            "bypasses trusted documents), got " + repr(protocols)
        )
    return problems


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """A warning per ``CRENEAU_*`` variable nobody reads, with the closest known name."""
    warnings = []
    for name in sorted(environ):
        if not name.startswith("CRENEAU_") or name in VARIABLES:
            continue
        if name.startswith(TOOLING_PREFIXES):
            continue
        # Compared without the common prefix, which would make everything look close.
        suffixes = {known.removeprefix("CRENEAU_"): known for known in VARIABLES}
        close = difflib.get_close_matches(name.removeprefix("CRENEAU_"), suffixes, 1, 0.75)
        hint = f" (did you mean {suffixes[close[0]]}?)" if close else ""
        warnings.append(f"unknown setting {name} ignored{hint}")
    return warnings


def check_environment(environ: Mapping[str, str], names: tuple[str, ...] | None = None) -> None:
    """Raise one ``SettingsError`` naming every malformed variable; log a warning line
    per unknown ``CRENEAU_*`` variable (only when checking them all)."""
    if names is None:
        for warning in unknown_variables(environ):
            logger.warning("%s", warning)
    problems = variable_problems(environ, names)
    if problems:
        raise SettingsError(problems)


def production_problems(settings: Settings, environ: Mapping[str, str]) -> list[str]:
    """What a town must not run in production (empty outside production)."""
    if settings.environment != "production":
        return []
    problems = []
    if settings.payment_sandbox_secret == DEFAULT_PAYMENT_SANDBOX_SECRET:
        problems.append(
            "CRENEAU_PAYMENT_SANDBOX_SECRET: expected a secret of your own in production, "
            "got the development default"
        )
    if not settings.portal_url.startswith("https://"):
        problems.append(
            "CRENEAU_PORTAL_URL: expected the https:// address of the family portal in "
            f"production (links in mails), got {settings.portal_url!r}"
        )
    backend = environ.get("CRENEAU_MAIL_BACKEND", "").strip() or "file"
    if backend != "smtp":
        problems.append(
            "CRENEAU_MAIL_BACKEND: expected smtp in production (families must receive "
            f"their mails), got {backend!r}"
        )
    if environ.get("CRENEAU_PASSWORD_HASH_COST", "").strip() == "test":
        problems.append(
            "CRENEAU_PASSWORD_HASH_COST: expected default in production (the test cost "
            "makes stored passwords cheap to crack), got 'test'"
        )
    return problems


def refuse_unsafe_production(settings: Settings, environ: Mapping[str, str]) -> None:
    """Raise one ``SettingsError`` listing every unsafe production setting."""
    problems = production_problems(settings, environ)
    if problems:
        raise SettingsError(["refused in production: " + problems[0], *problems[1:]])
