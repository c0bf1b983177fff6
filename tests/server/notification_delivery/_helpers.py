"""What the outbox delivery tests share: a recording SMTP server (aiosmtpd) and the mails
they queue and read back.
"""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.mail import enqueue_mail
from models import OutboxMessage
from models.outbox import OutboxStatus
from server.notification_delivery import SmtpMailBackend
from tests import factories

SENDER = "nepasrepondre@saint-ismier.example"


# --------------------------------------------------------------------------- SMTP server


class RecordingHandler:
    """An aiosmtpd handler keeping every accepted message; replies can be made to fail."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.data_reply: str | None = None
        self.rcpt_replies: dict[str, str] = {}

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        reply = self.rcpt_replies.get(address)
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.data_reply is not None:
            return self.data_reply
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(envelope.content, policy=policy.default)
            for envelope in self.envelopes
        ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    def __init__(self, handler: RecordingHandler, port: int) -> None:
        self.handler = handler
        self.port = port

    def backend(self) -> SmtpMailBackend:
        return SmtpMailBackend(host="127.0.0.1", port=self.port, timeout=5)


async def queue_mails(
    sessions: async_sessionmaker[AsyncSession], recipients: list[str]
) -> list[int]:
    """One committed « accusé d'enregistrement » per recipient, as a domain action would."""
    async with sessions() as session:
        tenant = await factories.make_tenant(
            session,
            name="Mairie de Saint-Ismier",
            service_name="Le service enfance jeunesse et scolaire",
            mail_from=f"Espace Famille Saint-Ismier <{SENDER}>",
        )
        ids = []
        for n, to in enumerate(recipients):
            mail = await enqueue_mail(
                session,
                tenant_id=tenant.id,
                to=to,
                template="change_request_received",
                context={
                    "tenant": tenant,
                    "recipient_name": "M. Matthieu BLMAN",
                    "request_label": "Ajout de réservation – 1/Péri MATIN",
                    "reference": 17_378_981 + n,
                    "created_at": dt.datetime(2019, 4, 4, 7, 14, tzinfo=dt.UTC),
                    "portal_url": "https://portail.example/saint-ismier/accueil",
                },
            )
            ids.append(mail.id)
        await session.commit()
    return ids


async def load(sessions: async_sessionmaker[AsyncSession], mail_id: int) -> OutboxMessage:
    async with sessions() as session:
        return (
            await session.execute(select(OutboxMessage).where(OutboxMessage.id == mail_id))
        ).scalar_one()


async def statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[int, OutboxStatus]:
    async with sessions() as session:
        rows = await session.execute(select(OutboxMessage.id, OutboxMessage.status))
        return {row.id: row.status for row in rows}


def body_of(message: EmailMessage, subtype: str) -> str:
    """The text of the message's ``text/<subtype>`` part, which every outbox mail has."""
    part = message.get_body((subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(part.get_content())
