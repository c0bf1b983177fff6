"""Linking an account to an existing family with its subscriber code and a second proof:
which proofs count, one answer to any wrong proof, throttling, and who cannot link.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family import Linked, LinkRefused, link_family
from kernel.results import DomainFailure
from models import Account, Child, Family, Guardian, LoginAttempt
from models.family import FamilyStatus
from tests import factories
from tests.domain.family_registration._helpers import NOW, TODAY, Town, _parent, _submit
from tests.factories.family import (
    make_account_with_token,
    make_child,
    make_family,
    make_guardian,
    make_invoice,
)

# --- linking ----------------------------------------------------------------------------


@dataclasses.dataclass
class Existing:
    family: Family
    guardians: list[Guardian]
    child: Child


@pytest.fixture
async def existing(session: AsyncSession, town: Town) -> Existing:
    family = await make_family(session, town.tenant, subscriber_code="000123", name="DUPONT")
    g1 = await make_guardian(session, family, rank=1, email="marie.dupont@example.fr")
    g2 = await make_guardian(session, family, rank=2, email="paul.dupont@example.fr")
    child = await make_child(session, family, first_name="Zoé", birth_date=dt.date(2017, 6, 3))
    await session.commit()
    return Existing(family, [g1, g2], child)


async def _link(session: AsyncSession, town: Town, account: Account, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "subscriber_code": "000123",
        "child_birth_date": dt.date(2017, 6, 3),
        "invoice_number": None,
        "child_first_name": "Zoé",
    }
    values.update(overrides)
    outcome = await link_family(
        session, tenant_id=town.tenant.id, account_id=account.id, now=NOW, today=TODAY, **values
    )
    await session.commit()
    return outcome


async def test_a_family_without_invoices_links_with_a_child_first_name(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    outcome = await _link(session, town, town.account, child_first_name=" zoe ")
    assert isinstance(outcome, Linked)
    assert outcome.family.id == existing.family.id
    # No guardian has the account's e-mail: the first free one.
    assert outcome.guardian.id == existing.guardians[0].id
    await session.refresh(town.account)
    assert town.account.guardian_id == existing.guardians[0].id


async def test_the_guardian_with_the_accounts_email_is_chosen(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    paul = await _parent(session, town.tenant, "paul.dupont@example.fr")
    outcome = await _link(session, town, paul)
    assert isinstance(outcome, Linked)
    assert outcome.guardian.id == existing.guardians[1].id


async def test_a_family_with_recent_invoices_needs_an_invoice_number(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    invoice = await make_invoice(session, existing.family, issued_on=dt.date(2025, 6, 30))
    await session.commit()
    refused = await _link(session, town, town.account)  # first name only
    assert isinstance(refused, LinkRefused)
    assert refused.problem.code == "LINK_REFUSED"
    wrong = await _link(session, town, town.account, invoice_number="2025-06-9999")
    assert isinstance(wrong, LinkRefused)
    linked = await _link(
        session,
        town,
        town.account,
        invoice_number=f" {invoice.number.lower()} ",
        child_first_name=None,
    )
    assert isinstance(linked, Linked)


async def test_invoices_older_than_12_months_do_not_count(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    old = await make_invoice(session, existing.family, issued_on=dt.date(2024, 9, 30))
    await session.commit()
    by_old_invoice = await _link(
        session, town, town.account, invoice_number=old.number, child_first_name=None
    )
    assert isinstance(by_old_invoice, LinkRefused)
    assert isinstance(await _link(session, town, town.account), Linked)


@pytest.mark.parametrize(
    "overrides",
    [
        {"subscriber_code": "000124"},
        {"child_birth_date": dt.date(2017, 6, 4)},
        {"child_first_name": "Zoë-Lou"},
    ],
)
async def test_any_wrong_proof_gives_the_same_answer(
    session: AsyncSession, town: Town, existing: Existing, overrides: dict[str, Any]
) -> None:
    outcome = await _link(session, town, town.account, **overrides)
    assert isinstance(outcome, LinkRefused)
    assert (outcome.problem.code, outcome.problem.message, outcome.problem.field) == (
        "LINK_REFUSED",
        "Ces informations ne correspondent à aucun dossier.",
        (),
    )


async def test_only_validated_families_of_the_tenant_can_be_linked(
    session: AsyncSession, town: Town
) -> None:
    pending = await make_family(
        session, town.tenant, status=FamilyStatus.SUBMITTED, subscriber_code="000500"
    )
    await make_guardian(session, pending)
    await make_child(session, pending, first_name="Zoé", birth_date=dt.date(2017, 6, 3))
    other_tenant = await factories.make_tenant(session)
    foreign = await make_family(session, other_tenant, subscriber_code="000501")
    await make_guardian(session, foreign)
    await make_child(session, foreign, first_name="Zoé", birth_date=dt.date(2017, 6, 3))
    await session.commit()
    for code in ("000500", "000501"):
        outcome = await _link(session, town, town.account, subscriber_code=code)
        assert isinstance(outcome, LinkRefused)
        assert outcome.problem.code == "LINK_REFUSED"


async def test_failures_are_throttled_per_account(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    for _ in range(5):
        outcome = await _link(session, town, town.account, child_first_name="Wrong")
        assert outcome.problem.code == "LINK_REFUSED"
    throttled = await _link(session, town, town.account)  # right proofs, too late
    assert isinstance(throttled, LinkRefused)
    assert throttled.problem.code == "THROTTLED"
    emails = set(await session.scalars(select(LoginAttempt.email)))
    assert "link:camille.martin@example.fr" in emails
    # Another account is not affected.
    other = await _parent(session, town.tenant, "autre@example.fr")
    assert isinstance(await _link(session, town, other), Linked)


async def test_an_hour_later_the_account_may_try_again(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    for _ in range(5):
        await _link(session, town, town.account, child_first_name="Wrong")
    later = await link_family(
        session,
        tenant_id=town.tenant.id,
        account_id=town.account_id,
        subscriber_code="000123",
        child_birth_date=dt.date(2017, 6, 3),
        invoice_number=None,
        child_first_name="Zoé",
        now=NOW + dt.timedelta(hours=1, seconds=1),
        today=TODAY,
    )
    assert isinstance(later, Linked)


async def test_a_family_whose_guardians_all_have_accounts_cannot_be_linked(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    for guardian in existing.guardians:
        await make_account_with_token(session, town.tenant, guardian=guardian)
    await session.commit()
    outcome = await _link(session, town, town.account)
    assert isinstance(outcome, LinkRefused)
    assert outcome.problem.code == "NO_GUARDIAN_AVAILABLE"


async def test_an_account_with_a_family_cannot_link_another(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    await _submit(session, town)
    with pytest.raises(DomainFailure) as excinfo:
        await _link(session, town, town.account)
    assert [p.code for p in excinfo.value.problems] == ["ALREADY_LINKED"]


async def test_link_needs_a_code_and_a_second_proof(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    with pytest.raises(DomainFailure) as excinfo:
        await _link(session, town, town.account, subscriber_code=" ", child_first_name=None)
    assert [(p.code, p.field) for p in excinfo.value.problems] == [
        ("REQUIRED", ("subscriberCode",)),
        ("REQUIRED", ("invoiceNumber",)),
    ]
    await session.rollback()
    link_attempts = select(func.count()).where(LoginAttempt.email.like("link:%"))
    assert await session.scalar(link_attempts) == 0  # input mistakes are not attempts


async def test_the_attempt_is_recorded_when_linking_succeeds(
    session: AsyncSession, town: Town, existing: Existing
) -> None:
    await _link(session, town, town.account)
    attempts = list(
        await session.scalars(select(LoginAttempt).where(LoginAttempt.email.like("link:%")))
    )
    assert [(a.succeeded, a.attempted_at) for a in attempts] == [(True, NOW)]
