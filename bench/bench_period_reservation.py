"""Benchmark: a whole school year reserved in one request on the 2,000-child town.

``python -m bench.bench_period_reservation`` generates the synthetic town (2,000 children,
seed 1; its data live in 2025-2026) into a fresh SQLite file (or ``--database-url``), and
adds what a town opens before a rentrée: the 2026-2027 school year (zone A calendar, as
in the demo) and a school canteen with auto-acceptance for the children of one family —
one copy of the canteen per measured run, so that every run reserves the same year
afresh. The clock of the request path is set to Tuesday 25 August 2026, 10:00 (Paris):
families book the year before it starts. Then a parent reserves one child's canteen for
the whole year, Mondays, Tuesdays, Thursdays and Fridays (~140 dates), through the real
ASGI app (httpx, in process). Prints latency percentiles and SQL statements per request
(in all, and other than INSERTs: one per table on both databases since
``models.sqlite_batch``) and writes ``bench/results/period_reservation.json``.
No assertion on timings.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import json
import platform
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.generate_town import fresh_sqlite_url
from domain.calendar.french_calendar import public_holidays
from kernel.settings import Settings
from models import (
    Account,
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    Guardian,
    Registration,
    SchoolYear,
    Slot,
    Tenant,
)
from models.activity import ActivityCategory, OperatingDays
from models.calendar import CalendarPeriodKind
from models.engine import create_engine, create_session_factory
from models.registration import RegistrationStatus
from seed.demo_town.next_year_data import (
    NEXT_YEAR_CLASSES_END,
    NEXT_YEAR_HOLIDAYS,
    NEXT_YEAR_LABEL,
    NEXT_YEAR_START,
)
from seed.synthetic import SYNTHETIC_PASSWORD, generate_town
from server.app import create_app
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
RUNS = 15
WARMUP = 2
ONE_DAY = dt.date(2026, 9, 8)  # a Tuesday of the first weeks, before any holiday
SLUG = "bench-period"
CLOCK = dt.datetime(2026, 8, 25, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
RESULTS = Path(__file__).parent / "results" / "period_reservation.json"
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id reference status } lines { date outcome } errors { code message } } }"""


