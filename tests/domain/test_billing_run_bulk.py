"""The billing run of a generated town: the same invoices, totals and events whether its
events are numbered and inserted together (SQLite, ``models.sqlite_batch``) or one by one.

Each way runs in a transaction that is rolled back, on the same town (fixed seed).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import domain.billing.billing_run as billing_run
from domain.billing.billing_run import run_billing
from models import Event, Invoice, InvoiceLine, OutboxMessage, Tenant
from models.event import EventKind
from seed.synthetic import generate_town

SLUG = "bill-stable"
MONTH = dt.date(2026, 3, 1)  # the first month the generator leaves unbilled
TODAY = dt.date(2026, 4, 2)


async def _bill(session: AsyncSession, tenant_id: int) -> dict[str, Any]:
    """Run the month, read what it wrote (without ids), count its INSERTs, roll back."""
    inserts: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement)

    engine = session.get_bind()
    try:
        tenant = await session.get_one(Tenant, tenant_id)
        event.listen(engine, "before_cursor_execute", record)
        try:
            result = await run_billing(session, tenant=tenant, month=MONTH, today=TODAY)
            await session.flush()
        finally:
            event.remove(engine, "before_cursor_execute", record)
        ids = set(result.invoice_ids)
        invoices = {
            i.id: i for i in await session.scalars(select(Invoice).where(Invoice.id.in_(ids)))
        }
        lines = list(
            await session.scalars(
                select(InvoiceLine)
                .where(InvoiceLine.invoice_id.in_(ids))
                .order_by(InvoiceLine.invoice_id, InvoiceLine.id)
            )
        )
        events = list(
            await session.scalars(
                select(Event)
                .where(Event.tenant_id == tenant_id, Event.kind == EventKind.INVOICE_ISSUED)
                .order_by(Event.id)
            )
        )
        mails = await session.scalars(
            select(OutboxMessage.to_address).where(OutboxMessage.tenant_id == tenant_id)
        )
        return {
            "inserts": len(inserts),
            "total": result.total_cents,
            "invoices": [
                (i.number, i.family_id, i.total_cents, i.due_on)
                for i in sorted(invoices.values(), key=lambda i: i.number)
            ],
            "lines": [
                (invoices[line.invoice_id].number, line.child_id, line.kind, line.amount_cents)
                for line in lines
            ],
            "events": [
                (invoices[e.subject_id].number, e.family_id, e.subject_type, e.payload)
                for e in events
            ],
            "mails": sorted(mails),
        }
    finally:
        await session.rollback()


async def test_a_month_billed_in_bulk_keeps_every_invoice_and_event(
    engine: AsyncEngine, session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    await generate_town(engine, children=60, seed=5, slug=SLUG)
    tenant_id = await session.scalar(select(Tenant.id).where(Tenant.slug == SLUG))
    assert tenant_id is not None

    bulk = await _bill(session, tenant_id)
    monkeypatch.setattr(billing_run, "number_new_rows", lambda *_a, **_k: None)
    one_by_one = await _bill(session, tenant_id)

    assert len(bulk["invoices"]) > 10
    assert bulk["total"] == sum(i[2] for i in bulk["invoices"]) == one_by_one["total"]
    for key in ("invoices", "lines", "events", "mails"):
        assert bulk[key] == one_by_one[key], key
    # One INVOICE_ISSUED event per invoice, for its family: none missing.
    assert sorted((e[0], e[1]) for e in bulk["events"]) == [(i[0], i[1]) for i in bulk["invoices"]]
    assert bulk["inserts"] <= 10, bulk["inserts"]
    if session.get_bind().dialect.name == "sqlite":
        assert one_by_one["inserts"] > len(bulk["invoices"])
