"""How messages leave the server: ``MailSettings`` and ``SmsSettings``, read from the
environment (Web Push reads its VAPID key from ``kernel.settings.Settings``, which the API
needs too for ``webPushPublicKey``)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kernel.settings_check import MAIL_VARIABLES, VARIABLES, SettingsError, check_environment

SMS_VARIABLES = tuple(name for name in VARIABLES if name.startswith("CRENEAU_SMS_"))
SMS_BACKENDS = ("none", "file", "http")
# Brevo's API (server/notification_delivery/sms_brevo.py); a test points it at a local fake.
DEFAULT_SMS_API_URL = "https://api.brevo.com"


def _env_int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _env_float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


@dataclass(frozen=True)
class MailSettings:
    """How mails leave the server; read from ``CRENEAU_MAIL_*`` / ``CRENEAU_SMTP_*``."""

    backend: str = "file"
    var_dir: Path = Path("var")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_starttls: bool = False
    smtp_timeout: float = 30.0
    poll_seconds: float = 2.0
    max_attempts: int = 8
    batch: int = 50

    @property
    def mail_dir(self) -> Path:
        """Where the file backend writes its ``.eml`` files."""
        return self.var_dir / "mail"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MailSettings:
        """Read the environment; a malformed value fails at start-up, not at the first mail."""
        env = os.environ if environ is None else environ
        check_environment(env, MAIL_VARIABLES)  # every malformed variable in one error
        backend = env.get("CRENEAU_MAIL_BACKEND", "").strip() or "file"
        if backend not in {"file", "smtp"}:
            raise ValueError("CRENEAU_MAIL_BACKEND must be file or smtp")
        if env.get("CRENEAU_ENV", "").strip() == "production" and backend != "smtp":
            raise SettingsError(
                [
                    "refused in production: CRENEAU_MAIL_BACKEND: expected smtp in production "
                    f"(families must receive their mails), got {backend!r}"
                ]
            )
        starttls = env.get("CRENEAU_SMTP_STARTTLS", "").strip() or "0"
        if starttls not in {"0", "1"}:
            raise ValueError("CRENEAU_SMTP_STARTTLS must be 0 or 1")
        port = _env_int(env, "CRENEAU_SMTP_PORT", 25)
        if not 0 < port < 65536:
            raise ValueError("CRENEAU_SMTP_PORT must be a TCP port")
        poll_seconds = _env_float(env, "CRENEAU_MAIL_POLL_SECONDS", 2.0)
        if poll_seconds <= 0:
            raise ValueError("CRENEAU_MAIL_POLL_SECONDS must be positive")
        max_attempts = _env_int(env, "CRENEAU_MAIL_MAX_ATTEMPTS", 8)
        if max_attempts < 1:
            raise ValueError("CRENEAU_MAIL_MAX_ATTEMPTS must be at least 1")
        return cls(
            backend=backend,
            var_dir=Path(env.get("CRENEAU_VAR_DIR", "").strip() or "var"),
            smtp_host=env.get("CRENEAU_SMTP_HOST", "").strip() or "127.0.0.1",
            smtp_port=port,
            smtp_username=env.get("CRENEAU_SMTP_USERNAME") or None,
            smtp_password=env.get("CRENEAU_SMTP_PASSWORD") or None,
            smtp_starttls=starttls == "1",
            poll_seconds=poll_seconds,
            max_attempts=max_attempts,
        )


@dataclass(frozen=True)
class SmsSettings:
    """How SMS leave the server; read from ``CRENEAU_SMS_*``.

    ``none`` (the default) sends no SMS: SMS rows stay queued until a worker with an SMS
    backend runs; ``file`` writes what would be sent to ``<var>/sms/sms.jsonl``; ``http``
    sends through the provider's REST API (Brevo) with ``api_key``.
    """

    backend: str = "none"
    var_dir: Path = Path("var")
    api_url: str = DEFAULT_SMS_API_URL
    api_key: str | None = field(default=None, repr=False)
    sender: str = "Creneau"
    timeout: float = 30.0

    @property
    def sms_dir(self) -> Path:
        """Where the file backend appends its JSON lines."""
        return self.var_dir / "sms"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmsSettings:
        """Read the environment; an ``http`` backend without its key fails at start-up."""
        env = os.environ if environ is None else environ
        check_environment(env, SMS_VARIABLES)
        backend = env.get("CRENEAU_SMS_BACKEND", "").strip() or "none"
        if backend not in SMS_BACKENDS:
            raise ValueError("CRENEAU_SMS_BACKEND must be none, file or http")
        api_key = env.get("CRENEAU_SMS_API_KEY", "").strip() or None
        if backend == "http" and api_key is None:
            raise SettingsError(
                [
                    "CRENEAU_SMS_API_KEY: expected the provider's API key (CRENEAU_SMS_BACKEND "
                    "is http), got nothing"
                ]
            )
        if env.get("CRENEAU_ENV", "").strip() == "production" and backend == "file":
            raise SettingsError(
                [
                    "refused in production: CRENEAU_SMS_BACKEND: expected http or none in "
                    "production (families must receive their SMS), got 'file'"
                ]
            )
        return cls(
            backend=backend,
            var_dir=Path(env.get("CRENEAU_VAR_DIR", "").strip() or "var"),
            api_url=(env.get("CRENEAU_SMS_API_URL", "").strip() or DEFAULT_SMS_API_URL).rstrip("/"),
            api_key=api_key,
            sender=env.get("CRENEAU_SMS_SENDER", "").strip() or "Creneau",
        )
