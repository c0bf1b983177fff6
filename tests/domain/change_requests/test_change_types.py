"""Each change type is applied on acceptance, and the flat payloads of imported requests
are shown too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from models import (
    AuthorizedPerson,
    BankAccount,
    Child,
    Family,
    Guardian,
    HealthRecord,
    Request,
    Vaccination,
)
from models.child import Diet, Grade
from models.request import RequestStatus, RequestType
from tests import factories
from tests.domain.change_requests._helpers import IBAN, NOW, _accept, _count, _create, _world


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
    cases: list[tuple[RequestType, int | None, dict[str, Any]]] = [
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
