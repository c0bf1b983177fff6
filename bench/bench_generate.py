"""Benchmark of the synthetic town generator: 2,000 children, seed 1, SQLite then PostgreSQL.

``python -m bench.bench_generate`` generates the town into a fresh migrated SQLite file and,
when a PostgreSQL server answers, into a recreated ``creneau_bench`` database; it prints the
elapsed time, rows per table, rows per second and the ratio to the 60-second target, and
writes the same figures to ``bench/results/generate.json``. It never asserts on timings:
the figures are for people to compare between commits and machines.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy.engine import make_url

from bench.generate_town import format_summary, fresh_sqlite_url
from models.engine import create_engine
from models.postgres_admin import postgres_answers, recreate_postgres_database
from seed.synthetic import GenerationSummary, generate_town
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
TARGET_SECONDS = 60.0
POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_bench"
RESULTS = Path(__file__).parent / "results" / "generate.json"


async def _generate(url: str, children: int, seed: int) -> GenerationSummary:
    engine = create_engine(url)
    try:
        return await generate_town(engine, children=children, seed=seed)
    finally:
        await engine.dispose()


def measure(backend: str, url: str, children: int, seed: int) -> dict[str, Any]:
    """Generate one town into ``url`` and return its figures with the target ratio."""
    summary = asyncio.run(_generate(url, children, seed))
    print(f"== {backend} ==")
    print(format_summary(summary))
    ratio = summary.elapsed_seconds / TARGET_SECONDS
    print(f"ratio to the {TARGET_SECONDS:.0f} s target: {ratio:.2f}\n")
    return {
        "backend": backend,
        "url": make_url(url).render_as_string(hide_password=True),
        **summary.as_dict(),
        "targetSeconds": TARGET_SECONDS,
        "ratioToTarget": round(ratio, 3),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Run the generator benchmark on SQLite (and PostgreSQL if it answers); write JSON."""
    parser = argparse.ArgumentParser(description="Mesure du générateur de commune synthétique.")
    parser.add_argument("--children", type=int, default=CHILDREN)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true", help="SQLite seulement")
    args = parser.parse_args(argv)

    runs = [measure("sqlite", fresh_sqlite_url("bench-generate"), args.children, args.seed)]
    if not args.no_postgres:
        if asyncio.run(postgres_answers(args.postgres_url)):
            asyncio.run(recreate_postgres_database(args.postgres_url))
            upgrade(args.postgres_url)
            runs.append(measure("postgresql", args.postgres_url, args.children, args.seed))
        else:
            print(f"PostgreSQL does not answer at {args.postgres_url}: skipped")
    results = {
        "benchmark": "generate_town",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlalchemy": sqlalchemy.__version__,
            "platform": platform.platform(),
        },
        "children": args.children,
        "seed": args.seed,
        "runs": runs,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
