"""``creneau generate`` and ``creneau bill`` report their progress on stderr with
``--progress`` (or on a terminal), and say nothing more on a pipe; stdout is unchanged."""

from __future__ import annotations

import argparse
import asyncio
import io
import re

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from server.cli import main
from server.cli.progress import Progress
from tests.factories.billing import BILLING_DAY, SEPTEMBER, make_billed_town, mondays
from tests.factories.requests import make_booking

LINE = re.compile(r"\[ *\d+\.\d s\] .+")


def progress_lines(err: str) -> list[str]:
    lines = err.splitlines()
    assert all(LINE.fullmatch(line) for line in lines), err
    return [line.split("] ", 1)[1] for line in lines]


async def test_generate_reports_each_table_with_progress(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    argv = ["generate", "--children", "3", "--seed", "7", "--slug", "village", "--progress"]
    assert await asyncio.to_thread(main, argv) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Synthetic town village (tenant id ")
    lines = progress_lines(captured.err)
    assert lines[0] == "generate: building a town of 3 children (seed 7) in memory"
    assert "writing tenant: 1 rows" in lines
    assert any(re.fullmatch(r"writing child: \d+ rows", line) for line in lines), lines
    assert re.fullmatch(r"generate: done, \d+ rows in \d+ tables", lines[-1]), lines


async def test_generate_is_quiet_on_a_pipe(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    argv = ["generate", "--children", "2", "--slug", "hameau"]
    assert await asyncio.to_thread(main, argv) == 0
    assert capsys.readouterr().err == ""


async def test_bill_reports_each_tenant_and_phase_with_progress(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    town = await make_billed_town(session, households=2)
    for home in town.households:
        for day in mondays():
            await make_booking(session, home.children[0], town.town.slots[1], day)
    slug = town.tenant.slug
    await session.commit()
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    month, today = f"{SEPTEMBER:%Y-%m}", f"{BILLING_DAY:%Y-%m-%d}"
    argv = ["bill", "--month", month, "--tenant", slug, "--today", today]

    code = await asyncio.to_thread(main, [*argv, "--progress"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.startswith(f"{slug}: {month} issued 2 invoices")
    lines = progress_lines(captured.err)
    assert lines[:2] == [f"bill {month}: 1 tenant", f"{slug} (1/1): reading and pricing the month"]
    assert f"{slug}: writing 2 invoices" in lines
    assert f"{slug}: writing 2 invoice lines" in lines
    linked = {f"{slug}: linking {n} bookings to their invoice lines" for n in ("8", "the")}
    assert linked & set(lines), lines
    assert re.fullmatch(rf"{slug}: finished in \d+\.\d s", lines[-1]), lines

    # Again (already billed), on a pipe without --progress: the result only.
    assert await asyncio.to_thread(main, argv) == 0
    captured = capsys.readouterr()
    assert "already billed" in captured.out
    assert captured.err == ""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_on_for_a_terminal_or_when_asked() -> None:
    asked, not_asked = argparse.Namespace(progress=True), argparse.Namespace(progress=False)
    assert Progress.of(not_asked, Terminal()).enabled
    assert Progress.of(asked, io.StringIO()).enabled
    assert not Progress.of(not_asked, io.StringIO()).enabled
    quiet = io.StringIO()
    Progress.of(not_asked, quiet)("nothing to see")
    assert quiet.getvalue() == ""
    ticks = iter([10.0, 12.5])
    loud = io.StringIO()
    Progress(True, loud, clock=lambda: next(ticks))("halfway")
    assert loud.getvalue() == "[    2.5 s] halfway\n"
