"""``creneau bill --month YYYY-MM [--tenant slug] [--preview]``: the monthly billing run from
the command line (cron), for one tenant or every tenant, one transaction per tenant."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.billing.billing_run import BillingRunResult, run_billing
from domain.billing.formatting import euros
from kernel.clock import today_in
from kernel.results import DomainFailure
from models import Tenant


@dataclass(frozen=True, slots=True)
class TenantBilling:
    """What the run did for one tenant."""

    slug: str
    result: BillingRunResult | None
    error: str | None
    seconds: float

    def describe(self) -> str:
        """One line for the operator."""
        if self.result is None:
            return f"{self.slug}: {self.error}"
        r = self.result
        month = f"{r.month:%Y-%m}"
        if r.already_billed:
            return (
                f"{self.slug}: {month} already billed ({r.invoice_count} invoices), nothing created"
            )
        verb = "would issue" if r.preview else "issued"
        return (
            f"{self.slug}: {month} {verb} {r.invoice_count} invoices, "
            f"{r.booking_count} bookings, {euros(r.total_cents, thousands=' ', before_unit=' ')}"
            f" in {self.seconds:.2f} s"
        )


def parse_month(value: str) -> dt.date:
    """« 2026-01 » → 1 January 2026 (ValueError otherwise)."""
    year, month = value.strip().split("-")
    return dt.date(int(year), int(month), 1)


async def bill_tenants(
    sessions: async_sessionmaker[AsyncSession],
    *,
    month: dt.date,
    slug: str | None,
    preview: bool,
    today: dt.date | None,
    portal_url: Callable[[str], str],
) -> list[TenantBilling]:
    """Bill ``month`` for the tenant ``slug`` (or every tenant), each in its transaction."""
    async with sessions() as session:
        stmt = select(Tenant.id, Tenant.slug, Tenant.timezone).order_by(Tenant.slug)
        if slug is not None:
            stmt = stmt.where(Tenant.slug == slug)
        tenants = list((await session.execute(stmt)).all())
    if slug is not None and not tenants:
        return [TenantBilling(slug, None, "unknown tenant", 0.0)]
    done: list[TenantBilling] = []
    for tenant_id, tenant_slug, timezone in tenants:
        local_today = today or today_in(timezone)
        started = time.perf_counter()
        try:
            async with sessions() as session, session.begin():
                tenant = await session.get(Tenant, tenant_id)
                assert tenant is not None
                result = await run_billing(
                    session,
                    tenant=tenant,
                    month=month,
                    today=local_today,
                    preview=preview,
                    portal_url=portal_url(tenant_slug),
                )
        except DomainFailure as failure:
            done.append(TenantBilling(tenant_slug, None, str(failure), 0.0))
            continue
        except IntegrityError:
            done.append(TenantBilling(tenant_slug, None, "billed concurrently", 0.0))
            continue
        done.append(TenantBilling(tenant_slug, result, None, time.perf_counter() - started))
    return done
