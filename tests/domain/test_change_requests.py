"""Change requests in the domain: every edit of the family file is a request that staff
accept (applied atomically) or refuse; checks, conflicts, auto-acceptance, mails, history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.results import DomainFailure
from models import (
    Account,
    AuthorizedPerson,
    BankAccount,
    Child,
    ChildAuthorizations,
    Family,
    Guardian,
    HealthRecord,
    Message,
    OutboxMail,
    Request,
    RequestHistory,
    Tenant,
    Vaccination,
)
from models.account import AccountStatus, Civility, Role
from models.child import Diet, Grade
from models.family import AllowanceRegime
from models.request import HistoryStep, RequestStatus, RequestType
from tests import factories
from tests.factories import family as ff

NOW = dt.datetime(2026, 1, 22, 15, 44, 5, tzinfo=dt.UTC)
PORTAL = "https://famille.example/ville"
IBAN = "FR7630006000011234567890189"
IBAN_2 = "FR7610278089610002051480155"


@dataclass
class World:
    tenant: Tenant
    family: Family
    guardians: list[Guardian]
    children: list[Child]
    parent: Account
    staff: Account
    other_family: Family
    other_guardian: Guardian
    other_child: Child


async def _account(
    session: AsyncSession, tenant: Tenant, role: Role, guardian: Guardian | None = None
) -> Account:
    account = Account(
        tenant_id=tenant.id,
        email=f"{role.value.lower()}{guardian.id if guardian else ''}-{tenant.id}@example.fr",
        password_hash="not-used",
        civility=Civility.MONSIEUR,
        first_name="Matthieu",
        last_name="Blman",
        role=role,
        status=AccountStatus.ACTIVE,
        guardian_id=guardian.id if guardian else None,
    )
    session.add(account)
    await session.flush()
    return account


async def _world(session: AsyncSession, **settings: Any) -> World:
    tenant = await factories.make_tenant(session, settings=settings)
    family, guardians, children = await ff.make_family_with_members(
        session, tenant, guardians=2, children=2
    )
    other, other_guardians, other_children = await ff.make_family_with_members(session, tenant)
    return World(
        tenant=tenant,
        family=family,
        guardians=guardians,
        children=children,
        parent=await _account(session, tenant, Role.PARENT, guardians[0]),
        staff=await _account(session, tenant, Role.STAFF),
        other_family=other,
        other_guardian=other_guardians[0],
        other_child=other_children[0],
    )


async def _create(
    session: AsyncSession,
    world: World,
    request_type: RequestType,
    target_id: int | None,
    changes: Mapping[str, object],
    *,
    key: str | None = None,
    comment: str | None = None,
    family_id: int | None = -1,
) -> Request:
    return await cr.create_change_request(
        session,
        tenant_id=world.tenant.id,
        request_type=request_type,
        account_id=world.parent.id,
        family_id=world.family.id if family_id == -1 else family_id,
        target_id=target_id,
        changes=changes,
        comment=comment,
        idempotency_key=key,
        portal_url=PORTAL,
        now=NOW,
    )


async def _accept(session: AsyncSession, world: World, request: Request) -> Request:
    return await cr.accept_change_request(
        session,
        tenant_id=world.tenant.id,
        request_id=request.id,
        account_id=world.staff.id,
        message=None,
        now=NOW,
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


def _codes(failure: pytest.ExceptionInfo[DomainFailure]) -> set[tuple[str, tuple[str, ...]]]:
    return {(p.code, p.field) for p in failure.value.problems}


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _mails(session: AsyncSession) -> list[OutboxMail]:
    return list(await session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


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

    await _accept(session, world, request)

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
    assert await _count(session, OutboxMail) == 0


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
    attempts = [
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
    assert await _count(session, OutboxMail) == 1
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


@dataclass
class Case:
    request_type: RequestType
    changes: dict[str, Any]


async def test_each_change_type_is_applied_on_acceptance(session: AsyncSession) -> None:
    world = await _world(session)
    child = world.children[0]
    school = await factories.make_establishment(session, world.tenant, name="Ecole Lux")
    person = AuthorizedPerson(
        tenant_id=world.tenant.id,
        child_id=child.id,
        first_name="Jean-Pierre",
        last_name="Bertrand",
        phone="06 33 21 47 81",
        can_pick_up=True,
    )
    leaving = AuthorizedPerson(
        tenant_id=world.tenant.id,
        child_id=world.children[1].id,
        first_name="Paul",
        last_name="Départ",
        phone="+33622222222",
    )
    session.add_all([person, leaving])
    session.add(Vaccination(tenant_id=world.tenant.id, child_id=child.id, vaccine="BCG",
                            injected_on=dt.date(2019, 5, 2)))  # fmt: skip
    await session.flush()
    guardian = world.guardians[0]
    cases = [
        (
            RequestType.GUARDIAN_ADDRESS_CHANGE,
            guardian.id,
            {"addressLine1": "12 chemin du Mas", "postalCode": "38 920", "city": "Crolles"},
        ),
        (
            RequestType.BANK_ACCOUNT_CHANGE,
            world.family.id,
            {
                "holderName": "BLMAN Matthieu",
                "iban": "FR76 3000 6000 0112 3456 7890 189",
                "bic": "agrifrpp",
                "directDebit": True,
            },
        ),
        (
            RequestType.CHILD_CHANGE,
            child.id,
            {
                "firstName": "Annette",
                "birthDate": dt.date(2018, 6, 1),
                "school": school.id,
                "grade": Grade.CE1,
            },
        ),
        (
            RequestType.CHILD_COMPLEMENT_CHANGE,
            child.id,
            {
                "diet": Diet.SANS_PORC,
                "foodAllergies": "Arachide",
                "hasPai": True,
                "doctorPhone": "04 76 52 33 18",
            },
        ),
        (
            RequestType.VACCINATION_CHANGE,
            child.id,
            {"vaccinations": [("DTP", dt.date(2019, 6, 1)), ("BCG", dt.date(2019, 5, 2))]},
        ),
        (
            RequestType.AUTHORIZED_PERSON_ADD,
            child.id,
            {
                "firstName": "Jean-Pierre",
                "lastName": "Bertrand",
                "relationship": "Grand-père",
                "phone": "06 33 21 47 81",
                "canPickUp": False,
                "emergencyContact": True,
            },
        ),
        (RequestType.AUTHORIZED_PERSON_CHANGE, person.id, {"phone": "06 44 55 66 77"}),
        (RequestType.AUTHORIZED_PERSON_REMOVE, leaving.id, {}),
    ]
    requests = []
    for request_type, target, changes in cases:
        request = await _create(session, world, request_type, target, changes)
        assert request.status is RequestStatus.PENDING, request_type
        assert cr.displayed_changes(request, school_names={school.id: school.name}), request_type
        requests.append(request)
    # Nothing is written until staff accept.
    assert await _count(session, BankAccount) == 0
    for request in requests:
        await _accept(session, world, request)
        assert request.status is RequestStatus.ACCEPTED
    ids = {"guardian": guardian.id, "child": child.id, "family": world.family.id}
    leaving_id, school_id = leaving.id, school.id
    session.expire_all()

    guardian = await session.get_one(Guardian, ids["guardian"])
    assert (guardian.address_line1, guardian.postal_code, guardian.city) == (
        "12 chemin du Mas",
        "38920",
        "Crolles",
    )
    account = (await session.scalars(select(BankAccount))).one()
    assert (account.holder_name, account.iban, account.bic, account.is_primary) == (
        "BLMAN Matthieu",
        IBAN,
        "AGRIFRPP",
        True,
    )
    assert (await session.get_one(Family, ids["family"])).direct_debit
    child = await session.get_one(Child, ids["child"])
    assert (child.first_name, child.birth_date, child.school_id, child.grade) == (
        "Annette",
        dt.date(2018, 6, 1),
        school_id,
        Grade.CE1,
    )
    health = await session.get_one(HealthRecord, child.id)
    assert (health.diet, health.food_allergies, health.has_pai, health.doctor_phone) == (
        Diet.SANS_PORC,
        "Arachide",
        True,
        "+33476523318",
    )
    vaccines = await session.scalars(
        select(Vaccination)
        .where(Vaccination.child_id == child.id)
        .order_by(Vaccination.injected_on)
    )
    assert [(v.vaccine, v.injected_on) for v in vaccines] == [
        ("BCG", dt.date(2019, 5, 2)),
        ("DTP", dt.date(2019, 6, 1)),
    ]
    people = await session.scalars(
        select(AuthorizedPerson)
        .where(AuthorizedPerson.child_id == child.id)
        .order_by(AuthorizedPerson.id)
    )
    assert [(p.first_name, p.phone, p.can_pick_up, p.emergency_contact) for p in people] == [
        ("Jean-Pierre", "+33644556677", True, False),
        ("Jean-Pierre", "+33633214781", False, True),
    ]
    assert await session.get(AuthorizedPerson, leaving_id) is None
    for request in requests:
        await session.refresh(request)
    added = requests[5]
    assert added.payload is not None and added.payload["authorizedPersonId"] is not None
    removal = cr.displayed_changes(requests[7])
    assert [(c.field, c.current, c.proposed, c.subject) for c in removal] == [
        ("authorizedPerson", "Paul DÉPART (06 22 22 22 22)", None, "Paul DÉPART")
    ]


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


async def test_flat_payloads_of_imported_requests_are_shown_too(session: AsyncSession) -> None:
    world = await _world(session)
    request = Request(
        tenant_id=world.tenant.id,
        family_id=world.family.id,
        reference=17_378_956,
        type=RequestType.GUARDIAN_CHANGE,
        status=RequestStatus.PENDING,
        guardian_id=world.guardians[0].id,
        payload={"mobilePhone": "06 71 24 58 90", "employer": "Schneider", "unknown": 1},
        created_at=NOW,
    )
    shown = cr.displayed_changes(request)
    assert [(c.field, c.current, c.proposed) for c in shown] == [
        ("mobilePhone", None, "06 71 24 58 90"),
        ("employer", None, "Schneider"),
    ]
    assert cr.pending_for([request], guardian_id=world.guardians[0].id) == [request]
    assert cr.pending_for([request], child_id=world.children[0].id) == []
