"""Issue 16's « done when »: an accepted request reaches the parents by mail, SMS (sandbox)
and Web Push according to their preferences, each exactly once, although the worker is
killed between claiming the rows and sending the last one and another worker takes over.

Each parent made a change request and the town accepts both (``domain.change_requests``,
whose decision calls ``domain.notifications.dispatch.notify``); the worker's rounds run in
this process, the push service and its browser are local (``_fakes``).
"""

from __future__ import annotations

import asyncio
import email
import json
from email import policy
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import change_requests as cr
from domain.notifications import push_subscriptions
from models import (
    NotificationConsent,
    NotificationPreference,
    OutboxMessage,
)
from models.account import Role
from models.engine import create_engine, create_session_factory
from models.notification import NotificationChannel, NotificationKind
from models.outbox import OutboxStatus
from models.request import RequestType
from server.notification_delivery import (
    LEASE,
    Channels,
    DeliveryReport,
    FileMailBackend,
    FileSmsBackend,
    OutgoingPush,
    deliver_due_messages,
)
from server.notification_delivery.push import WebPushBackend, load_vapid_key
from tests import factories
from tests.server.notification_delivery._fakes import Browser, FakePushService, serve
from tests.server.notification_delivery._seeds import (
    MOBILE,
    at,
    household,
    notification,
    sent_events,
    subscribe,
)
from tests.server.notification_delivery.test_push import vapid_file

__all__ = ["vapid_file"]

MAIL, SMS, PUSH = NotificationChannel.MAIL, NotificationChannel.SMS, NotificationChannel.PUSH
DECIDED = NotificationKind.REQUEST_DECIDED


