"""Benchmark: subscription groups on vs off vs a plain websockets broadcast, in one run.

``python -m bench.bench_subscription_groups`` migrates a fresh SQLite database, loads the
demo town and starts three server processes on it, woken through the Redis broker
(``CRENEAU_BENCH_BROKER``, default ``redis://127.0.0.1:6379/0``):

- a *writer* (``creneau serve``) that takes the staff's decisions and has no subscriber,
  so the measured servers do no HTTP work;
- *groups on* (``CRENEAU_SUBSCRIPTION_GROUPS=1``) and *groups off* (``=0``), each with
  ``CRENEAU_BENCH_SUBSCRIBERS`` (5,000) WebSocket subscribers of one demo family's
  ``requestStatusChanged`` — the on server's for one parent, the off server's for another
  family's, so a burst on one family is delivered by one server only. The subscribers use
  ``CRENEAU_BENCH_GROUPS`` variants of the document (10), hence as many groups;
- the *floor*: a plain ``websockets`` server broadcasting the same bytes (a ``next``
  message captured from the on server) to as many connections.

The subscribers are spread over ``CRENEAU_BENCH_CLIENTS`` client processes (4), so the
client is not the bottleneck. Rounds (``CRENEAU_BENCH_ROUNDS``, 2) interleave: a burst of
6 decisions (``CRENEAU_BENCH_DECISIONS``; 1 measures one commit at a time) for the on
server's family, the same for the off server's, then as many broadcasts from the floor.
For each it reports the server's CPU per delivery (from /proc) and the commit → client
latency (the decision's HTTP response — its transaction has committed —
to the client's receipt; for the floor, the broadcast order to the receipt), p50/p99 over
the burst and for its first decision alone, with the load average of the machine (shared:
read the ratios). Expect noise from the garbage collector: with 5,000 connections, a full
collection of the server's heap takes about a second. Results in
``bench/results/subscription_groups.json`` (``…_one_decision.json`` for 1). No assertion
on timings.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect

from bench.bench_clients import client_main
from bench.bench_subscriptions import (
    ROOT,
    STAFF,
    TENANT,
    VAR_DIR,
    _env,
    _free_port,
    _graphql,
    _login,
    _prepare,
    _raise_file_limit,
)
from bench.floor_broadcast import floor_main
from bench.http_load import cpu_seconds

SUBSCRIBERS = int(os.environ.get("CRENEAU_BENCH_SUBSCRIBERS", "5000"))
CLIENTS = int(os.environ.get("CRENEAU_BENCH_CLIENTS", "4"))
ROUNDS = int(os.environ.get("CRENEAU_BENCH_ROUNDS", "2"))
GROUPS = int(os.environ.get("CRENEAU_BENCH_GROUPS", "10"))
BROKER = os.environ.get("CRENEAU_BENCH_BROKER", "redis://127.0.0.1:6379/0")
# Decisions per burst (back to back); CRENEAU_BENCH_DECISIONS=1: one commit at a time.
DECISIONS = int(os.environ.get("CRENEAU_BENCH_DECISIONS", "6"))
RESULTS = (
    Path(__file__).parent
    / "results"
    / (
        "subscription_groups.json"
        if DECISIONS == 6
        else "subscription_groups_one_decision.json"
        if DECISIONS == 1
        else f"subscription_groups_{DECISIONS}_decisions.json"
    )
)
PARENT_ON = "julien.roussel@example.fr"
PARENT_OFF = "elodie.devaille@example.fr"
FIELDS = ("profession", "employer", "mobilePhone", "phone", "workPhone", "birthName")


def documents() -> list[str]:
    """``GROUPS`` variants of one subscription (each its own group)."""
    return [
        "subscription { requestStatusChanged { cursor statusLabel referenceLabel "
        + " ".join(f"v{k}: __typename" for k in range(variant))
        + " } }"
        for variant in range(GROUPS)
    ]


def _start(port: int, groups: str, profile: str | None = None) -> subprocess.Popen[bytes]:
    env = _env() | {
        "CRENEAU_BROKER_URL": BROKER,
        "CRENEAU_SUBSCRIPTION_GROUPS": groups,
        # No server pings during the bursts (their cost would be counted per delivery).
        "CRENEAU_WS_KEEP_ALIVE_SECONDS": "0",
    }
    log = (VAR_DIR / f"server-{port}.log").open("wb")
    wrapper = ["-m", "cProfile", "-o", profile] if profile else []
    command = [sys.executable, *wrapper, "-m", "server.cli", "serve", "--host", "127.0.0.1"]
    return subprocess.Popen(
        [*command, "--port", str(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


def _value(field: str, step: int) -> str:
    if field == "birthName":
        return "NAISSANCE" + chr(ord("A") + step % 26)
    if field == "mobilePhone":
        return f"06 12 34 {10 + step % 90} 01"
    if "Phone" in field or field == "phone":
        return f"04 76 52 {10 + step % 90} 0{FIELDS.index(field)}"
    return f"{field} {step}"


async def _requests(
    http: httpx.AsyncClient, url: str, parent: str, step: int
) -> list[tuple[str, str]]:
    """Six pending change requests of the parent's family: (id, reference label)."""
    family = await _graphql(http, url, "{ viewer { family { guardians { id } } } }", parent)
    guardian = family["viewer"]["family"]["guardians"][0]["id"]
    made = []
    for field in FIELDS[:DECISIONS]:
        data = await _graphql(
            http,
            url,
            """mutation($g: ID!, $c: GuardianChangesInput!) { guardianChangeRequestCreate(
                 input: {guardian: $g, changes: $c}) {
                 request { id referenceLabel } errors { message } } }""",
            parent,
            g=guardian,
            c={field: _value(field, step)},
        )
        created = data["guardianChangeRequestCreate"]
        assert created["errors"] == [], created
        made.append((created["request"]["id"], created["request"]["referenceLabel"]))
    return made


