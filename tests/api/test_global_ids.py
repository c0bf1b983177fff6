"""Global IDs sent by clients: malformed or foreign ones get a clear answer, never a 500.

Node lookups answer null (an ID is a locator: a wrong one finds nothing); IDs given as
arguments are checked by ``schema.ids.decode_pk`` and refused in French with a code; IDs
in the URLs of the HTTP endpoints read as "not found" (``schema.ids.pk_from_text``).
"""

from __future__ import annotations

import base64

import pytest

from schema.ids import pk_from_text
from tests.support.graphql_client import GraphQLClient


def gid(payload: str) -> str:
    return base64.b64encode(payload.encode()).decode()


@pytest.mark.parametrize(
    "payload",
    [
        "Establishment:²",  # a digit for str.isdigit(), not for int()
        "Establishment:١",  # an Arabic-Indic digit
        "Establishment:" + "9" * 30,  # overflows the database driver
        "Establishment:-1",
        "Establishment:",
    ],
)
async def test_a_node_id_without_a_usable_key_resolves_to_null(
    api: GraphQLClient, payload: str
) -> None:
    body = await api.post(f'{{ node(id: "{gid(payload)}") {{ id }} }}')
    assert body == {"data": {"node": None}} or body.get("data") == {"node": None}, body


@pytest.mark.parametrize("payload", ["Nope:1", "Viewer:1"])
@pytest.mark.parametrize("query", ['{ node(id: "%s") { id } }', '{ nodes(ids: ["%s"]) { id } }'])
async def test_an_id_naming_no_node_type_is_a_client_error_not_an_internal_one(
    api: GraphQLClient, payload: str, query: str
) -> None:
    body = await api.post(query % gid(payload))
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "Cet identifiant ne désigne aucun type d'objet de l'API."


@pytest.mark.parametrize(
    "payload",
    ["Child:1", "Establishment:²", "Establishment:" + "9" * 30, "Establishment:x"],
)
async def test_an_argument_id_of_another_type_or_malformed_is_refused_in_french(
    api: GraphQLClient, payload: str
) -> None:
    body = await api.post(
        f'{{ activities(first: 1, where: {{establishment: "{gid(payload)}"}}) {{ totalCount }} }}'
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "« establishment » n'est pas un identifiant de Establishment valide."


@pytest.mark.parametrize(
    "raw",
    [
        gid("Invoice:²"),
        gid("Invoice:" + "9" * 30),
        gid("Child:42"),
        gid("Invoice"),
        "%%%",
        "",
    ],
)
def test_an_id_in_a_url_that_is_not_one_of_ours_reads_as_not_found(raw: str) -> None:
    assert pk_from_text(raw, "Invoice") is None


def test_an_id_in_a_url_gives_its_key() -> None:
    assert pk_from_text(gid("Invoice:42"), "Invoice") == 42
