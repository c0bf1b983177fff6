"""Benchmark: live updates to 1,000 then 5,000 idle WebSocket subscribers of one process.

``python -m bench.bench_subscriptions`` migrates a fresh SQLite database, loads the demo
town, starts ONE server process (uvicorn, in-process broker) and opens real WebSocket
connections from this process (graphql-transport-ws, one ``requestStatusChanged``
subscription each; half as the demo parent, half as the demo agent — both receive every
decision on the parent's requests). With 1,000 then 5,000 subscribers connected, staff
accept a burst of requests (back-to-back HTTP mutations), and the bench measures:

- commit-to-client latency of every delivery, p50/p99: from the decision's HTTP response
  (its transaction has committed when the response is sent) to the client's receipt;
- deliveries per second over the burst (first mutation sent → last delivery received);
- the server's memory per connection (RSS growth while connecting, divided by the
  number of connections);
- the server's CPU time per delivery during the burst (less sensitive than latencies to
  other load on the machine, recorded as ``load_average_1min``).

It prints the figures and writes ``bench/results/subscriptions.json``. No assertion on
timings; a few minutes on a laptop. The client side shares the machine with the server,
so latencies include the clients' own CPU time. ``bench.bench_subscription_groups``
compares the subscription groups on and off with a plain broadcast, its clients in several
processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
from websockets.asyncio.client import ClientConnection, connect

from bench.http_load import cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
VAR_DIR = ROOT / "var" / "bench-subscriptions"
RESULTS = Path(__file__).parent / "results" / "subscriptions.json"
TENANT = "saint-ismier"
PARENT = "julien.roussel@example.fr"
STAFF = "agent@saint-ismier.example"
PASSWORD = "Creneau-demo-2026!"
# CRENEAU_BENCH_STEPS=200,500 for a quick run; CRENEAU_BENCH_PROFILE=out.prof profiles
# the server with cProfile.
STEPS = tuple(
    int(n) for n in os.environ.get("CRENEAU_BENCH_STEPS", "1000,5000").split(",") if n.strip()
)
DECISIONS = 6
CONNECT_CONCURRENCY = 50
DECIDED_LABEL = "Acceptée"
SUBSCRIPTION = """subscription { requestStatusChanged {
  cursor statusLabel referenceLabel } }"""


def _raise_file_limit(wanted: int) -> int:
    """Each connection is a file descriptor on both sides: raise the soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(hard, max(soft, wanted)) if hard != resource.RLIM_INFINITY else max(soft, wanted)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "CRENEAU_DATABASE_URL": f"sqlite+aiosqlite:///{VAR_DIR / 'bench.sqlite3'}",
            "CRENEAU_VAR_DIR": str(VAR_DIR),
            "CRENEAU_MAIL_SENDER": "off",
            "CRENEAU_LOG_LEVEL": "warning",
            "CRENEAU_BROKER_URL": "",
            # Thousands of subscriptions from one address: the per-address limit is off.
            "CRENEAU_RATE_LIMIT_PER_ADDRESS": "0",
            "CRENEAU_RATE_LIMIT_PER_ACCOUNT": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _prepare() -> None:
    shutil.rmtree(VAR_DIR, ignore_errors=True)
    VAR_DIR.mkdir(parents=True)
    for step in (["migrate"], ["demo"]):
        subprocess.run(
            [sys.executable, "-m", "server.cli", *step],
            cwd=ROOT,
            env=_env(),
            check=True,
            capture_output=True,
        )


class Subscriber:
    """One WebSocket connection with one subscription; records when events arrive."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.received: list[tuple[float, str]] = []
        self.task: asyncio.Task[None] | None = None

    async def listen(self) -> None:
        with contextlib.suppress(Exception):
            async for raw in self.ws:
                now = time.perf_counter()
                message = orjson.loads(raw)
                if message["type"] == "ping":
                    await self.ws.send('{"type":"pong"}')
                elif message["type"] == "next":
                    event = message["payload"]["data"]["requestStatusChanged"]
                    if event["statusLabel"] == DECIDED_LABEL:
                        self.received.append((now, event["referenceLabel"]))


async def _subscribe(url: str, token: str) -> Subscriber:
    ws = await connect(
        url,
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        open_timeout=60,
        ping_interval=None,
        max_queue=None,
    )
    await ws.send(
        orjson.dumps({"type": "connection_init", "payload": {"authToken": token}}).decode()
    )
    ack = orjson.loads(await ws.recv())
    assert ack["type"] == "connection_ack", ack
    await ws.send(
        orjson.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}).decode()
    )
    subscriber = Subscriber(ws)
    subscriber.task = asyncio.create_task(subscriber.listen())
    return subscriber


async def _connect_many(url: str, tokens: list[str], count: int) -> list[Subscriber]:
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(i: int) -> Subscriber:
        async with gate:
            return await _subscribe(url, tokens[i % len(tokens)])

    return list(await asyncio.gather(*(one(i) for i in range(count))))


async def _graphql(
    http: httpx.AsyncClient, url: str, query: str, token: str | None = None, **variables: Any
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await http.post(
        url, json={"query": query, "variables": variables}, headers=headers, timeout=120
    )
    body = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _login(http: httpx.AsyncClient, url: str, email: str) -> str:
    data = await _graphql(
        http,
        url,
        "mutation($e:String!,$p:String!){login(input:{email:$e,password:$p}){token}}",
        e=email,
        p=PASSWORD,
    )
    return str(data["login"]["token"])


def _field_values(step: int) -> list[dict[str, str]]:
    """One change per field (a family may have one pending request per field), with values
    that differ from the file's at every step."""
    return [
        {"profession": f"Profession {step}"},
        {"employer": f"Employeur {step}"},
        {"birthName": f"NAISSANCE{'AB'[step]}"},
        {"mobilePhone": f"06 12 34 5{step} 01"},
        {"phone": f"04 76 52 1{step} 00"},
        {"workPhone": f"04 76 52 2{step} 00"},
    ]


