"""``python -m seed.fingerprint OUT.json``: per-table fingerprints of the seeded data.

A refactoring of the builders must leave the demo town and the synthetic town exactly as
they were. This loads both into a fresh SQLite database (the demo on its reference date, a
60-child synthetic town with seed 3) and writes, for every table, its row count, a hash of
its rows in primary-key order and a hash per column. ``--compare A.json B.json`` prints the
tables and columns that differ. Values that are not data are left out: password hashes
(Argon2 salts are random) and ``event.occurred_at`` (the wall clock at load time).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

import models
from models.engine import create_engine, create_session_factory
from seed.demo_town import load_demo_town
from seed.synthetic import generate_town

SKIPPED = {"password_hash", "token_hash"}
SKIPPED_BY_TABLE = {"event": {"occurred_at"}}


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


async def fingerprint() -> dict[str, Any]:
    """Load both towns into a fresh database and fingerprint every table."""
    with tempfile.TemporaryDirectory() as directory:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(directory) / 'seed.sqlite3'}")
        try:
            async with engine.begin() as conn:
                await conn.run_sync(models.Base.metadata.create_all)
            await load_demo_town(create_session_factory(engine))
            await generate_town(engine, children=60, seed=3, slug="synthetic-fingerprint")
            result: dict[str, Any] = {}
            async with engine.connect() as conn:
                for table in models.Base.metadata.sorted_tables:
                    skipped = SKIPPED | SKIPPED_BY_TABLE.get(table.name, set())
                    columns = [c for c in table.c if c.name not in skipped]
                    order = list(table.primary_key.columns) or columns
                    rows = [tuple(r) for r in await conn.execute(select(*columns).order_by(*order))]
                    result[table.name] = {
                        "rows": len(rows),
                        "hash": _digest(rows),
                        "columns": {
                            c.name: _digest([r[i] for r in rows]) for i, c in enumerate(columns)
                        },
                    }
            return result
        finally:
            await engine.dispose()


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per table that differs, naming the columns that do."""
    lines = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if old is None or new is None:
            lines.append(f"{name}: only in {'after' if old is None else 'before'}")
            continue
        columns = sorted(
            c
            for c in set(old["columns"]) | set(new["columns"])
            if old["columns"].get(c) != new["columns"].get(c)
        )
        lines.append(f"{name}: rows {old['rows']} -> {new['rows']}, columns {columns}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", help="where to write the fingerprints (JSON)")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        differences = compare(before, after)
        print("\n".join(differences) or "identical")
        raise SystemExit(1 if differences else 0)
    if not args.output:
        parser.error("give OUT.json or --compare BEFORE AFTER")
    data = asyncio.run(fingerprint())
    Path(args.output).write_text(json.dumps(data, indent=1, sort_keys=True))
    print(f"{len(data)} tables, {sum(t['rows'] for t in data.values()):,} rows -> {args.output}")


if __name__ == "__main__":
    main()
