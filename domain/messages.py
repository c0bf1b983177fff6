"""Messages on a request: staff write to the family, the family replies.

A message belongs to one request (and so to one family). Staff of the request's tenant may
write on any of its requests, a parent only on their own family's; an ID of anything else
is « introuvable », exactly like an ID that does not exist. A message is unread for the
other side until they mark it read (``domain.bookings.decisions.inbox``). When staff write,
the family's author of the request is notified (« Nouveau message »: mail, and SMS/push as
they chose) in the same transaction. A retry with the same idempotency key returns the first
message.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import display_name
from domain.counters import format_reference
from domain.labels import label
from domain.notifications.dispatch import notify
from domain.notifications.recipients import REQUESTS_LINK, account_recipient
from kernel import idempotency
from kernel.results import fail
from models import Account, Message, Request, Tenant
from models.notification import NotificationKind

NOT_FOUND: Final = "NOT_FOUND"
REQUIRED: Final = "REQUIRED"
TOO_LONG: Final = "TOO_LONG"
IDEMPOTENCY_KEY_REUSED: Final = "IDEMPOTENCY_KEY_REUSED"


class RequestMessagePostErrorCode(enum.StrEnum):
    """Why requestMessagePost was refused."""

    IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


POST_ERROR_CODES: Final = frozenset(RequestMessagePostErrorCode)

MAX_BODY: Final = 5000
TEMPLATE: Final = "request_message_posted"


@dataclass(frozen=True, slots=True)
class Posted:
    """The message written (or found again on a retry) and its request."""

    message: Message
    request: Request
    replayed: bool


def _body(value: str) -> str:
    text = value.strip()
    if not text:
        raise fail(REQUIRED, "Écrivez votre message.", "body")
    if len(text) > MAX_BODY:
        raise fail(TOO_LONG, f"Le message est trop long ({MAX_BODY} caractères au plus).", "body")
    return text


async def _visible_request(
    session: AsyncSession,
    tenant_id: int,
    request_id: int | None,
    *,
    staff: bool,
    own_family_id: int | None,
) -> Request:
    request = None
    if request_id is not None and (staff or own_family_id is not None):
        stmt = select(Request).where(Request.tenant_id == tenant_id, Request.id == request_id)
        if not staff:
            stmt = stmt.where(Request.family_id == own_family_id)
        request = await session.scalar(stmt)
    if request is None:
        raise fail(NOT_FOUND, "Demande introuvable.", "request")
    return request


async def _replay(
    session: AsyncSession, tenant_id: int, account_id: int, key: str, request: Request, body: str
) -> Message | None:
    return await idempotency.earlier(
        session,
        select(Message).where(
            Message.tenant_id == tenant_id,
            Message.author_account_id == account_id,
            Message.idempotency_key == key,
        ),
        same=lambda m: m.request_id == request.id and m.body == body,
        what="un autre message",
    )


async def post_message(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    staff: bool,
    own_family_id: int | None,
    request_id: int | None,
    body: str,
    idempotency_key: str | None,
    now: dt.datetime,
) -> Posted:
    """Write a message on a request (staff to the family, or a parent's reply).

    Raises ``DomainFailure`` (NOT_FOUND, REQUIRED, TOO_LONG, IDEMPOTENCY_KEY_REUSED); then
    nothing is written.
    """
    text = _body(body)
    key = idempotency.clean_key(idempotency_key)
    request = await _visible_request(
        session, tenant_id, request_id, staff=staff, own_family_id=own_family_id
    )
    if key is not None:
        found = await _replay(session, tenant_id, account_id, key, request, text)
        if found is not None:
            return Posted(found, request, replayed=True)
    message = Message(
        tenant_id=tenant_id,
        family_id=request.family_id,
        request_id=request.id,
        author_account_id=account_id,
        from_staff=staff,
        subject=f"Demande n° {format_reference(request.reference)} : {label(request.type)}"[:200],
        body=text,
        idempotency_key=key,
        created_at=now,
    )
    session.add(message)
    await session.flush()
    if staff:
        await _mail_family(session, request, message, now)
    return Posted(message, request, replayed=False)


async def _mail_family(
    session: AsyncSession, request: Request, message: Message, now: dt.datetime
) -> None:
    # To the account that made the request, as every mail about a request: a NEW_MESSAGE
    # notification (mail, and SMS/push as the parent chose), once per message.
    if request.created_by_account_id is None:
        return
    account = await session.get(Account, request.created_by_account_id)
    tenant = await session.get(Tenant, request.tenant_id)
    if account is None or tenant is None:
        return
    await notify(
        session,
        tenant_id=request.tenant_id,
        family_id=request.family_id,
        recipient=account_recipient(account),
        kind=NotificationKind.NEW_MESSAGE,
        topic=TEMPLATE,
        context={
            "tenant": {"name": tenant.name, "service_name": tenant.service_name},
            "recipient_name": display_name(account.civility, account.first_name, account.last_name),
            "request_label": label(request.type),
            "reference": request.reference,
            "message": message.body,
        },
        now=now,
        dedupe_key=f"message:{message.id}",
        link=REQUESTS_LINK,
    )
