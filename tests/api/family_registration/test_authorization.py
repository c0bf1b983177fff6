"""Who may submit, link, validate and reject: anonymous callers, parents, staff, another
tenant's staff, and ids of another tenant in the form.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import to_base64

from models import Family, Tenant
from models.account import Role
from models.family import FamilyStatus
from tests import factories
from tests.api.family_registration._helpers import (
    LINK,
    REJECT,
    SUBMIT,
    VALIDATE,
    Town,
    _as,
    _link,
    _logged_in,
    _submit,
    form,
    proofs,
)
from tests.factories.family import make_staff_account_with_token
from tests.support.graphql_client import GraphQLClient

# --- who may do what ---------------------------------------------------------------------


def _code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_anonymous_callers_must_log_in(api: GraphQLClient, town: Town, dupont: str) -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        (SUBMIT, {"input": form(town)}),
        (VALIDATE, {"family": dupont}),
        (REJECT, {"family": dupont, "reason": "Non."}),
        (LINK, {"input": proofs()}),
    ]
    for query, variables in calls:
        body = await _as(api, None, query, variables)
        assert _code(body) == "UNAUTHENTICATED", body
        assert body["data"] is None


async def test_a_parent_cannot_decide_on_a_family(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    family_id = (await _submit(api, parent, form(town)))["family"]["id"]
    for query, variables in (
        (VALIDATE, {"family": family_id}),
        (REJECT, {"family": family_id, "reason": "Non."}),
    ):
        body = await _as(api, parent, query, variables)
        assert _code(body) == "FORBIDDEN"
    status = await session.scalar(select(Family.status))
    assert status is FamilyStatus.SUBMITTED


async def test_staff_do_not_submit_or_link(
    api: GraphQLClient, town: Town, staff: str, dupont: str
) -> None:
    assert _code(await _as(api, staff, SUBMIT, {"input": form(town)})) == "FORBIDDEN"
    assert _code(await _as(api, staff, LINK, {"input": proofs()})) == "FORBIDDEN"


async def test_staff_of_another_tenant_cannot_validate_this_tenants_family(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    family_id = (await _submit(api, parent, form(town)))["family"]["id"]
    other = await factories.make_tenant(session)
    other_slug = other.slug
    _, foreign_token = await make_staff_account_with_token(session, other)
    await session.commit()

    # Its token is refused on this tenant's endpoint…
    refused = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": VALIDATE, "variables": {"family": family_id}},
        headers={"authorization": f"Bearer {foreign_token}"},
    )
    assert refused.status_code == 403
    # …and on its own endpoint this tenant's family does not exist.
    for query, variables in (
        (VALIDATE, {"family": family_id}),
        (REJECT, {"family": family_id, "reason": "Non."}),
    ):
        body = await _as(api, foreign_token, query, variables, tenant=other_slug)
        payload = next(iter(body["data"].values()))
        assert payload["family"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", ["family"])]
    status = await session.scalar(select(Family.status))
    assert status is FamilyStatus.SUBMITTED


async def test_a_parent_of_family_a_cannot_link_to_family_b(
    session: AsyncSession,
    api: GraphQLClient,
    town: Town,
    tenant: Tenant,
    parent: str,
    dupont: str,
) -> None:
    await _submit(api, parent, form(town))
    # Even with the right proofs: one account, one family.
    assert [e["code"] for e in (await _link(api, parent, proofs()))["errors"]] == ["ALREADY_LINKED"]
    # A parent without a family and without the proofs gets nothing either.
    stranger = await _logged_in(session, api, tenant, "inconnu@example.fr", Role.PARENT)
    guess = await _link(api, stranger, proofs(invoiceNumber=None, childFirstName="Zoé"))
    assert [e["code"] for e in guess["errors"]] == ["LINK_REFUSED"]
    # Neither reads family B through its global ID.
    node = "query($id: ID!) { node(id: $id) { id } }"
    for token in (parent, stranger):
        assert (await _as(api, token, node, {"id": dupont}))["data"]["node"] is None


async def test_the_ids_in_the_form_must_be_of_this_tenant(
    session: AsyncSession, api: GraphQLClient, town: Town, parent: str
) -> None:
    other = await factories.make_tenant(session)
    year = await factories.make_school_year(session, other)
    school = await factories.make_establishment(session, other)
    activity = await factories.make_activity(session, school, year)
    await session.commit()
    values = form(town)
    values["children"][0] = {
        **values["children"][0],
        "school": to_base64("Establishment", school.id),
    }
    values["registrations"] = [{"child": 0, "activity": to_base64("Activity", activity.id)}]
    result = await _submit(api, parent, values)
    assert {(tuple(e["field"]), e["code"]) for e in result["errors"]} == {
        (("children", "0", "school"), "UNKNOWN_SCHOOL"),
        (("registrations", "0", "activity"), "UNKNOWN_ACTIVITY"),
    }
