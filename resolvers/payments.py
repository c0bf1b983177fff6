"""Payment reads and actions: authorize, call the domain in one transaction, hand back rows.

A parent reads their own family's payments and pays their own invoices online; staff read
every payment of their tenant and record payments, direct debits and the treasury
transmission. Every list read is batched (one statement per page of invoices).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from strawberry.dataloader import DataLoader

from domain.payments import direct_debit, treasury
from domain.payments import ledger as payments
from domain.payments import online as online_payments
from domain.payments.certificates import Certificate, certificates_for
from domain.payments.provider import SandboxProvider
from domain.payments.return_url import trusted_origins
from kernel.clock import today_in
from kernel.settings import Settings
from models import Child, DirectDebitBatch, DirectDebitItem, Family, Invoice, Payment, Tenant
from models.billing import InvoiceKind, InvoiceStatus, PaymentMethod
from resolvers.billing import invoices_by_id
from resolvers.context import Context
from resolvers.pagination import Page, keyset_page


def return_origins(settings: Settings) -> frozenset[str]:
    """The origins a payment's return URL may point to: the portal's and those of
    ``CRENEAU_ALLOWED_ORIGINS``."""
    return trusted_origins(settings.portal_url, settings.allowed_origins)


def sandbox_provider(settings: Settings) -> SandboxProvider:
    """The built-in sandbox provider, with the configured secret and base URL."""
    return SandboxProvider(
        settings.payment_sandbox_secret, settings.payment_sandbox_url or settings.portal_url
    )


# --------------------------------------------------------------------------- reads


async def invoice_payments(ctx: Context, invoice_id: int) -> list[Payment]:
    """Payments of an invoice the caller already authorized, by date (batched per page)."""
    loader = ctx.loaders.grouped(Payment, Payment.invoice_id, [Payment.paid_on, Payment.id])
    return list(await loader.load(invoice_id))


async def online_payment_offered(ctx: Context) -> bool:
    """Whether the request's town offers online payment (its setting, read once per
    request whatever the number of invoices asked)."""
    tenant_id = ctx.tenant.id
    name = "payments:online_offered"
    loaders = ctx.loaders._loaders  # the per-request cache of loaders (as resolvers.billing)
    loader = loaders.get(name)
    if loader is None:

        async def load(keys: Sequence[int]) -> list[bool]:
            rows = await ctx.db.scalars(select(Tenant).where(Tenant.id.in_(keys)))
            found = {row.id: online_payments.online_payment_offered(row) for row in rows}
            return [found.get(k, False) for k in keys]

        loader = loaders[name] = DataLoader(load_fn=load)
    return bool(await loader.load(tenant_id))


async def can_pay_online(
    ctx: Context,
    *,
    family_id: int,
    kind: InvoiceKind,
    status: InvoiceStatus,
    due_on: dt.date,
    remaining_cents: int,
) -> bool:
    """Invoice.canPayOnline: whether invoicePaymentStart would accept the invoice today
    (batched: the town's setting once, the families by one statement per page)."""
    if kind is not InvoiceKind.INVOICE or not await online_payment_offered(ctx):
        return False
    family = await ctx.loaders.by_id(Family).load(family_id)
    return online_payments.can_pay_online(
        offered=True,
        kind=kind,
        status=status,
        due_on=due_on,
        remaining_cents=remaining_cents,
        direct_debit=family is not None and family.direct_debit,
        today=today_in(ctx.tenant.timezone),
    )


async def payments_by_id(ctx: Context, ids: Sequence[int]) -> list[Payment | None]:
    """Payments, where their family is visible to the viewer."""
    if not ctx.viewer.can_read_family_files():
        return [None for _ in ids]
    rows = await ctx.loaders.by_id(Payment).load_many(list(ids))
    return [r if r is not None and ctx.viewer.can_read_family(r.family_id) else None for r in rows]


async def payment_invoice(ctx: Context, invoice_id: int) -> Invoice | None:
    """The invoice a payment settles (visible when the payment is)."""
    (row,) = await invoices_by_id(ctx, [invoice_id])
    return row


async def payments_page(
    ctx: Context,
    *,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    methods: Sequence[PaymentMethod] | None,
    paid_from: dt.date | None,
    paid_to: dt.date | None,
    family_id: int | None,
    invoice_id: int | None,
) -> Page[Payment]:
    """Payments in (date, id) order, a parent's own family's or the tenant's (staff)."""
    stmt: Select[Any] = select(Payment).where(Payment.tenant_id == ctx.tenant.id)
    if not ctx.viewer.is_staff:
        stmt = stmt.where(Payment.family_id == (ctx.viewer.family_id or -1))
    if family_id is not None:
        stmt = stmt.where(Payment.family_id == family_id)
    if invoice_id is not None:
        stmt = stmt.where(Payment.invoice_id == invoice_id)
    if methods is not None:
        stmt = stmt.where(Payment.method.in_(methods))
    if paid_from is not None:
        stmt = stmt.where(Payment.paid_on >= paid_from)
    if paid_to is not None:
        stmt = stmt.where(Payment.paid_on <= paid_to)
    return await keyset_page(
        ctx.db,
        stmt,
        [Payment.paid_on, Payment.id],
        first=first,
        after=after,
        last=last,
        before=before,
        max_size=ctx.settings.max_page_size,
    )


async def direct_debit_batches(ctx: Context) -> list[DirectDebitBatch]:
    """The tenant's direct-debit files, latest collection date first (staff)."""
    return list(
        await ctx.db.scalars(
            select(DirectDebitBatch)
            .where(DirectDebitBatch.tenant_id == ctx.tenant.id)
            .order_by(DirectDebitBatch.collection_date.desc())
            .limit(100)
        )
    )


async def direct_debit_batch_invoices(ctx: Context, batch_id: int) -> list[Invoice]:
    """The invoices of a batch (staff), in number order (batched over batches)."""
    loader = ctx.loaders.grouped(DirectDebitItem, DirectDebitItem.batch_id, [DirectDebitItem.id])
    items = await loader.load(batch_id)
    rows = await invoices_by_id(ctx, [i.invoice_id for i in items])
    return sorted((r for r in rows if r is not None), key=lambda r: r.number)


async def childcare_certificates(
    ctx: Context, *, year: int, child_id: int | None
) -> list[Certificate]:
    """Certificates of ``year``: a parent's eligible children (or one of them); staff: the
    given child. A child the viewer may not see gives nothing."""
    stmt = select(Child).where(Child.tenant_id == ctx.tenant.id)
    if ctx.viewer.is_staff:
        if child_id is None:
            return []
    else:
        stmt = stmt.where(Child.family_id == (ctx.viewer.family_id or -1))
    if child_id is not None:
        stmt = stmt.where(Child.id == child_id)
    children = await ctx.db.scalars(stmt.order_by(Child.birth_date, Child.id))
    async with ctx.db.transaction() as session:
        return await certificates_for(
            session, tenant_id=ctx.tenant.id, children=children, year=year
        )


def certificate_path(tenant_slug: str, child_global_id: str, year: int) -> str:
    """The relative URL of a child's certificate PDF for ``year``."""
    return f"/{tenant_slug}/children/{child_global_id}/childcare-certificate/{year}.pdf"


def direct_debit_file_path(tenant_slug: str, batch_global_id: str) -> str:
    """The relative URL of a batch's pain.008 file."""
    return f"/{tenant_slug}/billing/direct-debit/{batch_global_id}.xml"


def treasury_export_path(tenant_slug: str, transmitted_on: dt.date) -> str:
    """The relative URL of the treasury export of a transmission date."""
    return f"/{tenant_slug}/billing/treasury/{transmitted_on.isoformat()}.csv"


# --------------------------------------------------------------------------- actions


async def record_payment(
    ctx: Context,
    *,
    invoice_id: int | None,
    method: PaymentMethod,
    amount_cents: int,
    paid_on: dt.date,
    reference: str | None,
) -> tuple[Invoice, Payment]:
    """paymentRecord (staff of the tenant)."""
    async with ctx.db.transaction() as session:
        return await payments.record_staff_payment(
            session,
            tenant_id=ctx.tenant.id,
            invoice_id=invoice_id,
            method=method,
            amount_cents=amount_cents,
            paid_on=paid_on,
            reference=reference,
            account_id=ctx.viewer.account_id,
            today=today_in(ctx.tenant.timezone),
        )


async def start_payment(
    ctx: Context, invoice_id: int | None, return_url: str | None = None
) -> online_payments.StartedPayment:
    """invoicePaymentStart (a parent, for their own family's invoice); ``return_url`` is
    checked against the portal's and the allowed front ends' origins."""
    async with ctx.db.transaction() as session:
        return await online_payments.start_online_payment(
            session,
            tenant_id=ctx.tenant.id,
            tenant_slug=ctx.tenant.slug,
            family_id=ctx.viewer.family_id,
            invoice_id=invoice_id,
            provider=sandbox_provider(ctx.settings),
            today=today_in(ctx.tenant.timezone),
            return_url=return_url,
            trusted_origins=return_origins(ctx.settings),
        )


async def prepare_direct_debit(
    ctx: Context, collection_date: dt.date
) -> direct_debit.PreparedBatch:
    """directDebitPrepare (staff)."""
    async with ctx.db.transaction() as session:
        return await direct_debit.prepare_direct_debit(
            session,
            tenant_id=ctx.tenant.id,
            collection_date=collection_date,
            today=today_in(ctx.tenant.timezone),
        )


async def execute_direct_debit(
    ctx: Context, collection_date: dt.date
) -> direct_debit.ExecutedBatch:
    """directDebitExecute (staff)."""
    async with ctx.db.transaction() as session:
        return await direct_debit.execute_direct_debit(
            session, tenant_id=ctx.tenant.id, collection_date=collection_date
        )


async def transmit_to_treasury(
    ctx: Context, as_of: dt.date | None, only: Sequence[int | None] | None
) -> treasury.Transmission:
    """treasuryTransmit (staff); ``as_of`` defaults to the tenant's today."""
    today = today_in(ctx.tenant.timezone)
    async with ctx.db.transaction() as session:
        return await treasury.transmit_to_treasury(
            session, tenant_id=ctx.tenant.id, as_of=as_of or today, today=today, only=only
        )
