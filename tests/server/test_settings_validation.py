"""Settings checked in one place: every malformed ``CRENEAU_*`` variable named in one error,
unknown ones reported with the closest known name, unsafe production settings refused."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from kernel.settings import Settings
from kernel.settings_check import (
    VARIABLES,
    SettingsError,
    production_problems,
    refuse_unsafe_production,
    unknown_variables,
    variable_problems,
)
from server.cli import main
from server.notification_delivery import MailSettings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No CRENEAU_* variable but the test suite's own (database, hash cost)."""
    import os

    kept = ("CRENEAU_TEST_", "CRENEAU_PASSWORD_HASH_COST")
    for name in list(os.environ):
        if name.startswith("CRENEAU_") and not name.startswith(kept):
            monkeypatch.delenv(name)
    return monkeypatch


def test_every_bad_variable_is_named_in_one_error(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("CRENEAU_PORT", "abc")
    clean_env.setenv("CRENEAU_MAX_QUERY_DEPTH", "-1")
    clean_env.setenv("CRENEAU_LOG_FORMAT", "xml")
    clean_env.setenv("CRENEAU_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")
    clean_env.setenv("CRENEAU_SMTP_PORT", "70000")
    with pytest.raises(SettingsError) as raised:
        Settings.from_env()
    message = str(raised.value)
    assert "CRENEAU_PORT: expected a TCP port (1-65535), got 'abc'" in message
    assert "CRENEAU_MAX_QUERY_DEPTH: expected a positive integer, got '-1'" in message
    assert "CRENEAU_LOG_FORMAT: expected json or text, got 'xml'" in message
    assert "CRENEAU_TRUSTED_PROXIES: expected IP addresses or CIDR networks" in message
    assert "CRENEAU_SMTP_PORT: expected a TCP port (1-65535), got '70000'" in message
    assert len(raised.value.problems) == 5
    assert "\n" not in message
    assert isinstance(raised.value, ValueError)  # what `creneau` and older callers catch


def test_valid_and_empty_values_pass(clean_env: pytest.MonkeyPatch) -> None:
    for name, value in {
        "CRENEAU_PORT": "8080",
        "CRENEAU_MAX_QUERY_DEPTH": "",  # empty: the default
        "CRENEAU_LOG_FORMAT": "JSON",
        "CRENEAU_METRICS_ENABLED": "yes",
        "CRENEAU_RATE_LIMIT_PER_ADDRESS": "10/s",
        "CRENEAU_WS_KEEP_ALIVE_SECONDS": "0",
        "CRENEAU_PUBLIC_INTROSPECTION": "1",
        "CRENEAU_TRUSTED_DOCUMENTS_MODE": "off",
    }.items():
        clean_env.setenv(name, value)
    settings = Settings.from_env()
    assert (settings.port, settings.max_query_depth, settings.log_format) == (8080, 12, "json")
    assert settings.public_introspection is True
    assert settings.trusted_documents_mode == "off" and settings.trusted_documents is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CRENEAU_ENV", "prod"),
        ("CRENEAU_ENV", ""),
        ("CRENEAU_SQL_ECHO", "true"),
        ("CRENEAU_MAIL_SENDER", "no"),
        ("CRENEAU_PORTAL_URL", "creneau.example"),
        ("CRENEAU_EVENTS_POLL_SECONDS", "0"),
        ("CRENEAU_WS_PROTOCOLS", "graphql-sse"),
        ("CRENEAU_RATE_LIMIT_PER_ACCOUNT", "many"),
        ("CRENEAU_MAX_BODY_BYTES", "1MB"),
        ("CRENEAU_TRUSTED_DOCUMENTS_MODE", "strict"),
        ("CRENEAU_PUBLIC_INTROSPECTION", "yes"),
    ],
)
def test_each_malformed_value_is_named(name: str, value: str) -> None:
    [problem] = variable_problems({name: value})
    assert problem.startswith(f"{name}: expected ")
    assert problem.endswith(f"got {value!r}")


def test_trusted_documents_mode_needs_a_manifest_and_the_modern_protocol() -> None:
    problems = variable_problems(
        {
            "CRENEAU_TRUSTED_DOCUMENTS_MODE": "require",
            "CRENEAU_WS_PROTOCOLS": "graphql-transport-ws,graphql-ws",
        }
    )
    assert [p.split(":")[0] for p in problems] == [
        "CRENEAU_TRUSTED_DOCUMENTS",
        "CRENEAU_WS_PROTOCOLS",
    ]


