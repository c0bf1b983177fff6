"""The plain-SQL floor of ``bench.compare_reads``: Starlette + asyncpg + orjson, no GraphQL.

``python -m bench.sql_floor --dsn postgresql://… --port 8702`` serves ``POST /q1`` … ``/q4``
(JSON parameters in the body) and answers each with the rows of the same reads Créneau
makes, encoded with orjson: what a hand-written endpoint would cost (no token check, no
validation, no rules). ``bench.compare_reads`` starts it, checks it returns the same rows
as the GraphQL servers and measures it side by side. ``/q4`` runs the very GROUP BY
statement of the occupancy report, compiled by ``compare_reads`` and passed in
``BENCH_FLOOR_Q4_SQL``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

# Q1: the booked occurrences of the family's children in the month (child, activity,
# slot, date, status): what the planning shows beside the free dates.
Q1 = """
SELECT c.first_name, a.name AS activity, b.date, s.start_time, s.end_time, b.status,
       b.attendance
FROM booking b
JOIN child c ON c.id = b.child_id
JOIN activity a ON a.id = b.activity_id
JOIN slot s ON s.id = b.slot_id
WHERE b.tenant_id = $1 AND c.family_id = $2 AND b.date BETWEEN $3 AND $4
ORDER BY b.date, s.start_time, c.birth_date, c.id
"""
# Q2: the staff inbox's first page (requests in progress, oldest first) and their lines.
Q2_PAGE = """
SELECT r.id, r.reference, r.type, r.status, r.created_at, r.period_start, r.period_end,
       r.comment, f.name AS family, f.subscriber_code, c.first_name, c.last_name,
       a.name AS activity,
       (SELECT count(*) FROM request r2 WHERE r2.tenant_id = r.tenant_id
          AND r2.status IN ('PENDING', 'TRANSMITTED')) AS total
FROM request r
JOIN family f ON f.id = r.family_id
LEFT JOIN child c ON c.id = r.child_id
LEFT JOIN activity a ON a.id = r.activity_id
WHERE r.tenant_id = $1 AND r.status IN ('PENDING', 'TRANSMITTED')
ORDER BY r.created_at, r.id
LIMIT $2
"""
Q2_LINES = """
SELECT l.request_id, l.date, l.action, l.status, c.first_name
FROM request_line l JOIN child c ON c.id = l.child_id
WHERE l.request_id = ANY($1::bigint[])
ORDER BY l.request_id, l.date, l.id
"""
# Q3: the catalogue, establishments → active activities → slots, in display order.
Q3 = """
SELECT e.id AS establishment_id, e.name AS establishment, a.id AS activity_id,
       a.name AS activity, s.weekday, s.start_time, s.end_time, s.capacity
FROM establishment e
LEFT JOIN activity a ON a.establishment_id = e.id AND a.is_active
LEFT JOIN slot s ON s.activity_id = a.id
WHERE e.tenant_id = $1
ORDER BY e.name, e.id, a.sort_order, a.name, a.id, s.weekday, s.start_time, s.valid_from, s.id
"""


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _json(data: Any) -> Response:
    return Response(orjson.dumps(data, default=_default), media_type="application/json")


def create_floor(dsn: str) -> Starlette:
    """The floor app (one asyncpg pool)."""
    state: dict[str, Any] = {}
    q4_sql = os.environ.get("BENCH_FLOOR_Q4_SQL", "")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(dsn, min_size=1, max_size=16)
        try:
            yield
        finally:
            await state["pool"].close()

    async def q1(request: Request) -> Response:
        p = orjson.loads(await request.body())
        rows = await state["pool"].fetch(
            Q1,
            p["tenant"],
            p["family"],
            dt.date.fromisoformat(p["from"]),
            dt.date.fromisoformat(p["to"]),
        )
        return _json([dict(r) for r in rows])

    async def q2(request: Request) -> Response:
        p = orjson.loads(await request.body())
        async with state["pool"].acquire() as connection:
            page = await connection.fetch(Q2_PAGE, p["tenant"], p["first"])
            lines = await connection.fetch(Q2_LINES, [r["id"] for r in page])
        by_request: dict[int, list[dict[str, Any]]] = {}
        for line in lines:
            by_request.setdefault(line["request_id"], []).append(dict(line))
        return _json(
            {
                "totalCount": page[0]["total"] if page else 0,
                "requests": [{**dict(r), "lines": by_request.get(r["id"], [])} for r in page],
            }
        )

    async def q3(request: Request) -> Response:
        p = orjson.loads(await request.body())
        rows = await state["pool"].fetch(Q3, p["tenant"])
        establishments: list[dict[str, Any]] = []
        activities: dict[int, dict[str, Any]] = {}
        for r in rows:
            if not establishments or establishments[-1]["id"] != r["establishment_id"]:
                establishments.append(
                    {"id": r["establishment_id"], "name": r["establishment"], "activities": []}
                )
            if r["activity_id"] is None:
                continue
            activity = activities.get(r["activity_id"])
            if activity is None:
                activity = activities[r["activity_id"]] = {"name": r["activity"], "slots": []}
                establishments[-1]["activities"].append(activity)
            if r["weekday"] is not None:
                activity["slots"].append(
                    {
                        "weekday": r["weekday"],
                        "startTime": r["start_time"],
                        "endTime": r["end_time"],
                        "capacity": r["capacity"],
                    }
                )
        return _json(establishments)

    async def q4(request: Request) -> Response:
        rows = await state["pool"].fetch(q4_sql)
        return _json([dict(r) for r in rows])

    return Starlette(
        routes=[Route(f"/{f.__name__}", f, methods=["POST"]) for f in (q1, q2, q3, q4)],
        lifespan=lifespan,
    )


def main() -> None:
    """Serve the floor with uvicorn (one process)."""
    parser = argparse.ArgumentParser(description="Plain-SQL floor for bench.compare_reads.")
    parser.add_argument("--dsn", required=True, help="postgresql://… (asyncpg)")
    parser.add_argument("--port", type=int, default=8702)
    args = parser.parse_args()
    uvicorn.run(
        create_floor(args.dsn),
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
