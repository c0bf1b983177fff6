"""Benchmark: the first page of the staff inbox on the 2,000-child town.

``python -m bench.bench_inbox`` generates the synthetic town (2,000 children, seed 1) into
a fresh SQLite file (or ``--database-url``), logs in as its agent and asks for the inbox —
requests in progress, oldest first, 20 per page, with their family, child, activity,
dates and lines — through the real ASGI app (httpx, in process). In the same run it
measures the floor: the same page fetched with plain SQL (two statements) and encoded
with orjson. Prints latency percentiles, SQL statements per request and the ratio to the
floor, and writes ``bench/results/inbox.json``. No assertion on timings.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
from sqlalchemy import event, text

from bench.generate_town import fresh_sqlite_url
from kernel.settings import Settings
from models.engine import create_engine
from seed.synthetic import STAFF_EMAIL, SYNTHETIC_PASSWORD, generate_town
from server.app import create_app
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
RUNS = 30
WARMUP = 3
PAGE = 20
SLUG = "bench-inbox"
RESULTS = Path(__file__).parent / "results" / "inbox.json"
QUERY = """query($first: Int!) {
  requests(first: $first, where: {stateGroup: IN_PROGRESS}, order: OLDEST_FIRST) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id reference typeLabel status statusLabel createdAt periodStart periodEnd comment
      unreadMessageCount
      family { name subscriberCode } child { firstName lastName } activity { name }
      lines { date actionLabel status statusLabel child { firstName } } } } } }"""
FLOOR_PAGE = """
SELECT r.id, r.reference, r.type, r.status, r.created_at, r.period_start, r.period_end,
       r.comment, f.name AS family, f.subscriber_code, c.first_name, c.last_name,
       a.name AS activity,
       (SELECT count(*) FROM request r2 WHERE r2.tenant_id = r.tenant_id
          AND r2.status IN ('PENDING', 'TRANSMITTED')) AS total
FROM request r
JOIN family f ON f.id = r.family_id
LEFT JOIN child c ON c.id = r.child_id
LEFT JOIN activity a ON a.id = r.activity_id
WHERE r.tenant_id = :tenant AND r.status IN ('PENDING', 'TRANSMITTED')
ORDER BY r.created_at, r.id
LIMIT :page
"""
FLOOR_LINES = """
SELECT l.request_id, l.date, l.action, l.status, c.first_name
FROM request_line l JOIN child c ON c.id = l.child_id
WHERE l.request_id IN ({ids})
ORDER BY l.request_id, l.date
"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _measure(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    started = time.perf_counter()
    summary = await generate_town(engine, children=CHILDREN, seed=SEED, slug=SLUG)
    generated = time.perf_counter() - started
    await engine.dispose()

    app = create_app(Settings(environment="test", database_url=url))
    statements: list[str] = []
    event.listen(
        app.state.engine.sync_engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    timings: list[float] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        login = await http.post(
            f"/{SLUG}/graphql",
            json={
                "query": "mutation($e: String!, $p: String!) { login(input: "
                "{email: $e, password: $p}) { token } }",
                "variables": {"e": STAFF_EMAIL, "p": SYNTHETIC_PASSWORD},
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        body: dict[str, Any] = {}
        for run in range(RUNS + WARMUP):
            statements.clear()
            begin = time.perf_counter()
            response = await http.post(
                f"/{SLUG}/graphql",
                json={"query": QUERY, "variables": {"first": PAGE}},
                headers=headers,
            )
            elapsed = time.perf_counter() - begin
            body = response.json()
            assert "errors" not in body, body
            if run >= WARMUP:
                timings.append(elapsed)
        per_request = len(statements)
        size = len(response.content)
    page = body["data"]["requests"]
    lines = sum(len(edge["node"]["lines"]) for edge in page["edges"])

    floor: list[float] = []
    async with app.state.engine.connect() as connection:
        for run in range(RUNS + WARMUP):
            begin = time.perf_counter()
            rows = (
                await connection.execute(
                    text(FLOOR_PAGE), {"tenant": summary.tenant_id, "page": PAGE}
                )
            ).all()
            ids = ", ".join(str(row.id) for row in rows) or "0"
            line_rows = (await connection.execute(text(FLOOR_LINES.format(ids=ids)))).all()
            orjson.dumps(
                {
                    "requests": [row._asdict() for row in rows],
                    "lines": [row._asdict() for row in line_rows],
                },
                default=str,
            )
            if run >= WARMUP:
                floor.append(time.perf_counter() - begin)
    await app.state.engine.dispose()
    p50 = statistics.median(timings)
    floor_p50 = statistics.median(floor)
    return {
        "town": {"children": CHILDREN, "seed": SEED, "generatedSeconds": round(generated, 1)},
        "inProgressRequests": page["totalCount"],
        "page": {"requests": len(page["edges"]), "lines": lines},
        "responseBytes": size,
        "sqlStatementsPerRequest": per_request,
        "latencyMs": {
            "p50": round(p50 * 1000, 2),
            "p95": round(_percentile(timings, 0.95) * 1000, 2),
            "max": round(max(timings) * 1000, 2),
        },
        "floorMs": {"p50": round(floor_p50 * 1000, 3), "statements": 2},
        "ratioToFloor": round(p50 / floor_p50, 1),
        "runs": len(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file under var/bench/")
    args = parser.parse_args()
    url = args.database_url or fresh_sqlite_url(f"bench-inbox-{CHILDREN}")
    upgrade(url)
    result = asyncio.run(_measure(url))
    dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
    result["database"] = dialect
    result["machine"] = {"python": platform.python_version(), "platform": platform.platform()}
    print(
        f"Staff inbox ({dialect}): first page of {result['page']['requests']} requests "
        f"({result['page']['lines']} lines, {result['inProgressRequests']} in progress), "
        f"p50 {result['latencyMs']['p50']} ms, p95 {result['latencyMs']['p95']} ms, "
        f"{result['sqlStatementsPerRequest']} SQL statements; floor (plain SQL + orjson) "
        f"{result['floorMs']['p50']} ms, ratio {result['ratioToFloor']}"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing: dict[str, Any] = {}
    if RESULTS.exists():
        existing = json.loads(RESULTS.read_text())
    existing[dialect] = result
    RESULTS.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
