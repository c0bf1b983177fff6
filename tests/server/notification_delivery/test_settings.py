"""Mail settings: defaults, the environment, malformed values refused, and retry delays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from server.notification_delivery import (
    FileMailBackend,
    MailSettings,
    SmtpMailBackend,
    build_backend,
    retry_delay,
)

# --------------------------------------------------------------------------- settings


def test_mail_settings_defaults_and_environment() -> None:
    defaults = MailSettings.from_env({})
    assert defaults == MailSettings()
    assert defaults.backend == "file"
    assert defaults.mail_dir == Path("var/mail")
    assert (defaults.smtp_host, defaults.smtp_port, defaults.smtp_starttls) == (
        "127.0.0.1",
        25,
        False,
    )
    assert (defaults.poll_seconds, defaults.max_attempts) == (2.0, 8)
    assert isinstance(build_backend(defaults), FileMailBackend)

    settings = MailSettings.from_env(
        {
            "CRENEAU_MAIL_BACKEND": "smtp",
            "CRENEAU_VAR_DIR": "/srv/creneau",
            "CRENEAU_SMTP_HOST": "smtp.example",
            "CRENEAU_SMTP_PORT": "587",
            "CRENEAU_SMTP_USERNAME": "creneau",
            "CRENEAU_SMTP_PASSWORD": "s3cret",
            "CRENEAU_SMTP_STARTTLS": "1",
            "CRENEAU_MAIL_POLL_SECONDS": "0.5",
            "CRENEAU_MAIL_MAX_ATTEMPTS": "3",
        }
    )
    assert settings.mail_dir == Path("/srv/creneau/mail")
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == (
        "smtp.example",
        587,
        True,
    )
    assert (settings.smtp_username, settings.smtp_password) == ("creneau", "s3cret")
    assert (settings.poll_seconds, settings.max_attempts) == (0.5, 3)
    assert "s3cret" not in repr(settings)
    backend = build_backend(settings)
    assert isinstance(backend, SmtpMailBackend)
    assert (backend.host, backend.port, backend.start_tls) == ("smtp.example", 587, True)


@pytest.mark.parametrize(
    "environ",
    [
        {"CRENEAU_MAIL_BACKEND": "sendmail"},
        {"CRENEAU_SMTP_PORT": "smtp"},
        {"CRENEAU_SMTP_PORT": "70000"},
        {"CRENEAU_SMTP_STARTTLS": "yes"},
        {"CRENEAU_MAIL_POLL_SECONDS": "0"},
        {"CRENEAU_MAIL_MAX_ATTEMPTS": "0"},
    ],
)
def test_mail_settings_refuse_malformed_values(environ: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="CRENEAU_"):
        MailSettings.from_env(environ)


def test_retry_delays_double_up_to_six_hours() -> None:
    minutes = [retry_delay(n) / dt.timedelta(minutes=1) for n in range(1, 12)]
    assert minutes == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]
    assert retry_delay(10_000) == dt.timedelta(hours=6)