class StuckPush:
    """A push backend that never gets through: the worker is killed while it waits."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()

    async def send(self, push: OutgoingPush) -> None:
        self.entered.set()
        await asyncio.Event().wait()


async def _statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[int, OutboxStatus]:
    async with sessions() as session:
        rows = await session.execute(select(OutboxMessage.id, OutboxMessage.status))
        return {row.id: row.status for row in rows}


async def test_an_accepted_request_reaches_each_channel_once_across_a_worker_restart(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
    vapid_file: Path,
) -> None:
    tenant = await factories.make_tenant(session, name="Mairie de Saint-Ismier")
    # The town offers the three channels for decisions, and no quiet hours.
    tenant.settings = {
        "notifications": {
            "channels": {"REQUEST_DECIDED": ["MAIL", "SMS", "PUSH"]},
            "quietHours": None,
        }
    }
    family, (mother, father), _ = await factories.make_family_with_members(
        session, tenant, guardians=2
    )
    mother_account = await factories.make_account(
        session, tenant, email="mere@example.fr", guardian_id=mother.id
    )
    father_account = await factories.make_account(
        session, tenant, email="pere@example.fr", guardian_id=father.id
    )
    # Both consented to SMS; the father turned SMS off for decisions (mail stays on).
    for account in (mother_account, father_account):
        session.add(
            NotificationConsent(
                tenant_id=tenant.id,
                account_id=account.id,
                channel=SMS,
                address=MOBILE,
                granted_at=at(8),
            )
        )
    session.add(
        NotificationPreference(
            account_id=father_account.id,
            kind=DECIDED,
            channel=SMS,
            tenant_id=tenant.id,
            enabled=False,
        )
    )
    browser = Browser()
    service = FakePushService(browsers={"maman": browser})

    async with serve(service.app()) as push_url:
        # The mother's phone registered for Web Push (the app's pushSubscriptionRegister).
        await push_subscriptions.register(
            session,
            tenant_id=tenant.id,
            account_id=mother_account.id,
            endpoint=f"{push_url}/push/maman",
            p256dh=browser.p256dh,
            auth=browser.auth,
            user_agent="Firefox 140 (Android)",
            now=at(8),
            allow_loopback=True,
        )
        await session.commit()

        # Each parent asked to change their own details; the town accepts both requests,
        # which notifies each author (REQUEST_DECIDED) in the decision's transaction.
        staff = await factories.make_account(
            session, tenant, email="agent@saint-ismier.example", role=Role.STAFF
        )
        references: list[str] = []
        for guardian, account in ((mother, mother_account), (father, father_account)):
            request = await cr.create_change_request(
                session,
                tenant_id=tenant.id,
                request_type=RequestType.GUARDIAN_CHANGE,
                account_id=account.id,
                family_id=family.id,
                target_id=guardian.id,
                changes={"workPhone": "+33476000000"},
                comment=None,
                idempotency_key=None,
                portal_url="https://famille.example/saint-ismier",
                now=at(8),
            )
            await cr.accept_change_request(
                session,
                tenant_id=tenant.id,
                request_id=request.id,
                account_id=staff.id,
                message=None,
                now=at(9),
            )
            references.append(f"{request.reference:,}".replace(",", " "))  # « 10 000 000 »
        await session.commit()
        rows = list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        decided = {
            (row.to_address if row.channel is not PUSH else "push", row.channel)
            for row in rows
            if row.notification_id is not None
        }
        assert decided == {
            ("mere@example.fr", MAIL),
            (MOBILE, SMS),
            ("push", PUSH),
            ("pere@example.fr", MAIL),
        }
        receipts = [row for row in rows if row.notification_id is None]
        assert [row.template for row in receipts] == ["change_request_received"] * 2

        # Worker 1 claims every row; mail and SMS go out; it is killed while pushing.
        mail_dir, sms_dir = tmp_path / "mail", tmp_path / "sms"
        stuck = StuckPush()
        first = Channels(
            mail=FileMailBackend(mail_dir),
            sms=FileSmsBackend(sms_dir, "StIsmier"),
            push=stuck,
        )
        worker = asyncio.create_task(deliver_due_messages(sessions, first, now=at(10)))
        await asyncio.wait_for(stuck.entered.wait(), 10)
        # The mail and SMS tasks record their outcome beside the stuck push: read it back.
        while list((await _statuses(sessions)).values()).count(OutboxStatus.SENT) < len(rows) - 1:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
        statuses = await _statuses(sessions)
        push_id = next(row.id for row in rows if row.channel is PUSH)
        assert statuses[push_id] is OutboxStatus.PENDING

        # Worker 2 (a restart, with the real push backend): the lease still protects the
        # row the killed worker held; once it expires the push goes, once.
        second = Channels(
            mail=FileMailBackend(mail_dir),
            sms=FileSmsBackend(sms_dir, "StIsmier"),
            push=WebPushBackend(
                vapid=load_vapid_key(vapid_file), subject="mailto:dsi@saint-ismier.example"
            ),
        )
        assert await deliver_due_messages(sessions, second, now=at(10)) == DeliveryReport()
        later = at(10) + LEASE + LEASE
        assert await deliver_due_messages(sessions, second, now=later) == DeliveryReport(
            sent=(push_id,)
        )
        assert await deliver_due_messages(sessions, second, now=later) == DeliveryReport()

    # Each channel delivered exactly once.
    mails = [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(mail_dir.iterdir())
    ]
    decisions = [m for m in mails if "acceptée" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in decisions) == ["mere@example.fr", "pere@example.fr"]
    assert len(mails) == 4  # and the two receipts, sent when the requests were made
    sms_lines = (sms_dir / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(sms_lines) == 1
    sms = json.loads(sms_lines[0])
    assert sms["to"] == MOBILE
    assert sms["text"] == (
        f"Mairie de Saint-Ismier : votre demande {references[0]} (Modification du "
        "responsable) a été acceptée. Détail dans votre Espace Famille."
    )
    assert [(token, payload["kind"]) for token, payload in service.delivered] == [
        ("maman", "REQUEST_DECIDED")
    ]
    assert service.delivered[0][1]["title"] == f"Demande {references[0]} acceptée"
    assert set((await _statuses(sessions)).values()) == {OutboxStatus.SENT}
    events = await sent_events(sessions)
    assert sorted(e.payload["channel"] for e in events) == ["MAIL", "MAIL", "PUSH", "SMS"]
    assert {e.family_id for e in events} == {family.id}


async def test_concurrent_workers_deliver_each_sms_and_push_once(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    database_url: str,
    tmp_path: Path,
    vapid_file: Path,
) -> None:
    home = await household(session)
    browser = Browser()
    service = FakePushService(browsers={"tablette": browser})
    async with serve(service.app()) as push_url:
        subscription = await subscribe(
            session, home, f"{push_url}/push/tablette", browser.p256dh, browser.auth
        )
        sms_ids: list[int] = []
        push_ids: list[int] = []
        for n in range(30):
            _, rows = await notification(
                session, home, sms=True, subscriptions=(subscription,), title=f"Avis {n}"
            )
            sms_ids += rows[SMS]
            push_ids += rows[PUSH]
        await session.commit()
        # A second engine: its own connections, as another worker process would have.
        other_engine = create_engine(database_url)
        sandbox = FileSmsBackend(tmp_path / "sms", "StIsmier")
        push = WebPushBackend(
            vapid=load_vapid_key(vapid_file), subject="mailto:dsi@saint-ismier.example"
        )

        async def worker(factory: async_sessionmaker[AsyncSession]) -> list[int]:
            # Small batches, round after round, so the workers keep racing for the rows.
            sent: list[int] = []
            while True:
                report = await deliver_due_messages(
                    factory, Channels(sms=sandbox, push=push), now=at(10), batch=7
                )
                assert not report.retried and not report.failed, report
                if not report.claimed and not report.lost:
                    return sent
                sent += report.sent

        try:
            other = create_session_factory(other_engine)
            rounds = await asyncio.gather(*(worker(f) for f in (sessions, other, sessions, other)))
        finally:
            await other_engine.dispose()

    assert sorted(row for sent in rounds for row in sent) == sorted(sms_ids + push_ids)
    sms_lines = (tmp_path / "sms" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in sms_lines) == sorted(sms_ids)
    titles = sorted(payload["title"] for _, payload in service.delivered)
    assert titles == sorted(f"Avis {n}" for n in range(30))
    assert len(await sent_events(sessions)) == len(sms_ids) + len(push_ids)
