"""A new town set up from nothing, with only the ``creneau`` command and the GraphQL API.

No SQL and no demo code: a fresh database is migrated, ``creneau tenant create`` makes the
collectivity and invites its first administrator by mail (a real SMTP server, aiosmtpd,
receives every mail the running server sends), and from then on everything goes through a
real uvicorn server — settings, a staff member, an establishment, a school year with its
official holidays imported, an activity with its rules, slots and prices, a family that
registers and is validated, a reservation, an attendance, a billing run, and a strike
that cancels the reserved day and tells the family. The parent's planning shows it all.

The months come from the real clock: attendance is marked in the last month that is over
and billed; the reservation is for a day at least a week ahead. In August and September
the last month over is outside the school year, so the test says so and skips.
"""

from __future__ import annotations

import datetime as dt
import email
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller

from tests.e2e.conftest import (
    HOST,
    REPO_ROOT,
    LiveServer,
    _free_port,
    _run_cli_step,
    _server_env,
    _start_server,
    _stop,
    _wait_healthy,
)

SLUG = "crolles"
ADMIN = "direction.enfance@crolles.example"
AGENT = "periscolaire@crolles.example"
PARENT = "claire.morel@example.fr"
PASSWORD = "Un mot de passe solide 2026 !"
MAIL_TIMEOUT_S = 20.0


