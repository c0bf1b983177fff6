"""Who reaches a change request: other families' objects are out of reach, another
tenant's staff is refused.
"""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Request
from tests import factories
from tests.api.change_requests._helpers import (
    ACCEPT,
    FILE,
    GUARDIAN_CHANGE,
    LIST,
    NODE,
    Town,
    ask_guardian_change,
    call,
    create_document,
    data,
    fresh,
    gid,
    only,
)
from tests.factories import family as ff
from tests.support.graphql_client import GraphQLClient

CANCEL = """mutation($input: ChangeRequestCancelInput!) {
  changeRequestCancel(input: $input) { request { status } errors { field message code } } }"""


async def test_other_families_are_out_of_reach(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    # Family B's parent on family A's guardian: the same answer as for an unknown ID.
    async def guardian_change_as_b(guardian_id: str) -> Any:
        variables = {"input": {"guardian": guardian_id, "changes": {"employer": "Pirate"}}}
        return (await data(api, town.other_parent, GUARDIAN_CHANGE, variables))[
            "guardianChangeRequestCreate"
        ]

    foreign = await guardian_change_as_b(gid("Guardian", town.guardian_ids[0]))
    unknown = await guardian_change_as_b(gid("Guardian", 987_654))
    wrong_type = await guardian_change_as_b(gid("Child", town.child_ids[0]))
    assert foreign == unknown == wrong_type
    assert foreign["errors"][0]["code"] == "NOT_FOUND"
    document = create_document("childChangeRequestCreate", "ChildChangeRequestCreateInput")
    variables = {"input": {"child": gid("Child", town.child_ids[0]), "changes": {"firstName": "X"}}}
    child = (await data(api, town.other_parent, document, variables))["childChangeRequestCreate"]
    assert [e["code"] for e in child["errors"]] == ["NOT_FOUND"]

    # A's request: invisible to B, and B can neither cancel nor decide it.
    request = only(await ask_guardian_change(api, town, {"employer": "A"}))
    assert (await data(api, town.other_parent, NODE, {"id": request["id"]}))["node"] is None
    assert (await data(api, town.parent, NODE, {"id": request["id"]}))["node"]["id"] == request[
        "id"
    ]
    listed = await data(
        api, town.other_parent, LIST, {"where": {"family": gid("Family", town.family_id)}}
    )
    assert listed["changeRequests"]["totalCount"] == 0
    mine = await data(api, town.parent, LIST)
    assert mine["changeRequests"]["totalCount"] == 1
    cancelled = (await data(api, town.other_parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert [e["code"] for e in cancelled["errors"]] == ["NOT_FOUND"]
    family_b = (await data(api, town.other_parent, FILE))["viewer"]["family"]
    assert all(g["pendingChanges"] == [] for g in family_b["guardians"])

    # Parents cannot decide, not even their own request; reporting sees no request.
    for token in (town.parent, town.other_parent, town.reporting):
        refused = await call(api, token, ACCEPT, {"input": {"request": request["id"]}})
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await call(api, None, ACCEPT, {"input": {"request": request["id"]}}))["errors"][0][
        "extensions"
    ]["code"] == "UNAUTHENTICATED"
    for token in (town.reporting,):
        body = await call(api, token, LIST)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert (await data(api, token, NODE, {"id": request["id"]}))["node"] is None
    # Staff change files their own way, not through a family's requests.
    staff_try = await call(
        api,
        town.staff,
        GUARDIAN_CHANGE,
        {
            "input": {
                "guardian": gid("Guardian", town.guardian_ids[0]),
                "changes": {"employer": "X"},
            }
        },
    )
    assert staff_try["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    # The parent withdraws it; then it cannot be cancelled again.
    done = (await data(api, town.parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert done["request"]["status"] == "CANCELLED"
    again = (await data(api, town.parent, CANCEL, {"input": {"request": request["id"]}}))[
        "changeRequestCancel"
    ]
    assert [e["code"] for e in again["errors"]] == ["INVALID_STATE"]
    count = await session.scalar(select(func.count()).select_from(Request))
    assert count == 1


async def test_another_tenants_staff_is_refused(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request = only(await ask_guardian_change(api, town, {"employer": "A"}))
    elsewhere = await factories.make_tenant(session)
    _, foreign_staff = await ff.make_staff_account_with_token(session, elsewhere)
    await session.commit()

    # Their token on this tenant's endpoint: refused outright.
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": ACCEPT, "variables": {"input": {"request": request["id"]}}},
        headers={"authorization": f"Bearer {foreign_staff}"},
    )
    assert response.status_code == 403
    # On their own endpoint, this tenant's request does not exist.
    theirs = GraphQLClient(http=api.http, tenant=elsewhere.slug)
    accepted = await data(theirs, foreign_staff, ACCEPT, {"input": {"request": request["id"]}})
    assert [e["code"] for e in accepted["changeRequestAccept"]["errors"]] == ["NOT_FOUND"]
    assert (await data(theirs, foreign_staff, NODE, {"id": request["id"]}))["node"] is None
    listed = await data(theirs, foreign_staff, LIST)
    assert listed["changeRequests"]["totalCount"] == 0
    stored = await fresh(session, Request, int(base64.b64decode(request["id"]).split(b":")[1]))
    assert stored.status.value == "PENDING"
