"""Live updates against a real server (uvicorn, SQLite, in-process broker), with real
WebSocket clients: a staff decision reaches the family at once; a client resumes from its
last cursor without gap or duplicate; nobody receives another family's events; the
protocol's refusals (bad token, unknown subprotocol, foreign origin, too many operations).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus

from tests.e2e.conftest import LiveServer
from tests.subscriptions.support import (
    LEGACY_WS,
    OTHER_PARENT,
    PARENT,
    REQUEST_EVENTS,
    STAFF,
    STAFF_INBOX,
    Api,
    WSClient,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "client-examples"


async def settle() -> None:
    """Give the server a moment to register a subscription (the protocol has no ack; a
    subscription without ``after`` starts at the events committed after it)."""
    await asyncio.sleep(1.0)


async def test_staff_accepts_a_request_and_the_parent_sees_it_live(
    live_server: LiveServer,
) -> None:
    parent, staff = Api(live_server.graphql_url, PARENT), Api(live_server.graphql_url, STAFF)
    client = await WSClient.open(live_server.ws_url, parent.token)
    inbox = await WSClient.open(live_server.ws_url, staff.token)
    try:
        op = await client.subscribe(REQUEST_EVENTS)
        inbox_op = await inbox.subscribe(STAFF_INBOX)
        await settle()
        request_id = parent.ask_guardian_change()
        created = (await client.data(op))["requestStatusChanged"]
        assert created["stepLabel"] == "Création de demande"
        assert created["request"]["id"] == request_id
        arrived = (await inbox.data(inbox_op))["staffInbox"]
        assert (arrived["step"], arrived["request"]["id"]) == ("CREATED", request_id)

        started = time.perf_counter()
        staff.accept(request_id)
        decided = (await client.data(op))["requestStatusChanged"]
        latency = time.perf_counter() - started
        assert decided["statusLabel"] == "Acceptée"
        assert decided["status"] == "ACCEPTED"
        assert decided["request"] == {"id": request_id, "statusLabel": "Acceptée"}
        assert decided["cursor"] != created["cursor"]
        assert latency < 5
        assert (await inbox.data(inbox_op))["staffInbox"]["step"] == "DECIDED"
    finally:
        await client.close()
        await inbox.close()


async def test_a_client_resumes_from_its_last_cursor_without_gap_or_duplicate(
    live_server: LiveServer,
) -> None:
    parent, staff = Api(live_server.graphql_url, PARENT), Api(live_server.graphql_url, STAFF)
    client = await WSClient.open(live_server.ws_url, parent.token)
    op = await client.subscribe(REQUEST_EVENTS)
    await settle()
    first = parent.ask_guardian_change()
    seen = (await client.data(op))["requestStatusChanged"]
    assert seen["request"]["id"] == first
    await client.close()

    # Offline: the request is decided and another one made.
    staff.accept(first)
    second = parent.ask_guardian_change()

    client = await WSClient.open(live_server.ws_url, parent.token)
    try:
        op = await client.subscribe(REQUEST_EVENTS, after=seen["cursor"])
        replayed = [(await client.data(op))["requestStatusChanged"] for _ in range(2)]
        assert [(e["request"]["id"], e["statusLabel"]) for e in replayed] == [
            (first, "Acceptée"),
            (second, "En cours d'instruction"),
        ]
        staff.accept(second)
        live = (await client.data(op))["requestStatusChanged"]
        assert (live["request"]["id"], live["statusLabel"]) == (second, "Acceptée")
        assert len({seen["cursor"], *(e["cursor"] for e in replayed), live["cursor"]}) == 4
        assert await client.silent(op, 1.0)
    finally:
        await client.close()


async def test_another_family_receives_nothing(live_server: LiveServer) -> None:
    parent, staff = Api(live_server.graphql_url, PARENT), Api(live_server.graphql_url, STAFF)
    other = Api(live_server.graphql_url, OTHER_PARENT)
    client = await WSClient.open(live_server.ws_url, other.token)
    try:
        op = await client.subscribe(REQUEST_EVENTS)
        await settle()
        staff.accept(parent.ask_guardian_change())
        assert await client.silent(op, 1.5)
        # A parent may not follow the staff's inbox.
        inbox = await client.subscribe(STAFF_INBOX)
        message = await client.next(inbox)
        assert message["type"] in ("error", "next"), message
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "FORBIDDEN"
    finally:
        await client.close()


async def test_an_invalid_token_is_refused_at_connection_init(live_server: LiveServer) -> None:
    client = await WSClient.open(live_server.ws_url, init=False)
    await client.send({"type": "connection_init", "payload": {"authToken": "forged"}})
    assert await client.close_code() == 4403


async def test_an_anonymous_subscription_is_refused(live_server: LiveServer) -> None:
    client = await WSClient.open(live_server.ws_url)
    try:
        op = await client.subscribe(REQUEST_EVENTS)
        message = await client.next(op)
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
    finally:
        await client.close()


async def test_the_legacy_protocol_is_off_by_default(live_server: LiveServer) -> None:
    client = await WSClient.open(live_server.ws_url, protocol=LEGACY_WS, init=False)
    assert await client.close_code() == 4406


async def test_a_foreign_origin_is_refused(live_server: LiveServer) -> None:
    with pytest.raises(InvalidStatus) as refused:
        await WSClient.open(live_server.ws_url, origin="https://evil.example")
    assert refused.value.response.status_code == 403


async def test_operations_per_connection_are_capped(live_server: LiveServer) -> None:
    parent = Api(live_server.graphql_url, PARENT)
    client = await WSClient.open(live_server.ws_url, parent.token)
    try:
        for _ in range(20):
            await client.subscribe(REQUEST_EVENTS)
        extra = await client.subscribe(REQUEST_EVENTS)
        message = await client.next(extra)
        assert message["type"] == "error"
        assert "limit" in message["payload"][0]["message"]
    finally:
        await client.close()


def test_the_python_example_prints_each_status_change(live_server: LiveServer) -> None:
    """client-examples/python/subscribe_requests.py, while staff accept a request."""
    parent, staff = Api(live_server.graphql_url, PARENT), Api(live_server.graphql_url, STAFF)
    example = subprocess.Popen(
        [
            sys.executable,
            str(EXAMPLES / "python" / "subscribe_requests.py"),
            live_server.base_url,
            "--count",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert example.stdout is not None
        assert "Abonné" in example.stdout.readline()
        request_id = parent.ask_guardian_change()
        staff.accept(request_id)
        out, err = example.communicate(timeout=30)
    finally:
        if example.poll() is None:
            example.kill()
    assert example.returncode == 0, err
    lines = out.splitlines()
    assert "Modification du responsable" in lines[0]
    assert "Création de demande — En cours d'instruction" in lines[0]
    assert "Acceptée" in lines[1]
    assert "curseur" in lines[1]


PLANNING = """
subscription($children: [ID!]) {
  planningChanged(childIds: $children) {
    cursor date statusLabel child { id } booking { id date } requestLine { id }
  }
}
"""
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id status } errors { code message } } }"""


