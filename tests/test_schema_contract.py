"""The published SDL: committed, in sync with the code, and fully described."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
)

from domain.labels import LABELS
from kernel.settings import Settings
from schema import build_schema

schema = build_schema(Settings())

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_file_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema.as_str() + "\n", (
        "schema.graphql is stale: run `make schema` and commit it"
    )


def test_every_type_field_and_argument_is_described() -> None:
    missing: list[str] = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(
            graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType
        ):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
    assert missing == []


def test_every_exposed_enum_has_french_labels_for_all_values() -> None:
    labelled = {enum_cls.__name__: enum_cls for enum_cls in LABELS}
    for name, graphql_type in schema._schema.type_map.items():
        if isinstance(graphql_type, GraphQLEnumType) and name in labelled:
            # By stored value: a renamed enum publishes each value under two names.
            stored = {str(value.value) for value in graphql_type.values.values()}
            assert stored == set(LABELS[labelled[name]]), name
    for enum_cls, labels in LABELS.items():
        assert set(labels) == {member.value for member in enum_cls}, enum_cls.__name__
