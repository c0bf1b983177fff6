"""In-process profile of the hot reads with the compiled execution path off and on (issue 14).

``python -m bench.fast_execution_profile`` reads the generated town of
``bench.compare_reads`` (PostgreSQL, ``--database-url``; run that command once with
``--generate`` first), builds two apps on it — ``fast_execution`` off and on — and sends
each query through each app in process (httpx over ASGI), interleaved, ``--runs`` times:
it prints the median CPU milliseconds of this process per request (the client included,
waits for PostgreSQL left out) and their ratio. Then it profiles ``--profile-runs``
requests of each app with cProfile on CPU time and splits it by where it is spent
(GraphQL execution: graphql-core, Strawberry and the compiled path; SQL: SQLAlchemy and
the driver; our code: domain, resolvers, schema, kernel, models; HTTP: Starlette, the
client and ``server``; the event loop; the rest). cProfile slows small
functions more than large ones, so read the split as shares, not as timings. Results go
to ``bench/results/fast_execution_profile.json``. No assertion on timings.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import json
import os
import pstats
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from bench.compare_reads import DEFAULT_URL, MONTH, Q1, Q2, Q3, SLUG, _prepare
from kernel.rate_limit import RateLimit
from kernel.settings import Settings
from seed.synthetic import SYNTHETIC_PASSWORD
from seed.synthetic.constants import STAFF_EMAIL
from server.app import create_app

RESULTS = Path(__file__).parent / "results" / "fast_execution_profile.json"
QUERIES = {
    "Q1": (Q1, {"from": MONTH[0], "to": MONTH[1]}, "parent"),
    "Q2": (Q2, {"first": 20}, "staff"),
    "Q3": (Q3, {}, "parent"),
}
# Where a function's own time goes, by the first fragment found in its file name.
PLACES = [
    ("GraphQL execution", ("/graphql/", "/strawberry/", "fast_execution", "<fast execution")),
    ("SQL (SQLAlchemy + driver)", ("/sqlalchemy/", "/asyncpg/", "/aiosqlite/", "/greenlet")),
    ("our code", ("/domain/", "/resolvers/", "/schema/", "/kernel/", "/models/", "/seed/")),
    (
        "HTTP (Starlette, client, server/)",
        ("/starlette/", "/httpx/", "/httpcore/", "/anyio/", "/h11/", "/server/"),
    ),
    ("event loop", ("/asyncio/", "/selectors.py")),
    ("JSON", ("json", "orjson")),
]


def _place(filename: str) -> str:
    for name, fragments in PLACES:
        if any(fragment in filename for fragment in fragments):
            return name
    return "other (stdlib, builtins)"


def _split(profile: cProfile.Profile) -> dict[str, float]:
    """Share of the profiled time spent in each place (own time of its functions; the time
    of a built-in such as ``isinstance`` goes to the places of its callers, pro rata)."""
    stats = pstats.Stats(profile)
    own: dict[str, float] = {}
    entries = stats.stats.items()  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, tottime, _, callers) in entries:
        if filename == "~" and callers:
            calls = sum(caller[2] for caller in callers.values()) or 1.0
            for (caller_file, _, _), caller in callers.items():
                place = _place(caller_file)
                own[place] = own.get(place, 0.0) + tottime * caller[2] / calls
            continue
        own[_place(filename)] = own.get(_place(filename), 0.0) + tottime
    total = sum(own.values()) or 1.0
    return {
        name: round(100 * value / total, 1)
        for name, value in sorted(own.items(), key=lambda kv: -kv[1])
    }


def _app(url: str, fast: bool) -> Any:
    unlimited = RateLimit.parse("bench", "0")
    return create_app(
        Settings(
            environment="test",
            database_url=url,
            fast_execution=fast,
            mail_sender_in_process=False,
            rate_limit_per_address=unlimited,
            rate_limit_per_account=unlimited,
        )
    )


async def _token(http: httpx.AsyncClient, email: str) -> str:
    response = await http.post(
        f"/{SLUG}/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
            "{ token } }",
            "variables": {"e": email, "p": SYNTHETIC_PASSWORD},
        },
    )
    return str(response.json()["data"]["login"]["token"])


async def _timed(
    http: httpx.AsyncClient, payload: dict[str, Any], headers: dict[str, str]
) -> tuple[float, float]:
    """(wall, CPU) seconds one request took in this process (it must succeed)."""
    started, cpu = time.perf_counter(), time.process_time()
    response = await http.post(f"/{SLUG}/graphql", json=payload, headers=headers)
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    assert "errors" not in response.json(), response.text[:300]
    return elapsed, used


async def _measure(url: str, runs: int, profile_runs: int, names: list[str]) -> dict[str, Any]:
    setup = await _prepare(url, False, False)
    apps = {"off": _app(url, False), "on": _app(url, True)}
    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
        for name, app in apps.items()
    }
    try:
        tokens = {
            "parent": await _token(clients["off"], setup["parentEmail"]),
            "staff": await _token(clients["off"], STAFF_EMAIL),
        }
        results: dict[str, Any] = {}
        for query_name in names:
            query, variables, viewer = QUERIES[query_name]
            headers = {"authorization": f"Bearer {tokens[viewer]}"}
            payload = {"query": query, "variables": variables}

            bodies = [
                (await clients[name].post(f"/{SLUG}/graphql", json=payload, headers=headers)).json()
                for name in ("off", "on")
            ]
            assert bodies[0] == bodies[1], f"{query_name}: the answers differ"
            timings: dict[str, list[tuple[float, float]]] = {"off": [], "on": []}
            for run in range(runs):
                for name in ("off", "on") if run % 2 == 0 else ("on", "off"):
                    timings[name].append(await _timed(clients[name], payload, headers))
            splits = {}
            for name in ("off", "on"):
                profile = cProfile.Profile(time.process_time)  # CPU: waits left out
                profile.enable()
                for _ in range(profile_runs):
                    await _timed(clients[name], payload, headers)
                profile.disable()
                splits[name] = _split(profile)
            medians = {
                name: statistics.median(cpu for _, cpu in values) * 1000
                for name, values in timings.items()
            }
            walls = {
                name: round(statistics.median(wall for wall, _ in values) * 1000, 2)
                for name, values in timings.items()
            }
            results[query_name] = {
                "cpuMsPerRequest": {name: round(value, 2) for name, value in medians.items()},
                "wallMsPerRequest": walls,
                "onOverOff": round(medians["on"] / medians["off"], 3),
                "profileSharesPercent": splits,
                "bytes": len(json.dumps(bodies[1])),
            }
            ratio = results[query_name]["onOverOff"]
            print(
                f"{query_name}: CPU off {medians['off']:.2f} ms, on {medians['on']:.2f} ms, "
                f"on/off {ratio} (wall {walls['off']} / {walls['on']} ms)"
            )
            for name in ("off", "on"):
                print(
                    f"  profile {name}: " + ", ".join(f"{k} {v} %" for k, v in splits[name].items())
                )
        return results
    finally:
        for client in clients.values():
            await client.aclose()
        for app in apps.values():
            await app.state.engine.dispose()


def main(argv: list[str] | None = None) -> None:
    """Measure, print and store the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("CRENEAU_BENCH_PG", DEFAULT_URL))
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--profile-runs", type=int, default=30)
    parser.add_argument("--queries", default="Q1,Q2,Q3")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.queries.split(",")]
    results = asyncio.run(_measure(args.database_url, args.runs, args.profile_runs, names))
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"load average {load[0]} {load[1]} {load[2]}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "benchmark": "fast_execution_profile",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "loadAverage": load,
        "runs": args.runs,
        "profileRuns": args.profile_runs,
        "queries": results,
    }
    args.output.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
