"""The family file's life: the form's rules (all problems at once), submission, staff
validation and rejection, and linking an account to an existing family."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.family_registration import (
    AddressForm,
    AllocataireForm,
    BankAccountForm,
    ChildForm,
    CommunicationForm,
    FamilyForm,
    GuardianForm,
    Linked,
    LinkRefused,
    WishedRegistrationForm,
    check_family_form,
    eighteenth_birthday,
    link_family,
    reject_family,
    submit_family_registration,
    validate_family,
)
from kernel.results import DomainFailure
from kernel.tenancy import TenantRef
from models import (
    Account,
    Activity,
    BankAccount,
    Child,
    ChildAuthorizations,
    Establishment,
    Family,
    Guardian,
    HealthRecord,
    LoginAttempt,
    OutboxMail,
    Registration,
    Request,
    RequestHistory,
    SchoolYear,
)
from models.account import Civility, Role
from models.child import Grade, Sex
from models.engine import create_session_factory
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, Relationship
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus, RequestType
from tests import factories
from tests.factories.family import (
    make_account_with_token,
    make_child,
    make_family,
    make_guardian,
    make_invoice,
)

TODAY = dt.date(2025, 10, 1)
NOW = dt.datetime(2025, 10, 1, 8, 30, tzinfo=dt.UTC)
IBAN = "FR7630006000011234567890189"
PORTAL = "https://portail.example/ville"


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


@pytest.fixture
async def town(session: AsyncSession) -> Town:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant, name="Ecole Lux")
    garderie = await factories.make_activity(
        session, school, year, name="Garderie Matin", min_grade=Grade.CP
    )
    maternelle = await factories.make_activity(
        session, school, year, name="Accueil maternelle", min_grade=Grade.PS, max_grade=Grade.GS
    )
    account = await _parent(session, tenant, "camille.martin@example.fr")
    await session.commit()
    # A detached identity: tests roll back, which expires ORM rows.
    ref = TenantRef(tenant.id, tenant.slug, tenant.name, tenant.service_name, tenant.timezone)
    return Town(
        ref,
        school,
        garderie,
        maternelle,
        account,
        account.id,
        school.id,
        garderie.id,
        maternelle.id,
    )


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


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


# --- the form's rules ---------------------------------------------------------------------


async def test_a_complete_form_is_normalized(session: AsyncSession, town: Town) -> None:
    checked = await check_family_form(session, town.tenant.id, family_form(town), TODAY)
    g1 = checked.form.guardian1
    assert (g1.phone, g1.mobile_phone, g1.email) == (
        "+33476520000",
        "+33612345678",
        "camille.martin@example.fr",
    )
    assert checked.form.guardian2 is not None
    assert checked.form.guardian2.mobile_phone == "+33781234567"
    assert checked.form.bank_account == BankAccountForm("Camille Martin", IBAN, "AGRIFRPP")
    assert [(r.child_index, r.start_date, r.end_date) for r in checked.registrations] == [
        (0, dt.date(2025, 9, 1), dt.date(2026, 7, 3)),
        (1, dt.date(2025, 9, 1), dt.date(2026, 7, 3)),
    ]


async def test_every_problem_is_reported_at_once_with_its_path(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(
        town,
        guardian1=guardian_form(
            first_name="  ",
            mobile_phone="01 23",
            email="camille@",
            address=AddressForm(line1="", line2=None, postal_code="3833", city="Saint-Ismier"),
        ),
        bank_account=BankAccountForm(holder_name="", iban="FR7630006000011234567890188"),
        children=[
            ChildForm("Lenny", "Martin", dt.date(2018, 5, 2), Sex.M, grade=Grade.CE1),
            ChildForm("Bébé", "Martin", dt.date(2026, 1, 1), Sex.F),
        ],
        registrations=[WishedRegistrationForm(child_index=5, activity_id=town.garderie_id)],
    )
    assert await _problems(session, town, form) == {
        ("REQUIRED", "guardian1", "firstName"),
        ("REQUIRED", "guardian1", "address", "line1"),
        ("INVALID_POSTAL_CODE", "guardian1", "address", "postalCode"),
        ("INVALID_EMAIL", "guardian1", "email"),
        ("INVALID_PHONE", "guardian1", "mobilePhone"),
        ("REQUIRED", "bankAccount", "holderName"),
        ("INVALID_IBAN", "bankAccount", "iban"),
        ("BIRTH_DATE_IN_FUTURE", "children", "1", "birthDate"),
        ("UNKNOWN_CHILD", "registrations", "0", "child"),
    }


async def test_messages_are_french(session: AsyncSession, town: Town) -> None:
    form = family_form(town, guardian1=guardian_form(mobile_phone="01 23", last_name=""))
    with pytest.raises(DomainFailure) as excinfo:
        await check_family_form(session, town.tenant.id, form, TODAY)
    messages = {p.field: p.message for p in excinfo.value.problems}
    assert messages[("guardian1", "mobilePhone")] == "Le numéro de téléphone n'est pas valide."
    assert messages[("guardian1", "lastName")] == "Le nom est obligatoire."


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"last_name": "x" * 121}, ("TOO_LONG", "guardian1", "lastName")),
        ({"birth_name": "y" * 121}, ("TOO_LONG", "guardian1", "birthName")),
        ({"phone": None, "mobile_phone": None}, ("PHONE_REQUIRED", "guardian1", "mobilePhone")),
        ({"phone": "0612"}, ("INVALID_PHONE", "guardian1", "phone")),
        ({"mobile_phone": "04 76 52 00 00"}, ("NOT_A_MOBILE", "guardian1", "mobilePhone")),
        ({"work_phone": "12"}, ("INVALID_PHONE", "guardian1", "workPhone")),
        ({"email": None}, ("REQUIRED", "guardian1", "email")),
        ({"address": None}, ("REQUIRED", "guardian1", "address")),
        (
            {"address": AddressForm("1 rue", None, "38330", "Saint-Ismier", country="XX")},
            ("INVALID_COUNTRY", "guardian1", "address", "country"),
        ),
        (
            {"address": AddressForm("1 rue", None, "38330", " ")},
            ("REQUIRED", "guardian1", "address", "city"),
        ),
        (
            {"address": AddressForm("1 rue", None, "", "Saint-Ismier")},
            ("REQUIRED", "guardian1", "address", "postalCode"),
        ),
        (
            {"allocataire": AllocataireForm(AllowanceRegime.CAF, "12AB", True)},
            ("INVALID_ALLOCATAIRE_NUMBER", "guardian1", "allocataire", "number"),
        ),
        (
            {"allocataire": AllocataireForm(AllowanceRegime.MSA, " ", True)},
            ("REQUIRED", "guardian1", "allocataire", "number"),
        ),
        ({"profession": "p" * 121}, ("TOO_LONG", "guardian1", "profession")),
    ],
)
async def test_guardian_rules(
    session: AsyncSession, town: Town, overrides: dict[str, Any], expected: tuple[str, ...]
) -> None:
    form = family_form(town, guardian1=guardian_form(**overrides))
    assert expected in await _problems(session, town, form)


async def test_a_foreign_address_reads_phone_numbers_in_its_country(
    session: AsyncSession, town: Town
) -> None:
    belgian = AddressForm("Rue Haute 1", None, "1000", "Bruxelles", country="be")
    form = family_form(
        town,
        guardian1=guardian_form(address=belgian, phone=None, mobile_phone="0470 12 34 56"),
        guardian2=guardian_form(
            first_name="Lucas",
            address=None,
            allocataire=None,
            phone=None,
            mobile_phone="0470 12 34 56",
        ),
    )
    checked = await check_family_form(session, town.tenant.id, form, TODAY)
    assert checked.form.guardian1.mobile_phone == "+32470123456"
    assert checked.form.guardian1.address is not None
    assert checked.form.guardian1.address.country == "BE"
    # Guardian 2 lives with guardian 1: a national number is Belgian too.
    assert checked.form.guardian2 is not None
    assert checked.form.guardian2.mobile_phone == "+32470123456"


async def test_guardian_2_may_omit_email_and_address_but_not_a_phone(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(
        town,
        guardian2=guardian_form(
            email=None, address=None, phone=None, mobile_phone=None, allocataire=None
        ),
    )
    assert await _problems(session, town, form) == {("PHONE_REQUIRED", "guardian2", "mobilePhone")}


async def test_only_one_allocataire_per_family(session: AsyncSession, town: Town) -> None:
    form = family_form(town, guardian2=guardian_form(first_name="Lucas"))
    assert await _problems(session, town, form) == {
        ("TWO_ALLOCATAIRES", "guardian2", "allocataire")
    }


async def test_sms_needs_a_mobile_phone(session: AsyncSession, town: Town) -> None:
    form = family_form(
        town,
        guardian1=guardian_form(mobile_phone=None),
        communication=CommunicationForm(accepts_sms=False, reminder_by_sms=True),
    )
    assert await _problems(session, town, form) == {
        ("MOBILE_REQUIRED_FOR_SMS", "guardian1", "mobilePhone")
    }


async def test_direct_debit_needs_a_valid_bank_account(session: AsyncSession, town: Town) -> None:
    assert await _problems(session, town, family_form(town, bank_account=None)) == {
        ("BANK_ACCOUNT_REQUIRED", "bankAccount")
    }
    wrong_bic = BankAccountForm("Camille Martin", IBAN, "DEUTDEFF")
    assert await _problems(session, town, family_form(town, bank_account=wrong_bic)) == {
        ("BIC_COUNTRY_MISMATCH", "bankAccount", "bic")
    }
    bad_bic = BankAccountForm("Camille Martin", IBAN, "XX")
    assert await _problems(session, town, family_form(town, bank_account=bad_bic)) == {
        ("INVALID_BIC", "bankAccount", "bic")
    }
    no_iban = BankAccountForm("Camille Martin", " ")
    assert await _problems(session, town, family_form(town, bank_account=no_iban)) == {
        ("REQUIRED", "bankAccount", "iban")
    }


async def test_without_direct_debit_bank_details_are_not_kept(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(town, direct_debit=False, bank_account=BankAccountForm("x", "bad"))
    checked = await check_family_form(session, town.tenant.id, form, TODAY)
    assert checked.form.bank_account is None


def _child(**overrides: Any) -> ChildForm:
    values: dict[str, Any] = {
        "first_name": "Lenny",
        "last_name": "Martin",
        "birth_date": dt.date(2018, 5, 2),
        "sex": Sex.M,
        "grade": Grade.CE1,
    }
    values.update(overrides)
    return ChildForm(**values)


async def test_children_rules(session: AsyncSession, town: Town) -> None:
    other_tenant = await factories.make_tenant(session)
    foreign_school = await factories.make_establishment(session, other_tenant)
    children = [
        _child(birth_date=TODAY + dt.timedelta(days=1)),
        _child(first_name="Majeur", birth_date=dt.date(2007, 10, 1)),
        _child(first_name="Presque", birth_date=dt.date(2007, 10, 2)),
        _child(first_name="Autre", school_id=foreign_school.id),
        _child(first_name="", last_name=""),
        _child(first_name="Lea", birth_date=dt.date(2020, 1, 1)),
        _child(first_name="Léa", birth_date=dt.date(2020, 1, 1)),
        _child(first_name="Inconnue", school_id=0),
    ]
    form = family_form(town, children=children, registrations=[])
    assert await _problems(session, town, form) == {
        ("BIRTH_DATE_IN_FUTURE", "children", "0", "birthDate"),
        ("CHILD_TOO_OLD", "children", "1", "birthDate"),
        ("UNKNOWN_SCHOOL", "children", "3", "school"),
        ("REQUIRED", "children", "4", "firstName"),
        ("REQUIRED", "children", "4", "lastName"),
        ("DUPLICATE_CHILD", "children", "6"),
        ("UNKNOWN_SCHOOL", "children", "7", "school"),
    }


async def test_at_least_one_and_at_most_twenty_children(session: AsyncSession, town: Town) -> None:
    assert await _problems(session, town, family_form(town, children=[], registrations=[])) == {
        ("REQUIRED", "children")
    }
    many = [_child(first_name=f"Enfant{i}") for i in range(21)]
    form = family_form(town, children=many, registrations=[])
    assert await _problems(session, town, form) == {("TOO_MANY", "children")}


def test_a_child_comes_of_age_on_the_18th_birthday() -> None:
    assert eighteenth_birthday(dt.date(2008, 5, 2)) == dt.date(2026, 5, 2)
    assert eighteenth_birthday(dt.date(2008, 2, 29)) == dt.date(2026, 3, 1)


async def test_wished_registrations_rules(session: AsyncSession, town: Town) -> None:
    other_tenant = await factories.make_tenant(session)
    other_year = await factories.make_school_year(session, other_tenant)
    other_school = await factories.make_establishment(session, other_tenant)
    foreign = await factories.make_activity(session, other_school, other_year)
    year = await factories.make_school_year(
        session,
        town.tenant,
        label="2024-2025",
        start_date=dt.date(2024, 9, 2),
        end_date=dt.date(2025, 7, 4),
    )
    past = await factories.make_activity(session, town.school, year, name="L'an dernier")
    closed = await factories.make_activity(
        session, town.school, await _current_year(session, town), is_active=False
    )
    born = await factories.make_activity(
        session,
        town.school,
        await _current_year(session, town),
        name="Ados",
        born_on_or_before=dt.date(2015, 12, 31),
    )
    children = [
        _child(first_name="Lenny", grade=Grade.CE1),
        _child(first_name="Léa", birth_date=dt.date(2021, 1, 20), grade=Grade.MS),
        _child(first_name="Sans classe", birth_date=dt.date(2019, 4, 4), grade=None),
    ]
    wishes = [
        WishedRegistrationForm(0, town.garderie_id),  # fine
        WishedRegistrationForm(0, town.garderie_id),  # twice
        WishedRegistrationForm(1, town.garderie_id),  # MS, garderie from CP
        WishedRegistrationForm(0, town.maternelle_id),  # CE1, maternelle up to GS
        WishedRegistrationForm(2, town.garderie_id),  # grade unknown
        WishedRegistrationForm(0, foreign.id),  # another tenant's
        WishedRegistrationForm(0, past.id),  # school year over
        WishedRegistrationForm(0, closed.id),  # inactive
        WishedRegistrationForm(-1, town.garderie_id),  # no such child
        WishedRegistrationForm(0, born.id),  # born too late
        WishedRegistrationForm(0, 0),  # an ID of another type
    ]
    form = family_form(town, children=children, registrations=wishes)
    assert await _problems(session, town, form) == {
        ("DUPLICATE_REGISTRATION", "registrations", "1", "activity"),
        ("NOT_ELIGIBLE", "registrations", "2", "activity"),
        ("NOT_ELIGIBLE", "registrations", "3", "activity"),
        ("GRADE_REQUIRED", "registrations", "4", "child"),
        ("UNKNOWN_ACTIVITY", "registrations", "5", "activity"),
        ("ACTIVITY_CLOSED", "registrations", "6", "activity"),
        ("ACTIVITY_CLOSED", "registrations", "7", "activity"),
        ("UNKNOWN_CHILD", "registrations", "8", "child"),
        ("NOT_ELIGIBLE", "registrations", "9", "activity"),
        ("UNKNOWN_ACTIVITY", "registrations", "10", "activity"),
    }


async def test_eligibility_messages_name_the_child_and_the_grades(
    session: AsyncSession, town: Town
) -> None:
    form = family_form(
        town,
        children=[_child(first_name="Léa", birth_date=dt.date(2021, 1, 20), grade=Grade.MS)],
        registrations=[WishedRegistrationForm(0, town.garderie_id)],
    )
    with pytest.raises(DomainFailure) as excinfo:
        await check_family_form(session, town.tenant.id, form, TODAY)
    (problem,) = excinfo.value.problems
    assert problem.message == (
        "Léa (Moyenne section) ne peut pas être inscrit(e) à l'activité « Garderie Matin » "
        "(à partir de : CP)."
    )


async def test_at_most_100_wished_registrations(session: AsyncSession, town: Town) -> None:
    wishes = [WishedRegistrationForm(0, town.garderie_id)] * 101
    assert await _problems(session, town, family_form(town, registrations=wishes)) == {
        ("TOO_MANY", "registrations")
    }


async def _current_year(session: AsyncSession, town: Town) -> SchoolYear | None:
    return await session.scalar(
        select(SchoolYear).where(
            SchoolYear.tenant_id == town.tenant.id, SchoolYear.label == "2025-2026"
        )
    )


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
        select(OutboxMail).where(OutboxMail.template == "family_registration_received")
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
    for model in (Family, Guardian, Child, Registration, Request, BankAccount, OutboxMail):
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
    counts = [await _count(session, m) for m in (Family, Request, OutboxMail)]
    again = await _submit(session, town, idempotency_key="form-42")
    assert again.replayed
    assert (again.family.id, again.request.id) == (first.family.id, first.request.id)
    assert [await _count(session, m) for m in (Family, Request, OutboxMail)] == counts


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
    mail = await session.scalar(select(OutboxMail).where(OutboxMail.template == "family_validated"))
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
    mail = await session.scalar(select(OutboxMail).where(OutboxMail.template == "family_rejected"))
    assert mail is not None
    assert "Justificatif de domicile manquant." in mail.text_body


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
