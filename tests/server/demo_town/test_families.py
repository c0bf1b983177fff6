"""The demo town's families and accounts: complete family files, working demo accounts,
and a parent who can book January today.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bookings.asking import BookingAsk
from domain.bookings.codes import LineOutcome
from domain.bookings.requests import create_booking_request
from domain.passwords import verify_password
from models import Account, Child, Family, Guardian, HealthRecord
from models.account import AccountStatus, Role
from models.family import BankAccount, FamilyStatus
from models.request import RequestType
from seed.demo_town import (
    DEMO_ADMIN_EMAIL,
    DEMO_PARENT_EMAILS,
    DEMO_PASSWORD,
    DEMO_REPORTING_EMAIL,
    DEMO_STAFF_EMAIL,
)
from tests.server.demo_town._helpers import _next_year_activity


def _iban_is_valid(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


async def test_family_files(demo: AsyncSession) -> None:
    families = list(await demo.scalars(select(Family)))
    guardians: dict[int, list[Guardian]] = defaultdict(list)
    for guardian in await demo.scalars(select(Guardian)):
        guardians[guardian.family_id].append(guardian)
    for family in families:
        assert sum(g.is_allocataire for g in guardians[family.id]) <= 1, family.name
        assert sum(g.is_payer for g in guardians[family.id]) == 1, family.name
        if family.status is FamilyStatus.VALIDATED:
            assert family.subscriber_code
    assert [f.status for f in families].count(FamilyStatus.SUBMITTED) == 1

    devaille = next(f for f in families if f.name == "DEVAILLÉ")
    assert len(guardians[devaille.id]) == 2
    assert sum(g.is_allocataire for g in guardians[devaille.id]) == 1
    children = set(
        await demo.scalars(select(Child.first_name).where(Child.family_id == devaille.id))
    )
    assert children == {"Elsa", "Simon", "Georgette"}

    debit = [f for f in families if f.direct_debit]
    assert len(debit) == 1
    account = (
        await demo.scalars(select(BankAccount).where(BankAccount.family_id == debit[0].id))
    ).one()
    assert _iban_is_valid(account.iban)
    assert account.mandate_reference

    records = list(await demo.scalars(select(HealthRecord)))
    assert any(r.food_allergies and not r.has_pai for r in records)
    assert any(r.has_pai for r in records)


async def test_demo_accounts(demo: AsyncSession) -> None:
    accounts = {a.email: a for a in await demo.scalars(select(Account))}
    assert accounts[DEMO_STAFF_EMAIL].role is Role.STAFF
    assert accounts[DEMO_ADMIN_EMAIL].role is Role.ADMIN
    assert accounts[DEMO_REPORTING_EMAIL].role is Role.REPORTING
    assert DEMO_PARENT_EMAILS[0] == "elodie.devaille@example.fr"
    for email in DEMO_PARENT_EMAILS:
        account = accounts[email]
        assert account.role is Role.PARENT
        assert account.guardian_id is not None
    assert all(a.status is AccountStatus.ACTIVE for a in accounts.values())
    validated_guardians = set(
        await demo.scalars(
            select(Guardian.id)
            .join(Family, Family.id == Guardian.family_id)
            .where(Family.status == FamilyStatus.VALIDATED)
        )
    )
    assert validated_guardians <= {a.guardian_id for a in accounts.values()}
    assert verify_password(accounts[DEMO_PARENT_EMAILS[0]].password_hash, DEMO_PASSWORD)
    assert verify_password(accounts[DEMO_STAFF_EMAIL].password_hash, DEMO_PASSWORD)
    assert not verify_password(accounts[DEMO_STAFF_EMAIL].password_hash, "wrong password")


async def test_a_parent_can_book_january_today(demo: AsyncSession) -> None:
    """On 28 November 2026, Élodie books Simon's meals of January 2027 (auto-accepted)."""
    simon = (await demo.scalars(select(Child).where(Child.first_name == "Simon"))).one()
    elodie = (
        await demo.scalars(select(Account).where(Account.email == DEMO_PARENT_EMAILS[0]))
    ).one()
    meal = await _next_year_activity(demo, "02/Repas/Lux 26-27")
    now = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
    ask = BookingAsk(
        RequestType.RESERVATION,
        [simon.id],
        meal.id,
        period=(dt.date(2027, 1, 4), dt.date(2027, 1, 29)),
        weekdays=[5],
    )
    result = await create_booking_request(
        demo,
        tenant_id=simon.tenant_id,
        account_id=elodie.id,
        family_id=simon.family_id,
        ask=ask,
        portal_url="http://localhost",
        now=now,
    )
    assert [r.outcome for r in result.lines] == [LineOutcome.ACCEPTED] * 4
