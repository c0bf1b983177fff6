"""Benchmark: a month of planning for a 3-child family of the 2,000-child town.

``python -m bench.bench_planning`` generates the synthetic town (2,000 children, seed 1)
into a fresh SQLite file, logs in as a parent of a family with three children and asks
for March 2026 through the real ASGI app (httpx, in process), then measures the floor:
the same rows fetched with plain SQL and encoded with orjson, in the same run. It prints
latency percentiles, SQL statements per request, occurrences and the ratio to the floor,
and writes them to ``bench/results/planning.json``. No assertion on timings.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
from sqlalchemy import event, func, select, text

from kernel.settings import Settings
from models import Account, Child, Guardian
from models.engine import create_engine, create_session_factory
from seed.synthetic import SYNTHETIC_PASSWORD, generate_town
from server.app import create_app
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
MONTH = ("2026-03-01", "2026-03-31")
RUNS = 30
DATABASE = Path("var/bench/bench-planning.sqlite3")
RESULTS = Path(__file__).parent / "results" / "planning.json"
QUERY = """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
  occurrences { date startTime endTime status statusLabel canReserve reserveBlocker
    canCancel cancelBlocker bookingDeadline cancellationDeadline absenceWouldBeBilled } } }"""
FLOOR_SQL = """
SELECT r.child_id, r.activity_id, s.id AS slot_id, s.weekday, s.start_time, s.end_time,
       b.date, b.status, b.attendance
FROM registration r
JOIN slot s ON s.activity_id = r.activity_id
LEFT JOIN booking b ON b.child_id = r.child_id AND b.slot_id = s.id
     AND b.date BETWEEN :start AND :end
WHERE r.child_id IN ({ids}) AND r.status = 'ACTIVE'
"""


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _three_child_parent(url: str) -> tuple[str, list[int]]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            family_id = await session.scalar(
                select(Child.family_id)
                .join(Guardian, Guardian.family_id == Child.family_id)
                .join(Account, Account.guardian_id == Guardian.id)
                .group_by(Child.family_id)
                .having(func.count(func.distinct(Child.id)) == 3)
                .limit(1)
            )
            email = await session.scalar(
                select(Account.email)
                .join(Guardian, Account.guardian_id == Guardian.id)
                .where(Guardian.family_id == family_id)
                .limit(1)
            )
            children = list(
                await session.scalars(select(Child.id).where(Child.family_id == family_id))
            )
    finally:
        await engine.dispose()
    assert email is not None
    return email, children


async def _measure(url: str, slug: str) -> dict[str, Any]:
    email, children = await _three_child_parent(url)
    app = create_app(Settings(environment="test", database_url=url))
    statements: list[str] = []
    event.listen(
        app.state.engine.sync_engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    transport = httpx.ASGITransport(app=app)
    timings: list[float] = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        login = await http.post(
            f"/{slug}/graphql",
            json={
                "query": "mutation($e: String!, $p: String!) { login(input: "
                "{email: $e, password: $p}) { token } }",
                "variables": {"e": email, "p": SYNTHETIC_PASSWORD},
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        variables = {"from": MONTH[0], "to": MONTH[1]}
        body: dict[str, Any] = {}
        for run in range(RUNS + 3):
            statements.clear()
            started = time.perf_counter()
            response = await http.post(
                f"/{slug}/graphql",
                json={"query": QUERY, "variables": variables},
                headers=headers,
            )
            elapsed = time.perf_counter() - started
            body = response.json()
            if run >= 3:
                timings.append(elapsed)
        per_request = len(statements)
        size = len(response.content)
    occurrences = len(body["data"]["planning"]["occurrences"])

    floor: list[float] = []
    async with app.state.engine.connect() as connection:
        sql = text(FLOOR_SQL.format(ids=", ".join(str(c) for c in children)))
        for run in range(RUNS + 3):
            started = time.perf_counter()
            rows = (await connection.execute(sql, {"start": MONTH[0], "end": MONTH[1]})).all()
            orjson.dumps([row._asdict() for row in rows], default=str)
            if run >= 3:
                floor.append(time.perf_counter() - started)
    await app.state.engine.dispose()
    p50 = statistics.median(timings)
    floor_p50 = statistics.median(floor)
    return {
        "family": {"children": len(children)},
        "month": MONTH,
        "occurrences": occurrences,
        "responseBytes": size,
        "sqlStatementsPerRequest": per_request,
        "latencyMs": {
            "p50": round(p50 * 1000, 2),
            "p95": round(_percentile(timings, 0.95) * 1000, 2),
            "max": round(max(timings) * 1000, 2),
        },
        "floorMs": {"p50": round(floor_p50 * 1000, 3), "rows": len(rows)},
        "ratioToFloor": round(p50 / floor_p50, 1),
    }


def main() -> None:
    """Generate the town, measure, print and write the figures."""
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    url = f"sqlite+aiosqlite:///{DATABASE}"
    upgrade(url)
    slug = f"synthetic-{CHILDREN}-{SEED}"

    async def run() -> dict[str, Any]:
        engine = create_engine(url)
        try:
            await generate_town(engine, children=CHILDREN, seed=SEED, slug=slug)
        finally:
            await engine.dispose()
        return await _measure(url, slug)

    figures = asyncio.run(run())
    result = {
        "benchmark": "planning_month_three_children",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        # Load average (1, 5, 15 min) when the run ended: figures under load are relative.
        "loadAverage": [round(x, 2) for x in os.getloadavg()],
        "backend": "sqlite",
        "runs": RUNS,
        **figures,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
