"""Submitting the registration file: the whole family is stored (or nothing when refused),
one file per account, idempotent retries, also when concurrent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.family import reject_family, submit_family_registration
from kernel.results import DomainFailure
from models import (
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    Guardian,
    HealthRecord,
    OutboxMessage,
    Registration,
    Request,
    RequestHistory,
)
from models.account import Role
from models.engine import create_session_factory
from models.family import AllowanceRegime, FamilyStatus
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus, RequestType
from tests.domain.family_registration._helpers import (
    IBAN,
    NOW,
    TODAY,
    Town,
    _parent,
    _submit,
    family_form,
    guardian_form,
)
from tests.factories.family import make_account_with_token


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_submitted_file_stores_the_whole_family(session: AsyncSession, town: Town) -> None:
    submission = await _submit(session, town)
    family = submission.family
    assert (family.status, family.name, family.subscriber_code) == (
        FamilyStatus.SUBMITTED,
        "Martin",
        None,
    )
    assert (family.accepts_sms, family.reminder_by_sms, family.direct_debit) == (True, True, True)

    guardians = list(
        await session.scalars(
            select(Guardian).where(Guardian.family_id == family.id).order_by(Guardian.rank)
        )
    )
    assert [(g.rank, g.first_name, g.is_payer, g.is_allocataire) for g in guardians] == [
        (1, "Camille", True, True),
        (2, "Lucas", False, False),
    ]
    g1, g2 = guardians
    assert (g1.allowance_regime, g1.allocataire_number, g1.consents_quotient_lookup) == (
        AllowanceRegime.CAF,
        "1234567",
        True,
    )
    assert (g1.email, g1.mobile_phone, g1.postal_code, g1.country) == (
        "camille.martin@example.fr",
        "+33612345678",
        "38330",
        "FR",
    )
    # Guardian 2 gave no address: same as guardian 1.
    assert (g2.address_line1, g2.city, g2.email) == ("1 place de la Mairie", "Saint-Ismier", None)

    children = list(await session.scalars(select(Child).where(Child.family_id == family.id)))
    assert sorted(c.first_name for c in children) == ["Lenny", "Léa"]
    assert await _count(session, ChildAuthorizations) == 2
    assert await _count(session, HealthRecord) == 2

    bank = await session.scalar(select(BankAccount).where(BankAccount.family_id == family.id))
    assert bank is not None
    assert (bank.iban, bank.bic, bank.is_primary, bank.holder_name) == (
        IBAN,
        "AGRIFRPP",
        True,
        "Camille Martin",
    )

    registrations = list(await session.scalars(select(Registration)))
    assert {(r.activity_id, r.status, r.start_date, r.end_date) for r in registrations} == {
        (town.garderie_id, RegistrationStatus.REQUESTED, dt.date(2025, 9, 1), dt.date(2026, 7, 3)),
        (
            town.maternelle_id,
            RegistrationStatus.REQUESTED,
            dt.date(2025, 9, 1),
            dt.date(2026, 7, 3),
        ),
    }

    request = submission.request
    assert (request.type, request.status, request.family_id, request.created_by_account_id) == (
        RequestType.FAMILY_REGISTRATION,
        RequestStatus.PENDING,
        family.id,
        town.account_id,
    )
    assert request.reference >= 10_000_000
    history = list(await session.scalars(select(RequestHistory)))
    assert [(h.step, h.status, h.actor_account_id) for h in history] == [
        (HistoryStep.CREATED, RequestStatus.PENDING, town.account_id)
    ]

    await session.refresh(town.account)
    assert town.account.guardian_id == g1.id

    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "family_registration_received")
    )
    assert mail is not None
    assert mail.to_address == "camille.martin@example.fr"
    assert "Martin" in mail.subject
    assert f"{request.reference:,}".replace(",", " ") in mail.text_body
    assert "Mme Camille MARTIN" in mail.text_body


async def test_without_direct_debit_no_bank_account_is_stored(
    session: AsyncSession, town: Town
) -> None:
    await _submit(session, town, family_form(town, direct_debit=False))
    assert await _count(session, BankAccount) == 0


async def test_a_refused_form_stores_nothing(session: AsyncSession, town: Town) -> None:
    form = family_form(town, guardian1=guardian_form(email="nope"))
    with pytest.raises(DomainFailure):
        await _submit(session, town, form)
    await session.rollback()
    for model in (Family, Guardian, Child, Registration, Request, BankAccount, OutboxMessage):
        assert await _count(session, model) == 0, model


async def test_one_file_per_account_unless_rejected(session: AsyncSession, town: Town) -> None:
    first = await _submit(session, town)
    first_family_id = first.family.id
    with pytest.raises(DomainFailure) as excinfo:
        await _submit(session, town)
    assert [p.code for p in excinfo.value.problems] == ["ALREADY_SUBMITTED"]
    await session.rollback()

    staff, _ = await make_account_with_token(session, town.tenant, role=Role.STAFF)
    await reject_family(
        session,
        town.tenant,
        family_id=first_family_id,
        reason="Justificatif de domicile manquant.",
        staff_account_id=staff.id,
        now=NOW,
    )
    await session.commit()
    second = await _submit(session, town)
    assert second.family.id != first_family_id
    await session.refresh(town.account)
    assert town.account.guardian_id == second.guardian.id


async def test_a_retry_with_the_same_idempotency_key_creates_nothing(
    session: AsyncSession, town: Town
) -> None:
    first = await _submit(session, town, idempotency_key=" form-42 ")
    counts = [await _count(session, m) for m in (Family, Request, OutboxMessage)]
    again = await _submit(session, town, idempotency_key="form-42")
    assert again.replayed
    assert (again.family.id, again.request.id) == (first.family.id, first.request.id)
    assert [await _count(session, m) for m in (Family, Request, OutboxMessage)] == counts


async def test_an_idempotency_key_is_not_shared_between_accounts(
    session: AsyncSession, town: Town
) -> None:
    await _submit(session, town, idempotency_key="form-42")
    other = await _parent(session, town.tenant, "autre@example.fr")
    with pytest.raises(DomainFailure) as excinfo:
        await _submit(session, town, account_id=other.id, idempotency_key="form-42")
    assert [(p.code, p.field) for p in excinfo.value.problems] == [
        ("IDEMPOTENCY_KEY_REUSED", ("idempotencyKey",))
    ]


@pytest.mark.skipif(
    not os.environ.get("CRENEAU_TEST_DATABASE_URL"), reason="concurrent writers need PostgreSQL"
)
async def test_concurrent_retries_with_one_key_create_one_family(
    engine: AsyncEngine, session: AsyncSession, town: Town
) -> None:
    sessions = create_session_factory(engine)

    async def submit() -> Any:
        async with sessions() as own, own.begin():
            return await submit_family_registration(
                own,
                town.tenant,
                account_id=town.account_id,
                form=family_form(town),
                idempotency_key="same-key",
                now=NOW,
                today=TODAY,
            )

    first, second = await asyncio.gather(submit(), submit())
    assert first.family.id == second.family.id
    assert sorted([first.replayed, second.replayed]) == [False, True]
    assert await _count(session, Family) == 1
