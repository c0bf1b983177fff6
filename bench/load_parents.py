"""Load test (issue 14): N parents read their month of planning, 10 % reserve, on PostgreSQL.

``python -m bench.load_parents`` serves the 2,000-child generated town (PostgreSQL database
``creneau_bench_load``; ``--generate`` creates it) with real ``creneau serve`` processes —
one with ``--workers 1``, one with ``--workers 2`` (both with the Redis broker, so that
they differ only by their process count) — and drives N simulated parents (default 50,
the real parents' accounts of the generated town, logged in with their password) from
several client processes (an asyncio keep-alive HTTP client each, so that the client is
not the bottleneck). Each parent, in a loop without think time (``--think-ms`` adds
some), reads its children's planning for April 2026, or asks a reservation
(``reservationRequestCreate``) of one occurrence its planning of April to June showed
reservable (read before each run, not measured); the parents who have something to reserve
write more often, so that writes are ``--write-share`` (10 %) of all requests. Runs of a
fixed duration are interleaved (round after round, server after server). It prints req/s,
p50/p95/p99 per operation, errors, the servers' CPU (all their processes, from ``/proc``),
the connections they opened, the load average, and the ratio ``--workers 2`` ÷
``--workers 1``; writes ``bench/results/load_parents.json``.
``--before DIR`` also serves another tree of the project (``--workers 1``) in the same run.

The generated town lives on Monday 16 March 2026: the servers run with their clock moved
to that morning (``BENCH_LOAD_CLOCK``, set for the server processes only, moves
``models.base.utcnow`` before anything imports it), so that April's dates can be asked.
The machine is shared: read the ratios, and the load average printed beside them.
``--quick``: one short round. No assertion on timings.
"""

from __future__ import annotations

import os

if os.environ.get("BENCH_LOAD_CLOCK"):  # a server process (and its uvicorn workers)
    import datetime as _dt
    import time as _time

    import models.base as _base

    _shift = _dt.datetime.fromisoformat(os.environ["BENCH_LOAD_CLOCK"]).timestamp() - _time.time()

    def _shifted_utcnow() -> _dt.datetime:
        """The town's clock: the reference morning, moving at the real pace."""
        return _dt.datetime.fromtimestamp(_time.time() + _shift, _dt.UTC)

    _base.utcnow = _shifted_utcnow

import argparse
import asyncio
import datetime as dt
import json
import platform
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results" / "load_parents.json"
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_bench_load"
DEFAULT_BROKER = "redis://127.0.0.1:6379/11"
CHILDREN = 2000
SEED = 1
SLUG = f"synthetic-{CHILDREN}-{SEED}"
CLOCK = "2026-03-16T08:00:00+01:00"  # seed.synthetic.constants.REFERENCE_NOW
MONTH = ("2026-04-01", "2026-04-30")
PORTS = {"w1": 8711, "w2": 8712, "before": 8713}
PATH = f"/{SLUG}/graphql"

