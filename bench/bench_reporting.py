"""Benchmark: every report on the 2,000-child town, through the API and as bare SQL.

``python -m bench.bench_reporting`` generates the synthetic town (2,000 children, seed 1,
one school year of bookings) into a fresh SQLite file and — when PostgreSQL answers — a
fresh PostgreSQL database, creates a reporting account, then for each report:

- **API**: the GraphQL query (``reports { <name>(…) { groups { keys … count sum … } } }``)
  through the real ASGI app (httpx, in process, bearer token): latency percentiles and SQL
  statements per request;
- **SQL**: the very GROUP BY statement the report runs (``domain.reporting.prepare``),
  executed on a bare connection and fetched, in the same run.

It prints a table and writes ``bench/results/reporting.json``. No assertion on timings.
``--reuse`` keeps an already generated database (same URL) instead of regenerating it.
Both databases are ANALYZEd before measuring (a live database has planner statistics).
"""

from __future__ import annotations

import argparse
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
from sqlalchemy import event, select, text

from domain.accounts import create_active_account
from domain.reporting import Dimension, ReportFilter, ReportQuery, prepare
from kernel.settings import Settings
from models import Account, Tenant
from models.account import Role
from models.base import utcnow
from models.engine import create_engine, create_session_factory
from models.postgres_admin import postgres_answers, recreate_postgres_database
from resolvers.reporting import build_query
from seed.synthetic import generate_town
from server.app import create_app
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
RUNS = 15
WARMUP = 2
SQLITE_PATH = Path("var/bench/bench-reporting.sqlite3")
POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_bench_reporting"
RESULTS = Path(__file__).parent / "results" / "reporting.json"
EMAIL = "reporting@bench.example"
PASSWORD = "Rapports-2026!"
YEAR = ReportFilter(date_from=dt.date(2025, 9, 1), date_to=dt.date(2026, 7, 3))
YEAR_WHERE = '{from: "2025-09-01", to: "2026-07-03"}'

# name → (groupBy, selection, domain filter, graphql arguments besides groupBy)
CASES: dict[str, tuple[tuple[Dimension, ...], str, ReportFilter, str, int | None]] = {
    "occupancy": (
        (Dimension.MONTH, Dimension.ACTIVITY),
        "keys { month activity { name } } count sum { reserved capacity waitingList } "
        "max { reserved occupancyRate } occupancyRate",
        YEAR,
        f"where: {YEAR_WHERE}",
        None,
    ),
    "attendance": (
        (Dimension.MONTH, Dimension.ESTABLISHMENT),
        "keys { month establishment { name } } count children "
        "sum { present absent absentBilled presentWithoutBooking } attendanceRate",
        YEAR,
        f"where: {YEAR_WHERE}",
        None,
    ),
    "requests": (
        (Dimension.REQUEST_TYPE, Dimension.STATUS),
        "keys { requestType status } count families sum { decided decidedWithin48h } "
        "processingHours { median p90 } decidedWithin48hShare",
        YEAR,
        f"where: {YEAR_WHERE}",
        None,
    ),
    "billing": (
        (Dimension.MONTH, Dimension.ACTIVITY),
        "keys { month activity { name } } count "
        "sum { invoicedCents paidCents remainingCents transmittedCents }",
        YEAR,
        f"where: {YEAR_WHERE}",
        None,
    ),
    "payments": (
        (Dimension.MONTH, Dimension.PAYMENT_METHOD),
        "keys { month paymentMethod } count sum { amountCents }",
        YEAR,
        f"where: {YEAR_WHERE}",
        None,
    ),
    "children": (
        (Dimension.ESTABLISHMENT, Dimension.GRADE, Dimension.QF_BRACKET),
        "keys { establishment { name } grade qfBracket { label } } count families",
        ReportFilter(date_to=dt.date(2026, 3, 1)),
        'where: {to: "2026-03-01"}',
        None,
    ),
    "caf": (
        (Dimension.AGE_BAND, Dimension.ACTIVITY),
        "keys { ageBand activity { name } } count children sum { hours }",
        ReportFilter(),
        "year: 2026",
        2026,
    ),
}


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 2),
    }


async def _prepare_town(url: str, slug: str, reuse: bool) -> None:
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        async with sessions() as session:
            exists = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
        if exists is None or not reuse:
            await generate_town(engine, children=CHILDREN, seed=SEED, slug=slug)
        # Planner statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE would leave
        # them on a live database: right after a bulk load there are none.
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE"))
            await connection.commit()
        async with sessions() as session, session.begin():
            tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == slug))
            assert tenant_id is not None

            known = await session.scalar(select(Account.id).where(Account.email == EMAIL))
            if known is None:
                await create_active_account(
                    session,
                    tenant_id=tenant_id,
                    email=EMAIL,
                    password=PASSWORD,
                    role=Role.REPORTING,
                    first_name="Tableau",
                    last_name="BORD",
                    now=utcnow(),
                )
    finally:
        await engine.dispose()


