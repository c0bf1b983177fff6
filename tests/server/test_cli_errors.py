"""The ``creneau`` command on wrong input: one readable line and a non-zero exit status,
never a Python traceback (issue 13)."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.clock import today_in
from server.cli import main
from tests import factories


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["bill", "--month", "2026-13"], "invalid month '2026-13'"),
        (["bill", "--month", "janvier"], "invalid month 'janvier'"),
        (["bill", "--month", "2026-01", "--today", "2026-02-30"], "invalid date '2026-02-30'"),
        (
            ["direct-debit", "--tenant", "t", "--due-on", "2026-02-30"],
            "invalid date '2026-02-30'",
        ),
        (["treasury", "--tenant", "t", "--as-of", "demain"], "invalid date 'demain'"),
    ],
)
def test_malformed_month_or_date_is_a_usage_error(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _usage_error(argv, capsys)
    assert line.startswith("creneau ") and "error:" in line and expected in line


@pytest.mark.parametrize("url", ["sqlite:///x", "postgresql://x", "mysql://u:secret@h/db"])
@pytest.mark.parametrize(
    "argv",
    [
        ["bill", "--month", "2026-01"],
        ["direct-debit", "--tenant", "t", "--due-on", "2026-02-27"],
        ["migrate"],
        ["prune-events", "--older-than", "30"],
    ],
)
def test_unsupported_database_url_is_one_clear_line(
    url: str, argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", url)
    assert main(argv) == 2
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert "CRENEAU_DATABASE_URL" in line
    assert "sqlite+aiosqlite:///" in line and "postgresql+asyncpg://" in line
    assert "secret" not in line  # the URL's password is not echoed
    assert captured.out == ""


def test_unsupported_database_url_in_a_real_process() -> None:
    env = {**os.environ, "CRENEAU_DATABASE_URL": "sqlite:///x"}
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", "bill", "--month", "2026-01"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "CRENEAU_DATABASE_URL" in done.stderr


async def test_bill_unknown_tenant_or_month_not_over_exits_non_zero(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tenant = await factories.make_tenant(session)
    slug, this_month = tenant.slug, today_in(tenant.timezone).strftime("%Y-%m")
    await session.commit()
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)

    # The command runs its own event loop: give it a thread of its own.
    code = await asyncio.to_thread(main, ["bill", "--month", "2026-01", "--tenant", "nope"])
    captured = capsys.readouterr()
    assert code == 1
    assert "nope: unknown tenant" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""

    code = await asyncio.to_thread(main, ["bill", "--month", this_month, "--tenant", slug])
    captured = capsys.readouterr()
    assert code == 1
    assert "n'est pas terminé" in captured.err and "Traceback" not in captured.err

    code = await asyncio.to_thread(
        main, ["direct-debit", "--tenant", "nope", "--due-on", "2030-01-07"]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "unknown tenant 'nope'" in captured.err and "Traceback" not in captured.err


async def test_generate_prints_a_readable_summary(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    argv = ["generate", "--children", "3", "--seed", "7", "--slug", "petite-ville"]
    assert await asyncio.to_thread(main, argv) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("Synthetic town petite-ville (tenant id ")
    assert "3 children, seed 7;" in first and "rows written in" in first
    assert "GenerationSummary(" not in out and "{" not in out
    tables = out.splitlines()[1:]
    assert tables and all(re.fullmatch(r"  \w+: \d+", line) for line in tables), out

    # The same slug again: refused in one line, not a traceback.
    assert await asyncio.to_thread(main, argv) == 1
    err = capsys.readouterr().err
    assert "petite-ville" in err and "already exists" in err and "Traceback" not in err


def test_dates_are_parsed_once_for_the_handlers() -> None:
    from server.cli import build_parser

    args = build_parser().parse_args(
        ["direct-debit", "--tenant", "t", "--due-on", "2026-02-27", "--execute"]
    )
    assert args.due_on == dt.date(2026, 2, 27)
    assert build_parser().parse_args(["bill", "--month", "2026-1"]).month == dt.date(2026, 1, 1)