PLANNING = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { slotId date startTime endTime status statusLabel canReserve reserveBlocker
    canCancel cancelBlocker bookingDeadline cancellationDeadline absenceWouldBeBilled
    booking child { id firstName } activity { id name } } } }"""
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id reference status } lines { date outcome } errors { code message } } }"""
SPAN = ("2026-04-01", "2026-06-30")  # where the writes are taken from (at most 93 days)
RESERVABLE = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { slotId date canReserve child { id } activity { id } } } }"""
LOGIN = """mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) {
  token errors { code message } } }"""


# --- setup ----------------------------------------------------------------------------


async def _prepare(url: str, generate: bool, parents: int, fresh: bool = False) -> list[str]:
    """The town (generated when asked and missing) and the e-mails of ``parents`` parents."""
    from sqlalchemy import func, select

    from models import Account, Child, Guardian, Tenant
    from models.engine import create_engine, create_session_factory
    from models.postgres_admin import postgres_answers, recreate_postgres_database
    from seed.synthetic import generate_town
    from server.migrate import upgrade

    if not await postgres_answers(url):
        raise SystemExit(f"PostgreSQL does not answer at {url}")
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        try:
            async with sessions() as session:
                tenant = await session.scalar(select(Tenant.id).where(Tenant.slug == SLUG))
        except Exception:  # not migrated yet
            tenant = None
        if tenant is None or fresh:
            if not generate:
                raise SystemExit(f"no tenant {SLUG!r} in {url}: run with --generate")
            await engine.dispose()
            await recreate_postgres_database(url)
            await asyncio.to_thread(upgrade, url)
            engine = create_engine(url)
            await generate_town(engine, children=CHILDREN, seed=SEED, slug=SLUG)
            sessions = create_session_factory(engine)
            async with sessions() as session:
                tenant = await session.scalar(select(Tenant.id).where(Tenant.slug == SLUG))
            async with engine.begin() as connection:
                await connection.exec_driver_sql("ANALYZE")
        # One account per family, families with children, spread over the town.
        async with sessions() as session:
            rows = (
                await session.execute(
                    select(func.min(Account.email))
                    .join(Guardian, Account.guardian_id == Guardian.id)
                    .join(Child, Child.family_id == Guardian.family_id)
                    .where(Child.tenant_id == tenant)
                    .group_by(Guardian.family_id)
                    .order_by(Guardian.family_id)
                )
            ).all()
    finally:
        await engine.dispose()
    step = max(1, len(rows) // parents)
    emails = [row[0] for row in rows[::step]][:parents]
    if len(emails) < parents:
        raise SystemExit(f"only {len(emails)} parents' accounts in the town")
    return emails


def _cpu_of_tree(pid: int) -> dict[int, float]:
    """User + system CPU seconds of a process and of each of its live children (uvicorn's
    workers), by process id."""
    found: dict[int, float] = {}
    _cpu_where(lambda entry, name, ppid: entry == pid or ppid == pid, found)
    return found


def _cpu_of_postgres() -> float | None:
    """User + system CPU seconds of the PostgreSQL processes (every session, all users);
    None when they run outside this machine's process list (another container)."""
    found: dict[int, float] = {}
    _cpu_where(lambda entry, name, ppid: name == "postgres", found)
    return sum(found.values()) if found else None


def _cpu_where(keep: Callable[[int, str, int], bool], found: dict[int, float]) -> None:
    """Fill ``found`` with the CPU seconds of the processes ``keep(pid, name, ppid)`` keeps."""
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        if keep(int(entry.name), name, int(fields[1])):
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks


def _sessions_opened(url: str) -> int | None:
    """PostgreSQL sessions opened on the database so far (``pg_stat_database.sessions``,
    PostgreSQL 14+): their growth during a run is the servers' connection churn."""
    import asyncpg

    async def read() -> int | None:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            value = await connection.fetchval(
                "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
            )
        finally:
            await connection.close()
        return None if value is None else int(value)

    try:
        return asyncio.run(read())
    except Exception:  # an older PostgreSQL: no such column
        return None


