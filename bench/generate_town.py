"""``python -m bench.generate_town``: generate a synthetic town and print its figures.

The command line and its helpers live in bench, not in ``seed.synthetic``: a fresh database
is migrated through ``server.migrate``, and seed sits below server.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from pathlib import Path

from seed.synthetic import GenerationSummary, generate_town


def fresh_sqlite_url(name: str) -> str:
    """A new, migrated SQLite database under var/bench/ (any previous file is replaced)."""
    from server.migrate import upgrade

    path = Path(__file__).resolve().parents[1] / "var" / "bench" / f"{name}.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url


def format_summary(summary: GenerationSummary) -> str:
    """The figures of a generation as a small aligned table, for the terminal."""
    width = max(len(name) for name in summary.rows) if summary.rows else 5
    lines = [
        f"tenant {summary.slug!r} (id {summary.tenant_id}): {summary.children} children, "
        f"seed {summary.seed}",
        *(f"  {name:<{width}} {count:>9,}" for name, count in summary.rows.items()),
        f"  {'total':<{width}} {summary.total_rows:>9,}",
        f"elapsed {summary.elapsed_seconds:.2f} s, {summary.rows_per_second:,.0f} rows/s",
    ]
    return "\n".join(lines)


async def _run(url: str, children: int, seed: int, slug: str | None) -> GenerationSummary:
    from models.engine import create_engine

    engine = create_engine(url)
    try:
        return await generate_town(engine, children=children, seed=seed, slug=slug)
    finally:
        await engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m bench.generate_town``: generate a town and print its figures."""
    parser = argparse.ArgumentParser(description="Génère une commune synthétique déterministe.")
    parser.add_argument("--children", type=int, default=2000, help="nombre d'enfants")
    parser.add_argument("--seed", type=int, default=1, help="graine du générateur")
    parser.add_argument("--slug", default=None, help="identifiant du tenant")
    parser.add_argument(
        "--database-url",
        default=None,
        help="base cible déjà migrée (défaut : nouveau fichier SQLite sous var/bench/)",
    )
    args = parser.parse_args(argv)
    url = args.database_url or fresh_sqlite_url(f"town-{args.children}-{args.seed}")
    summary = asyncio.run(_run(url, args.children, args.seed, args.slug))
    print(format_summary(summary))


if __name__ == "__main__":
    main()
