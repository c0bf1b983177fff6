"""The ``creneau`` command (issue 13): ``report --from/--to`` checked before anything runs,
a database it cannot use is one line and exit status 1 in every command (never a Python
traceback), and ``CRENEAU_PORTAL_URL`` follows the host and port served by default."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kernel.settings import Settings
from server.cli import main

UNREACHABLE = "postgresql+asyncpg://nobody@127.0.0.1:1/x"
USER_NAMES = ("--first-name", "A", "--last-name", "B")


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    [line] = captured.err.strip().splitlines()
    return line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--from", "2026-13-01"], "invalid date '2026-13-01'"),
        (["--from", "2026-01-01", "--to", "demain"], "invalid date 'demain'"),
    ],
)
def test_report_malformed_dates_are_usage_errors(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report", "occupancy", "--tenant", "t", *argv])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("creneau report: error:") and expected in last


def test_report_from_after_to_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Refused before the database is touched (this one could not be reached).
    monkeypatch.setenv("CRENEAU_DATABASE_URL", UNREACHABLE)
    argv = ["report", "occupancy", "--tenant", "t", "--from", "2026-03-01", "--to", "2026-02-01"]
    assert main(argv) == 2
    line = _one_error_line(capsys)
    assert line == "creneau report: error: --from 2026-03-01 is after --to 2026-02-01"


@pytest.mark.parametrize(
    "argv",
    [
        ["migrate"],
        ["demo"],
        ["prune-events", "--older-than", "30"],
        ["report", "occupancy", "--tenant", "t"],
        ["bill", "--month", "2026-01"],
        ["direct-debit", "--tenant", "t", "--due-on", "2026-02-27"],
        ["user", "create", "--tenant", "t", "--role", "staff", "--email", "a@b.fr", *USER_NAMES],
    ],
)
def test_an_unreachable_database_is_one_line_and_exit_1(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", UNREACHABLE)
    monkeypatch.setenv("CRENEAU_USER_PASSWORD", "Mercredi-2026!")
    assert main(argv) == 1
    line = _one_error_line(capsys)
    assert line.startswith("creneau: error: database unreachable: "), line
    assert "127.0.0.1" in line or "refused" in line.lower()


def test_a_sqlite_file_that_cannot_be_opened_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", "sqlite+aiosqlite:////nonexistent/dir/x.sqlite3")
    assert main(["prune-events", "--older-than", "30"]) == 1
    line = _one_error_line(capsys)
    assert line == "creneau: error: database unreachable: unable to open database file"


def test_a_database_never_migrated_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    assert main(["prune-events", "--older-than", "30"]) == 1
    line = _one_error_line(capsys)
    assert line.startswith("creneau: error: database not migrated (")
    assert line.endswith("run `creneau migrate`")


def _postgres_reachable() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", 5432)) == 0


@pytest.mark.skipif(not _postgres_reachable(), reason="no PostgreSQL server")
def test_an_unknown_postgres_role_is_unreachable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+asyncpg://creneau_nobody_h5@127.0.0.1:5432/x"
    monkeypatch.setenv("CRENEAU_DATABASE_URL", url)
    assert main(["prune-events", "--older-than", "30"]) == 1
    line = _one_error_line(capsys)
    assert line.startswith("creneau: error: database unreachable: ")
    assert "creneau_nobody_h5" in line


@pytest.mark.parametrize(
    ("url", "argv"),
    [
        (UNREACHABLE, ["migrate"]),
        # aiosqlite's worker thread would print its own traceback after the loop closed.
        ("sqlite+aiosqlite:////nonexistent/dir/x.sqlite3", ["prune-events", "--older-than", "9"]),
    ],
)
def test_an_unreachable_database_in_a_real_process(url: str, argv: list[str]) -> None:
    env = {**os.environ, "CRENEAU_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception in thread" not in done.stderr
    # (migrate's log may show alembic's INFO lines first)
    line = done.stderr.strip().splitlines()[-1]
    assert line.startswith("creneau: error: database unreachable: ")


def test_the_portal_url_follows_the_address_served(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRENEAU_PORTAL_URL", raising=False)
    monkeypatch.setenv("CRENEAU_PORT", "9100")
    monkeypatch.setenv("CRENEAU_HOST", "127.0.0.1")
    assert Settings.from_env().portal_url == "http://127.0.0.1:9100"
    monkeypatch.setenv("CRENEAU_HOST", "0.0.0.0")
    assert Settings.from_env().portal_url == "http://127.0.0.1:9100"
    monkeypatch.setenv("CRENEAU_HOST", "portail.ville.example")
    assert Settings.from_env().portal_url == "http://portail.ville.example:9100"
    monkeypatch.setenv("CRENEAU_PORTAL_URL", "https://famille.ville.example/")
    assert Settings.from_env().portal_url == "https://famille.ville.example"


def test_serve_port_reaches_the_apps_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """``creneau serve --port 9200``: the app (built from the environment in each server
    process) links its portal to port 9200."""
    import uvicorn

    from server.cli import serving

    monkeypatch.delenv("CRENEAU_PORTAL_URL", raising=False)
    monkeypatch.setenv("CRENEAU_PORT", "8000")
    monkeypatch.setenv("CRENEAU_HOST", "127.0.0.1")
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    args = argparse.Namespace(host=None, port=9200, reload=False, workers=1)
    assert serving.serve(Settings(environment="test"), args) == 0
    assert Settings.from_env().portal_url == "http://127.0.0.1:9200"


async def test_a_command_run_from_a_thread_reports_the_same(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands run their own event loop: from async code, in a thread."""
    monkeypatch.setenv("CRENEAU_DATABASE_URL", UNREACHABLE)
    assert await asyncio.to_thread(main, ["bill", "--month", "2026-01"]) == 1
    assert _one_error_line(capsys).startswith("creneau: error: database unreachable: ")