class Clients:
    """The client processes, each holding a share of the connections."""

    def __init__(self, count: int) -> None:
        context = mp.get_context("spawn")
        self.pipes: list[Connection] = []
        self.processes = []
        for _ in range(count):
            mine, theirs = context.Pipe()
            process = context.Process(target=client_main, args=(theirs,), daemon=True)
            process.start()
            self.pipes.append(mine)
            self.processes.append(process)

    def ask(self, command: str, *args: Any) -> list[Any]:
        """Send a command to every client process; their answers."""
        for pipe in self.pipes:
            pipe.send((command, args))
        return [pipe.recv() for pipe in self.pipes]

    def connect(self, name: str, url: str, plan: Sequence[tuple[str, str | None]]) -> None:
        """Open ``plan``'s connections (token, document — None: plain WebSocket)."""
        shares = [plan[i :: len(self.pipes)] for i in range(len(self.pipes))]
        for pipe, share in zip(self.pipes, shares, strict=True):
            pipe.send(("connect", (name, url, share)))
        for pipe in self.pipes:
            pipe.recv()

    def stop(self) -> None:
        """End the client processes."""
        with contextlib.suppress(Exception):
            self.ask("stop")
        for process in self.processes:
            process.join(timeout=10)


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    return round(values[min(len(values) - 1, int(share * len(values)))], 1)


