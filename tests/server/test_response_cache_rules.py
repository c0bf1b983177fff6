"""server/response_cache.py without HTTP: which documents may be kept, how keys differ, and
the memory budget."""

from __future__ import annotations

import datetime as dt

from kernel.settings import Settings
from kernel.viewer import Viewer
from server.response_cache import CachedResponse, ResponseCache, is_cacheable, response_key

MAX_TOKENS = Settings().max_tokens
AT = dt.datetime(2026, 12, 7, 8, 30, 12, tzinfo=dt.UTC)


def test_only_queries_over_database_reads_are_kept() -> None:
    assert is_cacheable(
        '{ planning(range: {gte: "2026-12-01"}) { occurrences { date } } }', None, MAX_TOKENS
    )
    assert is_cacheable(
        "query A { viewer { roles } } query B { activities { totalCount } }", "B", MAX_TOKENS
    )
    assert is_cacheable(
        "{ ...F } fragment F on Query { establishments { totalCount } }", None, MAX_TOKENS
    )
    assert is_cacheable("{ ... on Query { schoolYears { label } } }", None, MAX_TOKENS)
    assert not is_cacheable("mutation { logout { ok } }", None, MAX_TOKENS)
    assert not is_cacheable("subscription { requestChanged { id } }", None, MAX_TOKENS)
    assert not is_cacheable("{ __schema { types { name } } }", None, MAX_TOKENS)
    assert not is_cacheable("{ viewer { roles } staffAccounts { totalCount } }", None, MAX_TOKENS)
    assert not is_cacheable(
        "query A { viewer { roles } } query B { viewer { roles } }", None, MAX_TOKENS
    )
    assert not is_cacheable("query A { viewer { roles } }", "Z", MAX_TOKENS)
    assert not is_cacheable("{ ...F } fragment F on Query { ...F }", None, MAX_TOKENS)
    assert not is_cacheable("{ viewer ", None, MAX_TOKENS)
    assert not is_cacheable(None, None, MAX_TOKENS)


def key(**changes: object) -> object:
    parts: dict[str, object] = {
        "viewer": Viewer(tenant_id=1, account_id=7, role=None, family_id=3),
        "data_version": "10:12:",
        "now": AT,
        "method": "POST",
        "media_type": "application/json",
        "query": "{ viewer { roles } }",
        "operation_name": None,
        "variables": {"b": 1, "a": [2]},
    }
    parts.update(changes)
    return response_key(**parts)  # type: ignore[arg-type]


def test_keys_differ_with_anything_the_answer_depends_on() -> None:
    assert key() == key(now=AT.replace(second=59), variables={"a": [2], "b": 1})
    different = [
        key(viewer=Viewer(tenant_id=1, account_id=8, family_id=4)),
        key(viewer=Viewer(tenant_id=2, account_id=7, family_id=3)),
        key(data_version="10:13:"),
        key(now=AT + dt.timedelta(minutes=1)),
        key(method="GET"),
        key(media_type="application/graphql-response+json"),
        key(query="{ viewer { isAuthenticated } }"),
        key(operation_name="A"),
        key(variables={"b": 2, "a": [2]}),
        key(variables=None),
    ]
    assert key() not in different
    assert len(set(map(repr, different))) == len(different)


def test_the_least_recently_used_go_first_within_the_budget() -> None:
    cache = ResponseCache(max_bytes=300)
    body = CachedResponse(b"x" * 90, "application/json")
    for name in ("a", "b", "c"):
        cache.put(("k", name), body)
    assert cache.get(("k", "a")) is body  # now the most recently used
    cache.put(("k", "d"), body)
    assert cache.get(("k", "b")) is None
    assert [cache.get(("k", n)) is body for n in ("a", "c", "d")] == [True, True, True]
    cache.put(("k", "huge"), CachedResponse(b"x" * 400, "application/json"))
    assert cache.get(("k", "huge")) is None and len(cache) == 3
    assert ResponseCache.of_megabytes(0) is None
