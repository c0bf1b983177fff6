"""Listing change requests: newest first with filters, pending changes at a constant
statement cost, and error enums matching the domain codes.
"""

from __future__ import annotations

import datetime as dt

from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType
from sqlalchemy.ext.asyncio import AsyncSession

from domain import change_requests as cr
from kernel.settings import Settings
from models import Tenant
from models.request import RequestType
from schema import build_schema
from tests import factories
from tests.api.change_requests._helpers import (
    FILE,
    LIST,
    Town,
    ask_guardian_change,
    call,
    data,
    only,
)
from tests.factories import family as ff
from tests.support.graphql_client import GraphQLClient, StatementCounter

schema = build_schema(Settings())


async def test_the_list_pages_newest_first_and_filters(api: GraphQLClient, town: Town) -> None:
    references = []
    for field, value in (("employer", "A"), ("profession", "B"), ("birthName", "C")):
        references.append(only(await ask_guardian_change(api, town, {field: value}))["reference"])
    page = (await data(api, town.staff, LIST, {"first": 2}))["changeRequests"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["reference"] for e in page["edges"]] == references[::-1][:2]
    rest = (
        await data(api, town.staff, LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]})
    )["changeRequests"]
    assert [e["node"]["reference"] for e in rest["edges"]] == [references[0]]
    assert rest["pageInfo"]["hasNextPage"] is False
    by_reference = await data(
        api, town.staff, LIST, {"where": {"reference": cr.format_reference(references[1])}}
    )
    assert [e["node"]["reference"] for e in by_reference["changeRequests"]["edges"]] == [
        references[1]
    ]
    none = await data(api, town.staff, LIST, {"where": {"type": {"eq": "CHILD_CHANGE"}}})
    assert none["changeRequests"]["totalCount"] == 0
    bad = await call(api, town.staff, LIST, {"after": "pas-un-curseur"})
    assert "Curseur" in bad["errors"][0]["message"]


async def test_pending_changes_cost_the_same_statements_for_many_children(
    session: AsyncSession, api: GraphQLClient, tenant: Tenant, statements: StatementCounter
) -> None:
    async def family_with(children: int) -> str:
        family, guardians, kids = await ff.make_family_with_members(
            session, tenant, guardians=2, children=children
        )
        account, token = await ff.make_parent_account_with_token(
            session, tenant, guardian=guardians[0]
        )
        school = await factories.make_establishment(session, tenant)
        for kid in kids:
            for request_type, changes in (
                (RequestType.CHILD_CHANGE, {"firstName": "Autre", "school": school.id}),
                (RequestType.CHILD_AUTHORIZATIONS_CHANGE, {"photo": True}),
            ):
                await cr.create_change_request(
                    session,
                    tenant_id=tenant.id,
                    request_type=request_type,
                    account_id=account.id,
                    family_id=family.id,
                    target_id=kid.id,
                    changes=changes,
                    comment=None,
                    idempotency_key=None,
                    portal_url="https://famille.example",
                    now=dt.datetime.now(dt.UTC),
                )
        await session.commit()
        return token

    small_token = await family_with(1)
    large_token = await family_with(6)
    with statements.counting() as small:
        small_file = (await data(api, small_token, FILE))["viewer"]["family"]
    with statements.counting() as large:
        large_file = (await data(api, large_token, FILE))["viewer"]["family"]
    assert len(large_file["children"]) == 6
    assert all(len(c["pendingChanges"]) == 3 for c in large_file["children"])
    assert len(small_file["children"][0]["pendingChanges"]) == 3
    assert len(large) == len(small), large


def test_each_mutation_error_enum_lists_exactly_the_domain_codes() -> None:
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    expected: dict[str, frozenset[str]] = {
        "guardianChangeRequestCreate": cr.CHANGE_KINDS[RequestType.GUARDIAN_CHANGE].error_codes,
        "changeRequestAccept": cr.ACCEPT_ERROR_CODES,
        "changeRequestRefuse": cr.REFUSE_ERROR_CODES,
        "changeRequestCancel": cr.CANCEL_ERROR_CODES,
    }
    for name, request_type in (
        ("guardianAddressChangeRequestCreate", RequestType.GUARDIAN_ADDRESS_CHANGE),
        ("bankAccountChangeRequestCreate", RequestType.BANK_ACCOUNT_CHANGE),
        ("childChangeRequestCreate", RequestType.CHILD_CHANGE),
        ("childComplementChangeRequestCreate", RequestType.CHILD_COMPLEMENT_CHANGE),
        ("childAuthorizationsChangeRequestCreate", RequestType.CHILD_AUTHORIZATIONS_CHANGE),
        ("vaccinationsChangeRequestCreate", RequestType.VACCINATION_CHANGE),
        ("authorizedPersonAddRequestCreate", RequestType.AUTHORIZED_PERSON_ADD),
        ("authorizedPersonChangeRequestCreate", RequestType.AUTHORIZED_PERSON_CHANGE),
        ("authorizedPersonRemoveRequestCreate", RequestType.AUTHORIZED_PERSON_REMOVE),
    ):
        expected[name] = cr.CHANGE_KINDS[request_type].error_codes
    for name, codes in expected.items():
        payload = mutation_type.fields[name].type
        assert isinstance(payload, GraphQLNonNull)
        payload_type = payload.of_type
        assert isinstance(payload_type, GraphQLObjectType)
        error_type = payload_type.fields["errors"].type.of_type.of_type.of_type
        code_type = error_type.fields["code"].type.of_type
        assert isinstance(code_type, GraphQLEnumType)
        assert set(code_type.values) == set(codes), name
