"""The childcare certificate (attestation de frais de garde): childcare paid in the year,
for children under six only.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from domain.payments.certificate_pdf import certificate_pdf
from domain.payments.certificates import certificates_for, eligible
from models.billing import InvoiceLineKind
from tests.factories.payments import (
    make_billed_invoice,
    make_invoice_line,
    make_paying_family,
    make_payment,
)

# --- childcare certificate -----------------------------------------------------------


async def test_certificate_counts_childcare_paid_in_the_year(session: AsyncSession) -> None:
    paying = await make_paying_family(session, birth_date=dt.date(2021, 5, 10))
    # 10 × 3,50 childcare + 8 × 4,20 meals + 2,00 penalty = 70,60 €, fully paid in 2026.
    paid = await make_billed_invoice(session, paying, penalty_cents=200)
    await make_payment(session, paid, paid.total_cents, paid_on=dt.date(2026, 2, 15))
    # Half paid in 2026 (childcare 20 × 3,50 = 70,00 € of a 70,00 € invoice).
    half = await make_billed_invoice(session, paying, care_days=20, meal_days=0)
    await make_payment(session, half, 3500, paid_on=dt.date(2026, 12, 30))
    await make_payment(session, half, 3500, paid_on=dt.date(2027, 1, 2))
    # A sibling reduction line on the first invoice's childcare is counted (negative).
    unpaid = await make_billed_invoice(session, paying)
    await make_invoice_line(
        session,
        unpaid,
        child=paying.child,
        activity=paying.care,
        quantity=1,
        unit_price_cents=-100,
        kind=InvoiceLineKind.REDUCTION,
    )

    [certificate] = await certificates_for(
        session, tenant_id=paying.tenant.id, children=[paying.child], year=2026
    )
    assert [i.counted_cents for i in certificate.invoices] == [3500, 3500]
    assert certificate.amount_cents == 7000
    [next_year] = await certificates_for(
        session, tenant_id=paying.tenant.id, children=[paying.child], year=2027
    )
    assert next_year.amount_cents == 3500

    pdf = certificate_pdf(
        certificate, paying.tenant, payer_name="Élodie DEVAILLE", issued_on_label="20/02/2026"
    )
    assert pdf.startswith(b"%PDF")


async def test_certificate_only_for_children_under_six(session: AsyncSession) -> None:
    paying = await make_paying_family(session, birth_date=dt.date(2020, 1, 1))
    assert not eligible(paying.child, 2026)  # six on 1 January 2026
    paying.child.birth_date = dt.date(2020, 1, 2)
    assert eligible(paying.child, 2026)
    paying.child.birth_date = dt.date(2019, 3, 14)
    assert (
        await certificates_for(
            session, tenant_id=paying.tenant.id, children=[paying.child], year=2026
        )
        == []
    )
