"""SMS and Web Push settings: what a worker delivers is read at start-up, and a half
configuration (an http SMS backend without its key, a VAPID key without its subject, a
sandbox in production, a sender name the provider refuses) fails there, not at the first
message."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from models.notification import NotificationChannel
from server.notification_delivery import (
    BrevoSmsBackend,
    FileSmsBackend,
    MailSettings,
    SmsSettings,
    WebPushBackend,
    build_channels,
    build_sms_backend,
)


def test_no_sms_by_default_and_the_sandbox_under_var() -> None:
    assert build_sms_backend(SmsSettings.from_env({})) is None
    sandbox = build_sms_backend(
        SmsSettings.from_env({"CRENEAU_SMS_BACKEND": "file", "CRENEAU_VAR_DIR": "/srv/creneau"})
    )
    assert isinstance(sandbox, FileSmsBackend)
    assert sandbox.path == Path("/srv/creneau/sms/sms.jsonl")


def test_the_http_backend_is_brevo_with_its_key_and_sender() -> None:
    settings = SmsSettings.from_env(
        {
            "CRENEAU_SMS_BACKEND": "http",
            "CRENEAU_SMS_API_KEY": "xkeysib-123",
            "CRENEAU_SMS_SENDER": "StIsmier",
        }
    )
    backend = build_sms_backend(settings)
    assert isinstance(backend, BrevoSmsBackend)
    assert (backend.base_url, backend.sender) == ("https://api.brevo.com", "StIsmier")
    assert "xkeysib" not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"CRENEAU_SMS_BACKEND": "http"}, "CRENEAU_SMS_API_KEY"),
        ({"CRENEAU_SMS_BACKEND": "pigeon"}, "CRENEAU_SMS_BACKEND"),
        ({"CRENEAU_SMS_SENDER": "Mairie de Saint-Ismier"}, "CRENEAU_SMS_SENDER"),
        ({"CRENEAU_SMS_API_URL": "api.brevo.com"}, "CRENEAU_SMS_API_URL"),
        ({"CRENEAU_SMS_BACKEND": "file", "CRENEAU_ENV": "production"}, "CRENEAU_SMS_BACKEND"),
    ],
)
def test_a_half_configuration_fails_at_start_up(environ: dict[str, str], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        SmsSettings.from_env(environ)


def test_web_push_needs_a_readable_key_and_a_subject(tmp_path: Path) -> None:
    key = tmp_path / "vapid.pem"
    key.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    mail, sms = MailSettings(var_dir=tmp_path), SmsSettings()

    channels = build_channels(
        mail, sms, vapid_private_key=key, vapid_subject="mailto:dsi@saint-ismier.example"
    )
    assert isinstance(channels.push, WebPushBackend)
    assert channels.delivered == (NotificationChannel.MAIL, NotificationChannel.PUSH)
    # Mail only: the deployment of before issue 16.
    plain = build_channels(mail, sms, vapid_private_key=None, vapid_subject=None)
    assert plain.delivered == (NotificationChannel.MAIL,)

    with pytest.raises(ValueError, match="CRENEAU_VAPID_SUBJECT"):
        build_channels(mail, sms, vapid_private_key=key, vapid_subject="")
    with pytest.raises(ValueError, match="CRENEAU_VAPID_PRIVATE_KEY"):
        build_channels(
            mail, sms, vapid_private_key=tmp_path / "missing.pem", vapid_subject="mailto:x@y.fr"
        )
    assert not (tmp_path / "missing.pem").exists()  # never generated behind the town's back
