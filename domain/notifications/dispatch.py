"""``notify``: the one path a domain change takes to tell someone something.

In the caller's transaction (flushed, not committed), it writes the ``Notification`` row —
skipped when its ``dedupe_key`` was already notified, by the database's unique constraint
(``INSERT … ON CONFLICT DO NOTHING``, race-safe on SQLite and PostgreSQL) — and one
``OutboxMessage`` row per channel the recipient gets it on (``channels.decide``):

- MAIL: the mail template ``topic`` rendered as ``domain.mail.enqueue_mail`` does;
- SMS: the topic's short text (GSM-7, one SMS) to the mobile of the live SMS consent;
- PUSH: one row per live push subscription, ``text_body`` the JSON payload
  ``{title, body, link, kind, notificationId}``.

SMS and push rows created inside the town's quiet hours wait for their end; mail does not.
``notify_many`` does the same for a batch (a billing run's invoices) in a constant number of
statements.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

from sqlalchemy import Table, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mail import RenderedMail, outbox_address, render_mail
from domain.notifications.channels import Reach, decide, load_reach
from domain.notifications.quiet_hours import quiet_until
from domain.notifications.short_text import ShortText, render_short_text
from domain.notifications.town_offer import MAIL, PUSH, SMS, read_offer
from models import OutboxMessage, Tenant
from models.notification import Notification, NotificationKind
from models.outbox import OutboxStatus

_TITLE_MAX: Final = 200
# ORM bulk INSERTs leave out None values by default, which splits the rows into one
# statement per combination of null columns (a recipient with or without an account…).
_ONE_BATCH: Final = {"render_nulls": True}


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a notification is for: their account (None: a guardian without one — mail
    only), their e-mail (None: no mail), the greeting's name and their guardian, if any."""

    account_id: int | None
    email: str | None
    name: str
    guardian_id: int | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification of a batch (``notify_many``): the arguments of ``notify`` that
    change from one recipient to the next."""

    family_id: int | None
    recipient: Recipient
    context: Mapping[str, object]
    dedupe_key: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class _Rendered:
    notice: Notice
    mail: RenderedMail
    short: ShortText | None


async def notify(
    session: AsyncSession,
    *,
    tenant_id: int,
    family_id: int | None,
    recipient: Recipient,
    kind: NotificationKind,
    topic: str,
    context: Mapping[str, object],
    now: dt.datetime,
    dedupe_key: str | None = None,
    link: str | None = None,
) -> Notification | None:
    """Tell ``recipient`` about something of ``kind``: the ``Notification`` row and its
    outbox rows, in the caller's transaction. ``topic`` is a mail template of
    ``domain.mail.MAIL_TEMPLATES`` and ``context`` its variables (``tenant`` and
    ``recipient_name`` are filled in when absent). Returns None, writing nothing, when
    ``dedupe_key`` was already notified in this tenant."""
    notice = Notice(family_id, recipient, context, dedupe_key, link)
    (notification,) = await notify_many(
        session, tenant_id=tenant_id, kind=kind, topic=topic, notices=[notice], now=now
    )
    return notification


async def notify_many(
    session: AsyncSession,
    *,
    tenant_id: int,
    kind: NotificationKind,
    topic: str,
    notices: Sequence[Notice],
    now: dt.datetime,
) -> list[Notification | None]:
    """``notify`` for each of ``notices`` (same kind and topic) in a constant number of
    statements — one INSERT per table, three reads of how the accounts can be reached.
    Returns each notice's row, or None when its ``dedupe_key`` was already notified (or
    repeats an earlier notice of the batch)."""
    if not notices:
        return []
    tenant = await session.get(Tenant, tenant_id)
    if tenant is None:
        raise ValueError(f"unknown tenant {tenant_id}")
    rendered = [_render(tenant, topic, notice) for notice in notices]
    rows = await _insert_notifications(session, tenant_id, kind, topic, rendered, now)
    offer = read_offer(tenant)
    account_ids = {
        r.notice.recipient.account_id
        for r, row in zip(rendered, rows, strict=True)
        if row is not None and r.notice.recipient.account_id is not None
    }
    reach = await load_reach(session, tenant_id, account_ids)
    delayed = quiet_until(now, offer.quiet_hours, tenant.timezone) or now
    messages: list[dict[str, Any]] = []
    for item, row in zip(rendered, rows, strict=True):
        if row is None:
            continue
        recipient = item.notice.recipient
        account_reach = reach.get(recipient.account_id) if recipient.account_id else None
        channels = decide(
            kind,
            offer,
            account_reach,
            has_email=bool(recipient.email and recipient.email.strip()),
            has_short_text=item.short is not None,
        )
        messages.extend(
            _outbox_rows(tenant_id, topic, kind, item, row, account_reach, channels, now, delayed)
        )
    if messages:
        await session.execute(insert(cast(Table, OutboxMessage.__table__)), messages)
    return rows


def _render(tenant: Tenant, topic: str, notice: Notice) -> _Rendered:
    values = dict(notice.context)
    values.setdefault(
        "tenant",
        {"name": tenant.name, "service_name": tenant.service_name, "timezone": tenant.timezone},
    )
    values.setdefault("recipient_name", notice.recipient.name)
    return _Rendered(notice, render_mail(topic, values), render_short_text(topic, values))


async def _insert_notifications(
    session: AsyncSession,
    tenant_id: int,
    kind: NotificationKind,
    topic: str,
    rendered: Sequence[_Rendered],
    now: dt.datetime,
) -> list[Notification | None]:
    def values(item: _Rendered) -> dict[str, Any]:
        title = item.short.title if item.short else item.mail.subject
        return {
            "tenant_id": tenant_id,
            "family_id": item.notice.family_id,
            "account_id": item.notice.recipient.account_id,
            "kind": kind,
            "topic": topic,
            "title": title[:_TITLE_MAX],
            "body": item.short.body if item.short else item.mail.text,
            "link": item.notice.link,
            "dedupe_key": item.notice.dedupe_key,
            "created_at": now,
        }

    rows: list[Notification | None] = [None] * len(rendered)
    plain = [i for i, item in enumerate(rendered) if item.notice.dedupe_key is None]
    keyed: dict[str, int] = {}
    for i, item in enumerate(rendered):
        if item.notice.dedupe_key is not None:
            keyed.setdefault(item.notice.dedupe_key, i)  # a key repeated in the batch: once
    if plain:
        inserted = await session.scalars(
            insert(Notification).returning(Notification, sort_by_parameter_order=True),
            [values(rendered[i]) for i in plain],
            execution_options=_ONE_BATCH,
        )
        for i, notification in zip(plain, inserted.all(), strict=True):
            rows[i] = notification
    if keyed:
        dialect = session.get_bind().dialect.name
        insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert_fn(Notification)
            .on_conflict_do_nothing(index_elements=["tenant_id", "dedupe_key"])
            .returning(Notification)
        )
        for notification in await session.scalars(
            statement, [values(rendered[i]) for i in keyed.values()], execution_options=_ONE_BATCH
        ):
            rows[keyed[str(notification.dedupe_key)]] = notification
    return rows


def _outbox_rows(
    tenant_id: int,
    topic: str,
    kind: NotificationKind,
    item: _Rendered,
    notification: Notification,
    reach: Reach | None,
    channels: frozenset[Any],
    now: dt.datetime,
    delayed: dt.datetime,
) -> list[dict[str, Any]]:
    base = {
        "tenant_id": tenant_id,
        "notification_id": notification.id,
        "push_subscription_id": None,
        "template": topic,
        "status": OutboxStatus.PENDING,
        "attempts": 0,
        "created_at": now,
    }
    rows: list[dict[str, Any]] = []
    if MAIL in channels:
        email = outbox_address(item.notice.recipient.email or "")
        rows.append(
            base
            | {
                "channel": MAIL,
                "to_address": email,
                "subject": item.mail.subject,
                "text_body": item.mail.text,
                "html_body": item.mail.html,
                "next_attempt_at": now,
            }
        )
    if item.short is None or reach is None:
        return rows
    if SMS in channels and reach.sms_address:
        rows.append(
            base
            | {
                "channel": SMS,
                "to_address": reach.sms_address,
                "subject": "",
                "text_body": item.short.sms,
                "html_body": None,
                "next_attempt_at": delayed,
            }
        )
    if PUSH in channels:
        payload = json.dumps(
            {
                "title": item.short.title,
                "body": item.short.body,
                "link": item.notice.link,
                "kind": kind.value,
                "notificationId": notification.id,
            },
            ensure_ascii=False,
        )
        for subscription_id in reach.push_subscription_ids:
            rows.append(
                base
                | {
                    "channel": PUSH,
                    "push_subscription_id": subscription_id,
                    "to_address": "",
                    "subject": "",
                    "text_body": payload,
                    "html_body": None,
                    "next_attempt_at": delayed,
                }
            )
    return rows
