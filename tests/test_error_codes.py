"""Mutation error codes: the domain's enums are the only lists, the schema publishes them.

A code the domain raises but a mutation's enum lacks used to be a ``KeyError`` at run time
(in ``schema.errors.payload_errors``), seen by the client as a masked internal error. These
tests walk every payload error type of the schema and every ``fail``/``Problem`` call of
the domain, so that such a code fails here instead.
"""

from __future__ import annotations

import ast
import enum
import importlib
from pathlib import Path
from typing import cast

import pytest
from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType
from strawberry.types.base import StrawberryObjectDefinition
from strawberry.types.enum import StrawberryEnumDefinition

from kernel.results import DomainFailure, Problem
from kernel.settings import Settings
from schema import build_schema
from schema.errors import payload_errors

schema = build_schema(Settings())
DOMAIN = Path(__file__).resolve().parent.parent / "domain"


def _error_types() -> list[tuple[str, type, type[enum.Enum]]]:
    """Every payload error type: (GraphQL name, Python class, its code enum)."""
    found = []
    for name, graphql_type in schema._schema.type_map.items():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        if set(graphql_type.fields) != {"field", "message", "code"}:
            continue
        code_type = graphql_type.fields["code"].type
        if isinstance(code_type, GraphQLNonNull):
            code_type = code_type.of_type
        assert isinstance(code_type, GraphQLEnumType), name
        definition = schema.get_type_by_name(name)
        assert isinstance(definition, StrawberryObjectDefinition)
        enum_definition = schema.get_type_by_name(code_type.name)
        assert isinstance(enum_definition, StrawberryEnumDefinition)
        found.append(
            (name, definition.origin, cast("type[enum.Enum]", enum_definition.wrapped_cls))
        )
    return found


ERROR_TYPES = _error_types()


# Codes raised by domain functions that no mutation calls, with the reason.
NOT_IN_THE_API = {
    # create_active_account serves the CLI (`creneau user create`); accountCreate never
    # tells whether an address is taken (it mails the owner instead).
    ("domain.accounts.creation", "EMAIL_TAKEN"),
}


def _capability(module: str) -> str:
    """``domain.change_requests.codes`` → ``change_requests``; ``domain.messages`` → the same."""
    return module.split(".")[1]


def test_every_payload_error_type_was_found() -> None:
    assert len(ERROR_TYPES) >= 42


@pytest.mark.parametrize(("name", "error_type", "codes"), ERROR_TYPES, ids=lambda v: str(v))
def test_each_code_enum_is_the_domain_enum_published_unchanged(
    name: str, error_type: type, codes: type[enum.Enum]
) -> None:
    assert codes.__module__.startswith("domain."), f"{name}.code is not a domain enum"
    assert issubclass(codes, enum.StrEnum), codes
    graphql_enum = schema._schema.type_map[codes.__name__]
    assert isinstance(graphql_enum, GraphQLEnumType)
    assert list(graphql_enum.values) == [member.name for member in codes]
    assert all(member.name == member.value for member in codes), codes


@pytest.mark.parametrize(("name", "error_type", "codes"), ERROR_TYPES, ids=lambda v: str(v))
def test_every_domain_code_maps_to_its_graphql_value(
    name: str, error_type: type, codes: type[enum.Enum]
) -> None:
    failure = DomainFailure(Problem(member.value, "Message.", ("input",)) for member in codes)
    errors = payload_errors(failure, error_type, codes)
    assert [error.code for error in errors] == list(codes)


def _raised_codes() -> list[tuple[str, str]]:
    """(module, code) for every literal or constant code given to ``fail``/``Problem``."""
    raised = []
    for path in sorted(DOMAIN.rglob("*.py")):
        module_name = ".".join(path.relative_to(DOMAIN.parent).with_suffix("").parts)
        module_name = module_name.removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called not in {"fail", "Problem"}:
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                raised.append((module_name, argument.value))
            elif isinstance(argument, ast.Name | ast.Attribute):
                module = module or importlib.import_module(module_name)
                try:
                    value = eval(ast.unparse(argument), vars(module))
                except NameError:
                    continue  # a variable (a code chosen at run time): checked where it is set
                if isinstance(value, str):
                    raised.append((module_name, value))
    return raised


def test_every_code_the_domain_raises_is_in_an_enum_of_its_capability() -> None:
    by_capability: dict[str, set[str]] = {}
    for _, _, codes in ERROR_TYPES:
        by_capability.setdefault(_capability(codes.__module__), set()).update(codes)
    everywhere = set().union(*by_capability.values())
    raised = _raised_codes()
    assert len(raised) > 100
    missing = sorted(
        {
            (module, code)
            for module, code in raised
            if code not in by_capability.get(_capability(module), everywhere)
            and (module, code) not in NOT_IN_THE_API
        }
    )
    assert missing == []
