"""notificationSent over a real WebSocket: the Créneau app on uvicorn, the worker's round
in the same process; the parent receives their family's deliveries (one event per
channel, replayed from a cursor, then live), another family nothing, staff every family's."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kernel.settings import Settings
from server.app import create_app
from server.notification_delivery import (
    Channels,
    FileMailBackend,
    FileSmsBackend,
    deliver_due_messages,
)
from subscriptions.log import encode_cursor
from tests import factories
from tests.server.notification_delivery._fakes import serve
from tests.server.notification_delivery._seeds import Household, at, notification
from tests.subscriptions.support import WSClient

SENT = """subscription($after: String) { notificationSent(after: $after) {
  cursor channel kind title } }"""


async def test_the_parent_sees_their_familys_deliveries_live(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    database_url: str,
    tmp_path: Path,
) -> None:
    tenant = await factories.make_tenant(session)
    homes: list[tuple[Household, str]] = []
    for _ in range(2):
        family, (guardian,), _ = await factories.make_family_with_members(session, tenant)
        account, token = await factories.make_parent_account_with_token(
            session, tenant, guardian=guardian
        )
        homes.append((Household(tenant.id, family.id, account.id, account.email), token))
    _, staff_token = await factories.make_staff_account_with_token(session, tenant)
    (home, parent_token), (_, other_token) = homes
    await notification(session, home, mail=True, sms=True, title="Demande acceptée")
    await session.commit()
    channels = Channels(
        mail=FileMailBackend(tmp_path / "mail"), sms=FileSmsBackend(tmp_path / "sms", "Creneau")
    )
    # Delivered before anyone listens: the clients resume from the start of the log.
    assert len((await deliver_due_messages(sessions, channels, now=at(10))).sent) == 2

    app = create_app(
        Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            mail_sender_in_process=False,
        )
    )
    async with serve(app, lifespan=True) as url:
        ws_url = url.replace("http://", "ws://") + f"/{tenant.slug}/graphql"
        parent = await WSClient.open(ws_url, parent_token)
        other = await WSClient.open(ws_url, other_token)
        staff = await WSClient.open(ws_url, staff_token)
        try:
            start = encode_cursor(0)
            op = await parent.subscribe(SENT, after=start)
            other_op = await other.subscribe(SENT, after=start)
            staff_op = await staff.subscribe(SENT, after=start)
            replayed = [(await parent.data(op))["notificationSent"] for _ in range(2)]
            assert sorted((e["channel"], e["kind"], e["title"]) for e in replayed) == [
                ("MAIL", "REQUEST_DECIDED", "Demande acceptée"),
                ("SMS", "REQUEST_DECIDED", "Demande acceptée"),
            ]
            staff_seen = [(await staff.data(staff_op))["notificationSent"] for _ in range(2)]
            assert {e["cursor"] for e in staff_seen} == {e["cursor"] for e in replayed}

            # Live: the parent is subscribed (its backlog came), the worker sends another.
            await notification(session, home, sms=True, title="Nouvelle facture")
            await session.commit()
            assert len((await deliver_due_messages(sessions, channels, now=at(11))).sent) == 1
            live = (await parent.data(op))["notificationSent"]
            assert (live["channel"], live["title"]) == ("SMS", "Nouvelle facture")
            assert live["cursor"] not in {e["cursor"] for e in replayed}
            assert (await staff.data(staff_op))["notificationSent"]["title"] == "Nouvelle facture"

            assert await other.silent(other_op, 1.0)
        finally:
            for client in (parent, other, staff):
                await client.close()
