"""A direct debit is recorded when the bank collects it: executing a batch before its
collection date is refused (nothing paid ahead of the debit), from the domain and from
``creneau direct-debit --execute``.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.direct_debit import execute_direct_debit, prepare_direct_debit
from kernel.clock import today_in
from kernel.results import DomainFailure
from models import DirectDebitBatch, Invoice, Payment
from models.billing import DirectDebitBatchStatus, InvoiceStatus
from server.cli import main
from tests.domain._payments_helpers import TODAY, codes
from tests.factories.payments import make_bank_account, make_billed_invoice, make_paying_family


async def test_execution_before_the_collection_date_is_refused(session: AsyncSession) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    due = TODAY + dt.timedelta(days=5)
    invoice = await make_billed_invoice(session, paying, due_on=due)
    await prepare_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
    )
    with pytest.raises(DomainFailure) as failure:
        await execute_direct_debit(
            session, tenant_id=paying.tenant.id, collection_date=due, today=TODAY
        )
    assert codes(failure) == ["NOT_YET_COLLECTED"]
    assert f"{due:%d/%m/%Y}" in str(failure.value)
    assert [invoice.status] == [InvoiceStatus.ISSUED]
    assert await session.scalar(select(func.count()).select_from(Payment)) == 0

    executed = await execute_direct_debit(
        session, tenant_id=paying.tenant.id, collection_date=due, today=due
    )
    assert executed.batch.status is DirectDebitBatchStatus.EXECUTED
    assert [p.paid_on for p in executed.payments] == [due]
    assert invoice.status is InvoiceStatus.PAID


async def test_command_refuses_to_execute_before_the_collection_date(
    session: AsyncSession,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paying = await make_paying_family(session, direct_debit=True)
    await make_bank_account(session, paying.family, holder=paying.payer)
    today = today_in(paying.tenant.timezone)
    due = today + dt.timedelta(days=7)
    invoice = await make_billed_invoice(session, paying, issued_on=today, due_on=due)
    invoice_id, slug = invoice.id, paying.tenant.slug
    await session.commit()
    monkeypatch.setenv("CRENEAU_DATABASE_URL", database_url)
    args = ["direct-debit", "--tenant", slug, "--due-on", due.isoformat()]

    # The command runs its own event loop: give it a thread of its own.
    code = await asyncio.to_thread(main, [*args, "--execute"])
    err = capsys.readouterr().err
    assert code == 1
    assert "pas encore eu lieu" in err and "Traceback" not in err
    status = await session.scalar(select(Invoice.status).where(Invoice.id == invoice_id))
    assert status is InvoiceStatus.ISSUED
    assert await session.scalar(select(func.count()).select_from(Payment)) == 0
    assert await session.scalar(select(func.count()).select_from(DirectDebitBatch)) == 0

    # Preparing the file (no --execute) still works before the date.
    assert await asyncio.to_thread(main, args) == 0
    assert "1 invoice(s)" in capsys.readouterr().err
