"""Staff decide on a submitted family: validation gives the subscriber code and activates
the registrations, a family is decided once, rejection needs a reason and is mailed.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family import reject_family, validate_family
from kernel.results import DomainFailure
from models import Account, OutboxMessage, Registration, Request, RequestHistory
from models.account import Role
from models.family import FamilyStatus
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus
from tests import factories
from tests.domain.family_registration._helpers import NOW, Town, _submit
from tests.factories.family import make_account_with_token, make_family, make_guardian

PORTAL = "https://portail.example/ville"


# --- staff decisions ------------------------------------------------------------------------


async def _staff(session: AsyncSession, town: Town) -> Account:
    staff, _ = await make_account_with_token(session, town.tenant, role=Role.STAFF)
    return staff


async def test_validation_gives_the_code_and_activates_registrations(
    session: AsyncSession, town: Town
) -> None:
    submission = await _submit(session, town)
    staff = await _staff(session, town)
    family = await validate_family(
        session,
        town.tenant,
        family_id=submission.family.id,
        staff_account_id=staff.id,
        portal_url=PORTAL,
        now=NOW,
    )
    await session.commit()
    assert (family.status, family.subscriber_code, family.validated_at) == (
        FamilyStatus.VALIDATED,
        "000001",
        NOW,
    )
    statuses = set(await session.scalars(select(Registration.status)))
    assert statuses == {RegistrationStatus.ACTIVE}
    request = await session.get_one(Request, submission.request.id)
    await session.refresh(request)
    assert (request.status, request.decided_by_account_id) == (RequestStatus.ACCEPTED, staff.id)
    steps = list(
        await session.scalars(
            select(RequestHistory.step)
            .where(RequestHistory.request_id == request.id)
            .order_by(RequestHistory.id)
        )
    )
    assert steps == [HistoryStep.CREATED, HistoryStep.DECIDED]
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "family_validated")
    )
    assert mail is not None
    assert mail.to_address == "camille.martin@example.fr"
    assert "000001" in mail.text_body
    assert PORTAL in mail.text_body


async def test_subscriber_codes_continue_after_the_highest_numeric_code(
    session: AsyncSession, town: Town
) -> None:
    await make_family(session, town.tenant, subscriber_code="000041")
    await make_family(session, town.tenant, subscriber_code="ABC-7")
    await make_family(session, town.tenant, subscriber_code="12")
    other_tenant = await factories.make_tenant(session)
    await make_family(session, other_tenant, subscriber_code="999999")
    staff = await _staff(session, town)
    codes = []
    for _ in range(2):
        pending = await make_family(session, town.tenant, status=FamilyStatus.SUBMITTED)
        await make_guardian(session, pending)
        validated = await validate_family(
            session,
            town.tenant,
            family_id=pending.id,
            staff_account_id=staff.id,
            portal_url=PORTAL,
            now=NOW,
        )
        codes.append(validated.subscriber_code)
    assert codes == ["000042", "000043"]


async def test_a_family_is_decided_once(session: AsyncSession, town: Town) -> None:
    submission = await _submit(session, town)
    staff = await _staff(session, town)
    kwargs: dict[str, Any] = {"family_id": submission.family.id, "staff_account_id": staff.id}
    await validate_family(session, town.tenant, portal_url=PORTAL, now=NOW, **kwargs)
    await session.commit()
    with pytest.raises(DomainFailure) as excinfo:
        await validate_family(session, town.tenant, portal_url=PORTAL, now=NOW, **kwargs)
    assert [(p.code, p.field) for p in excinfo.value.problems] == [("INVALID_STATE", ("family",))]
    await session.rollback()
    with pytest.raises(DomainFailure) as excinfo:
        await reject_family(session, town.tenant, reason="Trop tard.", now=NOW, **kwargs)
    assert [p.code for p in excinfo.value.problems] == ["INVALID_STATE"]


async def test_another_tenants_family_is_not_found(session: AsyncSession, town: Town) -> None:
    other_tenant = await factories.make_tenant(session)
    foreign = await make_family(session, other_tenant, status=FamilyStatus.SUBMITTED)
    staff = await _staff(session, town)
    with pytest.raises(DomainFailure) as excinfo:
        await validate_family(
            session,
            town.tenant,
            family_id=foreign.id,
            staff_account_id=staff.id,
            portal_url=PORTAL,
            now=NOW,
        )
    assert [p.code for p in excinfo.value.problems] == ["NOT_FOUND"]


async def test_rejection_needs_a_reason_and_is_mailed(session: AsyncSession, town: Town) -> None:
    submission = await _submit(session, town)
    staff = await _staff(session, town)
    kwargs: dict[str, Any] = {"family_id": submission.family.id, "staff_account_id": staff.id}
    for reason, code in (("  ", "REQUIRED"), ("x" * 1001, "TOO_LONG")):
        with pytest.raises(DomainFailure) as excinfo:
            await reject_family(session, town.tenant, reason=reason, now=NOW, **kwargs)
        assert [(p.code, p.field) for p in excinfo.value.problems] == [(code, ("reason",))]

    family = await reject_family(
        session, town.tenant, reason="Justificatif de domicile manquant.", now=NOW, **kwargs
    )
    await session.commit()
    assert (family.status, family.rejection_reason, family.subscriber_code) == (
        FamilyStatus.REJECTED,
        "Justificatif de domicile manquant.",
        None,
    )
    assert set(await session.scalars(select(Registration.status))) == {RegistrationStatus.REFUSED}
    request = await session.get_one(Request, submission.request.id)
    await session.refresh(request)
    assert request.status is RequestStatus.REFUSED
    note = await session.scalar(
        select(RequestHistory.note).where(RequestHistory.step == HistoryStep.DECIDED)
    )
    assert note == "Justificatif de domicile manquant."
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.template == "family_rejected")
    )
    assert mail is not None
    assert "Justificatif de domicile manquant." in mail.text_body
