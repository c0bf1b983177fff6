"""SMS delivery: the sandbox writes what would be sent; Brevo's adapter, against a local
fake of its API, sends, fails at once on a 4xx and retries a 5xx; a sent SMS is announced
by a NOTIFICATION_SENT event committed with it."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.notification import NotificationChannel
from models.outbox import OutboxStatus
from server.notification_delivery import (
    BrevoSmsBackend,
    Channels,
    DeliveryReport,
    FileMailBackend,
    FileSmsBackend,
    deliver_due_messages,
)
from tests.server.notification_delivery._fakes import FakeBrevo, serve
from tests.server.notification_delivery._helpers import load
from tests.server.notification_delivery._seeds import (
    MOBILE,
    at,
    household,
    notification,
    sent_events,
)

SMS = NotificationChannel.SMS


async def test_the_sandbox_writes_the_sms_and_the_event_is_committed_with_it(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    home = await household(session)
    notification_id, rows = await notification(session, home, sms=True)
    await session.commit()
    [sms_id] = rows[SMS]
    sandbox = FileSmsBackend(tmp_path / "sms", sender="StIsmier")

    report = await deliver_due_messages(sessions, Channels(sms=sandbox), now=at(10))

    assert report == DeliveryReport(sent=(sms_id,))
    [line] = (tmp_path / "sms" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    written = json.loads(line)
    assert (written["id"], written["to"], written["sender"]) == (sms_id, MOBILE, "StIsmier")
    assert written["text"] == "Saint-Ismier : votre demande 17378981 est acceptee."
    assert (await load(sessions, sms_id)).status is OutboxStatus.SENT
    [event] = await sent_events(sessions)
    assert (event.subject_type, event.subject_id) == ("notification", notification_id)
    assert (event.tenant_id, event.family_id) == (home.tenant_id, home.family_id)
    assert event.payload == {
        "channel": "SMS",
        "kind": "REQUEST_DECIDED",
        "title": "Demande acceptée",
    }
    assert event.seq is not None  # numbered at commit: subscribers can read it

    # Sent once: another round finds nothing to do and writes no second event.
    assert await deliver_due_messages(sessions, Channels(sms=sandbox), now=at(11)) == (
        DeliveryReport()
    )
    assert len(await sent_events(sessions)) == 1


async def test_a_worker_without_an_sms_backend_leaves_sms_rows_queued(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    home = await household(session)
    _, rows = await notification(session, home, sms=True, mail=True)
    await session.commit()

    report = await deliver_due_messages(
        sessions, Channels(mail=FileMailBackend(tmp_path / "mail")), now=at(10)
    )

    assert report.sent == tuple(rows[NotificationChannel.MAIL])
    sms = await load(sessions, rows[SMS][0])
    assert (sms.status, sms.attempts) == (OutboxStatus.PENDING, 0)


async def test_brevo_sends_refuses_for_good_on_4xx_and_retries_5xx(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession]
) -> None:
    home = await household(session)
    _, first = await notification(session, home, sms=True, title="Première")
    _, second = await notification(session, home, sms=True, title="Deuxième")
    _, third = await notification(session, home, sms=True, title="Troisième")
    await session.commit()
    refused, retried, accepted = first[SMS][0], second[SMS][0], third[SMS][0]
    brevo = FakeBrevo(
        replies=[
            (400, {"code": "invalid_parameter", "message": "Invalid phone number"}),
            (503, {"code": "unavailable", "message": "Try again later"}),
        ]
    )

    async with serve(brevo.app()) as url:
        backend = BrevoSmsBackend(base_url=url, api_key=brevo.api_key, sender="StIsmier")
        # One at a time, so the fake's replies go to the rows in id order.
        first_round = await deliver_due_messages(
            sessions, Channels(sms=backend), now=at(10), concurrency=1
        )
        assert first_round == DeliveryReport(
            sent=(accepted,), retried=(retried,), failed=(refused,)
        )
        assert [body["recipient"] for body in brevo.received] == ["33612345678"] * 3
        assert brevo.received[0] == {
            "sender": "StIsmier",
            "recipient": "33612345678",
            "content": "Saint-Ismier : votre demande 17378981 est acceptee.",
            "type": "transactional",
            "tag": f"creneau-outbox-{refused}",
        }

        given_up = await load(sessions, refused)
        assert (given_up.status, given_up.attempts) == (OutboxStatus.FAILED, 1)
        assert given_up.last_error is not None
        assert "HTTP 400" in given_up.last_error and "Invalid phone number" in given_up.last_error
        waiting = await load(sessions, retried)
        assert (waiting.status, waiting.attempts) == (OutboxStatus.PENDING, 1)
        assert waiting.last_error is not None and "HTTP 503" in waiting.last_error

        # The retry is due a minute later; the provider is back.
        later = await deliver_due_messages(
            sessions, Channels(sms=backend), now=waiting.next_attempt_at
        )
        assert later == DeliveryReport(sent=(retried,))

    assert len(brevo.accepted) == 2
    assert sorted(e.payload["title"] for e in await sent_events(sessions)) == [
        "Deuxième",
        "Troisième",
    ]


async def test_a_wrong_api_key_fails_the_sms_without_retrying(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession]
) -> None:
    home = await household(session)
    _, rows = await notification(session, home, sms=True)
    await session.commit()
    brevo = FakeBrevo()

    async with serve(brevo.app()) as url:
        backend = BrevoSmsBackend(base_url=url, api_key="not-the-key", sender="StIsmier")
        report = await deliver_due_messages(sessions, Channels(sms=backend), now=at(10))

    assert report.failed == tuple(rows[SMS])
    row = await load(sessions, rows[SMS][0])
    assert row.last_error is not None and "HTTP 401" in row.last_error
    assert await sent_events(sessions) == []
