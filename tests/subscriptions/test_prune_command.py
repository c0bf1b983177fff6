"""``creneau prune-events --older-than DAYS`` deletes the events older than DAYS days."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select, update

from models import Event
from models.base import utcnow
from server.cli import main
from tests.subscriptions.conftest import World


async def _count(world: World) -> int:
    async with world.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Event)) or 0)


async def test_prune_events_keeps_recent_events(
    world: World,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for _ in range(3):
        await world.request_step()
    async with world.sessions() as session, session.begin():
        oldest = await session.scalar(select(func.min(Event.id)))
        await session.execute(
            update(Event)
            .where(Event.id == oldest)
            .values(occurred_at=utcnow() - dt.timedelta(days=91))
        )
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    # The command runs its own event loop: give it a thread of its own.
    code = await asyncio.to_thread(main, ["prune-events", "--older-than", "90"])
    assert code == 0
    assert "deleted: 1" in capsys.readouterr().out
    assert await _count(world) == 2
    assert await asyncio.to_thread(main, ["prune-events", "--older-than", "0"]) == 2
