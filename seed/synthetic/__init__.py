"""A deterministic synthetic town: families, children, a school year of bookings, invoices.

Benchmarks and scale tests need a town of a chosen size whose data look like a real
Espace Famille in mid-March (a school year half lived: past days pointed, future days
booked, requests in every state, invoices September to February), and that is the same
every time for the same seed so that two runs can be compared. ``generate_town`` builds
the whole tenant in memory from ``random.Random(seed)`` and a fixed reference date (no wall
clock in the data), then writes it with SQLAlchemy Core executemany in large batches,
choosing the primary keys itself so that no RETURNING round trip is needed.

The only value that differs between two runs with the same seed is the salt inside the
shared password hash (Argon2 salts are random); every account's password is
``SYNTHETIC_PASSWORD``.

Command line: ``python -m bench.generate_town --children 2000 --seed 1
[--database-url URL]`` (default: a fresh migrated SQLite file under ``var/bench/``), or
``creneau generate`` on the configured database.

The package, one module per purpose (a module imports only those above it):
- ``constants``: the reference date, zone, town name, batch size and billed months;
- ``names``: the name lists the town draws from;
- ``summary``: ``GenerationSummary`` and ``TownAlreadyExistsError``;
- ``plan``: the in-memory plan (prices, activities, schools, families, children, requests);
- ``values``: instants, e-mail names, IBANs, phone numbers, weighted draws;
- ``base``: the builder's state and row helpers (ids, rows, bookings);
- ``school_calendar``: the tenant, its school year and calendar periods;
- ``catalogue``: establishments and activities as rows (slots, price lists);
- ``offer``: the schools, the leisure centre and their activities;
- ``children``, ``families``: households, guardians, accounts, children and their files;
- ``absences``, ``reservations``, ``registrations``: registrations and a year of bookings;
- ``requests``, ``messages``: file changes, request rows and history, messages;
- ``billing``: invoices, payments and payment intents;
- ``builder``: the whole build in order (``_TownBuilder``);
- ``writer``: the bulk writer (next ids, batched executemany, PostgreSQL sequences);

``generate_town`` itself lives here: it writes through this package's ``_insert``, the
seam a test replaces to make a write fail midway.
"""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

import models
from seed.synthetic.builder import _TownBuilder
from seed.synthetic.constants import (
    BATCH_SIZE,
    BILLED_MONTHS,
    BILLING_END,
    CHILDREN_PER_SCHOOL,
    PARIS,
    REFERENCE_NOW,
    REFERENCE_TODAY,
    REQUEST_REFERENCE_BASE,
    SCHOOL_YEAR,
    SCHOOL_ZONE,
    STAFF_EMAIL,
    SYNTHETIC_PASSWORD,
    TOWN_NAME,
    TOWN_POSTAL_CODE,
)
from seed.synthetic.summary import GenerationSummary, TownAlreadyExistsError
from seed.synthetic.writer import (
    _delete_tenant,
    _first_ids,
    _insert,
    _password_hash,
    _sync_sequences,
    _tables_with_ids,
)

__all__ = [
    "BATCH_SIZE",
    "BILLED_MONTHS",
    "BILLING_END",
    "CHILDREN_PER_SCHOOL",
    "PARIS",
    "REFERENCE_NOW",
    "REFERENCE_TODAY",
    "REQUEST_REFERENCE_BASE",
    "SCHOOL_YEAR",
    "SCHOOL_ZONE",
    "STAFF_EMAIL",
    "SYNTHETIC_PASSWORD",
    "TOWN_NAME",
    "TOWN_POSTAL_CODE",
    "GenerationSummary",
    "TownAlreadyExistsError",
    "generate_town",
]


async def generate_town(
    engine: AsyncEngine, *, children: int, seed: int, slug: str | None = None
) -> GenerationSummary:
    """Write a synthetic town of ``children`` children, identical for identical seeds.

    This is the entry point for the CLI and the benchmarks: it refuses an existing slug
    (``TownAlreadyExistsError``), builds every row in memory, and inserts them table by
    table (one transaction each, executemany in batches of ``BATCH_SIZE``). If a write
    fails, the half-written tenant is deleted (every owned row cascades from it).
    """
    if children < 1:
        raise ValueError("a town needs at least one child")
    slug = slug or f"synthetic-{children}-{seed}"
    started = time.perf_counter()
    tenant_table = models.Tenant.__table__
    async with engine.begin() as conn:
        exists = await conn.execute(select(tenant_table.c.id).where(tenant_table.c.slug == slug))
        if exists.first() is not None:
            raise TownAlreadyExistsError(f"tenant {slug!r} already exists; choose another slug")
        first_ids = await _first_ids(conn)
    builder = _TownBuilder(
        children=children, seed=seed, slug=slug, first_ids=first_ids, password=_password_hash()
    )
    rows = builder.build()
    tables = [t for t in models.Base.metadata.sorted_tables if rows.get(t.name)]
    assert tables[0].name == "tenant", "the tenant must be written first"
    tenant_written = False
    try:
        for table in tables:
            async with engine.begin() as conn:
                await _insert(conn, table, rows[table.name])
            tenant_written = True
        if engine.dialect.name == "postgresql":
            with_ids = {t.name for t in _tables_with_ids()}
            async with engine.begin() as conn:
                await _sync_sequences(conn, [t for t in tables if t.name in with_ids])
    except BaseException:
        if tenant_written:
            await _delete_tenant(engine, builder.tenant_id, slug)
        raise
    return GenerationSummary(
        slug=slug,
        tenant_id=builder.tenant_id,
        children=children,
        seed=seed,
        rows={table.name: len(rows[table.name]) for table in tables},
        elapsed_seconds=time.perf_counter() - started,
    )
