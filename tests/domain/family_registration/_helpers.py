"""What the domain family registration tests share: the registration form and its parts,
the town they run in, and reads of the problems and rows a submission left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    FamilyForm,
    GuardianForm,
    WishedRegistrationForm,
    check_family_form,
    submit_family_registration,
)
from kernel.results import DomainFailure
from kernel.tenancy import TenantRef
from models import Account, Activity, Establishment
from models.account import Civility
from models.child import Grade, Sex
from models.family import AllowanceRegime, MaritalStatus, Relationship
from tests.factories.family import make_account_with_token

TODAY = dt.date(2025, 10, 1)
NOW = dt.datetime(2025, 10, 1, 8, 30, tzinfo=dt.UTC)
IBAN = "FR7630006000011234567890189"


@dataclasses.dataclass
class Town:
    tenant: TenantRef
    school: Establishment
    garderie: Activity  # from CP
    maternelle: Activity  # PS to GS
    account: Account  # ORM rows expire on rollback: tests use the ids below
    account_id: int
    school_id: int
    garderie_id: int
    maternelle_id: int


async def _parent(session: AsyncSession, tenant: Any, email: str) -> Account:
    account, _ = await make_account_with_token(session, tenant, email=email)
    return account


def guardian_form(**overrides: Any) -> GuardianForm:
    values: dict[str, Any] = {
        "civility": Civility.MADAME,
        "first_name": "Camille",
        "last_name": "Martin",
        "relationship": Relationship.MERE,
        "marital_status": MaritalStatus.MARIE,
        "phone": "04 76 52 00 00",
        "mobile_phone": "06 12 34 56 78",
        "email": "Camille.Martin@Example.fr",
        "address": AddressForm(
            line1="1 place de la Mairie", line2=None, postal_code="38330", city="Saint-Ismier"
        ),
        "allocataire": AllocataireForm(
            regime=AllowanceRegime.CAF, number="1234567", consents_quotient_lookup=True
        ),
    }
    values.update(overrides)
    return GuardianForm(**values)


def family_form(town: Town, **overrides: Any) -> FamilyForm:
    values: dict[str, Any] = {
        "guardian1": guardian_form(),
        "guardian2": guardian_form(
            civility=Civility.MONSIEUR,
            first_name="Lucas",
            relationship=Relationship.PERE,
            phone=None,
            mobile_phone="07 81 23 45 67",
            email=None,
            address=None,
            allocataire=None,
        ),
        "communication": CommunicationForm(accepts_sms=True, reminder_by_sms=True),
        "direct_debit": True,
        "bank_account": BankAccountForm(
            holder_name="Camille Martin", iban="fr76 3000 6000 0112 3456 7890 189", bic="agrifrpp"
        ),
        "children": [
            ChildForm(
                first_name="Lenny",
                last_name="Martin",
                birth_date=dt.date(2018, 5, 2),
                sex=Sex.M,
                school_id=town.school_id,
                grade=Grade.CE1,
            ),
            ChildForm(
                first_name="Léa",
                last_name="Martin",
                birth_date=dt.date(2021, 1, 20),
                sex=Sex.F,
                school_id=town.school_id,
                grade=Grade.MS,
            ),
        ],
        "registrations": [
            WishedRegistrationForm(child_index=0, activity_id=town.garderie_id),
            WishedRegistrationForm(child_index=1, activity_id=town.maternelle_id),
        ],
    }
    values.update(overrides)
    return FamilyForm(**values)


async def _problems(session: AsyncSession, town: Town, form: FamilyForm) -> set[tuple[str, ...]]:
    with pytest.raises(DomainFailure) as excinfo:
        await check_family_form(session, town.tenant.id, form, TODAY)
    return {(p.code, *p.field) for p in excinfo.value.problems}


# --- submission -----------------------------------------------------------------------------


async def _submit(
    session: AsyncSession, town: Town, form: FamilyForm | None = None, **kwargs: Any
) -> Any:
    values: dict[str, Any] = {"account_id": town.account_id, "idempotency_key": None}
    values.update(kwargs)
    submission = await submit_family_registration(
        session, town.tenant, form=form or family_form(town), now=NOW, today=TODAY, **values
    )
    await session.commit()
    return submission