class Mailbox:
    """An aiosmtpd handler keeping every message the server delivers."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, recipient: str, subject_part: str = "") -> EmailMessage:
        """The first message to ``recipient`` whose subject contains ``subject_part``."""
        deadline = time.monotonic() + MAIL_TIMEOUT_S
        while time.monotonic() < deadline:
            for message in list(self.messages):
                if recipient in str(message["To"]) and subject_part in str(message["Subject"]):
                    return message
            time.sleep(0.1)
        subjects = [(str(m["To"]), str(m["Subject"])) for m in self.messages]
        raise AssertionError(f"no mail to {recipient} ({subject_part!r}) in {subjects}")


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _token(message: EmailMessage, page: str) -> str:
    found = re.search(rf"/{page}\?token=([\w-]+)", _text(message))
    assert found is not None, _text(message)
    return found.group(1)


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    controller = Controller(box, hostname=HOST, port=_free_port())
    controller.start()
    box.port = controller.port  # type: ignore[attr-defined]
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def empty_server(
    tmp_path_factory: pytest.TempPathFactory, mailbox: Mailbox
) -> Iterator[LiveServer]:
    """A migrated database with no collectivity at all, served with mail over SMTP."""
    var_dir = tmp_path_factory.mktemp("town-from-nothing")
    env = _server_env(var_dir)
    env["CRENEAU_MAIL_BACKEND"] = "smtp"
    env["CRENEAU_SMTP_HOST"] = HOST
    env["CRENEAU_SMTP_PORT"] = str(mailbox.port)  # type: ignore[attr-defined]
    env["CRENEAU_MAIL_POLL_SECONDS"] = "0.2"
    _run_cli_step(["migrate"], env)
    created = subprocess.run(
        [
            sys.executable,
            *("-m", "server.cli", "tenant", "create", "--slug", SLUG),
            *("--name", "Mairie de Crolles", "--service-name", "Le service enfance"),
            *("--school-zone", "A", "--mail-from", "nepasrepondre@crolles.example"),
            *("--admin-email", ADMIN, "--admin-first-name", "Anne"),
            *("--admin-last-name", "Durand", "--admin-civility", "MADAME"),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    assert SLUG in created.stdout
    server = _start_server(var_dir, env, 1)
    problem = _wait_healthy(server)
    if problem:
        _stop(server.process)
        pytest.fail(f"server did not start: {problem}\n{server.log_tail()}", pytrace=False)
    try:
        yield server
    finally:
        _stop(server.process)


class Api:
    """GraphQL over HTTP as one account: every call must answer without top-level errors."""

    def __init__(self, server: LiveServer, token: str | None = None) -> None:
        self.server = server
        self.url = server.graphql_url_for(SLUG)
        self.token = token

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        headers = {"authorization": f"Bearer {self.token}"} if self.token else {}
        response = httpx.post(
            self.url, json={"query": query, "variables": variables}, headers=headers, timeout=30
        )
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), body
        return dict(body["data"])

    def mutate(
        self, mutation: str, input_type: str, selection: str, /, **input_: Any
    ) -> dict[str, Any]:
        """Run ``mutation`` with ``input_``; its payload must carry no errors."""
        data = self(
            f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
            f"{{ {selection} errors {{ code message }} }} }}",
            input=input_,
        )[mutation]
        assert data["errors"] == [], data
        return dict(data)

    def login(self, email_address: str) -> Api:
        """The same API as the account ``email_address`` (logged in with PASSWORD)."""
        token = self.mutate("login", "LoginInput", "token", email=email_address, password=PASSWORD)[
            "token"
        ]
        return Api(self.server, str(token))


def _school_year(today: dt.date) -> tuple[str, dt.date, dt.date]:
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}-{first + 1}", dt.date(first, 9, 1), dt.date(first + 1, 7, 3)


def _last_month_over(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def test_a_town_is_set_up_and_run_from_nothing(empty_server: LiveServer, mailbox: Mailbox) -> None:
    started = time.monotonic()
    today = dt.date.today()
    billed_month = _last_month_over(today)
    label, year_start, year_end = _school_year(today)
    if not year_start <= billed_month:
        pytest.skip(f"{billed_month:%Y-%m} is not a month of the {label} school year")
    anonymous = Api(empty_server)

    # The first administrator was invited by the command: they choose their password.
    invitation = mailbox.wait_for(ADMIN)
    anonymous.mutate(
        "staffInvitationAccept",
        "StaffInvitationAcceptInput",
        "__typename",
        token=_token(invitation, "invitation"),
        password=PASSWORD,
    )
    admin = anonymous.login(ADMIN)

    settings = admin.mutate(
        "collectivitySettingsUpdate",
        "CollectivitySettingsUpdateInput",
        "settings { contactEmail portalUrl sepaCreditor { name } }",
        contactEmail="enfance@crolles.example",
        contactPhone="04 76 08 04 54",
        postalAddress="Place de la Mairie, 38920 Crolles",
        portalUrl="https://famille.crolles.example",
        sepaCreditor={
            "name": "Mairie de Crolles",
            "creditorId": "FR72ZZZ123456",
            "iban": "FR7630001007941234567890185",
            "bic": "BDFEFRPPCCT",
        },
    )["settings"]
    assert settings["sepaCreditor"]["name"] == "Mairie de Crolles"

    # The catalogue: a school, the school year with its official calendar, an activity.
    school = admin.mutate(
        "establishmentCreate",
        "EstablishmentCreateInput",
        "establishment { id name }",
        code="ECOLE-BRESSON",
        name="École Paul Bresson",
        kind="ELEMENTARY_SCHOOL",
        city="Crolles",
    )["establishment"]["id"]
    year = admin.mutate(
        "schoolYearCreate",
        "SchoolYearCreateInput",
        "schoolYear { id label }",
        label=label,
        startDate=year_start.isoformat(),
        endDate=year_end.isoformat(),
    )["schoolYear"]["id"]
    calendar = admin(
        "query($r: DateRangeInput!) { calendar(range: $r) { periods { kind label } } }",
        r={"gte": year_start.isoformat(), "lte": year_end.isoformat()},
    )["calendar"]["periods"]
    labels = {p["label"] for p in calendar}
    assert any("Toussaint" in label for label in labels), labels
    assert any("Noël" in label for label in labels), labels
    assert any(p["kind"] == "PUBLIC_HOLIDAY" for p in calendar), calendar

    activity = admin.mutate(
        "activityCreate",
        "ActivityCreateInput",
        "activity { id name }",
        establishment=school,
        schoolYear=year,
        code="SOIR-BRESSON",
        name="Garderie du soir",
        category="EVENING_CARE",
        rules={"capacity": 24, "waitingListEnabled": True, "autoAccept": False},
    )["activity"]["id"]
    slots = [
        admin.mutate(
            "slotCreate",
            "SlotCreateInput",
            "slot { id }",
            activity=activity,
            weekday=weekday,
            startTime="16:30:00",
            endTime="18:30:00",
        )["slot"]["id"]
        for weekday in ("MONDAY", "TUESDAY", "THURSDAY", "FRIDAY")
    ]
    admin.mutate(
        "priceListCreate",
        "PriceListCreateInput",
        "priceList { id }",
        activity=activity,
        validFrom=year_start.isoformat(),
        mode="FLAT",
        flatPriceCents=250,
    )

    # A staff member, invited by the administrator, limited to the school.
    admin.mutate(
        "staffInvite",
        "StaffInviteInput",
        "staffAccount { account { email } }",
        email=AGENT,
        firstName="Marc",
        lastName="Petit",
        role="STAFF",
        establishments=[school],
    )
    anonymous.mutate(
        "staffInvitationAccept",
        "StaffInvitationAcceptInput",
        "__typename",
        token=_token(mailbox.wait_for(AGENT), "invitation"),
        password=PASSWORD,
    )
    agent = anonymous.login(AGENT)

    # A family registers on the portal and the agent validates its file.
    anonymous.mutate(
        "accountCreate",
        "AccountCreateInput",
        "__typename",
        email=PARENT,
        password=PASSWORD,
        civility="MADAME",
        firstName="Claire",
        lastName="Morel",
    )
    anonymous.mutate(
        "accountActivate",
        "AccountActivateInput",
        "__typename",
        token=_token(mailbox.wait_for(PARENT), "activation"),
    )
    parent = anonymous.login(PARENT)
    family = parent.mutate(
        "familyRegistrationSubmit",
        "FamilyRegistrationSubmitInput",
        "family { id }",
        guardian1={
            "civility": "MADAME",
            "firstName": "Claire",
            "lastName": "Morel",
            "relationship": "MERE",
            "maritalStatus": "CELIBATAIRE",
            "mobilePhone": "06 12 34 56 78",
            "email": PARENT,
            "address": {
                "line1": "12 rue des Sources",
                "postalCode": "38920",
                "city": "Crolles",
                "country": "FR",
            },
        },
        communication={
            "acceptsEmail": True,
            "acceptsSms": False,
            "acceptsPost": False,
            "paperInvoice": False,
            "reminderByEmail": True,
            "reminderBySms": False,
            "reminderByPost": False,
        },
        directDebit=False,
        children=[
            {
                "firstName": "Léo",
                "lastName": "Morel",
                "birthDate": dt.date(year_start.year - 8, 3, 14).isoformat(),
                "sex": "M",
                "school": school,
                "grade": "CE2",
            }
        ],
        registrations=[{"child": 0, "activity": activity}],
    )["family"]["id"]
    agent.mutate("familyValidate", "FamilyValidateInput", "family { status }", family=family)
    child = parent("{ viewer { family { children { id firstName } } } }")["viewer"]["family"][
        "children"
    ][0]["id"]

    # A reservation at least a week ahead, accepted by the agent.
    horizon = {
        "gte": (today + dt.timedelta(days=7)).isoformat(),
        "lte": (today + dt.timedelta(days=60)).isoformat(),
    }
    planning_query = """query($r: DateRangeInput!) { planning(range: $r) {
        occurrences { date slotId status canReserve } } }"""
    open_days = [
        o for o in parent(planning_query, r=horizon)["planning"]["occurrences"] if o["canReserve"]
    ]
    assert open_days, "no day to reserve in the next two months"
    booked_day = open_days[0]["date"]
    request = parent.mutate(
        "reservationRequestCreate",
        "ReservationRequestCreateInput",
        "request { id }",
        children=[child],
        activity=activity,
        date=booked_day,
    )["request"]["id"]
    agent.mutate("requestAccept", "RequestAcceptInput", "request { status }", request=request)
    statuses = {
        o["date"]: o["status"] for o in parent(planning_query, r=horizon)["planning"]["occurrences"]
    }
    assert statuses[booked_day] == "RESERVED"

    # Attendance in the last month over: the child came without a booking; it is billed.
    month_range = {
        "gte": billed_month.isoformat(),
        "lte": (today.replace(day=1) - dt.timedelta(days=1)).isoformat(),
    }
    school_days = [
        d["date"]
        for d in admin(
            "query($r: DateRangeInput!) { calendar(range: $r) "
            "{ days { date isSchoolDay isClosed } } }",
            r=month_range,
        )["calendar"]["days"]
        if d["isSchoolDay"]
        and not d["isClosed"]
        and dt.date.fromisoformat(d["date"]).isoweekday() == 1
    ]
    assert school_days, month_range
    agent.mutate(
        "attendanceMark",
        "AttendanceMarkInput",
        "__typename",
        slot=slots[0],
        date=school_days[0],
        marks=[{"child": child, "present": True}],
    )
    run = admin.mutate(
        "billingRun",
        "BillingRunInput",
        "invoiceCount totalCents",
        month=f"{billed_month:%Y-%m}",
    )
    assert run["invoiceCount"] == 1 and run["totalCents"] >= 250, run
    invoices = parent("{ invoices(first: 10) { edges { node { totalCents lines { label } } } } }")
    assert len(invoices["invoices"]["edges"]) == 1

    # A strike on the reserved day: the booking is cancelled free and the family told.
    strike = admin.mutate(
        "calendarPeriodCreate",
        "CalendarPeriodCreateInput",
        "bookingsCancelled familiesNotified",
        schoolYear=year,
        kind="STRIKE",
        label="Grève du personnel périscolaire",
        startDate=booked_day,
        endDate=booked_day,
    )
    assert strike == {"bookingsCancelled": 1, "familiesNotified": 1, "errors": []}
    closure_mail = _text(mailbox.wait_for(PARENT, "Journée fermée"))
    assert "Grève du personnel périscolaire" in closure_mail
    assert "Léo" in closure_mail and "ne vous seront pas facturées" in closure_mail
    after = {
        o["date"]: o["status"] for o in parent(planning_query, r=horizon)["planning"]["occurrences"]
    }
    assert after.get(booked_day) != "RESERVED", after.get(booked_day)
    closed = parent(
        "query($r: DateRangeInput!) { calendar(range: $r) { days { isClosed labels } } }",
        r={"gte": booked_day, "lte": booked_day},
    )["calendar"]["days"]
    assert closed == [{"isClosed": True, "labels": ["Grève du personnel périscolaire"]}], closed

    # The administrator can read who did all this.
    trail = admin("{ auditEntries(first: 100) { edges { node { action } } } }")
    actions = {edge["node"]["action"] for edge in trail["auditEntries"]["edges"]}
    assert {"establishment.created", "slot.created"} <= actions, actions
    elapsed = time.monotonic() - started
    print(f"town from nothing: {elapsed:.1f} s through the API after the CLI")
    assert Path(empty_server.var_dir).exists()
