"""What the family registration API tests share: the GraphQL operations, calls as a given
account, the registration form and the counts that prove nothing was stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import to_base64

from domain.accounts import create_active_account
from models import Tenant
from models.account import Role
from models.base import utcnow
from tests.factories.family import PASSWORD
from tests.support.graphql_client import GraphQLClient

LOGIN = """mutation($email: String!, $password: String!) {
  login(input: {email: $email, password: $password}) { token errors { code } } }"""

FAMILY_FIELDS = """
  id name status statusLabel subscriberCode rejectionReason directDebit
  communication { acceptsSms paperInvoice reminderBySms }
  guardians { rank civility firstName lastName email phone mobilePhone isPayer isAllocataire
              allowanceRegime allocataireNumber address { line1 postalCode city country } }
  children { firstName birthDate grade school { name } }
  bankAccounts { iban bic holderName }
"""

SUBMIT = f"""mutation($input: FamilyRegistrationSubmitInput!) {{
  familyRegistrationSubmit(input: $input) {{
    family {{ {FAMILY_FIELDS} }}
    requestReference
    errors {{ field message code }}
  }} }}"""

VALIDATE = """mutation($family: ID!) {
  familyValidate(input: {family: $family}) {
    family { id status subscriberCode validatedAt } errors { field message code } } }"""

REJECT = """mutation($family: ID!, $reason: String!) {
  familyReject(input: {family: $family, reason: $reason}) {
    family { id status rejectionReason } errors { field message code } } }"""

LINK = """mutation($input: FamilyLinkInput!) {
  familyLink(input: $input) {
    family { id name subscriberCode } guardian { rank firstName } errors { field message code }
  } }"""

VIEWER_FAMILY = f"{{ viewer {{ family {{ {FAMILY_FIELDS} }} }} }}"


async def _as(
    api: GraphQLClient,
    token: str | None,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    tenant: str | None = None,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await api.http.post(
        f"/{tenant or api.tenant}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers,
    )
    return {"status": response.status_code, **response.json()}


async def _logged_in(
    session: AsyncSession, api: GraphQLClient, tenant: Tenant, email: str, role: Role
) -> str:
    """An active account created as administrators do, then a real login over GraphQL."""
    await create_active_account(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        role=role,
        first_name="Camille",
        last_name="Martin",
        now=utcnow(),
    )
    await session.commit()
    body = await _as(api, None, LOGIN, {"email": email, "password": PASSWORD}, tenant=tenant.slug)
    token = body["data"]["login"]["token"]
    assert token, body
    return str(token)


class Town:
    """The tenant's catalogue for the current school year, and its people's tokens."""

    def __init__(self, tenant: Tenant, school_id: int, garderie_id: int, maternelle_id: int):
        self.tenant = tenant
        self.school = to_base64("Establishment", school_id)
        self.garderie = to_base64("Activity", garderie_id)
        self.maternelle = to_base64("Activity", maternelle_id)


def form(town: Town, **overrides: Any) -> dict[str, Any]:
    """The family form as the guide fills it (two guardians, two children, direct debit)."""
    values: dict[str, Any] = {
        "guardian1": {
            "civility": "MADAME",
            "firstName": "Camille",
            "lastName": "Martin",
            "relationship": "MERE",
            "maritalStatus": "MARIE",
            "phone": "04 76 52 00 00",
            "mobilePhone": "06 12 34 56 78",
            "email": "camille.martin@example.fr",
            "address": {
                "line1": "1 place de la Mairie",
                "postalCode": "38330",
                "city": "Saint-Ismier",
                "country": "FR",
            },
            "profession": "Infirmière",
            "allocataire": {"regime": "CAF", "number": "1234567", "consentsQuotientLookup": True},
        },
        "guardian2": {
            "civility": "MONSIEUR",
            "firstName": "Lucas",
            "lastName": "Martin",
            "relationship": "PERE",
            "maritalStatus": "MARIE",
            "mobilePhone": "07 81 23 45 67",
        },
        "communication": {
            "acceptsEmail": True,
            "acceptsSms": True,
            "acceptsPost": True,
            "paperInvoice": False,
            "reminderByEmail": True,
            "reminderBySms": True,
            "reminderByPost": True,
        },
        "directDebit": True,
        "bankAccount": {
            "holderName": "Camille Martin",
            "iban": "FR76 3000 6000 0112 3456 7890 189",
            "bic": "AGRIFRPP",
        },
        "children": [
            {
                "firstName": "Lenny",
                "lastName": "Martin",
                "birthDate": "2018-05-02",
                "sex": "M",
                "school": town.school,
                "grade": "CE1",
            },
            {
                "firstName": "Léa",
                "lastName": "Martin",
                "birthDate": "2021-01-20",
                "sex": "F",
                "school": town.school,
                "grade": "MS",
            },
        ],
        "registrations": [
            {"child": 0, "activity": town.garderie},
            {"child": 1, "activity": town.maternelle},
        ],
    }
    values.update(overrides)
    return values


async def _submit(api: GraphQLClient, token: str, values: dict[str, Any]) -> dict[str, Any]:
    body = await _as(api, token, SUBMIT, {"input": values})
    assert "errors" not in body, body
    return dict(body["data"]["familyRegistrationSubmit"])


def proofs(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "subscriberCode": "000123",
        "childBirthDate": "2017-06-03",
        "invoiceNumber": "2026-10-0042",
    }
    values.update(overrides)
    return values


async def _link(api: GraphQLClient, token: str, values: dict[str, Any]) -> dict[str, Any]:
    body = await _as(api, token, LINK, {"input": values})
    assert "errors" not in body, body
    return dict(body["data"]["familyLink"])
