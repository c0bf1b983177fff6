"""``creneau worker`` as a town runs it: a process of its own, its channels from the
environment (SMS sandbox and Web Push here), delivering the outbox until SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models.notification import NotificationChannel
from models.outbox import OutboxStatus
from tests.server.notification_delivery._fakes import Browser, FakePushService, serve
from tests.server.notification_delivery._helpers import load
from tests.server.notification_delivery._seeds import household, notification, subscribe
from tests.server.notification_delivery.test_push import vapid_file

__all__ = ["vapid_file"]

ROOT = Path(__file__).resolve().parents[3]


async def test_the_worker_process_delivers_sms_and_push_then_stops_on_sigterm(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    database_url: str,
    tmp_path: Path,
    vapid_file: Path,
) -> None:
    home = await household(session)
    browser = Browser()
    service = FakePushService(browsers={"b": browser})
    async with serve(service.app()) as push_url:
        subscription = await subscribe(
            session, home, f"{push_url}/push/b", browser.p256dh, browser.auth
        )
        _, rows = await notification(session, home, sms=True, subscriptions=(subscription,))
        await session.commit()
        environ = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CRENEAU_")},
            "CRENEAU_ENV": "test",
            "CRENEAU_DATABASE_URL": database_url,
            "CRENEAU_VAR_DIR": str(tmp_path / "var"),
            "CRENEAU_SMS_BACKEND": "file",
            "CRENEAU_SMS_SENDER": "StIsmier",
            "CRENEAU_VAPID_PRIVATE_KEY": str(vapid_file),
            "CRENEAU_VAPID_SUBJECT": "mailto:dsi@saint-ismier.example",
            "CRENEAU_MAIL_POLL_SECONDS": "0.2",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "server.cli",
            "worker",
            cwd=ROOT,
            env=environ,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            ids = rows[NotificationChannel.SMS] + rows[NotificationChannel.PUSH]
            for _ in range(1500):
                found = [(await load(sessions, i)).status for i in ids]
                if found == [OutboxStatus.SENT] * len(ids):
                    break
                assert process.returncode is None, "the worker stopped"
                await asyncio.sleep(0.02)
            else:
                raise AssertionError("the worker did not deliver in 30 s")
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    [line] = (tmp_path / "var" / "sms" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["sender"] == "StIsmier"
    assert [token for token, _ in service.delivered] == ["b"]
