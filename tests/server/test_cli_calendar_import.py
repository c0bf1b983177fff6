"""``creneau calendar import``: the official calendar of a school year from the command
line — idempotent, one line when done, one line and exit status 1 when refused."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditEntry, CalendarPeriod
from server.cli import main
from tests import factories


async def test_calendar_import_from_the_command_line(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tenant = await factories.make_tenant(session)
    await factories.make_school_year(
        session,
        tenant,
        label="2026-2027",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 7, 2),
    )
    await factories.make_school_year(
        session,
        tenant,
        label="2029-2030",
        start_date=dt.date(2029, 9, 3),
        end_date=dt.date(2030, 7, 5),
    )
    slug, tenant_id = tenant.slug, tenant.id
    await session.commit()
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)

    def run(*argv: str) -> int:
        return main(["calendar", "import", *argv])

    # The command runs its own event loop: give it a thread of its own.
    assert await asyncio.to_thread(run, "--tenant", slug, "--school-year", "2026-2027") == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{slug} 2026-2027 (zone A): ")
    created = int(out.split(": ")[1].split()[0])
    assert created > 10
    count = select(func.count()).select_from(CalendarPeriod)
    assert await session.scalar(count.where(CalendarPeriod.tenant_id == tenant_id)) == created
    assert (
        await session.scalar(
            select(AuditEntry.actor_account_id).where(AuditEntry.action == "calendar.imported")
        )
        is None
    )

    assert await asyncio.to_thread(run, "--tenant", slug, "--school-year", "2026-2027") == 0
    assert "0 official periods created, 0 removed" in capsys.readouterr().out

    for argv, expected in [
        (("--tenant", "nope", "--school-year", "2026-2027"), "unknown tenant 'nope'"),
        (("--tenant", slug, "--school-year", "1999"), "unknown school year '1999'"),
        (("--tenant", slug, "--school-year", "2029-2030"), "n'est pas disponible"),
    ]:
        assert await asyncio.to_thread(run, *argv) == 1
        captured = capsys.readouterr()
        [line] = captured.err.strip().splitlines()
        assert line.startswith("error: ") and expected in line
        assert "Traceback" not in captured.err and captured.out == ""