def test_mail_settings_collect_every_bad_variable_too() -> None:
    with pytest.raises(SettingsError) as raised:
        MailSettings.from_env(
            {
                "CRENEAU_MAIL_BACKEND": "sendmail",
                "CRENEAU_SMTP_STARTTLS": "yes",
                "CRENEAU_MAIL_MAX_ATTEMPTS": "0",
                "CRENEAU_PORT": "abc",  # not a mail variable: Settings reports it
            }
        )
    assert [p.split(":")[0] for p in raised.value.problems] == [
        "CRENEAU_MAIL_BACKEND",
        "CRENEAU_SMTP_STARTTLS",
        "CRENEAU_MAIL_MAX_ATTEMPTS",
    ]


def test_mail_settings_refuse_the_file_backend_in_production() -> None:
    with pytest.raises(SettingsError, match="CRENEAU_MAIL_BACKEND: expected smtp"):
        MailSettings.from_env({"CRENEAU_ENV": "production"})
    assert MailSettings.from_env({"CRENEAU_ENV": "production", "CRENEAU_MAIL_BACKEND": "smtp"})


def test_unknown_variables_are_a_warning_with_the_closest_name(
    clean_env: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert unknown_variables(
        {
            "CRENEAU_DATABSE_URL": "x",
            "CRENEAU_PORT": "1",
            "CRENEAU_TEST_DATABASE_URL": "x",  # the test suite's own
            "CRENEAU_ZZZZZZ": "1",
            "HOME": "/root",
        }
    ) == [
        "unknown setting CRENEAU_DATABSE_URL ignored (did you mean CRENEAU_DATABASE_URL?)",
        "unknown setting CRENEAU_ZZZZZZ ignored",
    ]
    clean_env.setenv("CRENEAU_MAX_QUERY_DEPHT", "5")
    with caplog.at_level(logging.WARNING, logger="creneau.settings"):
        settings = Settings.from_env()  # not an error
    assert settings.max_query_depth == 12
    assert "did you mean CRENEAU_MAX_QUERY_DEPTH?" in caplog.text


def test_creneau_prints_every_problem_on_one_line_and_exits_2(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_env.setenv("CRENEAU_PORT", "abc")
    clean_env.setenv("CRENEAU_MAX_ALIASES", "many")
    assert main(["migrate"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("creneau: error: CRENEAU_PORT: expected a TCP port")
    assert "CRENEAU_MAX_ALIASES: expected a positive integer, got 'many'" in line


def test_every_variable_the_code_reads_is_known() -> None:
    """A new ``CRENEAU_*`` variable needs a row in kernel/settings_check.py's table (else it
    is reported as unknown, and not validated)."""
    read: set[str] = set()
    for folder in ("kernel", "server", "domain", "schema", "resolvers", "models"):
        for path in (REPO / folder).rglob("*.py"):
            read.update(re.findall(r"\"(CRENEAU_[A-Z0-9_]*[A-Z0-9])\"", path.read_text()))
    read -= {"CRENEAU_TABLES"}  # a constant's name, not a variable
    assert sorted(read - set(VARIABLES)) == []


# --------------------------------------------------------------------------- production

SAFE_PRODUCTION = Settings(
    environment="production",
    portal_url="https://portail.ville.example",
    payment_sandbox_secret="a-long-secret-of-this-town",
)


def test_production_lists_every_unsafe_default_at_once() -> None:
    unsafe = Settings(environment="production")  # the development defaults
    environ = {"CRENEAU_PASSWORD_HASH_COST": "test"}
    problems = production_problems(unsafe, environ)
    assert [p.split(":")[0] for p in problems] == [
        "CRENEAU_PAYMENT_SANDBOX_SECRET",
        "CRENEAU_PORTAL_URL",
        "CRENEAU_MAIL_BACKEND",
        "CRENEAU_PASSWORD_HASH_COST",
    ]
    with pytest.raises(SettingsError) as raised:
        refuse_unsafe_production(unsafe, environ)
    message = str(raised.value)
    assert message.startswith("refused in production: CRENEAU_PAYMENT_SANDBOX_SECRET")
    assert "CRENEAU_PORTAL_URL: expected the https:// address" in message
    assert "'http://127.0.0.1:8000'" in message


def test_safe_production_and_development_pass() -> None:
    refuse_unsafe_production(SAFE_PRODUCTION, {"CRENEAU_MAIL_BACKEND": "smtp"})
    refuse_unsafe_production(Settings(), {"CRENEAU_PASSWORD_HASH_COST": "test"})


def test_the_server_refuses_to_start_with_unsafe_production_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from server.app import create_app

    monkeypatch.setenv("CRENEAU_MAIL_BACKEND", "file")
    settings = Settings(
        environment="production",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}",
        var_dir=tmp_path,
    )
    with pytest.raises(SettingsError, match="refused in production") as raised:
        create_app(settings)
    assert "CRENEAU_MAIL_BACKEND" in str(raised.value)