def _wait_port(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
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


def _start_servers(
    url: str, broker: str, before: Path | None, extra_env: dict[str, str], kinds: list[str]
) -> dict[str, subprocess.Popen[bytes]]:
    env = dict(os.environ)
    env.update(
        {
            "CRENEAU_DATABASE_URL": url,
            "CRENEAU_BROKER_URL": broker,
            "CRENEAU_MAIL_SENDER": "off",
            "CRENEAU_LOG_LEVEL": "warning",
            "CRENEAU_RATE_LIMIT_PER_ADDRESS": "0",
            "CRENEAU_RATE_LIMIT_PER_ACCOUNT": "0",
            "BENCH_LOAD_CLOCK": CLOCK,
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
    )
    servers: dict[str, subprocess.Popen[bytes]] = {}
    for name, workers in (("w1", 1), ("w2", 2)):
        if name not in kinds:
            continue
        servers[name] = subprocess.Popen(
            [sys.executable, "-m", "bench.load_parents", "--serve", str(PORTS[name]), str(workers)],
            cwd=ROOT,
            env=env,
        )
    if before is not None:
        # The other tree is served through this module (its clock): a scratch copy of the
        # project (``git archive <commit> | tar -x -C DIR``) may predate it.
        launcher = before / "bench" / "load_parents.py"
        if not launcher.exists():
            launcher.write_bytes(Path(__file__).read_bytes())
        servers["before"] = subprocess.Popen(
            [sys.executable, "-m", "bench.load_parents", "--serve", str(PORTS["before"]), "1"],
            cwd=before,
            env={**env, "PYTHONPATH": str(before)},
        )
    try:
        for name, process in servers.items():
            _wait_port(PORTS[name], process)
    except BaseException:
        _stop(servers)
        raise
    return servers


def _stop(servers: dict[str, subprocess.Popen[bytes]]) -> None:
    for process in servers.values():
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
    for process in servers.values():
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _serve(port: str, workers: str) -> None:
    """A server process: ``creneau serve`` with the town's clock (see the docstring)."""
    from server.cli import main

    sys.exit(main(["serve", "--port", port, "--workers", workers]))


# --- the client -----------------------------------------------------------------------


def _raw(port: int, token: str | None, payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload).encode()
    lines = [
        f"POST {PATH} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
    ]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes
) -> tuple[int, bytes]:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    status = int(head.split(b" ", 2)[1])
    if not chunked:
        return status, await reader.readexactly(length)
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return status, body
        body += chunk[:-2]


def _outcome(status: int, body: bytes, field: str) -> tuple[str, Any]:
    """``ok``/``refused:<code>``/``error`` and the field's data."""
    if status != 200:
        return "error", None
    try:
        document = json.loads(body)
    except ValueError:
        return "error", None
    if document.get("errors") or not document.get("data"):
        return "error", None
    data = document["data"][field]
    errors = data.get("errors") if isinstance(data, dict) else None
    if errors:
        return f"refused:{errors[0]['code']}", data
    return "ok", data


async def _parent(
    port: int,
    parent: tuple[str, list[dict[str, Any]]],
    seconds: float,
    write_share: float,
    think: float,
    seed: int,
) -> list[tuple[str, float, str]]:
    """One parent's loop: (operation, latency, outcome) per request."""
    rnd = random.Random(seed)
    samples: list[tuple[str, float, str]] = []
    token, reservable = parent[0], list(parent[1])
    read = _raw(port, token, {"query": PLANNING, "variables": {"from": MONTH[0], "to": MONTH[1]}})
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    used = 0.0
    deadline = time.perf_counter() + seconds
    if think:  # parents do not all click at the same instant
        await asyncio.sleep(rnd.uniform(0, think))
    while time.perf_counter() < deadline:
        operation, raw, field = "planning", read, "planning"
        if reservable and rnd.random() < write_share:
            occurrence = reservable.pop(rnd.randrange(len(reservable)))
            operation, field = "reserve", "reservationRequestCreate"
            raw = _raw(
                port,
                token,
                {
                    "query": RESERVE,
                    "variables": {
                        "input": {
                            "children": [occurrence["child"]["id"]],
                            "activity": occurrence["activity"]["id"],
                            "date": occurrence["date"],
                            "slots": [occurrence["slotId"]],
                        }
                    },
                },
            )
        # A browser reopens a connection the server closed after its keep-alive delay
        # (uvicorn: 5 s): so does this client after 4 s idle, outside the measure.
        if connection is not None and time.perf_counter() - used > 4.0:
            connection[1].close()
            connection = None
        if connection is None:
            connection = await asyncio.open_connection("127.0.0.1", port)
        started = time.perf_counter()
        try:
            status, body = await _exchange(*connection, raw)
            outcome = _outcome(status, body, field)[0]
        except (OSError, asyncio.IncompleteReadError) as exc:
            connection[1].close()
            connection = None
            outcome = f"error:{type(exc).__name__}"
        used = time.perf_counter()
        samples.append((operation, used - started, outcome))
        if think:
            await asyncio.sleep(rnd.expovariate(1 / think))
    if connection is not None:
        connection[1].close()
    return samples


def _client(
    port: int,
    parents: list[tuple[str, list[dict[str, Any]]]],
    seconds: float,
    write_share: float,
    think: float,
    seed: int,
) -> list[tuple[str, float, str]]:
    """One client process: its parents, concurrently; their samples."""

    async def run() -> list[tuple[str, float, str]]:
        cpu = time.process_time()
        results = await asyncio.gather(
            *(
                _parent(port, parent, seconds, write_share, think, seed * 1000 + i)
                for i, parent in enumerate(parents)
            )
        )
        used = time.process_time() - cpu
        return [("client-cpu", used, ""), *(s for samples in results for s in samples)]

    return asyncio.run(run())


def _login_all(port: int, emails: list[str]) -> list[str]:
    """Session tokens of the parents (logged in once; sessions live in the database)."""
    from seed.synthetic import SYNTHETIC_PASSWORD

    async def login(email: str) -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            raw = _raw(
                port, None, {"query": LOGIN, "variables": {"e": email, "p": SYNTHETIC_PASSWORD}}
            )
            status, body = await _exchange(reader, writer, raw)
        finally:
            writer.close()
        outcome, data = _outcome(status, body, "login")
        if outcome != "ok":
            raise SystemExit(f"login of {email}: {outcome} {body[:300]!r}")
        return str(data["token"])

    async def run() -> list[str]:
        gate = asyncio.Semaphore(4)

        async def one(email: str) -> str:
            async with gate:
                return await login(email)

        return list(await asyncio.gather(*(one(e) for e in emails)))

    return asyncio.run(run())


def _reservable_all(port: int, tokens: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each parent with the occurrences its planning of April to June shows reservable now
    (read before a run, not measured): what its writes of the run will ask, in a random
    order. Read again before each run, as the runs before have reserved some."""

    async def one(token: str, index: int) -> tuple[str, list[dict[str, Any]]]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            raw = _raw(
                port, token, {"query": RESERVABLE, "variables": {"from": SPAN[0], "to": SPAN[1]}}
            )
            status, body = await _exchange(reader, writer, raw)
        finally:
            writer.close()
        data = _outcome(status, body, "planning")[1]
        found = [o for o in (data or {}).get("occurrences", []) if o["canReserve"]]
        random.Random(index).shuffle(found)
        return token, found

    async def run() -> list[tuple[str, list[dict[str, Any]]]]:
        gate = asyncio.Semaphore(4)

        async def gated(token: str, index: int) -> tuple[str, list[dict[str, Any]]]:
            async with gate:
                return await one(token, index)

        return list(await asyncio.gather(*(gated(t, i) for i, t in enumerate(tokens))))

    return asyncio.run(run())


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _run_cell(
    url: str,
    pool: ProcessPoolExecutor,
    pid: int,
    port: int,
    parents: list[tuple[str, list[dict[str, Any]]]],
    processes: int,
    seconds: float,
    write_share: float,
    think: float,
    seed: int,
) -> dict[str, Any]:
    shares = [parents[i::processes] for i in range(processes)]
    load_before = os.getloadavg()[0]
    opened = _sessions_opened(url)
    cpu, database_cpu = _cpu_of_tree(pid), _cpu_of_postgres()
    started = time.perf_counter()
    futures = [
        pool.submit(_client, port, share, seconds, write_share, think, seed * 10 + i)
        for i, share in enumerate(shares)
    ]
    everything = [s for future in futures for s in future.result()]
    elapsed = time.perf_counter() - started
    cpu_after = _cpu_of_tree(pid)
    per_process = {p: cpu_after[p] - cpu.get(p, 0.0) for p in cpu_after}
    used = sum(per_process.values())
    database_now = _cpu_of_postgres()
    database_used = (
        None if database_now is None or database_cpu is None else database_now - database_cpu
    )
    opened_after = _sessions_opened(url)
    client_used = sum(s[1] for s in everything if s[0] == "client-cpu")
    samples = [s for s in everything if s[0] != "client-cpu"]
    cell: dict[str, Any] = {
        "requests": len(samples),
        "reqPerSec": round(len(samples) / elapsed, 2),
        "serverCpuSeconds": round(used, 2),
        "serverCpuMsPerRequest": round(used * 1000 / len(samples), 2) if samples else None,
        "serverCpuCores": round(used / elapsed, 2),
        # uvicorn's supervisor first when it has workers, then each worker
        "serverCpuCoresPerProcess": [
            round(per_process[p] / elapsed, 2) for p in sorted(per_process)
        ],
        "postgresCpuCores": None if database_used is None else round(database_used / elapsed, 2),
        "clientCpuCores": round(client_used / elapsed, 2),
        "errors": sum(1 for s in samples if s[2].startswith("error")),
        # minus the one this measure opens itself
        "connectionsOpened": None
        if opened is None or opened_after is None
        else opened_after - opened - 1,
        "writeShare": round(sum(1 for s in samples if s[0] == "reserve") / len(samples), 3)
        if samples
        else None,
        "loadAverage": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "operations": {},
    }
    for operation in ("planning", "reserve"):
        latencies = [s[1] for s in samples if s[0] == operation]
        outcomes: dict[str, int] = {}
        for s in samples:
            if s[0] == operation:
                outcomes[s[2]] = outcomes.get(s[2], 0) + 1
        if latencies:
            cell["operations"][operation] = {
                "count": len(latencies),
                "p50Ms": round(_percentile(latencies, 0.50), 1),
                "p95Ms": round(_percentile(latencies, 0.95), 1),
                "p99Ms": round(_percentile(latencies, 0.99), 1),
                "outcomes": outcomes,
            }
    all_latencies = [s[1] for s in samples if s[0] != "connection"]
    if all_latencies:
        cell["p50Ms"] = round(_percentile(all_latencies, 0.50), 1)
        cell["p99Ms"] = round(_percentile(all_latencies, 0.99), 1)
    return cell


# --- main -----------------------------------------------------------------------------


def _line(name: str, cell: dict[str, Any]) -> str:
    ops = cell["operations"]
    parts = [
        f"{name:>6}: {cell['reqPerSec']:7.1f} req/s",
        f"CPU {cell['serverCpuCores']:.2f} cores {cell['serverCpuCoresPerProcess']} "
        f"({cell['serverCpuMsPerRequest']} ms/req), "
        f"PostgreSQL {cell['postgresCpuCores'] if cell['postgresCpuCores'] is not None else 'n/a'}"
        f", clients {cell['clientCpuCores']:.2f}",
        f"errors {cell['errors']}, writes {cell['writeShare']:.0%}, "
        f"connections opened {cell['connectionsOpened']}",
    ]
    for operation, stats in ops.items():
        parts.append(
            f"{operation} n={stats['count']} p50/p95/p99 "
            f"{stats['p50Ms']:.0f}/{stats['p95Ms']:.0f}/{stats['p99Ms']:.0f} ms"
        )
    parts.append(f"load {cell['loadAverage'][0]:.1f}→{cell['loadAverage'][1]:.1f}")
    return " | ".join(parts)


def _median_cell(cells: list[dict[str, Any]]) -> dict[str, Any]:
    """The round whose req/s is the median (its figures kept together)."""
    ordered = sorted(cells, key=lambda c: c["reqPerSec"])
    return ordered[(len(ordered) - 1) // 2]


def main(argv: list[str] | None = None) -> None:
    """Prepare, start the servers, log the parents in, measure interleaved, report."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--serve"]:
        _serve(argv[1], argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("CRENEAU_BENCH_LOAD_PG", DEFAULT_URL)
    )
    parser.add_argument("--broker-url", default=DEFAULT_BROKER)
    parser.add_argument("--generate", action="store_true", help="generate the town if missing")
    parser.add_argument(
        "--regenerate",
        action="store_true",
        help="a new town first: each run reserves some of the parents' free dates, and after "
        "a few runs they have little left to reserve (the write share printed drops)",
    )
    parser.add_argument("--parents", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of one run")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--write-share", type=float, default=0.10)
    parser.add_argument("--think-ms", type=float, default=0.0, help="mean pause between operations")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="one round of 6 s")
    parser.add_argument(
        "--before", type=Path, default=None, help="another tree, served --workers 1"
    )
    parser.add_argument(
        "--env", action="append", default=[], help="NAME=VALUE for the servers (e.g. a switch)"
    )
    parser.add_argument(
        "--servers",
        default="w1,w2",
        help="which of ours to serve: w1 (--workers 1), w2 (--workers 2); each process may "
        "hold 30 PostgreSQL connections (max_connections is often 100)",
    )
    parser.add_argument("--label", default="")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.rounds = 6.0, 1
    extra_env = dict(item.split("=", 1) for item in args.env)

    emails = asyncio.run(
        _prepare(args.database_url, args.generate or args.regenerate, args.parents, args.regenerate)
    )
    kinds = [k.strip() for k in args.servers.split(",")]
    servers = _start_servers(args.database_url, args.broker_url, args.before, extra_env, kinds)
    names = list(servers)
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    try:
        tokens = _login_all(PORTS[next(iter(servers))], emails)
        with ProcessPoolExecutor(max_workers=args.client_processes) as pool:
            for name in names:  # warm every server process and every client process
                _run_cell(
                    args.database_url,
                    pool,
                    servers[name].pid,
                    PORTS[name],
                    [(token, []) for token in tokens],  # reads only
                    args.client_processes,
                    2.0,
                    args.write_share,
                    args.think_ms / 1000,
                    0,
                )
            for round_ in range(args.rounds):
                for name in names if round_ % 2 == 0 else list(reversed(names)):
                    parents = _reservable_all(PORTS[name], tokens)
                    able = sum(1 for _, found in parents if found) or 1
                    # The parents with something to reserve write more often, so that the
                    # writes are --write-share of all the requests.
                    share = min(1.0, args.write_share * len(parents) / able)
                    cell = _run_cell(
                        args.database_url,
                        pool,
                        servers[name].pid,
                        PORTS[name],
                        parents,
                        args.client_processes,
                        args.seconds,
                        share,
                        args.think_ms / 1000,
                        round_ + 1,
                    )
                    cell["parentsWithSomethingToReserve"] = able
                    samples[name].append(cell)
                    print(f"round {round_ + 1} {_line(name, cell)}", file=sys.stderr)
    finally:
        _stop(servers)

    table = {name: _median_cell(cells) for name, cells in samples.items()}
    ratio = (
        round(table["w2"]["reqPerSec"] / table["w1"]["reqPerSec"], 2)
        if "w1" in table and "w2" in table
        else None
    )
    load = [round(x, 2) for x in os.getloadavg()]
    print(
        f"{args.parents} parents, {args.write_share:.0%} writes, {args.seconds:.0f} s runs, "
        f"{args.rounds} rounds (median round):"
    )
    for name, cell in table.items():
        print(_line(name, cell))
    print(f"--workers 2 ÷ --workers 1 (req/s): {ratio}")
    if "before" in table and "w1" in table:
        print(
            f"--workers 1 ÷ before (req/s): "
            f"{round(table['w1']['reqPerSec'] / table['before']['reqPerSec'], 2)}, server CPU "
            f"per request: {table['w1']['serverCpuMsPerRequest']} ÷ "
            f"{table['before']['serverCpuMsPerRequest']}"
        )
    print(f"load average {load[0]} {load[1]} {load[2]} ({os.cpu_count()} CPUs)")
    result = {
        "benchmark": "load_parents",
        "label": args.label,
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "loadAverage": load,
        "parents": args.parents,
        "writeShare": args.write_share,
        "thinkMs": args.think_ms,
        "clientProcesses": args.client_processes,
        "runSeconds": args.seconds,
        "rounds": args.rounds,
        "before": str(args.before) if args.before else None,
        "env": extra_env,
        "workers2OverWorkers1": ratio,
        "servers": table,
        "allRounds": samples,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    previous: list[Any] = []
    if args.output.exists():
        old = json.loads(args.output.read_text(encoding="utf-8"))
        previous = [
            *old.get("history", []),
            {
                k: old.get(k)
                for k in ("label", "measuredAt", "loadAverage", "workers2OverWorkers1", "servers")
            },
        ]
    result["history"] = previous[-8:]
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
