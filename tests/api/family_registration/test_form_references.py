"""familyRegistrationSubmit without asking twice (issue 15, item 7): guardian 1's e-mail is
the signed-in account's (left out, or the same; another is refused), and a wished
registration names its child by a key the client chose (``childKey``) rather than by an
index — the deprecated index still works.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Activity, Child, Guardian, Registration
from tests.api.family_registration._helpers import SUBMIT, Town, _as, _submit, form
from tests.support.graphql_client import GraphQLClient


def _keyed(town: Town, registrations: list[dict[str, Any]]) -> dict[str, Any]:
    """The guide's form with a key on each child and the wishes given."""
    values = form(town)
    values["children"] = [
        {**values["children"][0], "key": "lenny"},
        {**values["children"][1], "key": "lea"},
    ]
    values["registrations"] = registrations
    return values


async def _wishes(session: AsyncSession) -> list[tuple[str, str]]:
    rows = await session.execute(
        select(Child.first_name, Activity.name)
        .join(Registration, Registration.child_id == Child.id)
        .join(Activity, Activity.id == Registration.activity_id)
        .order_by(Child.first_name, Activity.name)
    )
    return [(child, activity) for child, activity in rows]


async def test_guardian_1_email_is_the_account_s_when_left_out(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    values = form(town)
    values["guardian1"] = {k: v for k, v in values["guardian1"].items() if k != "email"}
    result = await _submit(api, parent, values)
    assert result["errors"] == []
    [first] = [g for g in result["family"]["guardians"] if g["rank"] == 1]
    assert first["email"] == "camille.martin@example.fr"
    stored = await session.scalar(select(Guardian.email).where(Guardian.rank == 1))
    assert stored == "camille.martin@example.fr"


async def test_the_account_s_own_address_is_accepted_another_is_refused(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    values = form(town)
    values["guardian1"] = {**values["guardian1"], "email": "autre.adresse@example.fr"}
    refused = await _submit(api, parent, values)
    assert refused["family"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        (["guardian1", "email"], "INVALID_EMAIL")
    ]
    assert "camille.martin@example.fr" in refused["errors"][0]["message"]
    assert await session.scalar(select(Guardian.id)) is None

    values["guardian1"] = {**values["guardian1"], "email": "Camille.Martin@example.fr"}
    accepted = await _submit(api, parent, values)
    assert accepted["errors"] == []


async def test_wishes_name_their_child_by_key(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    # Keys in the other order than the children: the key decides, not the position.
    values = _keyed(
        town,
        [
            {"childKey": "lea", "activity": town.maternelle},
            {"childKey": "lenny", "activity": town.garderie},
        ],
    )
    result = await _submit(api, parent, values)
    assert result["errors"] == []
    by_index = await _wishes(session)
    assert [child for child, _ in by_index] == ["Lenny", "Léa"]
    assert len({activity for _, activity in by_index}) == 2


async def test_the_deprecated_index_still_works_and_agrees_with_the_key(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    values = _keyed(
        town,
        [
            {"child": 0, "childKey": "lenny", "activity": town.garderie},
            {"child": 1, "activity": town.maternelle},
        ],
    )
    result = await _submit(api, parent, values)
    assert result["errors"] == []
    assert [child for child, _ in await _wishes(session)] == ["Lenny", "Léa"]


async def test_an_unknown_key_is_reported_on_child_key(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    values = _keyed(town, [{"childKey": "tom", "activity": town.garderie}])
    result = await _submit(api, parent, values)
    assert result["family"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        (["registrations", "0", "childKey"], "UNKNOWN_CHILD")
    ]


async def test_malformed_child_references_are_refused_before_anything_is_checked(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    async def refusal(values: dict[str, Any]) -> str:
        body = await _as(api, parent, SUBMIT, {"input": values})
        assert body["data"] is None or body["data"]["familyRegistrationSubmit"] is None, body
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        return str(error["message"])

    neither = _keyed(town, [{"activity": town.garderie}])
    assert "« registrations.0.childKey » est obligatoire" in await refusal(neither)
    disagree = _keyed(town, [{"child": 1, "childKey": "lenny", "activity": town.garderie}])
    assert "désignent deux enfants différents" in await refusal(disagree)
    twice = _keyed(town, [])
    twice["children"][1]["key"] = "lenny"
    assert "donnée à deux enfants" in await refusal(twice)
    assert await session.scalar(select(Guardian.id)) is None
