"""Parsing and validation are cached per process: an identical document is validated once.

Strawberry's limiters build their validation rules when constructed; built per request,
the rules differ every time and the validation cache never hits (measured: every request
validated in full, ~3 ms). The schema builds them once (``schema._shared_rules``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema

from kernel.settings import Settings
from schema import build_schema
from tests.support.graphql_client import GraphQLClient


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts full validations (graphql-core's ``validate``) while the test runs."""
    calls: list[int] = []
    # strawberry calls graphql-core's validate through this module's global, which it does
    # not re-export: patching that global is the point.
    original: Callable[..., Any] = strawberry_schema.validate  # type: ignore[attr-defined]

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(strawberry_schema, "validate", counting)
    return calls


async def test_the_second_identical_request_skips_validation(
    api: GraphQLClient, validations: list[int]
) -> None:
    # A document no other test sends, so that the process-wide cache starts cold for it.
    query = "query ValidationCacheProbe { establishments { totalCount } }"
    first = await api.post(query)
    assert "errors" not in first, first
    assert len(validations) == 1
    second = await api.post(query)
    assert second == first
    assert len(validations) == 1, "the identical document was validated again"
    other = await api.post("query ValidationCacheProbe2 { establishments { totalCount } }")
    assert "errors" not in other, other
    assert len(validations) == 2


async def test_the_schema_is_built_once_per_process_and_limits() -> None:
    settings = Settings()
    assert build_schema(settings) is build_schema(Settings())
    tighter = build_schema(Settings(max_aliases=1))
    assert tighter is not build_schema(settings)
    assert tighter is build_schema(Settings(max_aliases=1))
    two_aliases = "{ a: __typename b: __typename }"
    refused = await tighter.execute(two_aliases)
    assert refused.errors and "aliases" in refused.errors[0].message
    accepted = await build_schema(settings).execute(two_aliases)
    assert accepted.errors is None
    assert accepted.data == {"a": "Query", "b": "Query"}