def _figures(clients: Clients, name: str, sent: dict[str, float]) -> dict[str, Any]:
    """Wait for every delivery of a burst to ``name``'s connections; its figures."""
    expected = len(sent) * SUBSCRIBERS
    deadline = time.monotonic() + 120
    received: list[tuple[float, str]] = []
    while time.monotonic() < deadline:
        received = [r for answer in clients.ask("collect", name) for r in answer]
        if len(received) >= expected:
            break
        time.sleep(0.2)
    latencies = sorted((at - sent[key]) * 1000 for at, key in received if key in sent)
    first = min(sent, key=sent.__getitem__) if sent else None
    alone = sorted((at - sent[key]) * 1000 for at, key in received if key == first)
    return {
        "deliveries": len(received),
        "deliveries_expected": expected,
        "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "latency_ms_p99": _percentile(latencies, 0.99),
        "latency_ms_max": round(latencies[-1], 1) if latencies else None,
        # The burst's first decision: one commit to every subscriber, before the queue of
        # the next ones builds up.
        "first_decision_latency_ms_p50": round(statistics.median(alone), 1) if alone else None,
        "first_decision_latency_ms_p99": _percentile(alone, 0.99),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


async def _decide(
    http: httpx.AsyncClient, url: str, staff: str, requests: list[tuple[str, str]]
) -> dict[str, float]:
    """Accept the requests back to back; when each committed (its response came)."""
    committed: dict[str, float] = {}
    for request_id, reference in requests:
        await _graphql(
            http,
            url,
            "mutation($r: ID!) { changeRequestAccept(input: {request: $r}) "
            "{ errors { message } } }",
            staff,
            r=request_id,
        )
        committed[reference] = time.monotonic()
    return committed


def _burst(
    clients: Clients, name: str, pid: int, act: Any, settle_s: float = 1.0
) -> dict[str, Any]:
    """Reset the counts, run ``act`` (which returns the send times), measure."""
    time.sleep(settle_s)  # earlier events (the requests' creation) delivered first
    clients.ask("reset")
    cpu_before = cpu_seconds(pid)
    sent = act()
    figures = _figures(clients, name, sent)
    cpu = cpu_seconds(pid) - cpu_before
    figures["server_cpu_ms_per_delivery"] = round(1000 * cpu / max(1, figures["deliveries"]), 4)
    figures["server_cpu_seconds"] = round(cpu, 2)
    return figures


def main() -> None:
    """Prepare, serve, connect, interleave the bursts, report."""
    limit = _raise_file_limit(4 * SUBSCRIBERS + 2000)
    _prepare()
    ports = {name: _free_port() for name in ("writer", "on", "off", "floor")}
    servers = {
        "writer": _start(ports["writer"], "1"),
        # CRENEAU_BENCH_PROFILE_ON=on.prof (or _OFF): that server under cProfile.
        "on": _start(ports["on"], "1", os.environ.get("CRENEAU_BENCH_PROFILE_ON")),
        "off": _start(ports["off"], "0", os.environ.get("CRENEAU_BENCH_PROFILE_OFF")),
    }
    context = mp.get_context("spawn")
    floor_ready = context.Event()
    floor = context.Process(target=floor_main, args=(ports["floor"], floor_ready), daemon=True)
    floor.start()
    clients = Clients(CLIENTS)
    rounds: list[dict[str, Any]] = []
    try:
        for name in ("writer", "on", "off"):
            _wait_healthy(ports[name])
            print(f"{name} server: pid {servers[name].pid}, port {ports[name]}", flush=True)
        floor_ready.wait(30)
        rounds = asyncio.run(_scenario(clients, ports, servers, floor.pid or 0))
    finally:
        clients.stop()
        floor.terminate()
        for server in servers.values():
            server.terminate()
        for server in servers.values():
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    summary = (
        {
            kind: {
                "cpu_ms_per_delivery": statistics.median(
                    r[kind]["server_cpu_ms_per_delivery"] for r in rounds
                ),
                "latency_ms_p50": statistics.median(r[kind]["latency_ms_p50"] or 0 for r in rounds),
                "latency_ms_p99": statistics.median(r[kind]["latency_ms_p99"] or 0 for r in rounds),
                "first_decision_latency_ms_p99": statistics.median(
                    r[kind]["first_decision_latency_ms_p99"] or 0 for r in rounds
                ),
            }
            for kind in ("groups_on", "groups_off", "floor")
        }
        if rounds
        else {}
    )
    result = {
        "benchmark": "subscription_groups",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": "sqlite",
        "broker": BROKER,
        "subscribers_per_server": SUBSCRIBERS,
        "client_processes": CLIENTS,
        "groups_per_event": GROUPS,
        "decisions_per_burst": DECISIONS,
        "file_limit": limit,
        "rounds": rounds,
        "median_of_rounds": summary,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


async def _scenario(
    clients: Clients, ports: dict[str, int], servers: dict[str, Any], floor_pid: int
) -> list[dict[str, Any]]:
    def url(name: str) -> str:
        return f"http://127.0.0.1:{ports[name]}/{TENANT}/graphql"

    def ws(name: str) -> str:
        return f"ws://127.0.0.1:{ports[name]}/{TENANT}/graphql"

    docs = documents()
    async with httpx.AsyncClient(timeout=120) as http:
        staff = await _login(http, url("writer"), STAFF)
        parents = {"on": await _login(http, url("on"), PARENT_ON)}
        parents["off"] = await _login(http, url("off"), PARENT_OFF)
        for name in ("on", "off"):
            started = time.monotonic()
            plan = [(parents[name], docs[i % len(docs)]) for i in range(SUBSCRIBERS)]
            await asyncio.to_thread(clients.connect, name, ws(name), plan)
            print(f"{name}: {SUBSCRIBERS} connected in {time.monotonic() - started:.1f} s")
        await asyncio.to_thread(
            clients.connect,
            "floor",
            f"ws://127.0.0.1:{ports['floor']}/",
            [("", None)] * SUBSCRIBERS,
        )
        sample = ""
        rounds = []
        for step in range(ROUNDS):
            figures: dict[str, Any] = {}
            for name, kind in (("on", "groups_on"), ("off", "groups_off")):
                requests = await _requests(http, url("writer"), parents[name], step)
                loop = asyncio.get_running_loop()

                def act(
                    requests: list[tuple[str, str]] = requests,
                    loop: asyncio.AbstractEventLoop = loop,
                ) -> dict[str, float]:
                    return asyncio.run_coroutine_threadsafe(
                        _decide(http, url("writer"), staff, requests), loop
                    ).result()

                figures[kind] = await asyncio.to_thread(
                    _burst, clients, name, servers[name].pid, act
                )
                if not sample:
                    sample = next((s for s in clients.ask("sample", "on") if s), "")
            floor_control = f"ws://127.0.0.1:{ports['floor']}/control"

            def fire(
                control: str = floor_control, sample: str = sample, step: int = step
            ) -> dict[str, float]:
                return asyncio.run(_fire(control, sample, step))

            figures["floor"] = await asyncio.to_thread(_burst, clients, "floor", floor_pid, fire)
            figures["round"] = step + 1
            print(json.dumps(figures), flush=True)
            rounds.append(figures)
    return rounds


async def _fire(control_url: str, sample: str, step: int) -> dict[str, float]:
    """Broadcast ``DECISIONS`` copies of the sample message through the floor server."""
    sent: dict[str, float] = {}
    async with connect(control_url, ping_interval=None) as control:
        for k in range(DECISIONS):
            key = f"F{step}-{k}"
            message = json.loads(sample)
            message["payload"]["data"]["requestStatusChanged"]["referenceLabel"] = key
            sent[key] = time.monotonic()
            await control.send(json.dumps(message, ensure_ascii=False, separators=(",", ":")))
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
    return sent


if __name__ == "__main__":
    main()
