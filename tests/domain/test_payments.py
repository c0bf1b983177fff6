"""Invoice amounts from payments, status transitions, and payments recorded by staff."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.ledger import (
    InvoiceAmounts,
    invoice_amounts,
    record_staff_payment,
    status_after_payments,
)
from kernel.results import DomainFailure
from models import Invoice, Payment
from models.billing import InvoiceKind, InvoiceStatus, PaymentMethod
from models.engine import create_engine, create_session_factory
from tests.factories.family import make_invoice
from tests.factories.payments import make_billed_invoice, make_paying_family, make_payment
from tests.support.databases import copy_sqlite_template

TODAY = dt.date(2026, 2, 20)


async def _record(
    session: AsyncSession, invoice_id: int | None, amount: int, **overrides: Any
) -> tuple[Invoice, Payment]:
    values: dict[str, Any] = {
        "tenant_id": _TENANT[0],
        "method": PaymentMethod.CHEQUE,
        "paid_on": dt.date(2026, 2, 10),
        "reference": "4872153",
        "account_id": None,
        "today": TODAY,
    }
    values.update(overrides)
    return await record_staff_payment(session, invoice_id=invoice_id, amount_cents=amount, **values)


_TENANT: list[int] = [0]


def codes(failure: pytest.ExceptionInfo[DomainFailure]) -> list[str]:
    return [p.code for p in failure.value.problems]


async def test_partial_then_full_payment(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying)  # 10 × 3,50 + 8 × 4,20 = 68,60 €
    assert invoice.total_cents == 6860

    _, first = await _record(session, invoice.id, 2000)
    assert invoice.status is InvoiceStatus.PARTIALLY_PAID
    amounts = await invoice_amounts(session, invoice)
    assert (amounts.paid_cents, amounts.remaining_cents) == (2000, 4860)
    assert first.description == "Chèque n° 4872153"
    assert first.operation_number.isdigit() and int(first.operation_number) >= 160_000_000

    paid, second = await _record(session, invoice.id, 4860, method=PaymentMethod.CASH, reference="")
    assert paid.status is InvoiceStatus.PAID
    assert int(second.operation_number) == int(first.operation_number) + 1
    assert second.description == "Règlement en espèces à la régie"
    assert (await invoice_amounts(session, invoice)).remaining_cents == 0


async def test_operation_numbers_continue_above_existing_ones(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying)
    await make_payment(session, invoice, 100, operation_number="160509454")
    await make_payment(session, invoice, 100, operation_number="20260101-0000001")
    _, payment = await _record(session, invoice.id, 100)
    assert payment.operation_number == "160509455"


@pytest.mark.parametrize(
    ("amount", "code"),
    [(0, "INVALID_AMOUNT"), (-5, "INVALID_AMOUNT"), (6861, "AMOUNT_EXCEEDS_REMAINING")],
)
async def test_bad_amounts_are_refused(session: AsyncSession, amount: int, code: str) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying)
    with pytest.raises(DomainFailure) as failure:
        await _record(session, invoice.id, amount)
    assert codes(failure) == [code]
    assert failure.value.problems[0].field == ("amount",)
    assert (await session.scalars(select(Payment))).all() == []


async def test_refusals(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying)
    cases: list[tuple[dict[str, object], str]] = [
        ({"method": PaymentMethod.CARD}, "INVALID_METHOD"),
        ({"paid_on": TODAY + dt.timedelta(days=1)}, "FUTURE_DATE"),
        ({"paid_on": dt.date(2026, 1, 1)}, "BEFORE_ISSUE"),
        ({"reference": "x" * 201}, "TOO_LONG"),
    ]
    for overrides, code in cases:
        with pytest.raises(DomainFailure) as failure:
            await _record(session, invoice.id, 100, **overrides)
        assert codes(failure) == [code]
    with pytest.raises(DomainFailure) as failure:
        await _record(session, None, 100)
    assert codes(failure) == ["NOT_FOUND"]
    with pytest.raises(DomainFailure) as failure:
        await _record(session, invoice.id + 1000, 100)
    assert codes(failure) == ["NOT_FOUND"]


@pytest.mark.parametrize(
    ("status", "kind", "code"),
    [
        (InvoiceStatus.CANCELLED, InvoiceKind.INVOICE, "INVOICE_CANCELLED"),
        (InvoiceStatus.TRANSMITTED_TO_TREASURY, InvoiceKind.INVOICE, "INVOICE_TRANSMITTED"),
        (InvoiceStatus.PAID, InvoiceKind.INVOICE, "ALREADY_PAID"),
    ],
)
async def test_closed_invoices_take_no_payment(
    session: AsyncSession, status: InvoiceStatus, kind: InvoiceKind, code: str
) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying, status=status, kind=kind)
    with pytest.raises(DomainFailure) as failure:
        await _record(session, invoice.id, 100)
    assert codes(failure) == [code]


async def test_credit_note_takes_no_payment(session: AsyncSession) -> None:
    paying = await make_paying_family(session)
    _TENANT[0] = paying.tenant.id
    invoice = await make_billed_invoice(session, paying)
    note = await make_invoice(
        session,
        paying.family,
        issued_on=invoice.issued_on,
        kind=InvoiceKind.CREDIT_NOTE,
        credited_invoice_id=invoice.id,
        total_cents=500,
    )
    with pytest.raises(DomainFailure) as failure:
        await _record(session, note.id, 100)
    assert codes(failure) == ["NOT_PAYABLE"]


async def test_another_tenants_invoice_is_not_found(session: AsyncSession) -> None:
    ours = await make_paying_family(session)
    theirs = await make_paying_family(session)
    invoice = await make_billed_invoice(session, theirs)
    with pytest.raises(DomainFailure) as failure:
        await _record(session, invoice.id, 100, tenant_id=ours.tenant.id)
    assert codes(failure) == ["NOT_FOUND"]


# --- properties ----------------------------------------------------------------------


@given(total=st.integers(0, 10**7), paid=st.integers(0, 10**7))
def test_status_follows_the_amounts(total: int, paid: int) -> None:
    status = status_after_payments(InvoiceStatus.ISSUED, total, paid)
    if paid >= total:
        assert status is InvoiceStatus.PAID
    elif paid == 0:
        assert status is InvoiceStatus.ISSUED
    else:
        assert status is InvoiceStatus.PARTIALLY_PAID
    for closed in (InvoiceStatus.CANCELLED, InvoiceStatus.TRANSMITTED_TO_TREASURY):
        assert status_after_payments(closed, total, paid) is closed
    amounts = InvoiceAmounts(total, min(paid, total))
    assert amounts.remaining_cents == total - amounts.paid_cents >= 0


_example = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    total=st.integers(1, 50_000),
    attempts=st.lists(st.integers(-100, 60_000), min_size=1, max_size=8),
)
def test_payments_never_overpay(
    migrated_template: Path | str, tmp_path: Path, total: int, attempts: list[int]
) -> None:
    """Whatever amounts are tried, in any order: the accepted ones sum to at most the total,
    remaining = total − payments, never negative, and the status follows the amounts."""

    async def scenario() -> None:
        if isinstance(migrated_template, str):
            url = migrated_template
        else:
            url = copy_sqlite_template(migrated_template, tmp_path / f"p{next(_example)}.sqlite3")
        engine = create_engine(url)
        try:
            async with create_session_factory(engine)() as session:
                paying = await make_paying_family(session)
                invoice = await make_invoice(
                    session, paying.family, issued_on=dt.date(2026, 2, 5), total_cents=total
                )
                accepted = 0
                for amount in attempts:
                    refused: DomainFailure | None = None
                    try:
                        await record_staff_payment(
                            session,
                            tenant_id=paying.tenant.id,
                            invoice_id=invoice.id,
                            method=PaymentMethod.TRANSFER,
                            amount_cents=amount,
                            paid_on=dt.date(2026, 2, 10),
                            reference=None,
                            account_id=None,
                            today=TODAY,
                        )
                    except DomainFailure as failure:
                        refused = failure
                    if refused is None:
                        assert amount > 0
                        accepted += amount
                    else:
                        assert refused.problems[0].code in {
                            "INVALID_AMOUNT",
                            "AMOUNT_EXCEEDS_REMAINING",
                            "ALREADY_PAID",
                        }
                        assert amount <= 0 or amount > total - accepted
                    amounts = await invoice_amounts(session, invoice)
                    assert amounts.paid_cents == accepted <= total
                    assert amounts.remaining_cents == total - accepted >= 0
                    assert invoice.status is status_after_payments(
                        InvoiceStatus.ISSUED, total, accepted
                    )
                await session.rollback()
        finally:
            await engine.dispose()

    asyncio.run(scenario())
