"""Benchmark: the write paths of issue 14 on the 2,000-child town, each next to its baseline.

``python -m bench.write_paths`` generates the synthetic town (2,000 children, seed 1) into a
fresh SQLite file (or ``--database-url``, e.g. an empty PostgreSQL database), adds the
2026-2027 year and copies of a canteen with auto-acceptance (as
``bench.bench_period_reservation`` does) and a SEPA creditor with the direct-debit
families' invoices open again (as ``bench.bench_payments`` does), then measures, in
interleaved rounds (so that a change of machine load hits both sides alike):

- period reservation: one child's canteen for the whole year (~139 dates) in one request
  through the real ASGI app, next to a single-day request (the issue's goal: at most 10×
  its latency, at most 30 statements) and next to the row-by-row baseline (the new rows'
  numbering of ``models.sqlite_batch`` switched off: one INSERT per row on SQLite);
- direct-debit file (``prepare_direct_debit``) of every open direct-debit invoice, next
  to the plain paths it replaced (sepaxml validating with a freshly loaded XSD, one
  ``enqueue_mail`` and flush per family, items one by one), each rolled back;
- billing run of March 2026 (``run_billing``), next to its events inserted one by one,
  each rolled back.

Prints the figures with the ratios and the load average (1, 5, 15 min) at the start and at
the end of each part, and writes ``bench/results/write_paths.json`` (one key per database).
Figures on a loaded machine are relative: statement counts do not depend on load.
No assertion on timings.
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
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
from sqlalchemy import delete, event, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import domain.billing.billing_run as billing_run
import domain.bookings.capacity as capacity
import domain.payments.direct_debit as direct_debit
from bench.bench_payments import CREDITOR
from bench.bench_period_reservation import CLOCK, RESERVE, SLUG, _next_year, gid
from bench.generate_town import fresh_sqlite_url
from domain.mail import enqueue_mail
from domain.payments import prenotifications
from kernel.settings import Settings
from models import Family, Invoice, Payment, Tenant
from models.billing import InvoiceStatus
from models.engine import create_engine, create_session_factory
from seed.demo_town.next_year_data import NEXT_YEAR_CLASSES_END, NEXT_YEAR_START
from seed.synthetic import SYNTHETIC_PASSWORD, generate_town
from server.app import create_app
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
ROUNDS = 7  # measured rounds of the period reservation (plus one warm-up)
SLOW_ROUNDS = 3  # rounds of the direct-debit file and of the billing run
MONTH = dt.date(2026, 3, 1)
BILLING_DAY = dt.date(2026, 4, 2)
RESULTS = Path(__file__).parent / "results" / "write_paths.json"
WEEKDAYS = ["MONDAY", "TUESDAY", "THURSDAY", "FRIDAY"]


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


@contextmanager
def _counting(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


@contextmanager
def _nested(modules: tuple[Any, ...]) -> Iterator[None]:
    """The numbering of new rows (models.sqlite_batch) switched off in ``modules``."""
    patches = [mock.patch.object(m, "number_new_rows", return_value=None) for m in modules]
    for patch in patches:
        patch.start()
    try:
        yield
    finally:
        for patch in reversed(patches):
            patch.stop()


async def _prepare_town(url: str) -> dict[str, Any]:
    """Generate the town, its next year with canteen copies, and its open direct debits."""
    engine = create_engine(url)
    started = time.perf_counter()
    await generate_town(engine, children=CHILDREN, seed=SEED, slug=SLUG)
    generated = time.perf_counter() - started
    sessions = create_session_factory(engine)
    async with sessions() as session:
        email, child_id, activities = await _next_year(session, 3 * (ROUNDS + 1))
    async with sessions() as session, session.begin():
        tenant = (await session.scalars(select(Tenant).where(Tenant.slug == SLUG))).one()
        tenant.settings = {**(tenant.settings or {}), "sepaCreditor": CREDITOR}
        tenant_id = tenant.id
        debited = select(Family.id).where(
            Family.tenant_id == tenant_id, Family.direct_debit.is_(True)
        )
        await session.execute(
            update(Invoice)
            .where(Invoice.family_id.in_(debited), Invoice.status == InvoiceStatus.PAID)
            .values(status=InvoiceStatus.ISSUED)
        )
        await session.execute(delete(Payment).where(Payment.family_id.in_(debited)))
        latest_due = await session.scalar(
            select(func.max(Invoice.due_on)).where(Invoice.tenant_id == tenant_id)
        )
    await engine.dispose()
    assert latest_due is not None
    return {
        "generatedSeconds": round(generated, 1),
        "email": email,
        "child": child_id,
        "activities": activities,
        "tenant": tenant_id,
        "today": max(latest_due, dt.date.today()),
    }


async def _period_reservation(url: str, town: dict[str, Any]) -> dict[str, Any]:
    """Single day, year (numbered rows) and year (row by row), interleaved per round."""
    load_start = _load()
    app = create_app(Settings(environment="test", database_url=url))
    engine: AsyncEngine = app.state.engine
    copies = iter(town["activities"])
    samples: dict[str, list[tuple[float, int, int, int]]] = {"day": [], "year": [], "rows": []}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        login = await http.post(
            f"/{SLUG}/graphql",
            json={
                "query": "mutation($e: String!, $p: String!) { login(input: "
                "{email: $e, password: $p}) { token } }",
                "variables": {"e": town["email"], "p": SYNTHETIC_PASSWORD},
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}

        async def reserve(kind: str, days: dict[str, Any]) -> tuple[float, int, int, int]:
            variables = {
                "input": {
                    "children": [gid("Child", town["child"])],
                    "activity": gid("Activity", next(copies)),
                    **days,
                }
            }
            with _counting(engine) as seen:
                begin = time.perf_counter()
                response = await http.post(
                    f"/{SLUG}/graphql",
                    json={"query": RESERVE, "variables": variables},
                    headers=headers,
                )
                elapsed = time.perf_counter() - begin
            payload = response.json()["data"]["reservationRequestCreate"]
            assert payload["errors"] == [], (kind, payload)
            accepted = sum(1 for x in payload["lines"] if x["outcome"] == "ACCEPTED")
            inserts = sum(1 for s in seen if s.lstrip().upper().startswith("INSERT"))
            return elapsed, len(seen), inserts, accepted

        year = {
            "dates": {"gte": NEXT_YEAR_START.isoformat(), "lte": NEXT_YEAR_CLASSES_END.isoformat()},
            "weekdays": WEEKDAYS,
        }
        first_day = {"date": "2026-09-03"}  # a Thursday of the new year
        with mock.patch("resolvers.bookings.requests.utcnow", return_value=CLOCK):
            for round_ in range(ROUNDS + 1):
                day = await reserve("day", first_day)
                numbered = await reserve("year", year)
                with _nested((capacity,)):
                    rows = await reserve("rows", year)
                if round_ > 0:  # the first round warms the caches
                    samples["day"].append(day)
                    samples["year"].append(numbered)
                    samples["rows"].append(rows)
    await engine.dispose()

    def part(kind: str) -> dict[str, Any]:
        runs = samples[kind]
        return {
            "p50Ms": _median_ms([r[0] for r in runs]),
            "maxMs": round(max(r[0] for r in runs) * 1000, 1),
            "statements": runs[-1][1],
            "inserts": runs[-1][2],
            "dates": runs[-1][3],
        }

    single, whole, one_by_one = part("day"), part("year"), part("rows")
    return {
        "rounds": ROUNDS,
        "singleDay": single,
        "year": whole,
        "yearRowByRow": one_by_one,
        "ratioYearToSingleDay": round(whole["p50Ms"] / single["p50Ms"], 1),
        "ratioYearToRowByRow": round(whole["p50Ms"] / one_by_one["p50Ms"], 2),
        "goal": "year: at most 30 statements and 10x a single-day request",
        "loadAverageStart": load_start,
        "loadAverageEnd": _load(),
    }


async def _timed_rollback(
    engine: AsyncEngine, work: Callable[[AsyncSession], Awaitable[Any]]
) -> tuple[float, int, int, Any]:
    """Time ``work`` in a transaction that is rolled back; (seconds, statements, inserts)."""
    async with create_session_factory(engine)() as session:
        try:
            with _counting(engine) as seen:
                begin = time.perf_counter()
                result = await work(session)
                await session.flush()
                elapsed = time.perf_counter() - begin
        finally:
            await session.rollback()
    inserts = sum(1 for s in seen if s.lstrip().upper().startswith("INSERT"))
    return elapsed, len(seen), inserts, result


@contextmanager
def _plain_direct_debit() -> Iterator[None]:
    """The paths prepare_direct_debit used before issue 14: sepaxml's export validating
    with an XSD loaded for the file, one enqueue_mail (and flush) per family, items
    inserted one by one on SQLite."""

    async def one_mail_at_a_time(
        session: AsyncSession, mails: list[tuple[Any, dict[str, Any]]], *, tenant_id: int
    ) -> None:
        for payer, context in mails:
            await enqueue_mail(
                session,
                tenant_id=tenant_id,
                to=payer.email,
                template=prenotifications.PRENOTIFICATION,
                context=context,
            )

    with (
        mock.patch.object(
            direct_debit, "export_file", lambda sepa: sepa.export(validate=True, pretty_print=True)
        ),
        mock.patch.object(direct_debit, "queue_prenotifications", one_mail_at_a_time),
        _nested((direct_debit,)),
    ):
        yield


async def _direct_debit_and_billing(url: str, town: dict[str, Any]) -> dict[str, Any]:
    engine = create_engine(url)
    tenant_id, today = town["tenant"], town["today"]
    collection = today + dt.timedelta(days=10)

    async def prepare(session: AsyncSession) -> Any:
        prepared = await direct_debit.prepare_direct_debit(
            session, tenant_id=tenant_id, collection_date=collection, today=today
        )
        return prepared.batch.transaction_count, prepared.batch.total_cents

    async def bill(session: AsyncSession) -> Any:
        tenant = await session.get_one(Tenant, tenant_id)
        result = await billing_run.run_billing(
            session, tenant=tenant, month=MONTH, today=BILLING_DAY
        )
        return result.invoice_count, result.total_cents

    figures: dict[str, Any] = {}
    try:
        load_start = _load()
        fast: list[tuple[float, int, int, Any]] = []
        plain: list[tuple[float, int, int, Any]] = []
        for _ in range(SLOW_ROUNDS):
            fast.append(await _timed_rollback(engine, prepare))
            with _plain_direct_debit():
                plain.append(await _timed_rollback(engine, prepare))
        assert {r[3] for r in fast} == {r[3] for r in plain}, "the two files differ"
        figures["directDebit"] = _pair(fast, plain, "invoices", load_start)
        figures["directDebit"]["baseline"] = (
            "sepaxml export validating with a fresh XSD, one enqueue_mail and flush per family"
        )

        load_start = _load()
        fast, plain = [], []
        for _ in range(SLOW_ROUNDS):
            fast.append(await _timed_rollback(engine, bill))
            with _nested((billing_run,)):
                plain.append(await _timed_rollback(engine, bill))
        assert {r[3] for r in fast} == {r[3] for r in plain}, "the two runs differ"
        figures["billingRun"] = _pair(fast, plain, "invoices", load_start)
        figures["billingRun"]["month"] = f"{MONTH:%Y-%m}"
        figures["billingRun"]["baseline"] = "the families' events inserted one by one"
    finally:
        await engine.dispose()
    return figures


def _pair(
    fast: list[tuple[float, int, int, Any]],
    plain: list[tuple[float, int, int, Any]],
    what: str,
    load_start: list[float],
) -> dict[str, Any]:
    seconds = statistics.median(r[0] for r in fast)
    baseline = statistics.median(r[0] for r in plain)
    count, total = fast[-1][3]
    return {
        what: count,
        "totalCents": total,
        "rounds": len(fast),
        "seconds": round(seconds, 2),
        "statements": fast[-1][1],
        "baselineSeconds": round(baseline, 2),
        "baselineStatements": plain[-1][1],
        "ratioToBaseline": round(seconds / baseline, 2),
        "goalSeconds": 10,
        "loadAverageStart": load_start,
        "loadAverageEnd": _load(),
    }


def _print(result: dict[str, Any]) -> None:
    period = result["periodReservation"]
    day, year, rows = period["singleDay"], period["year"], period["yearRowByRow"]
    print(f"Write paths ({result['database']}, {CHILDREN} children, seed {SEED})")
    print(
        f"  period reservation, {year['dates']} dates: p50 {year['p50Ms']} ms, "
        f"{year['statements']} statements ({year['inserts']} INSERTs)"
    )
    print(
        f"    single day: p50 {day['p50Ms']} ms, {day['statements']} statements → year / day "
        f"{period['ratioYearToSingleDay']}× (goal ≤ 10×)"
    )
    print(
        f"    row by row: p50 {rows['p50Ms']} ms, {rows['statements']} statements "
        f"({rows['inserts']} INSERTs) → numbered / row by row {period['ratioYearToRowByRow']}×"
    )
    print(f"    load average {period['loadAverageStart']} → {period['loadAverageEnd']}")
    for key, label in (("directDebit", "direct-debit file"), ("billingRun", "billing run")):
        part = result[key]
        print(
            f"  {label}, {part['invoices']} invoices: {part['seconds']} s, "
            f"{part['statements']} statements; baseline {part['baselineSeconds']} s, "
            f"{part['baselineStatements']} statements → {part['ratioToBaseline']}× "
            f"(goal < 10 s); load average {part['loadAverageStart']} → {part['loadAverageEnd']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file under var/bench/")
    args = parser.parse_args()
    url = args.database_url or fresh_sqlite_url(f"write-paths-{CHILDREN}")
    upgrade(url)

    async def run() -> dict[str, Any]:
        town = await _prepare_town(url)
        period = await _period_reservation(url, town)
        rest = await _direct_debit_and_billing(url, town)
        return {"generatedSeconds": town["generatedSeconds"], "periodReservation": period, **rest}

    figures = asyncio.run(run())
    database = "postgresql" if url.startswith("postgresql") else "sqlite"
    result = {
        "benchmark": "write_paths",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "database": database,
        "children": CHILDREN,
        **figures,
    }
    _print(result)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    existing: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[database] = result
    RESULTS.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
