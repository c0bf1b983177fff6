"""A claimed outbox mail (``OutgoingMail``) and its RFC 5322 message, the same for every
backend."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """A claimed outbox mail with what is needed to send it (the tenant's sender)."""

    id: int
    template: str
    sender: str  # the tenant's mail_from: "nepasrepondre@…" or "Name <nepasrepondre@…>"
    sender_name: str  # the tenant's name, used when mail_from has no display name
    to_address: str
    subject: str
    text_body: str
    html_body: str | None
    created_at: dt.datetime


def _sender_address(mail: OutgoingMail) -> Address:
    name, addr_spec = getaddresses([mail.sender])[0]
    if not addr_spec:
        raise ValueError(f"tenant sender address {mail.sender!r} is not an address")
    return Address(display_name=name or mail.sender_name, addr_spec=addr_spec)


def build_message(mail: OutgoingMail) -> EmailMessage:
    """The RFC 5322 message of an outbox mail, the same for every backend.

    multipart/alternative (text, then HTML) when there is an HTML body; the Message-ID is
    derived from the outbox row, so a mail sent twice after a lost lease is recognizable
    as one message by the receiving side.
    """
    sender = _sender_address(mail)
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at.astimezone(dt.UTC))
    domain = sender.domain or "creneau.invalid"
    message["Message-ID"] = f"<outbox.{mail.id}.{mail.created_at:%Y%m%d%H%M%S}@{domain}>"
    # RFC 3834: automatic mail; well-behaved servers send no out-of-office replies to it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.text_body, cte="quoted-printable")
    if mail.html_body is not None:
        message.add_alternative(mail.html_body, subtype="html", cte="quoted-printable")
    return message
