"""The guide's sections 1 and 2 walked through against a live demo server, as a family and
as an agent would: account, activation mail, family form, validation, the family file and a
change request decided by staff."""

from __future__ import annotations

import email
import re
import time
from email.message import Message
from pathlib import Path
from typing import Any

import httpx

from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from tests.e2e.conftest import LiveServer

PASSWORD = "Lucas-Ecole-2026!"
PARENT = "claire.fontaine@example.fr"


def _mail_to(mail_dir: Path, recipient: str, subject_part: str, timeout: float = 20.0) -> str:
    """The text of the first mail to ``recipient`` whose subject contains ``subject_part``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(mail_dir.glob("*.eml")) if mail_dir.exists() else []:
            message: Message = email.message_from_bytes(path.read_bytes())
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            if recipient in str(message["To"]) and subject_part in subject:
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        payload = part.get_payload(decode=True)
                        assert isinstance(payload, bytes)
                        return payload.decode(part.get_content_charset() or "utf-8")
        time.sleep(0.2)
    raise AssertionError(f"no mail « {subject_part} » to {recipient} after {timeout} s")


class Client:
    """A GraphQL client for one person (keeps their token)."""

    def __init__(self, http: httpx.Client, url: str) -> None:
        self.http = http
        self.url = url
        self.token: str | None = None

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        response = self.http.post(
            self.url, json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    def login(self, address: str, password: str) -> None:
        data = self(
            "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
            "{ token errors { message } } }",
            e=address,
            p=password,
        )
        assert data["login"]["errors"] == [], data
        self.token = data["login"]["token"]


def test_sections_1_and_2_of_the_guide(live_server: LiveServer, http_client: httpx.Client) -> None:
    mail_dir = live_server.var_dir / "mail"
    parent = Client(http_client, live_server.graphql_url)
    agent = Client(http_client, live_server.graphql_url)

    # 1. « Créer un compte », the activation mail, « lien d'activation ».
    created = parent(
        """mutation($input: AccountCreateInput!) { accountCreate(input: $input) {
             message errors { field message } } }""",
        input={
            "email": PARENT,
            "password": PASSWORD,
            "civility": "MADAME",
            "firstName": "Claire",
            "lastName": "Fontaine",
        },
    )
    assert created["accountCreate"]["errors"] == []
    activation = _mail_to(mail_dir, PARENT, "Confirmez votre adresse")
    assert "24 heures" in activation
    token = re.search(r"activation\?token=([\w-]+)", activation)
    assert token is not None
    activated = parent(
        "mutation($t: String!) { accountActivate(input: {token: $t}) { errors { code } } }",
        t=token.group(1),
    )
    assert activated["accountActivate"]["errors"] == []
    parent.login(PARENT, PASSWORD)
    assert parent("{ viewer { family { id } } }")["viewer"]["family"] is None

    # « Je n'ai pas de code abonné »: the family form.
    catalogue = parent(
        """{ establishments(where: {search: "Lux"}) { edges { node { id name
              activities { id name } } } } }"""
    )
    lux = next(
        e["node"] for e in catalogue["establishments"]["edges"] if e["node"]["name"] == "Ecole Lux"
    )
    repas = next(a["id"] for a in lux["activities"] if a["name"] == "Repas")
    form = {
        "guardian1": {
            "civility": "MADAME",
            "firstName": "Claire",
            "lastName": "Fontaine",
            "relationship": "MERE",
            "maritalStatus": "MARIE",
            "mobilePhone": "06 12 34 56 78",
            "email": PARENT,
            "address": {
                "line1": "12 chemin du Manival",
                "postalCode": "38330",
                "city": "Saint-Ismier",
            },
        },
        "communication": {"acceptsEmail": True, "acceptsSms": True},
        "directDebit": True,
        "bankAccount": {
            "holderName": "Claire Fontaine",
            "iban": "FR76 3000 6000 0112 3456 7890 189",
        },
        "children": [
            {
                "firstName": "Lucas",
                "lastName": "Fontaine",
                "birthDate": "2018-04-12",
                "sex": "M",
                "school": lux["id"],
                "grade": "CE1",
            }
        ],
    }
    # The demo's school year (2025-2026) is over by the real clock: a wished registration
    # would rightly be refused (« Les inscriptions … sont closes »).
    assert repas
    submitted = parent(
        """mutation($input: FamilyRegistrationSubmitInput!) {
             familyRegistrationSubmit(input: $input) {
               family { id status } requestReference errors { field message } } }""",
        input=form,
    )["familyRegistrationSubmit"]
    assert submitted["errors"] == [], submitted
    assert submitted["family"]["status"] == "SUBMITTED"
    family_id = submitted["family"]["id"]
    _mail_to(mail_dir, PARENT, "Accusé d'enregistrement")

    # The agent validates the file: the family gets its subscriber code.
    agent.login(DEMO_STAFF_EMAIL, DEMO_PASSWORD)
    waiting = agent("{ families(where: {status: {eq: SUBMITTED}}) { edges { node { id name } } } }")
    assert family_id in [e["node"]["id"] for e in waiting["families"]["edges"]]
    validated = agent(
        """mutation($f: ID!) { familyValidate(input: {family: $f}) {
             family { subscriberCode status } errors { message } } }""",
        f=family_id,
    )["familyValidate"]
    assert validated["errors"] == []
    assert validated["family"]["status"] == "VALIDATED"
    code = validated["family"]["subscriberCode"]
    assert code
    assert code in _mail_to(mail_dir, PARENT, "validé")

    # 2. « Gérer votre dossier famille »: the parent reads the file.
    file = parent(
        """{ viewer { family { subscriberCode guardians { id firstName mobilePhone isPayer }
             children { firstName gradeLabel school { name } healthRecord { dietLabel } }
             bankAccounts { iban } } } }"""
    )["viewer"]["family"]
    assert file["subscriberCode"] == code
    assert file["children"][0]["school"]["name"] == "Ecole Lux"
    assert file["bankAccounts"][0]["iban"].replace(" ", "").endswith("0189")
    assert "3000" not in file["bankAccounts"][0]["iban"]  # masked for parents
    guardian_id = file["guardians"][0]["id"]
    assert guardian_id

    # « Toute modification est soumise à une validation par la collectivité »: a new mobile
    # number is a request; the pending value shows beside the current one until decided.
    asked = parent(
        """mutation($g: ID!) { guardianChangeRequestCreate(input: {guardian: $g,
             changes: {mobilePhone: "07 61 22 33 44"}}) {
             request { id referenceLabel typeLabel statusLabel } errors { message } } }""",
        g=guardian_id,
    )["guardianChangeRequestCreate"]
    assert asked["errors"] == []
    assert asked["request"]["typeLabel"] == "Modification du responsable"
    pending = parent(
        "{ viewer { family { guardians { mobilePhone pendingChanges { field currentValue "
        "proposedValue } } } } }"
    )["viewer"]["family"]["guardians"][0]
    assert pending["pendingChanges"] == [
        {
            "field": "mobilePhone",
            "currentValue": "06 12 34 56 78",
            "proposedValue": "07 61 22 33 44",
        }
    ]
    decided = agent(
        """mutation($r: ID!) { changeRequestAccept(input: {request: $r, message: "C'est noté."}) {
             request { statusLabel } errors { message } } }""",
        r=asked["request"]["id"],
    )["changeRequestAccept"]
    assert decided["errors"] == []
    assert decided["request"]["statusLabel"] == "Acceptée"
    after = parent("{ viewer { family { guardians { mobilePhone pendingChanges { field } } } } }")
    guardian = after["viewer"]["family"]["guardians"][0]
    assert guardian["pendingChanges"] == []
    assert guardian["mobilePhone"] == "+33761223344"
    _mail_to(mail_dir, PARENT, "Accusé de traitement")
