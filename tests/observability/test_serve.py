"""``creneau serve`` as run in production: JSON log lines from uvicorn and from the request
middleware, ``/readyz`` reporting the broker once the app started it, and ``--workers``
refused above one process without a broker (issue 13)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kernel.settings import Settings
from server.cli import main
from server.cli.serving import workers_problem

REPO = Path(__file__).parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(
    "CRENEAU_TEST_DATABASE_URL" in os.environ, reason="one SQLite file is enough here"
)
def test_serve_logs_json_lines_and_readyz_reports_the_broker(
    migrated_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "served.sqlite3"
    database.write_bytes(Path(str(migrated_template)).read_bytes())
    port = _free_port()
    env = {
        **os.environ,
        "CRENEAU_LOG_FORMAT": "json",
        "CRENEAU_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "CRENEAU_VAR_DIR": str(tmp_path / "var"),
        "CRENEAU_MAIL_SENDER": "off",
    }
    env.pop("CRENEAU_BROKER_URL", None)
    stderr_path = tmp_path / "stderr.log"
    with stderr_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            stdin=subprocess.DEVNULL,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        ready = None
        with httpx.Client(timeout=2.0) as http:
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    ready = http.get(f"{base}/readyz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert ready is not None, stderr_path.read_text()
            unknown = http.post(
                f"{base}/nowhere/graphql",
                json={"query": "{ __typename }"},
                headers={"X-Request-ID": "probe-7"},
            )
    finally:
        process.terminate()
        process.wait(timeout=30)

    assert ready.status_code == 200
    assert ready.json()["broker"] == "in-process"
    assert unknown.status_code == 404 and unknown.headers["x-request-id"] == "probe-7"
    lines = [line for line in stderr_path.read_text().splitlines() if line.strip()]
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert any(r["logger"].startswith("uvicorn") for r in records), lines
    [request] = [r for r in records if r["logger"] == "creneau.request"]
    assert request["request_id"] == "probe-7"
    assert request["status"] == 404 and request["outcome"] == "UNKNOWN_TENANT"
    assert request["path"] == "/nowhere/graphql" and "duration_ms" in request


def test_several_workers_need_a_broker(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CRENEAU_BROKER_URL", raising=False)
    assert main(["serve", "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert "--workers 2 needs CRENEAU_BROKER_URL" in err and "Traceback" not in err
    assert main(["serve", "--workers", "0"]) == 2
    broker = Settings(broker_url="redis://127.0.0.1:6379/0")
    assert workers_problem(broker, 4) is None
    assert workers_problem(Settings(), 1) is None


def test_serve_refuses_unsafe_production_settings_on_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every unsafe default is named at once, before uvicorn starts; no traceback."""
    import uvicorn

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: started.append(kwargs))
    monkeypatch.setenv("CRENEAU_ENV", "production")
    monkeypatch.setenv("CRENEAU_PORTAL_URL", "http://famille.example")
    monkeypatch.setenv("CRENEAU_PAYMENT_SANDBOX_SECRET", "a-secret-of-this-town-only-0123456789")
    monkeypatch.delenv("CRENEAU_MAIL_BACKEND", raising=False)
    monkeypatch.delenv("CRENEAU_PASSWORD_HASH_COST", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert started == []
    assert err.startswith("creneau: error: ") and err.count("\n") == 1, err
    assert "CRENEAU_PORTAL_URL" in err and "CRENEAU_MAIL_BACKEND" in err
    assert "Traceback" not in err
