"""The guide's sections 3 to 5 walked through against a live demo server, in the demo's
current school year (2026-2027): as parents, the planning of a month, a day reserved, a
period with weekdays for two children, an absence, « Mes demandes » with a request's
lines and history, a pending request cancelled; as an agent, the inbox, dates accepted
and refused with a message, a waiting-list promotion and the attendance.

Dates are chosen from the planning relative to the tenant's today (Europe/Paris), so the
walk works on any day of the school year with enough of it left; outside it the test is
skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from seed.demo_town.next_year_data import (
    ATELIER_VIDEO,
    NEXT_YEAR_CLASSES_END,
    NEXT_YEAR_START,
    next_code,
)
from seed.demo_town.town_data import GARDERIE_MATIN, REPAS_LUX
from tests.e2e.conftest import LiveServer
from tests.e2e.test_guide_walkthrough import Client

ELODIE = "elodie.devaille@example.fr"
JULIEN = "julien.roussel@example.fr"
PLANNING = """query($from: Date!, $to: Date!, $children: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children) {
    occurrences { slotId date status statusLabel canReserve canCancel booking
      child { id firstName } activity { id code } } } }"""
RESERVE = """mutation($input: ReservationRequestCreateInput!) {
  reservationRequestCreate(input: $input) {
    request { id reference status } lines { date outcome code message child { firstName } }
    errors { code message } } }"""
ABSENCE = """mutation($input: AbsenceRequestCreateInput!) {
  absenceRequestCreate(input: $input) {
    request { id status } lines { date outcome code message } errors { code message } } }"""
LINES = """lines { id date status statusLabel child { firstName } booking { id status } }"""


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/Paris")).date()


def _planning(client: Client, start: dt.date, days: int, **extra: Any) -> list[dict[str, Any]]:
    end = start + dt.timedelta(days=days)
    data = client(PLANNING, **{"from": start.isoformat(), "to": end.isoformat()}, **extra)
    occurrences: list[dict[str, Any]] = data["planning"]["occurrences"]
    return occurrences


def _free(occurrences: list[dict[str, Any]], code: str, child: str) -> list[dict[str, Any]]:
    return [
        o
        for o in occurrences
        if o["activity"]["code"] == code
        and o["child"]["firstName"] == child
        and o["status"] == "AVAILABLE"
        and o["canReserve"]
    ]


def _request(client: Client, request_id: str) -> dict[str, Any]:
    data = client(
        "query($id: ID!) { node(id: $id) { ... on Request { id reference status statusLabel "
        f"{LINES} history {{ step statusLabel label at }} }} }} }}",
        id=request_id,
    )
    node: dict[str, Any] = data["node"]
    return node


def test_sections_3_to_5_of_the_guide(live_server: LiveServer, http_client: httpx.Client) -> None:
    today = _today()
    if not NEXT_YEAR_START <= today <= NEXT_YEAR_CLASSES_END - dt.timedelta(days=45):
        pytest.skip(f"today ({today}) is not inside the demo's 2026-2027 school year")
    elodie = Client(http_client, live_server.graphql_url)
    julien = Client(http_client, live_server.graphql_url)
    agent = Client(http_client, live_server.graphql_url)
    elodie.login(ELODIE, DEMO_PASSWORD)
    julien.login(JULIEN, DEMO_PASSWORD)
    agent.login(DEMO_STAFF_EMAIL, DEMO_PASSWORD)

    # 3. « Mon planning »: the month of today for the DEVAILLÉ children.
    first = today.replace(day=1)
    month = _planning(elodie, first, 30)
    assert month, "no occurrence in the planning of the month"
    assert {o["child"]["firstName"] for o in month} <= {"Elsa", "Simon", "Georgette"}
    assert all(o["statusLabel"] for o in month)
    ahead = _planning(elodie, today, 90)
    children = {o["child"]["firstName"]: o["child"]["id"] for o in ahead}

    # A day from the planning: one of Simon's meals (auto-accepted), far enough to cancel.
    meals = _free(ahead, next_code(REPAS_LUX), "Simon")
    if len(meals) < 2:
        pytest.skip("not enough of the school year left for Simon's meals")
    meal = meals[len(meals) // 2]
    reserved = elodie(
        RESERVE,
        input={
            "children": [children["Simon"]],
            "activity": meal["activity"]["id"],
            "date": meal["date"],
        },
    )["reservationRequestCreate"]
    assert reserved["errors"] == [], reserved
    assert [line["outcome"] for line in reserved["lines"]] == ["ACCEPTED"]

    # An absence on that day, before the cancellation deadline: free, applied at once.
    absence = elodie(
        ABSENCE,
        input={
            "children": [children["Simon"]],
            "activity": meal["activity"]["id"],
            "date": meal["date"],
            "reason": "Rendez-vous chez l'orthophoniste",
        },
    )["absenceRequestCreate"]
    assert absence["errors"] == [], absence
    assert absence["lines"][0]["outcome"] == "ACCEPTED"
    assert "non facturée" in absence["lines"][0]["message"]

    # A period with weekdays for two children: the video workshop on Wednesdays.
    elsa = {o["date"]: o for o in _free(ahead, ATELIER_VIDEO, "Elsa")}
    georgette = {o["date"]: o for o in _free(ahead, ATELIER_VIDEO, "Georgette")}
    wednesdays = sorted(set(elsa) & set(georgette))[:3]
    if len(wednesdays) < 2:
        pytest.skip("not enough Wednesdays left for the video workshop")
    atelier = elsa[wednesdays[0]]["activity"]["id"]
    period = elodie(
        RESERVE,
        input={
            "children": [children["Elsa"], children["Georgette"]],
            "activity": atelier,
            "dates": {"gte": wednesdays[0], "lte": wednesdays[-1]},
            "weekdays": ["WEDNESDAY"],
            "comment": "Elles adorent le montage !",
        },
    )["reservationRequestCreate"]
    assert period["errors"] == [], period
    created = [line for line in period["lines"] if line["outcome"] == "CREATED"]
    assert len(created) == 2 * len(wednesdays)
    period_id = period["request"]["id"]

    # Julien asks for Lenny on the first of those Wednesdays.
    julien_planning = _planning(julien, today, 90)
    lenny = next(o["child"]["id"] for o in julien_planning if o["child"]["firstName"] == "Lenny")
    wanted = julien(
        RESERVE,
        input={"children": [lenny], "activity": atelier, "date": wednesdays[0]},
    )["reservationRequestCreate"]
    assert wanted["errors"] == [] and wanted["lines"][0]["outcome"] == "CREATED", wanted

    # A pending request cancelled: one of Simon's mornings (staff validation).
    mornings = _free(ahead, next_code(GARDERIE_MATIN), "Simon")
    assert mornings
    morning = elodie(
        RESERVE,
        input={
            "children": [children["Simon"]],
            "activity": mornings[-1]["activity"]["id"],
            "date": mornings[-1]["date"],
        },
    )["reservationRequestCreate"]
    assert morning["errors"] == [] and morning["request"]["status"] == "PENDING", morning
    cancelled = elodie(
        "mutation($r: ID!) { requestCancel(input: {request: $r}) { request { status } "
        "errors { code } } }",
        r=morning["request"]["id"],
    )["requestCancel"]
    assert cancelled == {"request": {"status": "CANCELLED"}, "errors": []}

    # « Mes demandes »: the list, then one request with its lines and history.
    mine = elodie(
        "{ requests(first: 50, where: {stateGroup: IN_PROGRESS}) { totalCount "
        "edges { node { id reference typeLabel statusLabel } } } }"
    )["requests"]
    assert period_id in [edge["node"]["id"] for edge in mine["edges"]]
    opened = _request(elodie, period_id)
    assert len(opened["lines"]) == 2 * len(wednesdays)
    assert {line["statusLabel"] for line in opened["lines"]} == {"En attente"} or all(
        line["status"] == "PENDING" for line in opened["lines"]
    )
    assert opened["history"][0]["step"] == "CREATED"

    # 4–5. The agent's inbox, oldest first: both requests are there.
    inbox = agent(
        "{ requests(first: 100, where: {stateGroup: IN_PROGRESS}, order: OLDEST_FIRST) "
        "{ totalCount edges { node { id reference family { name } } } } }"
    )["requests"]
    waiting = [edge["node"]["id"] for edge in inbox["edges"]]
    assert period_id in waiting and wanted["request"]["id"] in waiting

    # Accept every date but Georgette's last one, refused with a message.
    refused_line = next(
        line
        for line in opened["lines"]
        if line["child"]["firstName"] == "Georgette" and line["date"] == wednesdays[-1]
    )
    others = [line["id"] for line in opened["lines"] if line["id"] != refused_line["id"]]
    accepted = agent(
        "mutation($r: ID!, $l: [ID!]) { requestAccept(input: {request: $r, lines: $l}) "
        "{ lines { status } errors { code message } } }",
        r=period_id,
        l=others,
    )["requestAccept"]
    assert accepted["errors"] == [], accepted
    assert {line["status"] for line in accepted["lines"]} == {"ACCEPTED"}
    refused = agent(
        "mutation($r: ID!, $l: [ID!], $m: String!) { requestRefuse(input: "
        "{request: $r, lines: $l, message: $m}) { request { status } errors { code } } }",
        r=period_id,
        l=[refused_line["id"]],
        m="Atelier réservé aux 6e ce mercredi-là.",
    )["requestRefuse"]
    assert refused == {"request": {"status": "PARTIALLY_ACCEPTED"}, "errors": []}
    decided = _request(elodie, period_id)
    assert decided["history"][-1]["step"] == "DECIDED"

    # Lenny's date: two places, both taken by Elsa and Georgette — the waiting list.
    lenny_request = _request(agent, wanted["request"]["id"])
    on_list = agent(
        f"mutation($r: ID!) {{ requestAccept(input: {{request: $r}}) {{ {LINES} "
        "errors { code } } }",
        r=wanted["request"]["id"],
    )["requestAccept"]
    assert on_list["errors"] == [], on_list
    assert on_list["lines"][0]["status"] == "WAITING_LIST"
    lenny_booking = on_list["lines"][0]["booking"]["id"]
    assert lenny_request["lines"][0]["date"] == wednesdays[0]

    # Georgette will miss that Wednesday: the agent accepts the absence, a place frees,
    # and (this activity does not promote automatically) gives it to Lenny.
    gone = elodie(
        ABSENCE,
        input={"children": [children["Georgette"]], "activity": atelier, "date": wednesdays[0]},
    )["absenceRequestCreate"]
    assert gone["errors"] == [] and gone["lines"][0]["outcome"] == "CREATED", gone
    freed = agent(
        "mutation($r: ID!) { requestAccept(input: {request: $r}) { errors { code } } }",
        r=gone["request"]["id"],
    )["requestAccept"]
    assert freed["errors"] == []
    promoted = agent(
        "mutation($b: ID!) { waitingListPromote(input: {booking: $b}) { booking { status } "
        "errors { code message } } }",
        b=lenny_booking,
    )["waitingListPromote"]
    assert promoted == {"booking": {"status": "RESERVED"}, "errors": []}, promoted

    # Attendance: the agent marks Lenny's last morning up to today.
    past = _planning(agent, today - dt.timedelta(days=40), 40, children=[lenny])
    marked_days = [
        o
        for o in past
        if o["activity"]["code"] == next_code(GARDERIE_MATIN)
        and o["status"] in ("RESERVED", "PRESENT", "ABSENT")
        and o["date"] <= today.isoformat()
    ]
    if not marked_days:
        pytest.skip("no morning of Lenny to mark in the last 40 days (holidays)")
    last = marked_days[-1]
    marked = agent(
        "mutation($s: ID!, $d: Date!, $c: ID!) { attendanceMark(input: {slot: $s, date: $d, "
        "marks: [{child: $c, present: true}]}) { bookings { attendance } errors { code } } }",
        s=last["slotId"],
        d=last["date"],
        c=lenny,
    )["attendanceMark"]
    assert marked == {"bookings": [{"attendance": "PRESENT"}], "errors": []}, marked
