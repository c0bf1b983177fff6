"""Integrity lives in the database: these writes must be refused by SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, InvalidRequestError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from models import Booking, Child, Family, Guardian, Invoice, InvoiceLine
from models.account import Civility
from models.billing import InvoiceLineKind
from models.booking import BookingStatus
from models.child import Sex
from models.family import AllowanceRegime
from tests import factories


async def _family(session: AsyncSession, tenant_id: int) -> Family:
    family = Family(tenant_id=tenant_id, name="DEVAILLÉ")
    session.add(family)
    await session.flush()
    return family


def _guardian(family: tuple[int, int], rank: int, **overrides: Any) -> Guardian:
    tenant_id, family_id = family
    values: dict[str, Any] = {
        "tenant_id": tenant_id,
        "family_id": family_id,
        "rank": rank,
        "civility": Civility.MADAME,
        "first_name": "Elodie",
        "last_name": "DEVAILLÉ",
    }
    values.update(overrides)
    return Guardian(**values)


async def _refused(session: AsyncSession, *objects: Any) -> None:
    session.add_all(objects)
    with pytest.raises(IntegrityError):
        await session.flush()
    await session.rollback()


async def test_one_booking_per_child_slot_and_date(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(session, school, year)
    slot = await factories.make_slot(session, activity)
    family = await _family(session, tenant.id)
    child = Child(
        tenant_id=tenant.id,
        family_id=family.id,
        first_name="Lenny",
        last_name="MARTIN",
        birth_date=dt.date(2017, 3, 2),
        sex=Sex.M,
    )
    session.add(child)
    await session.flush()

    def booking() -> Booking:
        return Booking(
            tenant_id=tenant.id,
            child_id=child.id,
            slot_id=slot.id,
            activity_id=activity.id,
            date=dt.date(2026, 1, 5),
            status=BookingStatus.RESERVED,
        )

    session.add(booking())
    await session.flush()
    await _refused(session, booking())


async def test_at_most_one_allocataire_and_one_payer_per_family(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    family_row = await _family(session, tenant.id)
    family = (family_row.tenant_id, family_row.id)  # plain ids survive rollbacks
    caf = {"is_allocataire": True, "allowance_regime": AllowanceRegime.CAF}
    session.add(_guardian(family, 1, is_payer=True, allocataire_number="123", **caf))
    await session.commit()

    await _refused(session, _guardian(family, 2, allocataire_number="456", **caf))
    await _refused(session, _guardian(family, 2, is_payer=True))
    # An allocataire needs a regime and a number.
    await _refused(session, _guardian(family, 2, is_allocataire=True))
    session.add(_guardian(family, 2))
    await session.flush()


async def test_invoice_line_amount_is_exactly_quantity_times_unit_price(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    family = await _family(session, tenant.id)
    invoice = Invoice(
        tenant_id=tenant.id,
        family_id=family.id,
        number="2026-01-0001",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        issued_on=dt.date(2026, 2, 5),
        due_on=dt.date(2026, 2, 28),
        issuer="Régie",
        total_cents=1410,
    )
    session.add(invoice)
    await session.flush()

    def line(quantity: int, unit: int, amount: int) -> InvoiceLine:
        return InvoiceLine(
            tenant_id=tenant.id,
            invoice_id=invoice.id,
            kind=InvoiceLineKind.ATTENDANCE,
            label="Repas",
            quantity=quantity,
            unit_price_cents=unit,
            amount_cents=amount,
        )

    session.add(line(3, 470, 1410))
    await session.flush()
    await _refused(session, line(3, 470, 1400))


async def test_unknown_enum_values_are_refused_by_the_database(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()
    with pytest.raises(IntegrityError):
        await session.execute(
            text(
                "INSERT INTO family (tenant_id, name, status, accepts_email, accepts_sms, "
                "accepts_post, paper_invoice, reminder_by_email, reminder_by_sms, "
                "reminder_by_post, direct_debit, resident, created_at) VALUES "
                "(:t, 'X', 'BOGUS', true, false, false, false, true, false, false, false, "
                "true, CURRENT_TIMESTAMP)"
            ),
            {"t": tenant.id},
        )
    await session.rollback()


async def test_foreign_keys_are_enforced(session: AsyncSession) -> None:
    await _refused(session, Family(tenant_id=999_999, name="Orpheline"))


async def test_naive_timestamps_are_refused(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    family = Family(tenant_id=tenant.id, name="X", validated_at=dt.datetime(2026, 1, 1))
    session.add(family)
    with pytest.raises(StatementError):
        await session.flush()
    await session.rollback()


async def test_relationships_never_lazy_load(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    family = await _family(session, tenant.id)
    session.add(_guardian((family.tenant_id, family.id), 1, is_payer=True))
    await session.commit()
    session.expunge_all()

    loaded = await session.scalar(select(Family).where(Family.id == family.id))
    assert loaded is not None
    with pytest.raises(InvalidRequestError):
        _ = loaded.guardians
    eager = await session.scalar(
        select(Family)
        .where(Family.id == family.id)
        .options(selectinload(Family.guardians))
        .execution_options(populate_existing=True)
    )
    assert eager is not None
    assert [g.first_name for g in eager.guardians] == ["Elodie"]
