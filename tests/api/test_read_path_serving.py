"""``creneau serve``'s process set-up for the read path (issue 14): the long-lived objects
are frozen out of the collector's generations once the app is built, and the C event loop
and HTTP parser uvicorn picks in "auto" mode are installed."""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path

import pytest

from server.cli.serving import served_app


def test_served_app_freezes_what_lives_as_long_as_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRENEAU_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv("CRENEAU_VAR_DIR", str(tmp_path))
    gc.unfreeze()
    try:
        app = served_app()
        assert gc.get_freeze_count() > 10_000  # the schema, mappers, modules…
        assert app is not None
    finally:
        gc.unfreeze()


def test_uvloop_and_httptools_are_installed() -> None:
    assert importlib.util.find_spec("uvloop") is not None
    assert importlib.util.find_spec("httptools") is not None
