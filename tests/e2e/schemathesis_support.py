"""Support for the schemathesis run (tests/e2e/test_schemathesis_graphql.py).

Generated mutations change the database, so schemathesis gets a server of its own (a fresh
SQLite database, migrated and demo-loaded), never the session's shared ``live_server``.
Request rate limits are off on it: thousands of requests a minute from one address are the
point here, not an attack.

What is checked on every response (issue 13): no 5xx, a JSON object, no error with
``extensions.code == "INTERNAL_SERVER_ERROR"`` and every error with an ``extensions.code``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import (
    PORT_ATTEMPTS,
    LiveServer,
    _run_cli_step,
    _server_env,
    _start_server,
    _stop,
    _tail,
    _wait_healthy,
)

DEMO_PASSWORD = "Creneau-demo-2026!"
LOGIN = (
    "mutation($e: String!, $p: String!) "
    "{ login(input: {email: $e, password: $p}) { token errors { code } } }"
)


@contextmanager
def own_live_server(var_dir: Path) -> Iterator[LiveServer]:
    """A migrated, demo-loaded server on a fresh database, for this module only."""
    env = _server_env(var_dir)
    env["CRENEAU_RATE_LIMIT_PER_ADDRESS"] = "0"
    env["CRENEAU_RATE_LIMIT_PER_ACCOUNT"] = "0"
    _run_cli_step(["migrate"], env)
    _run_cli_step(["demo"], env)
    server: LiveServer | None = None
    problem = ""
    for attempt in range(1, PORT_ATTEMPTS + 1):
        server = _start_server(var_dir, env, attempt)
        problem = _wait_healthy(server) or ""
        if not problem:
            break
        _stop(server.process)
        if "address already in use" not in server.stderr().lower():
            break
    assert server is not None
    if problem:
        _stop(server.process)
        pytest.fail(
            f"Créneau server (schemathesis) did not start: {problem}\n"
            f"--- stderr ---\n{_tail(server.stderr())}",
            pytrace=False,
        )
    try:
        yield server
    finally:
        _stop(server.process)


def login_tokens(graphql_url: str, email: str, count: int) -> list[str]:
    """``count`` bearer tokens (sessions) of a demo account: a generated ``logout`` ends
    the session it runs in, and the run goes on with the next one."""
    tokens = []
    with httpx.Client(timeout=30.0) as client:
        for _ in range(count):
            response = client.post(
                graphql_url, json={"query": LOGIN, "variables": {"e": email, "p": DEMO_PASSWORD}}
            )
            payload = response.json()["data"]["login"]
            assert payload["token"], f"login of {email} refused: {payload}"
            tokens.append(payload["token"])
    return tokens


# Queries whose answers give real global IDs of the demo town (harvested as staff, then as
# the parent): generated arguments then name existing objects, not only malformed IDs.
STAFF_ID_QUERIES = (
    "{ families(first: 5) { edges { node { id children { id } guardians { id }"
    " documents { id } bankAccounts { id } } } } }",
    "{ requests(first: 5) { edges { node { id } } } }",
    "{ invoices(first: 5) { edges { node { id } } } }",
    "{ payments(first: 5) { edges { node { id } } } }",
    "{ registrations(first: 5) { edges { node { id } } } }",
    "{ establishments(first: 5) { edges { node { id } } }"
    " activities(first: 10) { edges { node { id slots { id } priceLists { id } } } }"
    " schoolYears { id } }",
    "{ staffAccounts { account { id } } directDebitBatches { id } }",
)
PARENT_ID_QUERIES = (
    "{ viewer { account { id } family { id children { id } guardians { id } } } }",
)


def harvest_ids(graphql_url: str, token: str, queries: tuple[str, ...]) -> set[str]:
    """Every ``id`` the answers to ``queries`` hold."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "id" and isinstance(item, str):
                    found.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    with httpx.Client(timeout=30.0, headers={"Authorization": f"Bearer {token}"}) as client:
        for query in queries:
            answer = client.post(graphql_url, json={"query": query}).json()
            assert "errors" not in answer, (query, answer)
            walk(answer["data"])
    return found


def inspect_response(status_code: int, body: bytes) -> tuple[list[str], list[str]]:
    """What is wrong with one response (an empty list when nothing is), and the codes of
    its errors."""
    problems: list[str] = []
    codes: list[str] = []
    if status_code >= 500:
        problems.append(f"HTTP {status_code}")
    try:
        document: Any = json.loads(body)
    except ValueError:
        problems.append(f"HTTP {status_code}: the body is not JSON: {body[:200]!r}")
        return problems, codes
    if not isinstance(document, dict):
        problems.append(f"HTTP {status_code}: the body is not a JSON object: {body[:200]!r}")
        return problems, codes
    errors = document.get("errors") or []
    if not isinstance(errors, list):
        return [*problems, f"`errors` is not a list: {errors!r}"], codes
    for error in errors:
        extensions = error.get("extensions") if isinstance(error, dict) else None
        code = extensions.get("code") if isinstance(extensions, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
        codes.append(str(code or "NO_CODE"))
        if not code:
            problems.append(f"error without extensions.code: {message!r}")
        elif code == "INTERNAL_SERVER_ERROR":
            problems.append(f"INTERNAL_SERVER_ERROR at {error.get('path')}: {message!r}")
    return problems, codes


@dataclass
class Failure:
    """One response that broke a rule, with what reproduces it."""

    operation: str
    problems: list[str]
    status_code: int
    body: str
    response: str

    def describe(self) -> str:
        return (
            f"{self.operation}: {'; '.join(self.problems)}\n"
            f"  request: {self.body[:600]}\n  response: {self.response[:600]}"
        )


@dataclass
class RoleReport:
    """What the run did as one role."""

    role: str
    operations: set[str] = field(default_factory=set)
    queries: int = 0
    mutations: int = 0
    requests: int = 0
    negative_requests: int = 0
    answered_without_error: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    sessions_used: int = 1
    skipped: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        failing = sorted({failure.operation for failure in self.failures})
        return (
            f"schemathesis [{self.role}]: {len(self.operations)} operations exercised "
            f"({self.queries} queries, {self.mutations} mutations), {self.requests} requests "
            f"({self.negative_requests} with invalid arguments; "
            f"{self.answered_without_error} answered without any error), "
            f"{len(self.failures)} failures"
            + (f" in {', '.join(failing)}" if failing else "")
            + (
                f", {len(self.skipped)} not generated ({', '.join(self.skipped)})"
                if self.skipped
                else ""
            )
            + f", {self.seconds:.1f} s; HTTP statuses {dict(sorted(self.statuses.items()))}; "
            f"error codes {dict(self.codes.most_common())}"
        )
