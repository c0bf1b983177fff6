"""What the demo town holds, as the loader reports it (``DemoSummary``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models.account import Account
from models.activity import Activity, Slot
from models.billing import Invoice
from models.booking import Booking
from models.child import Child
from models.establishment import Establishment
from models.family import Family
from models.request import Request
from seed.demo_town.constants import DEMO_TENANT_SLUG


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo town holds, so the CLI can print it and tests can compare loads."""

    tenant_id: int
    created: bool
    establishments: int
    activities: int
    slots: int
    families: int
    children: int
    accounts: int
    bookings: int
    requests: int
    invoices: int

    def describe(self) -> str:
        """A one-line account of the load for the console (English, operator-facing)."""
        verb = "created" if self.created else "already present, left unchanged"
        return (
            f"Demo town {DEMO_TENANT_SLUG!r} (tenant {self.tenant_id}) {verb}: "
            f"{self.establishments} establishments, {self.activities} activities, "
            f"{self.slots} slots, {self.families} families, {self.children} children, "
            f"{self.accounts} accounts, {self.bookings} bookings, {self.requests} requests, "
            f"{self.invoices} invoices."
        )


async def _summary(session: AsyncSession, tenant_id: int, *, created: bool) -> DemoSummary:
    async def count(model: Any) -> int:
        statement = select(func.count()).select_from(model).where(model.tenant_id == tenant_id)
        return int(await session.scalar(statement) or 0)

    return DemoSummary(
        tenant_id=tenant_id,
        created=created,
        establishments=await count(Establishment),
        activities=await count(Activity),
        slots=await count(Slot),
        families=await count(Family),
        children=await count(Child),
        accounts=await count(Account),
        bookings=await count(Booking),
        requests=await count(Request),
        invoices=await count(Invoice),
    )
