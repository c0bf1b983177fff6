"""Accounts over GraphQL: create, activate, log in, viewer, log out, reset; tenancy."""

from __future__ import annotations

import base64
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import OutboxMessage, Tenant
from tests import factories
from tests.support.graphql_client import GraphQLClient

PASSWORD = "Mercredi-2026!"

CREATE = """mutation($input: AccountCreateInput!) {
  accountCreate(input: $input) { message errors { field message code } } }"""
ACTIVATE = """mutation($token: String!) {
  accountActivate(input: {token: $token}) { account { email status } errors { code message } } }"""
LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) {
    token expiresAt account { email role } errors { code message } } }"""
VIEWER = "{ viewer { isAuthenticated roles account { email firstName } family { name } } }"


async def _mail_token(session: AsyncSession, marker: str) -> str:
    mail = await session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    assert mail is not None
    found = re.search(rf"{marker}\?token=([\w-]+)", mail.text_body)
    assert found is not None
    return found.group(1)


async def _as(
    api: GraphQLClient, token: str, query: str, variables: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"authorization": f"Bearer {token}"},
    )
    return {"status": response.status_code, **response.json()}


async def test_a_family_account_from_creation_to_logout(
    session: AsyncSession, api: GraphQLClient
) -> None:
    form = {
        "email": "m.blman@example.fr",
        "password": PASSWORD,
        "civility": "MONSIEUR",
        "firstName": "Matthieu",
        "lastName": "Blman",
    }
    created = (await api.data(CREATE, {"input": form}))["accountCreate"]
    assert created["errors"] == []
    assert "24 heures" in created["message"]

    token = await _mail_token(session, "activation")
    activated = (await api.data(ACTIVATE, {"token": token}))["accountActivate"]
    assert activated == {
        "account": {"email": "m.blman@example.fr", "status": "ACTIVE"},
        "errors": [],
    }
    again = (await api.data(ACTIVATE, {"token": token}))["accountActivate"]
    assert again["errors"][0]["code"] == "TOKEN_ALREADY_USED"

    logged = (await api.data(LOGIN, {"email": "m.blman@example.fr", "password": PASSWORD}))["login"]
    assert logged["errors"] == []
    assert logged["account"] == {"email": "m.blman@example.fr", "role": "PARENT"}
    session_token = logged["token"]

    me = await _as(api, session_token, VIEWER)
    assert me["data"]["viewer"] == {
        "isAuthenticated": True,
        "roles": ["PARENT"],
        "account": {"email": "m.blman@example.fr", "firstName": "Matthieu"},
        "family": None,
    }
    anonymous = await api.data(VIEWER)
    assert anonymous["viewer"]["isAuthenticated"] is False

    out = await _as(api, session_token, "mutation { logout { ok } }")
    assert out["data"]["logout"]["ok"] is True
    after = await _as(api, session_token, VIEWER)
    assert after["status"] == 401
    assert "reconnectez-vous" in after["errors"][0]["message"]


async def test_input_errors_are_payload_data(api: GraphQLClient) -> None:
    form = {"email": "nope", "password": "court", "firstName": "", "lastName": "Blman"}
    created = (await api.data(CREATE, {"input": form}))["accountCreate"]
    assert created["message"] is None
    codes = {(e["code"], tuple(e["field"])) for e in created["errors"]}
    assert ("INVALID_EMAIL", ("email",)) in codes
    assert ("REQUIRED", ("firstName",)) in codes
    assert ("WEAK_PASSWORD", ("password",)) in codes


async def test_login_failures_do_not_tell_which_part_was_wrong(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    await factories.make_account(session, tenant, email="agent@ville.example", role="STAFF")
    await session.commit()
    unknown = (await api.data(LOGIN, {"email": "x@ville.example", "password": PASSWORD}))["login"]
    wrong = (await api.data(LOGIN, {"email": "agent@ville.example", "password": "Faux-2026!!"}))[
        "login"
    ]
    assert unknown["errors"] == wrong["errors"]
    assert unknown["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert unknown["token"] is None


async def test_a_token_is_refused_on_another_tenants_path(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    other = await factories.make_tenant(session)
    await factories.make_account(session, other, email="agent@autre.example", role="STAFF")
    await session.commit()
    elsewhere = GraphQLClient(http=api.http, tenant=other.slug)
    token = (await elsewhere.data(LOGIN, {"email": "agent@autre.example", "password": PASSWORD}))[
        "login"
    ]["token"]
    assert token

    refused = await _as(api, token, VIEWER)
    assert refused["status"] == 403
    assert "autre collectivité" in refused["errors"][0]["message"]
    at_home = await _as(elsewhere, token, VIEWER)
    assert at_home["data"]["viewer"]["roles"] == ["STAFF"]


async def test_malformed_authorization_header(api: GraphQLClient) -> None:
    response = await api.http.post(
        f"/{api.tenant}/graphql",
        json={"query": VIEWER},
        headers={"authorization": "Basic dXNlcjpwYXNz"},
    )
    assert response.status_code == 401


async def test_password_reset_request_answers_the_same_for_every_address(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    await factories.make_account(session, tenant, email="julien.roussel@example.fr")
    await session.commit()
    query = """mutation($email: String!) { passwordResetRequest(input: {email: $email}) {
        message } }"""
    known = await api.data(query, {"email": "julien.roussel@example.fr"})
    unknown = await api.data(query, {"email": "personne@example.fr"})
    assert known == unknown

    token = await _mail_token(session, "mot-de-passe")
    reset = """mutation($token: String!, $password: String!) {
      passwordReset(input: {token: $token, password: $password}) {
        account { email } errors { code } } }"""
    done = await api.data(reset, {"token": token, "password": "Nouveau-Mot2Passe"})
    assert done["passwordReset"] == {
        "account": {"email": "julien.roussel@example.fr"},
        "errors": [],
    }
    logged = await api.data(
        LOGIN, {"email": "julien.roussel@example.fr", "password": "Nouveau-Mot2Passe"}
    )
    assert logged["login"]["errors"] == []


async def test_accounts_are_visible_to_themselves_and_staff_only(
    session: AsyncSession, tenant: Tenant, api: GraphQLClient
) -> None:
    parent = await factories.make_account(session, tenant, email="parent@example.fr")
    other = await factories.make_account(session, tenant, email="voisin@example.fr")
    await factories.make_account(session, tenant, email="agent@ville.example", role="STAFF")
    await session.commit()
    ids = [base64.b64encode(f"Account:{a.id}".encode()).decode() for a in (parent, other)]
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { email } } }"

    async def token_of(email: str) -> str:
        login = await api.data(LOGIN, {"email": email, "password": PASSWORD})
        return str(login["login"]["token"])

    as_parent = await _as(api, await token_of("parent@example.fr"), query, {"ids": ids})
    assert as_parent["data"]["nodes"] == [{"email": "parent@example.fr"}, None]
    as_staff = await _as(api, await token_of("agent@ville.example"), query, {"ids": ids})
    assert as_staff["data"]["nodes"] == [
        {"email": "parent@example.fr"},
        {"email": "voisin@example.fr"},
    ]
    assert (await api.data(query, {"ids": ids}))["nodes"] == [None, None]
