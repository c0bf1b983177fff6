"""Fields checked before a change is requested: bank details (IBAN masked for parents),
vaccines, children and authorized people.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models import BankAccount
from models.request import RequestType
from tests.domain.change_requests._helpers import IBAN, _accept, _codes, _create, _world

IBAN_2 = "FR7610278089610002051480155"


async def test_bank_details_are_checked_and_the_iban_masked_for_parents(
    session: AsyncSession,
) -> None:
    world = await _world(session)
    with pytest.raises(DomainFailure) as bad:
        await _create(
            session,
            world,
            RequestType.BANK_ACCOUNT_CHANGE,
            world.family.id,
            {"holderName": "X", "iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "ZZ"},
        )
    assert _codes(bad) == {
        ("INVALID_IBAN", ("changes", "iban")),
        ("INVALID_BIC", ("changes", "bic")),
    }
    with pytest.raises(DomainFailure) as no_account:
        await _create(
            session, world, RequestType.BANK_ACCOUNT_CHANGE, world.family.id, {"directDebit": True}
        )
    assert _codes(no_account) == {("BANK_ACCOUNT_REQUIRED", ("changes", "directDebit"))}
    with pytest.raises(DomainFailure) as mismatch:
        await _create(
            session,
            world,
            RequestType.BANK_ACCOUNT_CHANGE,
            world.family.id,
            {"holderName": "X", "iban": IBAN, "bic": "DEUTDEFF"},
        )
    assert _codes(mismatch) == {("BIC_COUNTRY_MISMATCH", ("changes", "bic"))}

    session.add(
        BankAccount(
            tenant_id=world.tenant.id,
            family_id=world.family.id,
            holder_name="BLMAN",
            iban=IBAN,
            bic="AGRIFRPP",
            mandate_reference="RUM-1",
            mandate_signed_on=dt.date(2024, 9, 1),
        )
    )
    await session.flush()
    request = await _create(
        session, world, RequestType.BANK_ACCOUNT_CHANGE, world.family.id, {"iban": IBAN_2}
    )
    (masked,) = cr.displayed_changes(request, mask_iban=True)
    assert masked.current == "•••• •••• •••• •••• •••• •••0 189"
    assert masked.proposed == "•••• •••• •••• •••• •••• •••0 155"
    (clear,) = cr.displayed_changes(request)
    assert clear.proposed == "FR76 1027 8089 6100 0205 1480 155"
    await _accept(session, world, request)
    account = (await session.scalars(select(BankAccount))).one()
    await session.refresh(account)
    # Another account needs another SEPA mandate.
    assert (account.iban, account.mandate_reference, account.mandate_signed_on) == (
        IBAN_2,
        None,
        None,
    )


async def test_vaccines_children_and_people_are_checked(session: AsyncSession) -> None:
    world = await _world(session)
    child = world.children[0]  # born 14/03/2019
    with pytest.raises(DomainFailure) as vaccines:
        await _create(
            session,
            world,
            RequestType.VACCINATION_CHANGE,
            child.id,
            {
                "vaccinations": [
                    ("DTP", dt.date(2019, 6, 1)),
                    ("dtp", dt.date(2019, 6, 1)),
                    ("", dt.date(2019, 7, 1)),
                    ("ROR", dt.date(2030, 1, 1)),
                    ("Hépatite B", dt.date(2018, 1, 1)),
                ]
            },
        )
    assert _codes(vaccines) == {
        ("DUPLICATE", ("vaccinations", "1")),
        ("REQUIRED", ("vaccinations", "2", "vaccine")),
        ("INVALID_DATE", ("vaccinations", "3", "injectedOn")),
        ("INVALID_DATE", ("vaccinations", "4", "injectedOn")),
    }
    with pytest.raises(DomainFailure) as too_many:
        await _create(
            session,
            world,
            RequestType.VACCINATION_CHANGE,
            child.id,
            {"vaccinations": [("V", dt.date(2020, 1, 1))] * 101},
        )
    assert _codes(too_many) == {("TOO_MANY", ("vaccinations",))}
    with pytest.raises(DomainFailure) as child_problems:
        await _create(
            session,
            world,
            RequestType.CHILD_CHANGE,
            child.id,
            {"birthDate": dt.date(2027, 1, 1), "school": 987_654, "sex": None},
        )
    assert _codes(child_problems) == {
        ("INVALID_DATE", ("changes", "birthDate")),
        ("NOT_FOUND", ("changes", "school")),
        ("REQUIRED", ("changes", "sex")),
    }
    with pytest.raises(DomainFailure) as person:
        await _create(
            session,
            world,
            RequestType.AUTHORIZED_PERSON_ADD,
            child.id,
            {"firstName": "A", "lastName": "B", "phone": "abc", "canPickUp": False,
             "emergencyContact": False},
        )  # fmt: skip
    assert _codes(person) == {
        ("INVALID_PHONE", ("person", "phone")),
        ("NO_ROLE", ("person", "canPickUp")),
    }
