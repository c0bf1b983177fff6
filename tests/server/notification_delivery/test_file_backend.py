"""The file backend: every mail is written as a parseable .eml, with the tenant's name on a
bare sender address.
"""

from __future__ import annotations

import email
import logging
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.mail import enqueue_mail
from models.outbox import OutboxStatus
from server.notification_delivery import DeliveryReport, FileMailBackend, deliver_due_mails
from tests import factories
from tests.server.notification_delivery._helpers import SENDER, body_of, load, queue_mails


def read_eml_files(directory: Path) -> list[tuple[str, EmailMessage]]:
    """Every file the file backend wrote, parsed (and nothing else lying around)."""
    found = []
    for path in sorted(directory.iterdir()):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        found.append((path.name, message))
    return found


# --------------------------------------------------------------------------- file backend


async def test_the_file_backend_writes_a_parseable_eml(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    [mail_id] = await queue_mails(sessions, ["matthieu.blman@example.fr"])
    directory = tmp_path / "var" / "mail"

    with caplog.at_level(logging.INFO, logger="creneau.mail"):
        report = await deliver_due_mails(sessions, FileMailBackend(directory))

    assert report == DeliveryReport(sent=(mail_id,))
    [(name, message)] = read_eml_files(directory)
    assert re.fullmatch(rf"\d{{8}}T\d{{12}}Z-{mail_id}\.eml", name)
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["To"] == "matthieu.blman@example.fr"
    assert message["Subject"] == "Accusé d'enregistrement électronique – demande n° 17 378 981"
    assert message["Message-ID"].startswith(f"<outbox.{mail_id}.")
    assert message["Date"].datetime.tzinfo is not None
    assert message.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]
    assert "est en cours d'instruction" in body_of(message, "plain")
    assert "<!DOCTYPE html>" in body_of(message, "html")
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any(
        "matthieu.blman@example.fr" in line and "Accusé d'enregistrement électronique" in line
        for line in lines
    )
    assert (await load(sessions, mail_id)).status is OutboxStatus.SENT


async def test_a_bare_sender_address_gets_the_tenants_name(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    tenant = await factories.make_tenant(
        session, name="Mairie de Crolles", mail_from="nepasrepondre@crolles.example"
    )
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to="parent@example.fr",
        template="password_reset",
        context={"recipient_name": None, "reset_url": "https://x.example/r", "valid_minutes": 60},
    )
    await session.commit()

    await deliver_due_mails(sessions, FileMailBackend(tmp_path / "mail"))

    [(_, message)] = read_eml_files(tmp_path / "mail")
    assert str(message["From"]) == "Mairie de Crolles <nepasrepondre@crolles.example>"
