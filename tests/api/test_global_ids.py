"""Global IDs sent by clients: malformed or foreign ones get a clear answer, never a 500.

Node lookups answer null (an ID is a locator: a wrong one finds nothing); IDs given as
arguments are checked by ``schema.ids.decode_pk`` and refused in French with a code; IDs
in the URLs of the HTTP endpoints read as "not found" (``schema.ids.pk_from_text``).
"""

from __future__ import annotations

import base64
import logging
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    get_named_type,
)

from kernel.settings import Settings
from schema import build_schema
from schema.ids import MALFORMED_ID_MESSAGE, pk_from_text
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


def _dummy(type_: Any, malformed: str | None) -> Any:
    """A value of input type ``type_``: every ID is ``malformed`` when given, else valid."""
    if isinstance(type_, GraphQLNonNull):
        return _dummy(type_.of_type, malformed)
    if isinstance(type_, GraphQLList):
        return [_dummy(type_.of_type, malformed)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {
            name: _dummy(field.type, malformed)
            for name, field in type_.fields.items()
            if isinstance(field.type, GraphQLNonNull) or _has_id(field.type)
        }
    scalars: dict[str, Any] = {
        "ID": malformed if malformed is not None else gid("Foo:1"),
        "String": "x",
        "Int": 1,
        "Float": 1.0,
        "Boolean": False,
        "Date": "2026-01-05",
        "DateTime": "2026-01-05T08:00:00+00:00",
        "Time": "08:00:00",
    }
    return scalars[type_.name]


def _has_id(type_: Any, seen: frozenset[str] = frozenset()) -> bool:
    type_ = get_named_type(type_)
    if isinstance(type_, GraphQLInputObjectType):
        if type_.name in seen:
            return False
        return any(_has_id(f.type, seen | {type_.name}) for f in type_.fields.values())
    return bool(type_.name == "ID")


def _mutations_with_id_inputs() -> list[tuple[str, str, dict[str, Any]]]:
    graphql_schema = build_schema(Settings(environment="test"))._schema
    mutation = graphql_schema.mutation_type
    assert mutation is not None
    cases = []
    for name, field in sorted(mutation.fields.items()):
        arguments = {a: arg for a, arg in field.args.items() if _has_id(arg.type)}
        if not arguments or _needs_upload(field.args):
            continue
        declared = ", ".join(f"${a}: {arg.type}" for a, arg in field.args.items())
        passed = ", ".join(f"{a}: ${a}" for a in field.args)
        query = f"mutation({declared}) {{ {name}({passed}) {{ __typename }} }}"
        for malformed in ("", "x", "%%%"):
            variables = {a: _dummy(arg.type, malformed) for a, arg in field.args.items()}
            cases.append((name, query, variables))
    return cases


def _needs_upload(args: Any) -> bool:
    def walk(type_: Any, seen: frozenset[str]) -> bool:
        type_ = get_named_type(type_)
        if isinstance(type_, GraphQLInputObjectType) and type_.name not in seen:
            return any(walk(f.type, seen | {type_.name}) for f in type_.fields.values())
        return bool(type_.name == "Upload")

    return any(walk(a.type, frozenset()) for a in args.values())


@pytest.mark.parametrize(("mutation", "query", "variables"), _mutations_with_id_inputs())
async def test_a_malformed_id_in_any_mutation_input_is_refused_in_french_with_a_code(
    api: GraphQLClient,
    caplog: pytest.LogCaptureFixture,
    mutation: str,
    query: str,
    variables: dict[str, Any],
) -> None:
    body = await api.post(query, variables)
    errors = body.get("errors") or []
    payload = (body.get("data") or {}).get(mutation)
    assert errors or payload, body
    for error in errors:
        assert error.get("extensions", {}).get("code") not in (None, "INTERNAL_SERVER_ERROR"), body
        assert "cannot represent" not in error["message"], body
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "query",
    [
        '{ node(id: "") { id } }',
        '{ node(id: "x") { id } }',
        '{ node(id: "Rm9vOjE=") { id } }',  # Foo:1
        '{ nodes(ids: ["", "x"]) { id } }',
        'mutation { requestCancel(input: {request: ""}) { __typename } }',
    ],
)
async def test_a_malformed_or_foreign_id_is_a_coded_french_error_never_logged_as_one(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture, query: str
) -> None:
    body = await api.post(query)
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] in (
        MALFORMED_ID_MESSAGE,
        "Cet identifiant ne désigne aucun type d'objet de l'API.",
    )
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
