"""Benchmark: the monthly billing run of the 2,000-child town.

``python -m bench.bench_billing`` generates the synthetic town (2,000 children, seed 1)
into a fresh SQLite file (or the PostgreSQL database of ``CRENEAU_BENCH_DATABASE_URL``,
recreated), then bills March 2026 — the first month the generator leaves unbilled —
three ways: a preview (reads and prices, writes nothing), the real run (invoices, lines,
booking links, events, mails, in one transaction), and a second run (idempotent: nothing
created). The floor is the month's bookings fetched with plain SQL. It prints the figures
and writes them to ``bench/results/billing.json`` (``billing-postgresql.json`` on
PostgreSQL), with the process's CPU time beside each wall time (this process only: on
PostgreSQL the server's work is not in it) and the load average when it ended (the
machine may be shared). No assertion on timings.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

from domain.billing.billing_run import run_billing
from models import Invoice, InvoiceLine, Tenant
from models.engine import create_engine, create_session_factory
from seed.synthetic import generate_town
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
MONTH = dt.date(2026, 3, 1)
TODAY = dt.date(2026, 4, 2)
DATABASE = Path("var/bench/bench-billing.sqlite3")
RESULTS = Path(__file__).parent / "results" / "billing.json"
FLOOR_SQL = """
SELECT b.id, b.child_id, b.activity_id, b.date, b.status, b.attendance, c.family_id
FROM booking b JOIN child c ON c.id = b.child_id
WHERE b.tenant_id = :tenant AND b.date BETWEEN :start AND :end
"""


async def _timed_run(url: str, slug: str, *, preview: bool) -> tuple[float, float, int, Any]:
    engine = create_engine(url)
    statements: list[str] = []
    event.listen(
        engine.sync_engine, "before_cursor_execute", lambda *args: statements.append(args[2])
    )
    try:
        async with create_session_factory(engine)() as session, session.begin():
            tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
            assert tenant is not None
            statements.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            result = await run_billing(
                session, tenant=tenant, month=MONTH, today=TODAY, preview=preview
            )
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        return elapsed, cpu, len(statements), result
    finally:
        await engine.dispose()


async def _floor(url: str, slug: str) -> tuple[float, int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            tenant = await connection.scalar(select(Tenant.id).where(Tenant.slug == slug))
            started = time.perf_counter()
            rows = (
                await connection.execute(
                    text(FLOOR_SQL),
                    {"tenant": tenant, "start": MONTH, "end": dt.date(2026, 3, 31)},
                )
            ).all()
            return time.perf_counter() - started, len(rows)
    finally:
        await engine.dispose()


async def _counts(url: str, slug: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            tenant = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
            march = Invoice.period_start == MONTH
            return {
                "invoices": int(
                    await session.scalar(
                        select(func.count()).where(Invoice.tenant_id == tenant, march)
                    )
                    or 0
                ),
                "lines": int(
                    await session.scalar(
                        select(func.count())
                        .select_from(InvoiceLine)
                        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                        .where(Invoice.tenant_id == tenant, march)
                    )
                    or 0
                ),
            }
    finally:
        await engine.dispose()


def _database_url() -> tuple[str, str]:
    url = os.environ.get("CRENEAU_BENCH_DATABASE_URL")
    if url:
        from models.postgres_admin import recreate_postgres_database

        asyncio.run(recreate_postgres_database(url))
        return url, "postgresql"
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    return f"sqlite+aiosqlite:///{DATABASE}", "sqlite"


def main() -> None:
    """Generate the town, bill a month, print and write the figures."""
    url, backend = _database_url()
    upgrade(url)
    slug = f"synthetic-{CHILDREN}-{SEED}"

    async def run() -> dict[str, Any]:
        engine = create_engine(url)
        try:
            await generate_town(engine, children=CHILDREN, seed=SEED, slug=slug)
        finally:
            await engine.dispose()
        floor, floor_rows = await _floor(url, slug)
        preview_s, preview_cpu, preview_statements, preview = await _timed_run(
            url, slug, preview=True
        )
        run_s, run_cpu, run_statements, billed = await _timed_run(url, slug, preview=False)
        again_s, _, again_statements, again = await _timed_run(url, slug, preview=False)
        assert again.already_billed and not billed.already_billed
        return {
            "month": f"{MONTH:%Y-%m}",
            "bookingsInMonth": floor_rows,
            "bookingsBilled": billed.booking_count,
            "invoices": billed.invoice_count,
            "totalCents": billed.total_cents,
            "stored": await _counts(url, slug),
            "previewSeconds": round(preview_s, 3),
            "previewCpuSeconds": round(preview_cpu, 3),
            "previewStatements": preview_statements,
            "runSeconds": round(run_s, 3),
            "runCpuSeconds": round(run_cpu, 3),
            "runStatements": run_statements,
            "secondRunSeconds": round(again_s, 4),
            "secondRunStatements": again_statements,
            "floorSeconds": round(floor, 4),
            "ratioRunToFloor": round(run_s / floor, 1) if floor else None,
            "previewMatchesRun": preview.total_cents == billed.total_cents,
        }

    figures = asyncio.run(run())
    result = {
        "benchmark": "billing_run_month",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadAverage": [round(load, 2) for load in os.getloadavg()],
        },
        "backend": backend,
        "children": CHILDREN,
        **figures,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    path = RESULTS if backend == "sqlite" else RESULTS.with_name(f"billing-{backend}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
