"""End-to-end fixtures: a real Créneau server, run by uvicorn in a subprocess.

The ``live_server`` fixture (session scope) prepares a fresh SQLite database in a
temporary directory, runs ``python -m server.cli migrate`` and ``... demo`` on it,
then starts ``python -m server.cli serve`` on a free loopback port and waits for
``GET /healthz`` to answer 200. Tests talk to it over real HTTP (and, later,
WebSockets: see ``LiveServer.ws_url``). The server is stopped at the end of the
session.

Every test under ``tests/e2e`` gets the ``e2e`` marker (see
``pytest_collection_modifyitems``), so ``pytest -m "not e2e"`` skips them all.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent

DEMO_TENANT = "saint-ismier"
HOST = "127.0.0.1"

# Budget for one `migrate` / `demo` run.
CLI_STEP_TIMEOUT_S = 300.0
# Budget for the server to answer 200 on /healthz after it was started.
STARTUP_TIMEOUT_S = 30.0
# Budget for a graceful stop (SIGTERM) before SIGKILL.
SHUTDOWN_TIMEOUT_S = 10.0
# A fresh port is tried this many times if the chosen one was taken meanwhile.
PORT_ATTEMPTS = 3
# How much of a captured log to show in a failure message.
LOG_TAIL_CHARS = 20_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from this directory as ``e2e``.

    Under pytest-xdist they all run on one worker, against one ``live_server`` (and the
    cluster tests on one worker too): see ``pytest_xdist_make_scheduler`` in
    ``tests/conftest.py``."""
    del config
    for item in items:
        if E2E_DIR in item.path.resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _tail(text: str, limit: int = LOG_TAIL_CHARS) -> str:
    if len(text) <= limit:
        return text
    return f"... <{len(text) - limit} chars cut> ...\n{text[-limit:]}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _server_env(var_dir: Path) -> dict[str, str]:
    """Environment for every CLI subprocess: the temp database, nothing inherited."""
    env = dict(os.environ)
    env["CRENEAU_DATABASE_URL"] = f"sqlite+aiosqlite:///{var_dir / 'creneau.sqlite3'}"
    env["CRENEAU_VAR_DIR"] = str(var_dir)
    # CRENEAU_E2E_ENV lets a developer run the suite against production settings.
    env["CRENEAU_ENV"] = os.environ.get("CRENEAU_E2E_ENV", "development")
    if env["CRENEAU_ENV"] == "production":
        # Production refuses the cheap test password hashing (tests/conftest.py sets it).
        env.pop("CRENEAU_PASSWORD_HASH_COST", None)
    env["PYTHONUNBUFFERED"] = "1"
    # Every e2e client shares one loopback address; the limits have their own tests.
    env["CRENEAU_RATE_LIMIT_PER_ADDRESS"] = "0"
    env["CRENEAU_RATE_LIMIT_PER_ACCOUNT"] = "0"
    # The test-suite database URL is for in-process tests, never for this server.
    env.pop("CRENEAU_TEST_DATABASE_URL", None)
    return env


def _run_cli_step(args: list[str], env: dict[str, str]) -> None:
    """Run ``python -m server.cli ARGS`` to completion; fail the session with its output."""
    cmd = [sys.executable, "-m", "server.cli", *args]
    shown = f"python -m server.cli {' '.join(args)}"
    problem: str | None = None
    try:
        subprocess.run(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=CLI_STEP_TIMEOUT_S,
        )
    except subprocess.CalledProcessError as exc:
        problem = (
            f"`{shown}` exited with {exc.returncode}\n"
            f"--- stdout ---\n{_tail(exc.stdout or '')}\n"
            f"--- stderr ---\n{_tail(exc.stderr or '')}"
        )
    except subprocess.TimeoutExpired as exc:
        problem = (
            f"`{shown}` did not finish within {CLI_STEP_TIMEOUT_S:.0f} s\n"
            f"--- stdout ---\n{_tail(_text(exc.stdout))}\n"
            f"--- stderr ---\n{_tail(_text(exc.stderr))}"
        )
    if problem is not None:
        # Outside the except block, so the report is not cluttered by exception chaining.
        pytest.fail(problem, pytrace=False)


def _text(output: str | bytes | None) -> str:
    if output is None:
        return ""
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, wait, then SIGKILL; never raises."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=SHUTDOWN_TIMEOUT_S)