async def _pending_requests(
    http: httpx.AsyncClient, url: str, parent: str, step: int
) -> list[tuple[str, str]]:
    """Change requests of the parent's family, pending (id, reference label)."""
    family = await _graphql(http, url, "{ viewer { family { guardians { id } } } }", parent)
    guardian = family["viewer"]["family"]["guardians"][0]["id"]
    made = []
    for changes in _field_values(step)[:DECISIONS]:
        data = await _graphql(
            http,
            url,
            """mutation($g: ID!, $c: GuardianChangesInput!) { guardianChangeRequestCreate(
                 input: {guardian: $g, changes: $c}) {
                 request { id referenceLabel } errors { message } } }""",
            parent,
            g=guardian,
            c=changes,
        )
        created = data["guardianChangeRequestCreate"]
        assert created["errors"] == [], created
        made.append((created["request"]["id"], created["request"]["referenceLabel"]))
    return made


async def _burst(
    http: httpx.AsyncClient,
    url: str,
    staff: str,
    requests: list[tuple[str, str]],
    subscribers: list[Subscriber],
) -> dict[str, Any]:
    """Accept the requests concurrently; wait until every subscriber has every decision."""
    for subscriber in subscribers:
        subscriber.received.clear()
    committed: dict[str, float] = {}

    async def accept(request_id: str, reference: str) -> None:
        await _graphql(
            http,
            url,
            "mutation($r: ID!) { changeRequestAccept(input: {request: $r}) "
            "{ errors { message } } }",
            staff,
            r=request_id,
        )
        committed[reference] = time.perf_counter()

    started = time.perf_counter()
    # Back to back: accepting changes to one guardian concurrently would make SQLite
    # writers collide (the bench measures delivery, not write contention).
    for request_id, reference in requests:
        await accept(request_id, reference)
    expected = len(requests)
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if all(len(s.received) >= expected for s in subscribers):
            break
        await asyncio.sleep(0.05)
    received = [item for s in subscribers for item in s.received]
    last = max(at for at, _ in received) if received else time.perf_counter()
    latencies = sorted((at - committed[ref]) * 1000 for at, ref in received if ref in committed)
    complete = sum(len(s.received) >= expected for s in subscribers)
    return {
        "decisions": expected,
        "deliveries": len(received),
        "deliveries_expected": expected * len(subscribers),
        "subscribers_complete": complete,
        "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "latency_ms_p99": (
            round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1)
            if latencies
            else None
        ),
        "latency_ms_max": round(latencies[-1], 1) if latencies else None,
        "burst_seconds": round(last - started, 3),
        "deliveries_per_second": round(len(received) / max(last - started, 1e-9)),
    }


async def _run(port: int, server: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{TENANT}/graphql"
    ws_url = f"ws://127.0.0.1:{port}/{TENANT}/graphql"
    results = []
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50)) as http:
        parent = await _login(http, url, PARENT)
        staff = await _login(http, url, STAFF)
        subscribers: list[Subscriber] = []
        baseline_kib = _rss_kib(server.pid)
        for step, target in enumerate(STEPS):
            requests = await _pending_requests(http, url, parent, step)
            started = time.perf_counter()
            subscribers += await _connect_many(ws_url, [parent, staff], target - len(subscribers))
            connect_s = time.perf_counter() - started
            await asyncio.sleep(3)  # let every subscription register, then idle
            rss_kib = _rss_kib(server.pid)
            figures = {
                "subscribers": target,
                "connect_seconds": round(connect_s, 1),
                "server_rss_mib": round(rss_kib / 1024, 1),
                "memory_per_connection_kib": round((rss_kib - baseline_kib) / target, 1),
            }
            cpu_before = cpu_seconds(server.pid)
            figures |= await _burst(http, url, staff, requests, subscribers)
            cpu = cpu_seconds(server.pid) - cpu_before
            figures["server_cpu_seconds_burst"] = round(cpu, 2)
            figures["server_cpu_ms_per_delivery"] = round(
                1000 * cpu / max(1, figures["deliveries"]), 3
            )
            figures["load_average_1min"] = round(os.getloadavg()[0], 1)
            results.append(figures)
            print(json.dumps(figures, ensure_ascii=False), flush=True)
        for subscriber in subscribers:
            with contextlib.suppress(Exception):
                await subscriber.ws.close()
    return results


def main() -> None:
    """Prepare, serve, measure, report."""
    limit = _raise_file_limit(2 * max(STEPS) + 1000)
    _prepare()
    port = _free_port()
    log = (VAR_DIR / "server.log").open("wb")
    profile = os.environ.get("CRENEAU_BENCH_PROFILE")
    wrapper = ["-m", "cProfile", "-o", profile] if profile else []
    server = subprocess.Popen(
        [
            sys.executable,
            *wrapper,
            "-m",
            "server.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            time.sleep(0.2)
        steps = asyncio.run(_run(port, server))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {
        "benchmark": "subscriptions",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "database": "sqlite",
        "broker": "in-process",
        "file_limit": limit,
        "decisions_per_burst": DECISIONS,
        "steps": steps,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
