"""schemathesis (GraphQL mode) against a live server, as anonymous, a parent, staff and an
administrator (issue 13 asks for the first three; mutations are the administrators', so the
fourth is the one that gets past the permission checks): every query and mutation field of
the schema, arguments generated from the introspected schema (IDs of the demo's objects or
random strings, dates, enums, input objects, uploads as strings), valid or not
(schemathesis' negative mode: arguments of the wrong type), a few examples each with a
fixed seed. On every response: no 5xx, no ``INTERNAL_SERVER_ERROR``, every error with an
``extensions.code`` (tests/e2e/schemathesis_support.py); and no error in the server's log.

The server is this module's own (generated mutations change its data). The run is bounded:
``CRENEAU_SCHEMATHESIS_EXAMPLES`` examples per operation and role (default 3) and a total
budget of ``CRENEAU_SCHEMATHESIS_BUDGET_S`` seconds (default 60) shared by the roles; an
operation the budget leaves out is reported, not hidden. Run with ``-s`` to see the
counts per role.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import websockets
from websockets.typing import Subprotocol

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402
from schemathesis.graphql import nodes  # noqa: E402

from tests.e2e.conftest import LiveServer  # noqa: E402
from tests.e2e.schemathesis_support import (  # noqa: E402
    PARENT_ID_QUERIES,
    STAFF_ID_QUERIES,
    Failure,
    RoleReport,
    harvest_ids,
    inspect_response,
    login_tokens,
    own_live_server,
)

PARENT_EMAIL = "elodie.devaille@example.fr"
STAFF_EMAIL = "agent@saint-ismier.example"
ADMIN_EMAIL = "admin@saint-ismier.example"
ROLES: tuple[tuple[str, str | None], ...] = (
    ("anonymous", None),
    ("parent", PARENT_EMAIL),
    ("staff", STAFF_EMAIL),
    ("admin", ADMIN_EMAIL),
)
EXAMPLES = int(os.environ.get("CRENEAU_SCHEMATHESIS_EXAMPLES", "3"))
BUDGET_S = float(os.environ.get("CRENEAU_SCHEMATHESIS_BUDGET_S", "60"))
REQUEST_TIMEOUT_S = 30.0
GRAPHQL_TRANSPORT_WS = Subprotocol("graphql-transport-ws")

# An upload travels in a multipart request; in a JSON body it is whatever the client wrote.
schemathesis.graphql.scalar("Upload", st.text(max_size=20).map(nodes.String))


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with own_live_server(tmp_path_factory.mktemp("creneau-schemathesis")) as server:
        yield server


@pytest.fixture(scope="module")
def graphql_schema(fuzzed_server: LiveServer) -> Any:
    """The introspected schema, with IDs drawn from the demo's objects half of the time."""
    url = fuzzed_server.graphql_url
    staff_token = login_tokens(url, STAFF_EMAIL, 1)[0]
    ids = harvest_ids(url, staff_token, STAFF_ID_QUERIES)
    ids |= harvest_ids(url, login_tokens(url, PARENT_EMAIL, 1)[0], PARENT_ID_QUERIES)
    assert len(ids) > 50, ids
    real = st.sampled_from(sorted(ids))
    schemathesis.graphql.scalar("ID", st.one_of(real, st.text(max_size=12)).map(nodes.String))
    # Introspected as staff: in production, anonymous callers may not introspect.
    return schemathesis.graphql.from_url(
        url, headers={"Authorization": f"Bearer {staff_token}"}, timeout=REQUEST_TIMEOUT_S
    )


@pytest.fixture(scope="module")
def run_started() -> float:
    """When the first role started: the budget is shared by the three roles."""
    return time.monotonic()


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz_operation(
    operation: Any,
    report: RoleReport,
    session: requests.Session,
    tokens: list[str],
    deadline: float,
) -> None:
    """Up to EXAMPLES generated cases of one operation, each checked; failures recorded
    (not raised: no shrinking, every operation gets its turn)."""
    is_mutation = operation.label.startswith("Mutation.")

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy() | operation.as_strategy(GenerationMode.NEGATIVE))
    def run(case: Any) -> None:
        if time.monotonic() > deadline:
            return
        headers = {"Authorization": f"Bearer {tokens[0]}"} if tokens else {}
        response = case.call(session=session, headers=headers, timeout=REQUEST_TIMEOUT_S)
        report.requests += 1
        if response.status_code == 401 and len(tokens) > 1:
            # A generated `logout` ended this session: go on with the next one.
            tokens.pop(0)
            report.sessions_used += 1
        if case.meta is not None and case.meta.generation.mode.is_negative:
            report.negative_requests += 1
        problems, codes = inspect_response(response.status_code, response.content)
        report.statuses[response.status_code] += 1
        report.codes.update(codes)
        if response.status_code == 200 and not codes:
            report.answered_without_error += 1
        if problems:
            report.failures.append(
                Failure(
                    operation=operation.label,
                    problems=problems,
                    status_code=response.status_code,
                    body=str(case.body),
                    response=response.text,
                )
            )

    started = report.requests
    run()
    if report.requests > started:
        report.operations.add(operation.label)
        if is_mutation:
            report.mutations += 1
        else:
            report.queries += 1
    else:
        report.skipped.append(operation.label)