async def test_a_reservation_shows_on_the_planning_subscription(live_server: LiveServer) -> None:
    parent = Api(live_server.graphql_url, PARENT)
    today = dt.date.today()
    planning = parent(
        """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
             occurrences { date canReserve child { id } activity { id } } } }""",
        **{"from": (today + dt.timedelta(days=10)).isoformat()},
        to=(today + dt.timedelta(days=60)).isoformat(),
    )["planning"]["occurrences"]
    free = [o for o in planning if o["canReserve"]]
    if not free:
        pytest.skip("no reservable date in the demo planning")
    chosen = free[-1]
    child_id = chosen["child"]["id"]
    client = await WSClient.open(live_server.ws_url, parent.token)
    try:
        op = await client.subscribe(PLANNING, children=[child_id])
        await settle()
        asked = parent(
            RESERVE,
            input={
                "children": [child_id],
                "activity": chosen["activity"]["id"],
                "date": chosen["date"],
            },
        )["reservationRequestCreate"]
        assert asked["errors"] == [], asked
        if asked["request"]["status"] != "ACCEPTED":  # not accepted automatically
            staff = Api(live_server.graphql_url, STAFF)
            decided = staff(
                "mutation($r: ID!) { requestAccept(input: {request: $r}) { errors { message } } }",
                r=asked["request"]["id"],
            )["requestAccept"]
            assert decided["errors"] == [], decided
        event = (await client.data(op))["planningChanged"]
        assert event["child"]["id"] == child_id
        assert event["date"] == chosen["date"]
        assert event["booking"] is not None or event["requestLine"] is not None
    finally:
        await client.close()
    # Someone else's child cannot be followed.
    other = Api(live_server.graphql_url, OTHER_PARENT)
    client = await WSClient.open(live_server.ws_url, other.token)
    try:
        op = await client.subscribe(PLANNING, children=[child_id])
        message = await client.next(op)
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    finally:
        await client.close()


