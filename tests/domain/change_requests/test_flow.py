"""A change request's life at the domain level: it waits for staff then is applied, a
refusal keeps the file and tells why, auto-accepted types, idempotent retries, and
cancellation while pending.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models import ChildAuthorizations, Message, OutboxMessage, Request, RequestHistory
from models.child import Grade
from models.request import HistoryStep, RequestStatus, RequestType
from tests.domain.change_requests._helpers import (
    NOW,
    World,
    _accept,
    _codes,
    _count,
    _create,
    _world,
)


async def _refuse(session: AsyncSession, world: World, request: Request, message: str) -> Request:
    return await cr.refuse_change_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        account_id=world.staff.id,
        message=message,
        now=NOW,
    )


async def _mails(session: AsyncSession) -> list[OutboxMessage]:
    return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def _history(session: AsyncSession, request: Request) -> list[tuple[HistoryStep, str]]:
    rows = await session.scalars(
        select(RequestHistory)
        .where(RequestHistory.request_id == request.id)
        .order_by(RequestHistory.occurred_at, RequestHistory.id)
    )
    return [(r.step, cr.history_label(r.step, r.status)) for r in rows]


async def test_a_guardian_change_waits_for_staff_then_is_applied(session: AsyncSession) -> None:
    world = await _world(session)
    guardian = world.guardians[0]
    request = await _create(
        session,
        world,
        RequestType.GUARDIAN_CHANGE,
        guardian.id,
        {"mobilePhone": "06 98 76 54 32", "employer": "  Schneider Electric  "},
        comment="Nouveau travail",
    )

    assert request.status is RequestStatus.PENDING
    assert request.reference >= 10_000_000
    assert request.guardian_id == guardian.id and request.child_id is None
    assert request.payload is not None
    assert request.payload["fields"] == {
        "mobilePhone": "+33698765432",
        "employer": "Schneider Electric",
    }
    assert request.payload["guardianId"] == guardian.id
    assert request.payload["before"] == {"mobilePhone": "+33612345678", "employer": None}
    await session.refresh(guardian)
    assert guardian.mobile_phone == "+33612345678"  # nothing written yet
    assert await _history(session, request) == [(HistoryStep.CREATED, "Création de demande")]
    (mail,) = await _mails(session)
    assert mail.template == "change_request_received"
    assert mail.to_address == world.parent.email
    assert "Modification du responsable" in mail.text_body
    assert cr.format_reference(request.reference) in mail.subject
    shown = cr.displayed_changes(request)
    assert [(c.label, c.current, c.proposed) for c in shown] == [
        ("Téléphone portable", "06 12 34 56 78", "06 98 76 54 32"),
        ("Employeur", None, "Schneider Electric"),
    ]

    request = await _accept(session, world, request)

    await session.refresh(guardian)
    assert guardian.mobile_phone == "+33698765432"
    assert guardian.employer == "Schneider Electric"
    assert request.status is RequestStatus.ACCEPTED
    assert request.decided_at == NOW and request.decided_by_account_id == world.staff.id
    assert await _history(session, request) == [
        (HistoryStep.CREATED, "Création de demande"),
        (HistoryStep.DECIDED, "Statut : Acceptée"),
    ]
    mails = await _mails(session)
    assert [m.template for m in mails] == ["change_request_received", "change_request_decided"]
    assert "acceptée" in mails[1].subject


async def test_a_refusal_keeps_the_file_and_tells_the_family_why(session: AsyncSession) -> None:
    world = await _world(session)
    guardian = world.guardians[0]
    request = await _create(
        session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"lastName": "Durand"}
    )

    with pytest.raises(DomainFailure) as missing:
        await _refuse(session, world, request, "   ")
    assert _codes(missing) == {("MESSAGE_REQUIRED", ("message",))}

    await _refuse(session, world, request, "Merci de fournir un justificatif d'état civil.")

    await session.refresh(guardian)
    assert guardian.last_name == world.family.name
    assert request.status is RequestStatus.REFUSED
    (message,) = await session.scalars(select(Message))
    assert message.request_id == request.id and message.family_id == world.family.id
    assert message.body == "Merci de fournir un justificatif d'état civil."
    assert message.from_staff and message.author_account_id == world.staff.id
    decided = (await _mails(session))[-1]
    assert decided.template == "change_request_decided"
    assert "refusée" in decided.subject
    assert "justificatif d'état civil" in decided.text_body
    assert (await _history(session, request))[-1] == (HistoryStep.DECIDED, "Statut : Refusée")

    # A decision is final.
    for decide in (_accept(session, world, request), _refuse(session, world, request, "Non")):
        with pytest.raises(DomainFailure) as again:
            await decide
        assert _codes(again) == {("INVALID_STATE", ("request",))}


async def test_auto_accepted_types_are_applied_at_once_and_still_recorded(
    session: AsyncSession,
) -> None:
    world = await _world(session, autoAcceptedChanges=["CHILD_AUTHORIZATIONS_CHANGE"])
    child = world.children[0]
    request = await _create(
        session,
        world,
        RequestType.CHILD_AUTHORIZATIONS_CHANGE,
        child.id,
        {"photo": True, "leaveAlone": True},
    )
    assert request.status is RequestStatus.ACCEPTED
    assert request.decided_at == NOW and request.decided_by_account_id is None
    authorizations = await session.get_one(ChildAuthorizations, child.id)
    await session.refresh(authorizations)
    assert authorizations.photo and authorizations.leave_alone
    assert await _history(session, request) == [
        (HistoryStep.CREATED, "Création de demande"),
        (HistoryStep.DECIDED, "Statut : Acceptée"),
    ]
    note = await session.scalar(
        select(RequestHistory.note).where(RequestHistory.step == HistoryStep.DECIDED)
    )
    assert note == "Acceptation automatique"
    # Never « en cours d'instruction »: only the decision mail.
    assert [m.template for m in await _mails(session)] == ["change_request_decided"]

    # Other types wait for staff.
    waiting = await _create(
        session, world, RequestType.CHILD_CHANGE, child.id, {"grade": Grade.CE1}
    )
    assert waiting.status is RequestStatus.PENDING


async def test_idempotency_key_retry_creates_nothing(session: AsyncSession) -> None:
    world = await _world(session)
    guardian = world.guardians[0]
    first = await _create(
        session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"employer": "A"}, key="k-1"
    )
    again = await _create(
        session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"employer": "A"}, key="k-1"
    )
    assert again.id == first.id
    assert await _count(session, Request) == 1
    assert await _count(session, OutboxMessage) == 1
    with pytest.raises(DomainFailure) as reused:
        await _create(
            session, world, RequestType.CHILD_CHANGE, world.children[0].id, {"firstName": "Z"},
            key="k-1",
        )  # fmt: skip
    assert _codes(reused) == {("IDEMPOTENCY_KEY_REUSED", ("idempotencyKey",))}


async def test_the_family_may_cancel_while_pending_only(session: AsyncSession) -> None:
    world = await _world(session)
    request = await _create(
        session, world, RequestType.CHILD_CHANGE, world.children[0].id, {"firstName": "Léa"}
    )

    async def cancel(family_id: int) -> Request:
        return await cr.cancel_change_request(
            session,
            tenant_id=world.tenant.id,
            request_id=request.id,
            account_id=world.parent.id,
            family_id=family_id,
            now=NOW,
        )

    with pytest.raises(DomainFailure) as foreign:
        await cancel(world.other_family.id)
    assert _codes(foreign) == {("NOT_FOUND", ("request",))}
    await cancel(world.family.id)
    assert request.status is RequestStatus.CANCELLED
    assert (await _history(session, request))[-1] == (HistoryStep.CANCELLED, "Demande annulée")
    for attempt in (cancel(world.family.id), _accept(session, world, request)):
        with pytest.raises(DomainFailure) as decided:
            await attempt
        assert _codes(decided) == {("INVALID_STATE", ("request",))}
