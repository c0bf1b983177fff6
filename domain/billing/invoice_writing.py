"""Writing a billing run's invoices: invoices, lines and booking links inserted in bulk.

Core bulk statements rather than ORM objects, so that a month of bookings is written in a
few statements; ``insert_lines`` is shared with the credit notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.drafts import DraftInvoice
from domain.billing.invoice_terms import due_days_of, issuer_of
from domain.billing.numbering import format_number
from models import BillingRun, Booking, Invoice, InvoiceLine, Tenant
from models.base import utcnow
from models.billing import InvoiceKind, InvoiceStatus


def core_table(model: type[Any]) -> Table:
    """The Core table of a model: bulk writes skip the ORM's per-row bookkeeping."""
    return cast(Table, model.__table__)


async def issue_invoices(
    session: AsyncSession,
    tenant: Tenant,
    run: BillingRun,
    drafts: Sequence[DraftInvoice],
    *,
    start: int,
    today: dt.date,
    period: tuple[dt.date, dt.date],
) -> list[int]:
    """Insert the invoices, their lines and the booking links in bulk; returns invoice ids."""
    if not drafts:
        return []
    first, last = period
    issuer = issuer_of(tenant)
    due = today + dt.timedelta(days=due_days_of(tenant))
    now = utcnow()
    invoice_rows = [
        {
            "tenant_id": tenant.id,
            "family_id": d.family_id,
            "payer_guardian_id": d.payer_guardian_id,
            "billing_run_id": run.id,
            "kind": InvoiceKind.INVOICE,
            "credited_invoice_id": None,
            "number": format_number(first, start + i),
            "period_start": first,
            "period_end": last,
            "issued_on": today,
            "due_on": due,
            "issuer": issuer,
            "total_cents": d.total_cents,
            "status": InvoiceStatus.ISSUED,
            "transmitted_on": None,
            "created_at": now,
        }
        for i, d in enumerate(drafts)
    ]
    # Plain executemany (no RETURNING: SQLite would insert row by row), then one read back.
    await session.execute(insert(core_table(Invoice)), invoice_rows)
    by_family = dict(
        (
            await session.execute(
                select(Invoice.family_id, Invoice.id).where(Invoice.billing_run_id == run.id)
            )
        ).all()
    )
    invoice_ids = [int(by_family[d.family_id]) for d in drafts]
    await insert_lines(session, tenant.id, zip(invoice_ids, drafts, strict=True))
    return invoice_ids


async def insert_lines(
    session: AsyncSession, tenant_id: int, invoices: Iterable[tuple[int, DraftInvoice]]
) -> None:
    """Insert lines of invoices in bulk and point each billed booking to its line."""
    line_rows: list[dict[str, Any]] = []
    line_bookings: list[tuple[int, ...]] = []
    for invoice_id, draft in invoices:
        for line in draft.lines:
            line_rows.append(
                {
                    "tenant_id": tenant_id,
                    "invoice_id": invoice_id,
                    "child_id": line.child_id,
                    "activity_id": line.activity_id,
                    "kind": line.kind,
                    "label": line.label,
                    "quantity": line.quantity,
                    "unit_price_cents": line.unit_price_cents,
                    "amount_cents": line.amount_cents,
                }
            )
            line_bookings.append(line.booking_ids)
    if not line_rows:
        return
    await session.execute(insert(core_table(InvoiceLine)), line_rows)
    # A line is unique per invoice × child × activity × kind × unit price: read the ids back.
    invoice_ids = sorted({row["invoice_id"] for row in line_rows})
    stored = {
        (r.invoice_id, r.child_id, r.activity_id, r.kind, r.unit_price_cents): r.id
        for r in (
            await session.execute(
                select(
                    InvoiceLine.id,
                    InvoiceLine.invoice_id,
                    InvoiceLine.child_id,
                    InvoiceLine.activity_id,
                    InvoiceLine.kind,
                    InvoiceLine.unit_price_cents,
                ).where(InvoiceLine.invoice_id.in_(invoice_ids))
            )
        ).all()
    }
    line_ids = [
        stored[
            (
                row["invoice_id"],
                row["child_id"],
                row["activity_id"],
                row["kind"],
                row["unit_price_cents"],
            )
        ]
        for row in line_rows
    ]
    now = utcnow()
    links = [
        {"booking_id": booking_id, "line_id": line_id, "now": now}
        for line_id, booking_ids in zip(line_ids, line_bookings, strict=True)
        for booking_id in booking_ids
    ]
    if links:
        await _link_bookings(session, links, now)


async def _link_bookings(
    session: AsyncSession, links: Sequence[dict[str, Any]], now: dt.datetime
) -> None:
    """Point each billed booking to its line: one UPDATE on PostgreSQL (arrays joined with
    unnest), a Core executemany elsewhere (SQLite runs it in process, row by row, fast)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text(
                "UPDATE booking SET invoice_line_id = v.line_id, updated_at = :now "
                "FROM (SELECT unnest(CAST(:ids AS BIGINT[])) AS id, "
                "unnest(CAST(:lines AS BIGINT[])) AS line_id) AS v "
                "WHERE booking.id = v.id"
            ),
            {
                "ids": [link["booking_id"] for link in links],
                "lines": [link["line_id"] for link in links],
                "now": now,
            },
        )
        return
    table = core_table(Booking)
    await session.execute(
        update(table)
        .where(table.c.id == bindparam("booking_id"))
        .values(invoice_line_id=bindparam("line_id"), updated_at=bindparam("now")),
        list(links),
    )
