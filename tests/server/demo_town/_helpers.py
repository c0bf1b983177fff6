"""What the demo town tests share: loading the town, its closed periods, the invoice checks
run for any today, and next year's activities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.calendar.opening_days import ClosedPeriod
from models import Activity, CalendarPeriod, Invoice, InvoiceLine, Payment
from models.billing import InvoiceStatus
from models.engine import create_session_factory
from seed.demo_town import DemoSummary, load_demo_town


async def _load(engine: AsyncEngine, today: dt.date | None = None) -> DemoSummary:
    return await load_demo_town(create_session_factory(engine), today=today)


async def _closed_periods(session: AsyncSession) -> list[ClosedPeriod]:
    return [
        ClosedPeriod(p.kind, p.start_date, p.end_date, p.establishment_id)
        for p in await session.scalars(select(CalendarPeriod))
    ]


async def _check_invoices(session: AsyncSession) -> None:
    invoices = list(await session.scalars(select(Invoice)))
    assert invoices
    lines: dict[int, list[InvoiceLine]] = defaultdict(list)
    for line in await session.scalars(select(InvoiceLine)):
        assert line.amount_cents == line.quantity * line.unit_price_cents
        lines[line.invoice_id].append(line)
    paid: dict[int, int] = defaultdict(int)
    for payment in await session.scalars(select(Payment)):
        paid[payment.invoice_id] += payment.amount_cents
    for invoice in invoices:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{4}", invoice.number)
        assert lines[invoice.id]
        assert invoice.total_cents == sum(line.amount_cents for line in lines[invoice.id])
        assert invoice.issuer == "Régie Enfance – Mairie de Saint-Ismier"
        if invoice.status is InvoiceStatus.PAID:
            assert paid[invoice.id] == invoice.total_cents
        elif invoice.status is InvoiceStatus.PARTIALLY_PAID:
            assert 0 < paid[invoice.id] < invoice.total_cents
        else:
            assert paid[invoice.id] == 0


# --- 2026-2027: the current school year of the demo --------------------------------------


async def _next_year_activity(session: AsyncSession, code: str) -> Activity:
    return (await session.scalars(select(Activity).where(Activity.code == code))).one()
