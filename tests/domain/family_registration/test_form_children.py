"""The registration form's children and wished registrations: their rules, limits,
coming of age, and eligibility messages naming the child and the grades.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.family import ChildForm, WishedRegistrationForm, check_family_form, eighteenth_birthday
from kernel.results import DomainFailure
from models import SchoolYear, Tenant
from models.child import Grade, Sex
from tests import factories
from tests.domain.family_registration._helpers import TODAY, Town, _problems, family_form


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
    tenant = await session.get(Tenant, town.tenant.id)  # the fixture keeps a TenantRef
    assert tenant is not None
    year = await factories.make_school_year(
        session,
        tenant,
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


async def _current_year(session: AsyncSession, town: Town) -> SchoolYear:
    return (
        await session.scalars(
            select(SchoolYear).where(
                SchoolYear.tenant_id == town.tenant.id, SchoolYear.label == "2025-2026"
            )
        )
    ).one()