@dataclass
class LiveServer:
    """A running ``server.cli serve`` process and how to reach it."""

    host: str
    port: int
    var_dir: Path
    database_url: str
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    tenant: str = DEMO_TENANT
    env: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    @property
    def graphql_url(self) -> str:
        """GraphQL-over-HTTP endpoint of the demo tenant."""
        return self.graphql_url_for(self.tenant)

    @property
    def ws_url(self) -> str:
        """GraphQL-over-WebSocket endpoint of the demo tenant (same path, ws scheme)."""
        return self.ws_url_for(self.tenant)

    def graphql_url_for(self, tenant: str) -> str:
        return f"{self.base_url}/{tenant}/graphql"

    def ws_url_for(self, tenant: str) -> str:
        return f"ws://{self.host}:{self.port}/{tenant}/graphql"

    def stdout(self) -> str:
        """Everything the server printed on stdout so far."""
        return self.stdout_path.read_text(errors="replace")

    def stderr(self) -> str:
        """Everything the server printed on stderr so far (uvicorn logs go here)."""
        return self.stderr_path.read_text(errors="replace")

    def log_tail(self, limit: int = 5_000) -> str:
        """The end of the server's stderr, to attach to a failure message."""
        return _tail(self.stderr(), limit)

    def is_running(self) -> bool:
        return self.process.poll() is None


def _start_server(var_dir: Path, env: dict[str, str], attempt: int) -> LiveServer:
    port = _free_port()
    stdout_path = var_dir / f"server-{attempt}.stdout.log"
    stderr_path = var_dir / f"server-{attempt}.stderr.log"
    cmd = [sys.executable, "-m", "server.cli", "serve", "--host", HOST, "--port", str(port)]
    # Logs go to files, not pipes: a pipe nobody reads would block a chatty server.
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        process = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
    return LiveServer(
        host=HOST,
        port=port,
        var_dir=var_dir,
        database_url=env["CRENEAU_DATABASE_URL"],
        process=process,
        stdout_path=stdout_path,
        stderr_path=stderr_path,
        env=env,
    )


def _wait_healthy(server: LiveServer) -> str | None:
    """Poll /healthz until 200. Return None when healthy, else why it is not."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last_problem = "no answer yet"
    with httpx.Client(timeout=2.0) as client:
        while time.monotonic() < deadline:
            if not server.is_running():
                return f"server exited with code {server.process.returncode} before it was healthy"
            try:
                response = client.get(f"{server.base_url}/healthz")
            except httpx.TransportError as exc:
                last_problem = f"{type(exc).__name__}: {exc}"
            else:
                # Still running: a 200 from whoever else holds the port does not count.
                if response.status_code == 200 and server.is_running():
                    return None
                last_problem = f"/healthz answered {response.status_code}: {response.text[:500]}"
            time.sleep(0.1)
    return f"/healthz not 200 within {STARTUP_TIMEOUT_S:.0f} s (last: {last_problem})"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A migrated, demo-loaded Créneau server on a free loopback port."""
    var_dir = tmp_path_factory.mktemp("creneau-e2e")
    env = _server_env(var_dir)
    _run_cli_step(["migrate"], env)
    _run_cli_step(["demo"], env)

    server: LiveServer | None = None
    problem = ""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        server = _start_server(var_dir, env, attempt)
        try:
            problem = _wait_healthy(server) or ""
        except BaseException:  # e.g. Ctrl-C while waiting: leave no server behind
            _stop(server.process)
            raise
        if not problem:
            break
        _stop(server.process)
        # Only a port grabbed by someone else between probe and bind is worth a retry.
        if "address already in use" not in server.stderr().lower():
            break
    assert server is not None
    if problem:
        _stop(server.process)
        pytest.fail(
            f"Créneau server did not start: {problem}\n"
            f"command: {sys.executable} -m server.cli serve --host {HOST} --port {server.port}\n"
            f"--- stdout ---\n{_tail(server.stdout())}\n"
            f"--- stderr ---\n{_tail(server.stderr())}",
            pytrace=False,
        )

    try:
        yield server
    finally:
        _stop(server.process)


@pytest.fixture
def http_client(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An httpx client bound to the live server. Redirects are NOT followed on purpose."""
    with httpx.Client(base_url=live_server.base_url, timeout=10.0) as client:
        yield client
