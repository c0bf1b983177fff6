"""What ``creneau direct-debit`` and ``creneau treasury`` do, per tenant, each in one
transaction (the command-line side of directDebitPrepare/Execute and treasuryTransmit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.billing.formatting import euros
from domain.payments.direct_debit import execute_direct_debit, prepare_direct_debit
from domain.payments.treasury import transmit_to_treasury, treasury_export
from kernel.clock import today_in
from models import Tenant


class UnknownTenant(LookupError):
    """No tenant with that slug."""


@dataclass(frozen=True, slots=True)
class CommandResult:
    """A summary line for the operator and the file to write (XML or CSV)."""

    summary: str
    content: str


async def _tenant(session: AsyncSession, slug: str) -> Tenant:
    tenant = await session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise UnknownTenant(f"unknown tenant {slug!r} (no tenant has this slug)")
    return tenant


def _today(tenant: Tenant) -> dt.date:
    return today_in(tenant.timezone)


async def direct_debit_command(
    sessions: async_sessionmaker[AsyncSession],
    *,
    slug: str,
    collection_date: dt.date,
    execute: bool,
) -> CommandResult:
    """Prepare (or find) the file of ``collection_date``; mark it executed if asked, which
    is refused (nothing written) before the collection date: the bank has not debited yet."""
    async with sessions() as session, session.begin():
        tenant = await _tenant(session, slug)
        today = _today(tenant)
        prepared = await prepare_direct_debit(
            session, tenant_id=tenant.id, collection_date=collection_date, today=today
        )
        batch = prepared.batch
        lines = [
            f"{tenant.slug}: direct debit of {collection_date.isoformat()}: "
            f"{batch.transaction_count} invoice(s), {euros(batch.total_cents)} "
            f"({'prepared now, pre-notifications queued' if prepared.created else 'existing'})"
        ]
        lines += [f"  skipped {inv.number}: {reason}" for inv, reason in prepared.skipped]
        if execute:
            executed = await execute_direct_debit(
                session, tenant_id=tenant.id, collection_date=collection_date, today=today
            )
            lines.append(f"  executed: {len(executed.payments)} payment(s) recorded")
            lines += [f"  not recorded (invoice {i}): {why}" for i, why in executed.skipped]
        return CommandResult("\n".join(lines), batch.xml)


async def treasury_command(
    sessions: async_sessionmaker[AsyncSession], *, slug: str, as_of: dt.date | None
) -> CommandResult:
    """Transmit the invoices due before ``as_of`` (default today) and export that date."""
    async with sessions() as session, session.begin():
        tenant = await _tenant(session, slug)
        today = _today(tenant)
        transmission = await transmit_to_treasury(
            session, tenant_id=tenant.id, as_of=as_of or today, today=today
        )
        text = await treasury_export(
            session, tenant_id=tenant.id, transmitted_on=transmission.transmitted_on
        )
        summary = (
            f"{tenant.slug}: {len(transmission.invoices)} invoice(s) transmitted to the "
            f"treasury on {transmission.transmitted_on.isoformat()}"
        )
        return CommandResult(summary, text)
