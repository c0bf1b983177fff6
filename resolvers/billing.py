"""Invoice reads (and, later, actions): authorize, batch, hand back rows.

A parent reads only their own family's invoices; staff read every invoice of their tenant;
reporting accounts read none. Every list read goes through a per-request DataLoader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from strawberry.dataloader import DataLoader

from domain.billing import billing_run, credit_notes
from domain.billing.billing_run import BillingRunResult
from domain.billing.credit_notes import CreditedLine
from kernel.clock import today_in
from kernel.retry import retry_lost_race
from models import Invoice, InvoiceLine, Payment, Tenant
from models.billing import InvoiceKind, InvoiceStatus
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page


def pdf_path(tenant_slug: str, invoice_global_id: str) -> str:
    """The relative URL of an invoice's PDF."""
    return f"/{tenant_slug}/invoices/{invoice_global_id}.pdf"


async def invoices_by_id(ctx: Context, ids: Sequence[int]) -> list[Invoice | None]:
    """Invoices, where their family is visible to the viewer."""
    if not ctx.viewer.can_read_family_files():
        return [None for _ in ids]
    rows = await ctx.loaders.by_id(Invoice).load_many(list(ids))
    return [r if r is not None and ctx.viewer.can_read_family(r.family_id) else None for r in rows]


async def lines_of(ctx: Context, invoice_id: int) -> list[InvoiceLine]:
    """Lines of an invoice the caller already authorized (one statement per page)."""
    loader = ctx.loaders.grouped(InvoiceLine, InvoiceLine.invoice_id, [InvoiceLine.id])
    return await loader.load(invoice_id)


def _sums_loader(
    ctx: Context, name: str, load: Callable[[Sequence[int]], Awaitable[list[int]]]
) -> DataLoader[int, int]:
    """A per-request loader of sums by invoice, cached with the request's other loaders."""
    # The per-request cache of loaders: a sums loader lives and dies with the request.
    loaders = ctx.loaders._loaders
    loader = loaders.get(name)
    if loader is None:
        loader = loaders[name] = DataLoader(load_fn=load)
    return loader


async def paid_cents_of(ctx: Context, invoice_id: int) -> int:
    """Sum of the payments of an invoice (one statement per page of invoices)."""
    tenant_id = ctx.tenant.id

    async def load(keys: Sequence[int]) -> list[int]:
        stmt = (
            select(Payment.invoice_id, func.sum(Payment.amount_cents))
            .where(Payment.tenant_id == tenant_id, Payment.invoice_id.in_(keys))
            .group_by(Payment.invoice_id)
        )
        rows: Sequence[Any] = await ctx.db.rows(stmt)
        found = {int(row[0]): int(row[1] or 0) for row in rows}
        return [found.get(k, 0) for k in keys]

    return await _sums_loader(ctx, "billing:paid_cents", load).load(invoice_id)


async def credited_cents_of(ctx: Context, invoice_id: int) -> int:
    """Sum of the credit notes issued against an invoice (one statement per page)."""
    tenant_id = ctx.tenant.id

    async def load(keys: Sequence[int]) -> list[int]:
        stmt = (
            select(Invoice.credited_invoice_id, func.sum(Invoice.total_cents))
            .where(
                Invoice.tenant_id == tenant_id,
                Invoice.kind == InvoiceKind.CREDIT_NOTE,
                Invoice.credited_invoice_id.in_(keys),
            )
            .group_by(Invoice.credited_invoice_id)
        )
        rows: Sequence[Any] = await ctx.db.rows(stmt)
        found = {int(row[0]): int(row[1] or 0) for row in rows}
        return [found.get(k, 0) for k in keys]

    return await _sums_loader(ctx, "billing:credited_cents", load).load(invoice_id)


async def lines_by_id(ctx: Context, ids: Sequence[int]) -> list[InvoiceLine | None]:
    """Invoice lines, where their invoice's family is visible to the viewer."""
    if not ctx.viewer.can_read_family_files():
        return [None for _ in ids]
    lines = await ctx.loaders.by_id(InvoiceLine).load_many(list(ids))
    invoices = await invoices_by_id(ctx, [line.invoice_id for line in lines if line is not None])
    visible = {inv.id for inv in invoices if inv is not None}
    return [line if line is not None and line.invoice_id in visible else None for line in lines]


# --------------------------------------------------------------------------- lists


async def invoices_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    statuses: Sequence[InvoiceStatus] | None,
    kinds: Sequence[InvoiceKind] | None,
    year: int | None,
    family_id: int | None,
) -> Page[Invoice]:
    """Invoices newest first (by id, keyset), a parent's own family's or the tenant's.

    The caller checked the viewer reads invoices; a parent's list is always limited to their
    own family, whatever ``family_id`` says.
    """
    viewer = ctx.viewer
    stmt: Select[Any] = select(Invoice).where(Invoice.tenant_id == ctx.tenant.id)
    if not viewer.is_staff:
        stmt = stmt.where(Invoice.family_id == (viewer.family_id or -1))
    if family_id is not None:
        stmt = stmt.where(Invoice.family_id == family_id)
    if statuses is not None:
        stmt = stmt.where(Invoice.status.in_(statuses))
    if kinds is not None:
        stmt = stmt.where(Invoice.kind.in_(kinds))
    if year is not None:
        stmt = stmt.where(
            Invoice.issued_on >= dt.date(year, 1, 1), Invoice.issued_on <= dt.date(year, 12, 31)
        )
    # Ids grow with issue, so descending ids put the newest invoice first.
    return await keyset_page(
        ctx.db,
        stmt,
        [Invoice.id],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
        descending=True,
    )


# --------------------------------------------------------------------------- actions


async def run_billing(ctx: Context, *, month: dt.date, preview: bool) -> BillingRunResult:
    """billingRun (the caller checked the viewer is staff of this tenant).

    A concurrent run of the same month loses on the unique (tenant, month) constraint: its
    transaction rolls back and it reports the month as already billed.
    """
    portal_url = ctx.settings.portal_links_base(ctx.tenant.slug)
    today = today_in(ctx.tenant.timezone)

    async def attempt() -> BillingRunResult:
        async with ctx.db.transaction() as session:
            tenant = await session.get(Tenant, ctx.tenant.id)
            assert tenant is not None
            return await billing_run.run_billing(
                session,
                tenant=tenant,
                month=month,
                today=today,
                preview=preview,
                portal_url=portal_url,
                actor_account_id=ctx.viewer.account_id,
            )

    return await retry_lost_race(attempt)


async def credit_invoice(
    ctx: Context,
    *,
    invoice_id: int,
    lines: Sequence[CreditedLine],
    amount_cents: int | None,
    reason: str,
) -> tuple[Invoice, Invoice]:
    """invoiceCredit (the caller checked staff): the credit note and the credited invoice."""
    today = today_in(ctx.tenant.timezone)
    async with ctx.db.transaction() as session:
        tenant = await session.get(Tenant, ctx.tenant.id)
        assert tenant is not None
        note = await credit_notes.credit_invoice(
            session,
            tenant=tenant,
            invoice_id=invoice_id,
            lines=lines,
            amount_cents=amount_cents,
            reason=reason,
            today=today,
        )
        original = await session.get(Invoice, invoice_id)
        assert original is not None
        return note, original
