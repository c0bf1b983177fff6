"""Web Push delivery end to end: the test plays the browser (its P-256 key pair and auth
secret, registered as the parent's app would) and its push service (a local endpoint that
checks the VAPID signature and decrypts the RFC 8291 payload); a subscription the service
says is gone (410) is revoked."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notifications import push_subscriptions
from models import NotificationConsent, PushSubscription
from models.notification import NotificationChannel
from models.outbox import OutboxStatus
from server.notification_delivery import Channels, DeliveryReport, deliver_due_messages
from server.notification_delivery.push import WebPushBackend, load_vapid_key
from tests.server.notification_delivery._fakes import Browser, FakePushService, serve
from tests.server.notification_delivery._helpers import load
from tests.server.notification_delivery._seeds import at, household, notification, sent_events

PUSH = NotificationChannel.PUSH


@pytest.fixture
def vapid_file(tmp_path: Path) -> Path:
    """The server's VAPID private key, as `creneau push keys` writes it."""
    path = tmp_path / "vapid_private_key.pem"
    path.write_bytes(
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


def _backend(vapid_file: Path) -> WebPushBackend:
    return WebPushBackend(
        vapid=load_vapid_key(vapid_file), subject="mailto:informatique@saint-ismier.example"
    )


async def test_a_push_reaches_the_browser_encrypted_and_signed(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], vapid_file: Path
) -> None:
    home = await household(session)
    browser = Browser()
    service = FakePushService(browsers={"abc": browser})

    async with serve(service.app()) as url:
        subscription = await push_subscriptions.register(
            session,
            tenant_id=home.tenant_id,
            account_id=home.account_id,
            endpoint=f"{url}/push/abc",
            p256dh=browser.p256dh,
            auth=browser.auth,
            user_agent="Mozilla/5.0 (Android 15) Firefox/140.0",
            now=at(9),
            allow_loopback=True,
        )
        notification_id, rows = await notification(session, home, subscriptions=(subscription.id,))
        await session.commit()
        [push_id] = rows[PUSH]

        report = await deliver_due_messages(
            sessions, Channels(push=_backend(vapid_file)), now=at(10)
        )

    assert report == DeliveryReport(sent=(push_id,))
    assert service.refused == []
    assert service.delivered == [
        (
            "abc",
            {
                "title": "Demande acceptée",
                "body": "Votre demande n° 17 378 981 est acceptée.",
                "link": "https://portail.example/saint-ismier/demandes/17378981",
                "kind": "REQUEST_DECIDED",
                "notificationId": notification_id,
            },
        )
    ]
    # Signed with the server's key: the one the app subscribed with (webPushPublicKey).
    assert service.vapid_keys == [push_subscriptions.vapid_public_key(vapid_file)]
    # Sent again after a lost lease, it would replace this one (RFC 8030 Topic).
    assert service.topics == [f"outbox-{push_id}"]
    assert (await load(sessions, push_id)).status is OutboxStatus.SENT
    [event] = await sent_events(sessions)
    assert event.payload["channel"] == "PUSH"
    assert (event.subject_id, event.family_id) == (notification_id, home.family_id)


async def test_a_subscription_the_service_says_is_gone_is_revoked(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], vapid_file: Path
) -> None:
    home = await household(session)
    gone, alive, flaky = Browser(), Browser(), Browser()
    service = FakePushService(
        browsers={"gone": gone, "alive": alive, "flaky": flaky},
        statuses={"gone": 410, "flaky": 503},
    )
    async with serve(service.app()) as url:
        ids = []
        for token, browser in (("gone", gone), ("alive", alive), ("flaky", flaky)):
            row = await push_subscriptions.register(
                session,
                tenant_id=home.tenant_id,
                account_id=home.account_id,
                endpoint=f"{url}/push/{token}",
                p256dh=browser.p256dh,
                auth=browser.auth,
                user_agent=None,
                now=at(9),
                allow_loopback=True,
            )
            ids.append(row.id)
        _, rows = await notification(session, home, subscriptions=tuple(ids))
        await session.commit()
        to_gone, to_alive, to_flaky = rows[PUSH]

        report = await deliver_due_messages(
            sessions, Channels(push=_backend(vapid_file)), now=at(10)
        )
        assert report == DeliveryReport(sent=(to_alive,), retried=(to_flaky,), failed=(to_gone,))

        # A later notification for the revoked subscription fails without a request.
        _, later = await notification(session, home, subscriptions=(ids[0],))
        await session.commit()
        second = await deliver_due_messages(
            sessions, Channels(push=_backend(vapid_file)), now=at(10)
        )
        assert second == DeliveryReport(failed=tuple(later[PUSH]))

    failed = await load(sessions, to_gone)
    assert failed.status is OutboxStatus.FAILED
    assert failed.last_error is not None and "SubscriptionGone" in failed.last_error
    assert "410" in failed.last_error
    retried = await load(sessions, to_flaky)
    assert (retried.status, retried.attempts) == (OutboxStatus.PENDING, 1)
    async with sessions() as check:
        revoked = await check.get(PushSubscription, ids[0])
        still = await check.get(PushSubscription, ids[1])
        assert revoked is not None and revoked.revoked_at is not None
        assert still is not None and still.revoked_at is None
        consents = await check.scalars(
            NotificationConsent.__table__.select().where(
                NotificationConsent.account_id == home.account_id
            )
        )
        assert len(list(consents)) == 1  # one PUSH consent, whatever the number of browsers
    revoked_later = await load(sessions, later[PUSH][0])
    assert revoked_later.last_error is not None and "revoked" in revoked_later.last_error
    assert [e.payload["channel"] for e in await sent_events(sessions)] == ["PUSH"]
    assert [token for token, _ in service.delivered] == ["alive"]