@pytest.mark.parametrize(("role", "email"), ROLES, ids=[role for role, _ in ROLES])
def test_schemathesis_graphql(
    role: str,
    email: str | None,
    fuzzed_server: LiveServer,
    graphql_schema: Any,
    run_started: float,
) -> None:
    operations = _operations(graphql_schema)
    assert len(operations) > 50, "introspection gave too few operations"
    # One session per possible `logout` example, and one to spare.
    tokens = login_tokens(fuzzed_server.graphql_url, email, EXAMPLES + 2) if email else []
    report = RoleReport(role=role)
    roles_left = len(ROLES) - [r for r, _ in ROLES].index(role)
    remaining = BUDGET_S - (time.monotonic() - run_started)
    deadline = time.monotonic() + max(remaining / roles_left, 5.0)
    started = time.monotonic()
    with requests.Session() as session:
        for operation in operations:
            _fuzz_operation(operation, report, session, tokens, deadline)
    report.seconds = time.monotonic() - started
    print(report.summary())

    assert fuzzed_server.is_running(), fuzzed_server.log_tail()
    logged = [
        line
        for line in fuzzed_server.stderr().splitlines()
        if line.startswith(("ERROR", "CRITICAL")) or "Traceback" in line
    ]
    assert not logged, "the server logged errors:\n" + fuzzed_server.log_tail(20_000)
    assert not report.failures, (
        f"{report.summary()}\n"
        + "\n".join(failure.describe() for failure in report.failures[:20])
        + f"\n--- server log ---\n{fuzzed_server.log_tail()}"
    )
    assert not report.skipped or time.monotonic() >= deadline, report.summary()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{ collectivity { name }"}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ nope }"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {"query": "query { node(id: 5) { id } } fragment F on Nope { id }"},
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            {"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {"i": 5.5}},
            "BAD_USER_INPUT",
        ),
        ({"query": "query($i: ID!) { node(id: $i) { id } }", "variables": {}}, "BAD_USER_INPUT"),
    ],
)
def test_errors_before_execution_carry_a_code(
    fuzzed_server: LiveServer, body: dict[str, Any], code: str
) -> None:
    """graphql-core gives syntax, validation and variable errors no code; the endpoint does
    (what schemathesis' invalid arguments met first)."""
    response = requests.post(fuzzed_server.graphql_url, json=body, timeout=REQUEST_TIMEOUT_S)
    assert response.status_code == 200, response.text
    errors = response.json()["errors"]
    assert [error["extensions"]["code"] for error in errors] == [code] * len(errors), errors


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=XX"],
    ids=["no-boundary", "garbage"],
)
def test_malformed_multipart_body_carries_a_code(
    fuzzed_server: LiveServer, content_type: str
) -> None:
    response = requests.post(
        fuzzed_server.graphql_url,
        data=b"garbage",
        headers={"content-type": content_type, "x-creneau-csrf": "1"},
        timeout=REQUEST_TIMEOUT_S,
    )
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST", error
    assert error["message"].startswith("Requête multipart invalide"), error


async def _subscribe(url: str, query: str, variables: dict[str, Any]) -> list[Any]:
    """The messages a graphql-transport-ws ``subscribe`` gets until its end, then how the
    socket closed if it did (``("closed", code)``)."""
    received: list[Any] = []
    async with websockets.connect(url, subprotocols=[GRAPHQL_TRANSPORT_WS]) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await socket.recv())["type"] == "connection_ack"
        message = {"query": query, "variables": variables}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": message}))
        try:
            while True:
                received.append(json.loads(await asyncio.wait_for(socket.recv(), 10)))
                if received[-1]["type"] in {"complete", "error"}:
                    break
        except websockets.ConnectionClosed as closed:
            received.append(("closed", closed.rcvd.code if closed.rcvd else None))
    return received


def test_websocket_errors_carry_a_code_and_a_syntax_error_is_no_crash(
    fuzzed_server: LiveServer,
) -> None:
    """Over WebSocket too: a syntax error closes the socket with 4400 (the protocol's
    answer) instead of crashing the operation's task (a traceback in the log, a bare
    ``complete``), and validation and variable errors carry a code."""
    url = fuzzed_server.ws_url
    syntax = asyncio.run(_subscribe(url, "subscription { ", {}))
    assert syntax == [("closed", 4400)], syntax

    [invalid] = asyncio.run(_subscribe(url, "query { nope }", {}))
    assert invalid["type"] == "error", invalid
    assert [e["extensions"]["code"] for e in invalid["payload"]] == ["GRAPHQL_VALIDATION_FAILED"]

    query = "query($i: ID!) { node(id: $i) { id } }"
    result, complete = asyncio.run(_subscribe(url, query, {"i": 1.5}))
    assert complete["type"] == "complete", complete
    codes = [e["extensions"]["code"] for e in result["payload"]["errors"]]
    assert codes == ["BAD_USER_INPUT"], result

    assert "Traceback" not in fuzzed_server.stderr(), fuzzed_server.log_tail()
