"""The reminders in the worker and on the command line: ``creneau reminders run`` at a
simulated instant (one line per tenant, idempotent), and the loop the worker runs — two
rounds, one reminder."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.reminders.base import BOOKING_DEADLINE
from models.activity import DeadlineKind
from models.engine import create_session_factory
from server.cli import main
from server.reminders_loop import run_reminders_loop
from tests.domain.reminders._helpers import reminders
from tests.factories.bookings import make_booking_town, make_household

DAY_BEFORE = "2026-12-02T10:00+01:00"  # Wednesday; next week's Thursday-9:00 cut-off is tomorrow


async def cutoff_town(session: AsyncSession) -> tuple[str, int]:
    town = await make_booking_town(
        session,
        booking_deadline_kind=DeadlineKind.WEEKLY_CUTOFF,
        booking_deadline_weekday=4,
        booking_deadline_time=dt.time(9, 0),
    )
    await make_household(session, town)
    slug, tenant_id = town.tenant.slug, town.tenant.id
    await session.commit()
    return slug, tenant_id


async def test_reminders_run_from_the_command_line(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    slug, tenant_id = await cutoff_town(session)
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)

    def run(*argv: str) -> int:
        return main(["reminders", "run", *argv])

    # The command runs its own event loop: give it a thread of its own.
    assert await asyncio.to_thread(run, "--tenant", slug, "--now", DAY_BEFORE) == 0
    out = capsys.readouterr().out
    assert f"{slug}: booking_deadline 1 found, 1 sent, 0 already sent;" in out
    assert await asyncio.to_thread(run, "--tenant", slug, "--now", DAY_BEFORE) == 0
    assert "booking_deadline 1 found, 0 sent, 1 already sent" in capsys.readouterr().out
    assert len(await reminders(session, tenant_id)) == 1

    assert await asyncio.to_thread(run, "--tenant", slug, "--now", "2026-12-02T21:00+01:00") == 0
    assert capsys.readouterr().out.strip() == f"{slug}: quiet hours, nothing computed"

    assert await asyncio.to_thread(run, "--tenant", "nope") == 1
    assert "unknown tenant 'nope'" in capsys.readouterr().err


def test_now_must_be_an_instant_with_its_offset(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["reminders", "run", "--now", "2026-12-02T10:00"])
    assert "expected ISO 8601 with an offset" in capsys.readouterr().err


async def test_the_worker_loop_reminds_once_over_two_rounds(
    engine: AsyncEngine, session: AsyncSession
) -> None:
    _, tenant_id = await cutoff_town(session)
    stop = asyncio.Event()
    rounds = 0

    def clock() -> dt.datetime:
        nonlocal rounds
        rounds += 1
        if rounds == 2:
            stop.set()  # the second round still runs, then the loop ends
        return dt.datetime.fromisoformat(DAY_BEFORE)

    await run_reminders_loop(
        create_session_factory(engine),
        stop,
        interval_seconds=0.01,
        first_round_after=0,
        clock=clock,
    )
    assert rounds == 2
    [notification] = await reminders(session, tenant_id)
    assert notification.topic == BOOKING_DEADLINE
