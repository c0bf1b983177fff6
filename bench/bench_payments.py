"""Benchmark: payments on the 2,000-child town.

``python -m bench.bench_payments`` generates the synthetic town (2,000 children, seed 1)
into a fresh SQLite file (or the PostgreSQL database of ``CRENEAU_BENCH_DATABASE_URL``,
recreated), gives it a SEPA creditor, then times, each in its own
transaction: 200 payments recorded by staff (operation numbers, locks, status), the
direct-debit file of every open invoice of families paying by direct debit (pain.008
built and validated against the XSD, pre-notification mails queued), its execution, the
treasury transmission with its CSV export, and the childcare certificates of every child
under 6. Prints the figures and writes ``bench/results/payments.json``
(``payments-postgresql.json`` on PostgreSQL), with the process's CPU time beside the
direct debit's wall times (this process only: on PostgreSQL the server's work is not in
it) and the load average when it ended (the machine may be shared). No assertion on
timings.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update

from domain.payments.certificates import certificates_for
from domain.payments.direct_debit import execute_direct_debit, prepare_direct_debit
from domain.payments.ledger import amounts_by_invoice, record_staff_payment
from domain.payments.treasury import transmit_to_treasury, treasury_export
from models import Child, Family, Invoice, Payment, Tenant
from models.billing import InvoiceKind, InvoiceStatus, PaymentMethod
from models.engine import create_engine, create_session_factory
from seed.synthetic import generate_town
from server.migrate import upgrade

CHILDREN = 2000
SEED = 1
PAYMENTS = 200
DATABASE = Path("var/bench/bench-payments.sqlite3")
RESULTS = Path(__file__).parent / "results" / "payments.json"
CREDITOR = {
    "name": "Régie enfance",
    "iban": "FR7630006000011234567890189",
    "bic": "AGRIFRPP",
    "creditorId": "FR12ZZZ123456",
}


async def _run(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    figures: dict[str, Any] = {}
    try:
        slug = f"synthetic-{CHILDREN}-{SEED}"
        await generate_town(engine, children=CHILDREN, seed=SEED, slug=slug)
        async with sessions() as session, session.begin():
            tenant = (await session.scalars(select(Tenant).where(Tenant.slug == slug))).one()
            tenant.settings = {**(tenant.settings or {}), "sepaCreditor": CREDITOR}
            tenant_id = tenant.id
            # Re-open the direct-debit families' invoices as if the month was just billed.
            dd_families = select(Family.id).where(
                Family.tenant_id == tenant_id, Family.direct_debit.is_(True)
            )
            await session.execute(
                update(Invoice)
                .where(Invoice.family_id.in_(dd_families), Invoice.status == InvoiceStatus.PAID)
                .values(status=InvoiceStatus.ISSUED)
            )
            await session.execute(delete(Payment).where(Payment.family_id.in_(dd_families)))
            latest_due = await session.scalar(
                select(func.max(Invoice.due_on)).where(Invoice.tenant_id == tenant_id)
            )
        today = max(latest_due or dt.date.today(), dt.date.today())

        async with sessions() as session:
            open_invoices = list(
                await session.scalars(
                    select(Invoice)
                    .join(Family, Family.id == Invoice.family_id)
                    .where(
                        Invoice.tenant_id == tenant_id,
                        Invoice.kind == InvoiceKind.INVOICE,
                        Invoice.status == InvoiceStatus.ISSUED,
                        Family.direct_debit.is_(False),
                    )
                    .order_by(Invoice.id)
                    .limit(PAYMENTS)
                )
            )
            amounts = await amounts_by_invoice(session, open_invoices)
        started = time.perf_counter()
        for invoice in open_invoices:
            async with sessions() as session, session.begin():
                await record_staff_payment(
                    session,
                    tenant_id=tenant_id,
                    invoice_id=invoice.id,
                    method=PaymentMethod.CHEQUE,
                    amount_cents=max(amounts[invoice.id].remaining_cents // 2, 1),
                    paid_on=invoice.issued_on,
                    reference="1234567",
                    account_id=None,
                    today=today,
                )
        elapsed = time.perf_counter() - started
        figures["staffPayments"] = len(open_invoices)
        figures["staffPaymentMs"] = round(1000 * elapsed / max(len(open_invoices), 1), 2)

        collection = today + dt.timedelta(days=10)
        started, cpu_started = time.perf_counter(), time.process_time()
        async with sessions() as session, session.begin():
            prepared = await prepare_direct_debit(
                session, tenant_id=tenant_id, collection_date=collection, today=today
            )
        figures["directDebitPrepareSeconds"] = round(time.perf_counter() - started, 3)
        figures["directDebitPrepareCpuSeconds"] = round(time.process_time() - cpu_started, 3)
        figures["directDebitTransactions"] = prepared.batch.transaction_count
        figures["directDebitSkipped"] = len(prepared.skipped)
        figures["directDebitXmlBytes"] = len(prepared.batch.xml.encode())
        started, cpu_started = time.perf_counter(), time.process_time()
        async with sessions() as session, session.begin():
            # Recorded as on the collection date, once the bank has debited the file.
            executed = await execute_direct_debit(
                session, tenant_id=tenant_id, collection_date=collection, today=collection
            )
        figures["directDebitExecuteSeconds"] = round(time.perf_counter() - started, 3)
        figures["directDebitExecuteCpuSeconds"] = round(time.process_time() - cpu_started, 3)
        figures["directDebitPayments"] = len(executed.payments)

        started = time.perf_counter()
        async with sessions() as session, session.begin():
            transmission = await transmit_to_treasury(
                session, tenant_id=tenant_id, as_of=today, today=today
            )
            csv_text = await treasury_export(
                session, tenant_id=tenant_id, transmitted_on=transmission.transmitted_on
            )
        figures["treasurySeconds"] = round(time.perf_counter() - started, 3)
        figures["treasuryInvoices"] = len(transmission.invoices)
        figures["treasuryCsvLines"] = csv_text.count("\n")

        year = today.year
        started = time.perf_counter()
        async with sessions() as session:
            children = list(
                await session.scalars(select(Child).where(Child.tenant_id == tenant_id))
            )
            certificates = await certificates_for(
                session, tenant_id=tenant_id, children=children, year=year
            )
        figures["certificatesSeconds"] = round(time.perf_counter() - started, 3)
        figures["certificates"] = len(certificates)
        figures["certificatesYear"] = year
        figures["certificatesNonZero"] = sum(1 for c in certificates if c.amount_cents > 0)
    finally:
        await engine.dispose()
    return figures


def _database_url() -> tuple[str, str]:
    """The database to fill: the recreated PostgreSQL one of ``CRENEAU_BENCH_DATABASE_URL``
    when set, else a fresh SQLite file; and the backend's name."""
    url = os.environ.get("CRENEAU_BENCH_DATABASE_URL")
    if url:
        from models.postgres_admin import recreate_postgres_database

        asyncio.run(recreate_postgres_database(url))
        return url, "postgresql"
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
    return f"sqlite+aiosqlite:///{DATABASE}", "sqlite"


def main() -> None:
    """Run the benchmark and write its figures."""
    url, backend = _database_url()
    upgrade(url)
    figures = asyncio.run(_run(url))
    result = {
        "benchmark": "payments",
        "measuredAt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadAverage": [round(load, 2) for load in os.getloadavg()],
        },
        "backend": backend,
        "children": CHILDREN,
        **figures,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    path = RESULTS if backend == "sqlite" else RESULTS.with_name(f"payments-{backend}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