async def _measure(url: str, slug: str) -> list[dict[str, Any]]:
    settings = Settings(environment="test", database_url=url)
    app = create_app(settings)
    statements: list[str] = []
    event.listen(
        app.state.engine.sync_engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    rows_out: list[dict[str, Any]] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        login = await http.post(
            f"/{slug}/graphql",
            json={
                "query": "mutation($e: String!, $p: String!) { login(input: "
                "{email: $e, password: $p}) { token } }",
                "variables": {"e": EMAIL, "p": PASSWORD},
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        async with create_session_factory(app.state.engine)() as session:
            tenant = (
                await session.execute(
                    select(Tenant.id, Tenant.timezone, Tenant.settings).where(Tenant.slug == slug)
                )
            ).one()
        dialect = app.state.engine.dialect.name
        for name, (group_by, selection, where, arguments, year) in CASES.items():
            dims = ", ".join(d.value for d in group_by)
            document = (
                f"query {{ reports {{ {name}({arguments}, groupBy: [{dims}]) "
                f"{{ groups {{ {selection} }} suppressedGroups }} }} }}"
            )
            query: ReportQuery = build_query(
                tenant_id=tenant.id,
                dialect=dialect,
                timezone=tenant.timezone,
                settings=tenant.settings,
                default_min_group_size=settings.report_min_group_size,
                group_by=group_by,
                where=where,
                year=year,
            )
            statement, _ = prepare(name, query)
            # Interleaved (API, then bare SQL, run after run): both see the same machine load.
            api: list[float] = []
            bare: list[float] = []
            body: dict[str, Any] = {}
            per_request = 0
            async with app.state.engine.connect() as connection:
                for run in range(RUNS + WARMUP):
                    statements.clear()
                    started = time.perf_counter()
                    response = await http.post(
                        f"/{slug}/graphql", json={"query": document}, headers=headers
                    )
                    elapsed = time.perf_counter() - started
                    body = response.json()
                    per_request = len(statements)
                    started = time.perf_counter()
                    fetched = (await connection.execute(statement)).all()
                    bare_elapsed = time.perf_counter() - started
                    if run >= WARMUP:
                        api.append(elapsed)
                        bare.append(bare_elapsed)
            assert "errors" not in body, body
            report = body["data"]["reports"][name]
            api_ms, sql_ms = _ms(api), _ms(bare)
            rows_out.append(
                {
                    "report": name,
                    "groupBy": [d.value for d in group_by],
                    "groups": len(report["groups"]),
                    "suppressedGroups": report["suppressedGroups"],
                    "sqlStatementsPerRequest": per_request,
                    "apiMs": api_ms,
                    "sqlMs": sql_ms,
                    "sqlRows": len(fetched),
                    "apiOverSql": round(api_ms["p50"] / sql_ms["p50"], 2)
                    if sql_ms["p50"]
                    else None,
                }
            )
    await app.state.engine.dispose()
    return rows_out


def _table(backend: str, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"== {backend} ==",
        f"{'report':<11} {'groupBy':<32} {'groups':>6} {'supp.':>5} {'stmts':>5} "
        f"{'API p50':>9} {'API p95':>9} {'SQL p50':>9} {'SQL p95':>9} {'API/SQL':>7}",
    ]
    for r in rows:
        lines.append(
            f"{r['report']:<11} {','.join(r['groupBy']):<32} {r['groups']:>6} "
            f"{r['suppressedGroups']:>5} {r['sqlStatementsPerRequest']:>5} "
            f"{r['apiMs']['p50']:>7.1f}ms {r['apiMs']['p95']:>7.1f}ms "
            f"{r['sqlMs']['p50']:>7.1f}ms {r['sqlMs']['p95']:>7.1f}ms {r['apiOverSql']:>7}"
        )
    return "\n".join(lines)


def main() -> None:
    """Generate (or reuse) the towns, measure, print and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reuse", action="store_true", help="keep generated databases")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    args = parser.parse_args()
    slug = f"synthetic-{CHILDREN}-{SEED}"
    backends: list[tuple[str, str]] = []
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    sqlite_url = f"sqlite+aiosqlite:///{SQLITE_PATH}"
    upgrade(sqlite_url)
    backends.append(("sqlite", sqlite_url))
    if not args.no_postgres:
        if asyncio.run(postgres_answers(args.postgres_url)):
            if not args.reuse:
                asyncio.run(recreate_postgres_database(args.postgres_url))
            upgrade(args.postgres_url)
            backends.append(("postgresql", args.postgres_url))
        else:
            print(f"PostgreSQL does not answer at {args.postgres_url}: skipped")
    runs = []
    for backend, url in backends:
        started = time.perf_counter()
        asyncio.run(_prepare_town(url, slug, args.reuse))
        prepared = time.perf_counter() - started
        rows = asyncio.run(_measure(url, slug))
        print(_table(backend, rows))
        runs.append({"backend": backend, "townReadySeconds": round(prepared, 1), "reports": rows})
    result = {
        "benchmark": "reporting",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadAverageAtEnd": [round(x, 2) for x in os.getloadavg()],
        },
        "children": CHILDREN,
        "seed": SEED,
        "runs": RUNS,
        "backends": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