LINE_EVENTS = """
subscription($after: String) {
  requestStatusChanged(after: $after) {
    step status statusLabel request { id }
    lines { date status statusLabel child { id } requestLine { id status } }
  }
}
"""
RESERVE_LINES = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id status lines { id date } } errors { code message } } }"""


async def test_each_decided_date_says_what_was_decided_on_it(live_server: LiveServer) -> None:
    """Issue 15: a date decided while the request stays « En cours d'instruction » says on
    the parent's event what was decided on it (accepted, then refused), not the request's
    status only."""
    parent, staff = Api(live_server.graphql_url, PARENT), Api(live_server.graphql_url, STAFF)
    today = dt.date.today()
    planning = parent(
        """query($from: Date!, $to: Date!) { planning(range: {gte: $from, lte: $to}) {
             occurrences { date canReserve child { id }
                           activity { id rules { autoAccept } } } } }""",
        **{"from": (today + dt.timedelta(days=10)).isoformat()},
        to=(today + dt.timedelta(days=60)).isoformat(),
    )["planning"]["occurrences"]
    by_child_activity: dict[tuple[str, str], list[str]] = {}
    for o in planning:
        if o["canReserve"] and not o["activity"]["rules"]["autoAccept"]:
            key = (o["child"]["id"], o["activity"]["id"])
            by_child_activity.setdefault(key, []).append(o["date"])
    pairs = [(key, dates) for key, dates in by_child_activity.items() if len(set(dates)) >= 2]
    if not pairs:
        pytest.skip("no two reservable dates validated by staff in the demo planning")
    (child_id, activity_id), dates = pairs[-1]
    first, second = sorted(set(dates))[-2:]
    client = await WSClient.open(live_server.ws_url, parent.token)
    try:
        op = await client.subscribe(LINE_EVENTS)
        await settle()
        asked = parent(
            RESERVE_LINES,
            input={
                "children": [child_id],
                "activity": activity_id,
                "dates": {"gte": first, "lte": second},
                "weekdays": [
                    ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"][
                        dt.date.fromisoformat(day).weekday()
                    ]
                    for day in (first, second)
                ],
            },
        )["reservationRequestCreate"]
        assert asked["errors"] == [], asked
        request = asked["request"]
        by_date: dict[str, list[str]] = {}
        for line in request["lines"]:
            by_date.setdefault(line["date"], []).append(line["id"])
        assert {first, second} <= set(by_date), request
        created = (await client.data(op))["requestStatusChanged"]
        assert (created["step"], created["lines"]) == ("CREATED", [])

        accepted = staff(
            "mutation($r: ID!, $l: [ID!]) { requestAccept(input: {request: $r, lines: $l}) "
            "{ errors { message } } }",
            r=request["id"],
            l=by_date[first],
        )["requestAccept"]
        assert accepted["errors"] == [], accepted
        for _ in by_date[first]:
            event = (await client.data(op))["requestStatusChanged"]
            assert event["step"] == "LINE_DECIDED" and event["request"]["id"] == request["id"]
            # The request is still being processed; the date says it was accepted.
            assert event["statusLabel"] == "En cours d'instruction"
            [decided] = event["lines"]
            assert (decided["date"], decided["status"], decided["statusLabel"]) == (
                first,
                "ACCEPTED",
                "Acceptée",
            )
            assert decided["child"]["id"] == child_id
            assert decided["requestLine"]["id"] in by_date[first]
            assert decided["requestLine"]["status"] == "ACCEPTED"

        others = [lid for day, ids in by_date.items() if day != first for lid in ids]
        refused = staff(
            "mutation($r: ID!, $l: [ID!]) { requestRefuse(input: {request: $r, lines: $l, "
            'message: "Plus de place ce jour-là."}) { errors { message } } }',
            r=request["id"],
            l=others,
        )["requestRefuse"]
        assert refused["errors"] == [], refused
        steps: list[dict[str, Any]] = []
        while not steps or steps[-1]["step"] != "DECIDED":
            steps.append((await client.data(op))["requestStatusChanged"])
        refusals = [line for step in steps for line in step["lines"]]
        assert len(refusals) == len(others)
        assert {(line["status"], line["statusLabel"]) for line in refusals} == {
            ("REFUSED", "Refusée")
        }
        assert steps[-1]["statusLabel"] == "Partiellement acceptée"
    finally:
        await client.close()