def gid(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _next_year(session: AsyncSession, copies: int) -> tuple[str, int, list[int]]:
    """The 2026-2027 year and ``copies`` canteens for one child; (email, child, activities)."""
    tenant = (await session.scalars(select(Tenant).where(Tenant.slug == SLUG))).one()
    child = (
        await session.scalars(
            select(Child)
            .join(Guardian, Guardian.family_id == Child.family_id)
            .join(Account, Account.guardian_id == Guardian.id)
            .where(Child.tenant_id == tenant.id, Child.school_id.is_not(None))
            .order_by(Child.id)
            .limit(1)
        )
    ).one()
    email = await session.scalar(
        select(Account.email)
        .join(Guardian, Account.guardian_id == Guardian.id)
        .where(Guardian.family_id == child.family_id)
        .limit(1)
    )
    assert email is not None and child.school_id is not None
    year = SchoolYear(
        tenant_id=tenant.id,
        label=NEXT_YEAR_LABEL,
        start_date=NEXT_YEAR_START,
        end_date=NEXT_YEAR_CLASSES_END,
    )
    session.add(year)
    await session.flush()
    for label, first, last in NEXT_YEAR_HOLIDAYS:
        session.add(
            CalendarPeriod(
                tenant_id=tenant.id,
                school_year_id=year.id,
                kind=CalendarPeriodKind.SCHOOL_HOLIDAY,
                label=label,
                start_date=first,
                end_date=last,
            )
        )
    for calendar_year in (2026, 2027):
        for day, label in public_holidays(calendar_year).items():
            if NEXT_YEAR_START <= day <= NEXT_YEAR_CLASSES_END:
                session.add(
                    CalendarPeriod(
                        tenant_id=tenant.id,
                        school_year_id=year.id,
                        kind=CalendarPeriodKind.PUBLIC_HOLIDAY,
                        label=label,
                        start_date=day,
                        end_date=day,
                    )
                )
    activities: list[int] = []
    for copy in range(copies):
        activity = Activity(
            tenant_id=tenant.id,
            establishment_id=child.school_id,
            school_year_id=year.id,
            code=f"BENCH/Repas 26-27/{copy:02d}",
            name="Repas",
            category=ActivityCategory.MEAL,
            operating_days=OperatingDays.SCHOOL_DAYS,
            is_childcare=False,
            is_active=True,
            capacity=180,
            waiting_list_enabled=True,
            auto_accept=True,
        )
        session.add(activity)
        await session.flush()
        for weekday in (1, 2, 4, 5):
            session.add(
                Slot(
                    tenant_id=tenant.id,
                    activity_id=activity.id,
                    weekday=weekday,
                    start_time=dt.time(11, 30),
                    end_time=dt.time(13, 20),
                    valid_from=NEXT_YEAR_START,
                    valid_to=NEXT_YEAR_CLASSES_END,
                )
            )
        session.add(
            Registration(
                tenant_id=tenant.id,
                child_id=child.id,
                activity_id=activity.id,
                start_date=NEXT_YEAR_START,
                end_date=NEXT_YEAR_CLASSES_END,
                status=RegistrationStatus.ACTIVE,
            )
        )
        activities.append(activity.id)
    await session.commit()
    return email, child.id, activities


@dataclass
class _Reserved:
    dates: int  # lines accepted
    seconds: float
    statements: int
    not_inserts: int


async def _reserve(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    child_id: int,
    activity_id: int,
    first: dt.date,
    last: dt.date,
    statements: list[str],
) -> _Reserved:
    """One reservation request of the child's canteen over [first, last] (its school days)."""
    variables = {
        "input": {
            "children": [gid("Child", child_id)],
            "activity": gid("Activity", activity_id),
            "dates": {"gte": first.isoformat(), "lte": last.isoformat()},
            "weekdays": ["MONDAY", "TUESDAY", "THURSDAY", "FRIDAY"],
        }
    }
    statements.clear()
    begin = time.perf_counter()
    response = await http.post(
        f"/{SLUG}/graphql", json={"query": RESERVE, "variables": variables}, headers=headers
    )
    elapsed = time.perf_counter() - begin
    payload = response.json()["data"]["reservationRequestCreate"]
    assert payload["errors"] == [], payload
    accepted = [x for x in payload["lines"] if x["outcome"] == "ACCEPTED"]
    inserts = sum(1 for s in statements if s.lstrip().upper().startswith("INSERT"))
    return _Reserved(len(accepted), elapsed, len(statements), len(statements) - inserts)


async def _measure(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    started = time.perf_counter()
    await generate_town(engine, children=CHILDREN, seed=SEED, slug=SLUG)
    generated = time.perf_counter() - started
    async with create_session_factory(engine)() as session:
        email, child_id, activities = await _next_year(session, 2 * (RUNS + WARMUP))
        bookings_before = await session.scalar(select(func.count()).select_from(Booking))
    await engine.dispose()

    app = create_app(Settings(environment="test", database_url=url))
    statements: list[str] = []
    event.listen(
        app.state.engine.sync_engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    timings: list[float] = []
    single_day: list[float] = []
    counts: list[tuple[int, int]] = []
    single_day_counts: list[int] = []
    dates = 0
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        login = await http.post(
            f"/{SLUG}/graphql",
            json={
                "query": "mutation($e: String!, $p: String!) { login(input: "
                "{email: $e, password: $p}) { token } }",
                "variables": {"e": email, "p": SYNTHETIC_PASSWORD},
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['login']['token']}"}
        with mock.patch("resolvers.bookings.requests.utcnow", return_value=CLOCK):
            for run in range(RUNS + WARMUP):
                # A single day then the whole year, each on a copy of the canteen of its own.
                one_day = await _reserve(
                    http, headers, child_id, activities[2 * run + 1], ONE_DAY, ONE_DAY, statements
                )
                year = await _reserve(
                    http,
                    headers,
                    child_id,
                    activities[2 * run],
                    NEXT_YEAR_START,
                    NEXT_YEAR_CLASSES_END,
                    statements,
                )
                assert one_day.dates == 1, one_day
                dates = year.dates
                if run >= WARMUP:
                    timings.append(year.seconds)
                    single_day.append(one_day.seconds)
                    counts.append((year.statements, year.not_inserts))
                    single_day_counts.append(one_day.statements)
    await app.state.engine.dispose()
    p50 = statistics.median(timings)
    return {
        "town": {"children": CHILDREN, "seed": SEED, "generatedSeconds": round(generated, 1)},
        "bookingsInTown": bookings_before,
        "datesReserved": dates,
        "sqlStatementsPerRequest": {
            "all": counts[-1][0],
            "otherThanInsert": counts[-1][1],
        },
        "latencyMs": {
            "p50": round(p50 * 1000, 1),
            "p95": round(_percentile(timings, 0.95) * 1000, 1),
            "max": round(max(timings) * 1000, 1),
        },
        "msPerDate": round(p50 * 1000 / max(dates, 1), 2),
        "singleDay": {
            "date": ONE_DAY.isoformat(),
            "latencyMsP50": round(statistics.median(single_day) * 1000, 1),
            "sqlStatements": single_day_counts[-1],
        },
        "yearOverSingleDayLatency": round(p50 / statistics.median(single_day), 2),
        "runs": len(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a fresh SQLite file under var/bench/")
    args = parser.parse_args()
    url = args.database_url or fresh_sqlite_url(f"bench-period-{CHILDREN}")
    upgrade(url)
    result = asyncio.run(_measure(url))
    dialect = "postgresql" if url.startswith("postgresql") else "sqlite"
    result["database"] = dialect
    result["machine"] = {"python": platform.python_version(), "platform": platform.platform()}
    print(
        f"Period reservation ({dialect}): {result['datesReserved']} dates in one request, "
        f"p50 {result['latencyMs']['p50']} ms, p95 {result['latencyMs']['p95']} ms "
        f"({result['msPerDate']} ms per date), "
        f"{result['sqlStatementsPerRequest']['all']} SQL statements "
        f"({result['sqlStatementsPerRequest']['otherThanInsert']} other than INSERT); "
        f"a single day p50 {result['singleDay']['latencyMsP50']} ms "
        f"({result['singleDay']['sqlStatements']} statements): the year takes "
        f"{result['yearOverSingleDayLatency']}x as long"
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
