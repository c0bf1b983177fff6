"""``creneau notifications failed|retry`` over every channel (with the channel and the
recipient of each row), ``creneau mail …`` limited to mails as before, and ``creneau push
keys`` (the VAPID key pair: a private PEM readable by its owner, the public key printed)."""

from __future__ import annotations

import asyncio
import base64
import stat
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notifications.push_subscriptions import vapid_public_key
from models import OutboxMessage, PushSubscription
from models.notification import NotificationChannel
from models.outbox import OutboxStatus
from server.cli import main
from server.notification_delivery.push import load_vapid_key
from tests import factories


async def _run(argv: list[str]) -> int:
    # The command runs its own event loop: give it a thread of its own.
    return await asyncio.to_thread(main, argv)


async def test_failed_rows_of_every_channel_are_listed_and_retried(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    town = await factories.make_tenant(session)
    account = await factories.make_account(session, town, email="parent@example.fr")
    subscription = PushSubscription(
        tenant_id=town.id,
        account_id=account.id,
        endpoint="https://push.example/a",
        p256dh="k",
        auth="a",
    )
    session.add(subscription)
    await session.flush()
    rows = {
        NotificationChannel.MAIL: OutboxMessage(
            to_address="parent@example.fr", last_error="SMTPRecipientsRefused: 550 no such user"
        ),
        NotificationChannel.SMS: OutboxMessage(
            to_address="+33612345678", last_error='PermanentDeliveryError: HTTP 400: {"code"}'
        ),
        NotificationChannel.PUSH: OutboxMessage(
            to_address="",
            push_subscription_id=subscription.id,
            last_error="SubscriptionGone: Push failed: 410 Gone",
        ),
    }
    for channel, row in rows.items():
        row.tenant_id, row.channel, row.template = town.id, channel, "change_request_decided"
        row.subject, row.text_body, row.status, row.attempts = "", "…", OutboxStatus.FAILED, 1
        session.add(row)
    await session.commit()
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)

    assert await _run(["notifications", "failed"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "id\ttenant\tcreated (UTC)\tattempts\tchannel\tto\ttemplate\tlast error"
    listed = [line.split("\t") for line in lines[1:4]]
    assert [(c[4], c[5], c[7].split(":")[0]) for c in listed] == [
        ("MAIL", "parent@example.fr", "SMTPRecipientsRefused"),
        ("SMS", "+33612345678", "PermanentDeliveryError"),
        ("PUSH", f"push subscription {subscription.id}", "SubscriptionGone"),
    ]
    assert lines[4].startswith("3 failed message(s); `creneau notifications retry")

    # `mail` is the mails' view, as before SMS and push.
    assert await _run(["mail", "failed"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[2].startswith("1 failed mail(s)")
    assert await _run(["mail", "retry", "--id", str(rows[NotificationChannel.SMS].id)]) == 1
    assert f"no mail with id {rows[NotificationChannel.SMS].id}" in capsys.readouterr().err

    assert await _run(["notifications", "retry", "--all-failed", "--channel", "sms"]) == 0
    assert "1 message(s) queued again" in capsys.readouterr().out
    assert await _run(["notifications", "failed", "--channel", "PUSH"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    session.expire_all()
    statuses = {row.channel: row.status for row in await session.scalars(select(OutboxMessage))}
    assert statuses == {
        NotificationChannel.MAIL: OutboxStatus.FAILED,
        NotificationChannel.SMS: OutboxStatus.PENDING,
        NotificationChannel.PUSH: OutboxStatus.FAILED,
    }


async def test_push_keys_writes_a_private_key_and_prints_the_public_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "secrets" / "vapid.pem"

    assert await _run(["push", "keys", "--to", str(target)]) == 0

    out = capsys.readouterr().out
    public = vapid_public_key(target)
    assert public in out and f"CRENEAU_VAPID_PRIVATE_KEY={target.resolve()}" in out
    assert len(base64.urlsafe_b64decode(public + "=")) == 65
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert load_vapid_key(target).public_key is not None  # what the worker signs with

    # An existing key is kept (subscriptions depend on it) unless --force.
    assert await _run(["push", "keys", "--to", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert vapid_public_key(target) == public
    assert await _run(["push", "keys", "--to", str(target), "--force"]) == 0
    assert vapid_public_key(target) != public
