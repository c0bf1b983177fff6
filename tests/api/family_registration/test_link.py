"""Linking an account to a family with its subscriber code over GraphQL: the proofs, one
generic answer to a wrong proof, throttled attempts.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, LoginAttempt
from tests.api.family_registration._helpers import VIEWER_FAMILY, _as, _link, proofs
from tests.support.graphql_client import GraphQLClient


async def test_a_parent_with_a_subscriber_code_links_their_account(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str
) -> None:
    linked = await _link(api, parent, proofs(subscriberCode=" 000 123 "))
    assert linked == {
        "family": {"id": dupont, "name": "DUPONT", "subscriberCode": "000123"},
        "guardian": {"rank": 1, "firstName": "Marie"},
        "errors": [],
    }
    mine = (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"]
    assert (mine["id"], mine["subscriberCode"]) == (dupont, "000123")
    assert [c["firstName"] for c in mine["children"]] == ["Zoé"]

    again = await _link(api, parent, proofs())
    assert [e["code"] for e in again["errors"]] == ["ALREADY_LINKED"]


@pytest.mark.parametrize(
    "wrong",
    [
        {"subscriberCode": "000124"},
        {"childBirthDate": "2017-06-04"},
        {"invoiceNumber": "2026-10-0043"},
        {"invoiceNumber": None, "childFirstName": "Zoé"},  # the family has invoices
    ],
)
async def test_a_wrong_proof_gets_one_generic_answer(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str, wrong: dict[str, Any]
) -> None:
    refused = await _link(api, parent, proofs(**wrong))
    assert refused["family"] is None
    assert refused["errors"] == [
        {
            "field": [],
            "message": "Ces informations ne correspondent à aucun dossier.",
            "code": "LINK_REFUSED",
        }
    ]
    account = await session.scalar(
        select(Account).where(Account.email == "camille.martin@example.fr")
    )
    assert account is not None
    assert account.guardian_id is None


async def test_link_attempts_are_throttled(
    session: AsyncSession, api: GraphQLClient, parent: str, dupont: str
) -> None:
    for _ in range(5):
        refused = await _link(api, parent, proofs(childBirthDate="2017-01-01"))
        assert refused["errors"][0]["code"] == "LINK_REFUSED"
    throttled = await _link(api, parent, proofs())
    assert throttled["family"] is None
    assert [e["code"] for e in throttled["errors"]] == ["THROTTLED"]
    failures = await session.scalar(
        select(func.count()).where(
            LoginAttempt.email == "link:camille.martin@example.fr",
            LoginAttempt.succeeded.is_(False),
        )
    )
    assert failures == 5
    assert (await _as(api, parent, VIEWER_FAMILY))["data"]["viewer"]["family"] is None
