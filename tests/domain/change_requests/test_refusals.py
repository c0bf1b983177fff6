"""What a change request is refused for, at the domain level: every problem at once with
nothing written, one allocataire per family, no change or one already pending, another
family's objects, a target gone before acceptance.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models import AuthorizedPerson, OutboxMessage, Request
from models.family import AllowanceRegime
from models.request import RequestStatus, RequestType
from tests.domain.change_requests._helpers import NOW, _accept, _codes, _count, _create, _world


async def test_every_problem_is_reported_at_once_and_nothing_is_written(
    session: AsyncSession,
) -> None:
    world = await _world(session)
    with pytest.raises(DomainFailure) as failure:
        await _create(
            session,
            world,
            RequestType.GUARDIAN_CHANGE,
            world.guardians[0].id,
            {
                "firstName": "  ",
                "email": "pas-une-adresse",
                "mobilePhone": "04 76 52 33 18",
                "phone": "12",
                "profession": "x" * 121,
                "isAllocataire": None,
            },
            comment="c" * 2001,
        )
    assert _codes(failure) == {
        ("REQUIRED", ("changes", "firstName")),
        ("INVALID_EMAIL", ("changes", "email")),
        ("NOT_A_MOBILE", ("changes", "mobilePhone")),
        ("INVALID_PHONE", ("changes", "phone")),
        ("TOO_LONG", ("changes", "profession")),
        ("REQUIRED", ("changes", "isAllocataire")),
        ("TOO_LONG", ("comment",)),
    }
    assert all(p.message for p in failure.value.problems)
    assert await _count(session, Request) == 0
    assert await _count(session, OutboxMessage) == 0


async def test_one_allocataire_per_family_checked_before_the_database(
    session: AsyncSession,
) -> None:
    world = await _world(session)
    first, second = world.guardians
    allocataire = {"isAllocataire": True, "allowanceRegime": "CAF", "allocataireNumber": "1234567"}

    with pytest.raises(DomainFailure) as incomplete:
        await _create(
            session, world, RequestType.GUARDIAN_CHANGE, first.id, {"isAllocataire": True}
        )
    assert _codes(incomplete) == {
        ("ALLOCATAIRE_INCOMPLETE", ("changes", "allowanceRegime")),
        ("ALLOCATAIRE_INCOMPLETE", ("changes", "allocataireNumber")),
    }

    # Two requests, one per guardian, are both acceptable when made...
    for_first = await _create(session, world, RequestType.GUARDIAN_CHANGE, first.id, allocataire)
    for_second = await _create(session, world, RequestType.GUARDIAN_CHANGE, second.id, allocataire)
    await _accept(session, world, for_first)
    await session.refresh(first)
    assert first.is_allocataire and first.allowance_regime is AllowanceRegime.CAF

    # ... but once one is accepted, the other is refused cleanly (no IntegrityError).
    with pytest.raises(DomainFailure) as taken:
        await _accept(session, world, for_second)
    assert _codes(taken) == {("ALLOCATAIRE_TAKEN", ("request",))}
    assert for_second.status is RequestStatus.PENDING
    with pytest.raises(DomainFailure) as taken_now:
        await _create(session, world, RequestType.GUARDIAN_CHANGE, second.id, allocataire)
    assert ("ALLOCATAIRE_TAKEN", ("changes", "isAllocataire")) in _codes(taken_now)


async def test_no_change_and_already_pending(session: AsyncSession) -> None:
    world = await _world(session)
    guardian = world.guardians[0]
    with pytest.raises(DomainFailure) as same:
        # The stored number, typed the French way, is the same number.
        await _create(
            session,
            world,
            RequestType.GUARDIAN_CHANGE,
            guardian.id,
            {"mobilePhone": "06 12 34 56 78", "firstName": guardian.first_name},
        )
    assert _codes(same) == {("NO_CHANGE", ("changes",))}

    first = await _create(
        session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"employer": "Mairie"}
    )
    with pytest.raises(DomainFailure) as pending:
        await _create(
            session,
            world,
            RequestType.GUARDIAN_CHANGE,
            guardian.id,
            {"employer": "Autre", "profession": "Agent"},
        )
    assert _codes(pending) == {("ALREADY_PENDING", ("changes", "employer"))}
    assert cr.format_reference(first.reference) in pending.value.problems[0].message
    # Another field of the same guardian, or the same field of another guardian: fine.
    await _create(session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"profession": "X"})
    await _create(
        session, world, RequestType.GUARDIAN_CHANGE, world.guardians[1].id, {"employer": "Y"}
    )
    # Once the first is withdrawn, the field is free again.
    await cr.cancel_change_request(
        session,
        tenant_id=world.tenant.id,
        request_id=first.id,
        account_id=world.parent.id,
        family_id=world.family.id,
        now=NOW,
    )
    await _create(session, world, RequestType.GUARDIAN_CHANGE, guardian.id, {"employer": "Z"})


async def test_another_familys_objects_are_not_found_like_missing_ones(
    session: AsyncSession,
) -> None:
    world = await _world(session)
    person = AuthorizedPerson(
        tenant_id=world.tenant.id,
        child_id=world.other_child.id,
        first_name="Jean",
        last_name="Voisin",
        phone="+33611111111",
    )
    session.add(person)
    await session.flush()
    attempts: list[tuple[RequestType, int, dict[str, object], str]] = [
        (RequestType.GUARDIAN_CHANGE, world.other_guardian.id, {"employer": "X"}, "guardian"),
        (RequestType.CHILD_CHANGE, world.other_child.id, {"firstName": "X"}, "child"),
        (RequestType.BANK_ACCOUNT_CHANGE, world.other_family.id, {"directDebit": False}, "family"),
        (RequestType.AUTHORIZED_PERSON_REMOVE, person.id, {}, "authorizedPerson"),
    ]
    for request_type, foreign_id, changes, field in attempts:
        answers = []
        for target in (foreign_id, 987_654, None):
            with pytest.raises(DomainFailure) as failure:
                await _create(session, world, request_type, target, changes)
            answers.append([(p.code, p.field, p.message) for p in failure.value.problems])
        assert answers[0] == answers[1] == answers[2], request_type
        assert answers[0][0][:2] == ("NOT_FOUND", (field,))
    # A parent whose account is not linked to a family reaches nothing.
    with pytest.raises(DomainFailure) as unlinked:
        await _create(
            session,
            world,
            RequestType.GUARDIAN_CHANGE,
            world.guardians[0].id,
            {"employer": "X"},
            family_id=None,
        )
    assert _codes(unlinked) == {("NOT_FOUND", ("guardian",))}
    assert await _count(session, Request) == 0


async def test_an_accepted_change_whose_target_is_gone_is_refused_cleanly(
    session: AsyncSession,
) -> None:
    world = await _world(session)
    person = AuthorizedPerson(
        tenant_id=world.tenant.id,
        child_id=world.children[0].id,
        first_name="Jean",
        last_name="Bertrand",
        phone="+33611111111",
    )
    session.add(person)
    await session.flush()
    request = await _create(
        session, world, RequestType.AUTHORIZED_PERSON_CHANGE, person.id, {"lastName": "Martin"}
    )
    with pytest.raises(DomainFailure) as conflict:
        await _create(session, world, RequestType.AUTHORIZED_PERSON_REMOVE, person.id, {})
    assert _codes(conflict) == {("ALREADY_PENDING", ("authorizedPerson",))}
    await session.execute(delete(AuthorizedPerson).where(AuthorizedPerson.id == person.id))
    with pytest.raises(DomainFailure) as gone:
        await _accept(session, world, request)
    assert _codes(gone) == {("TARGET_GONE", ("request",))}
