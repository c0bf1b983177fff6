"""The iCalendar export of a child's planning on the demo town: Lenny's week of 5–9
January 2026 as events a phone calendar can import, and who may fetch it."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import icalendar
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain import accounts
from domain.accounts import IssuedSession
from models.account import Role
from models.base import utcnow
from models.engine import create_session_factory
from seed.demo_town import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_demo_town
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
WEEK = {"from": "2026-01-05", "to": "2026-01-09"}


async def _login(http: httpx.AsyncClient, email: str) -> str:
    response = await http.post(
        "/saint-ismier/graphql",
        json={
            "query": "mutation($e: String!, $p: String!) "
            "{ login(input: {email: $e, password: $p}) { token } }",
            "variables": {"e": email, "p": DEMO_PASSWORD},
        },
    )
    token: str = response.json()["data"]["login"]["token"]
    return token


async def _lenny(http: httpx.AsyncClient, token: str) -> str:
    response = await http.post(
        "/saint-ismier/graphql",
        json={"query": "{ viewer { family { children { id firstName } } } }"},
        headers={"authorization": f"Bearer {token}"},
    )
    children = response.json()["data"]["viewer"]["family"]["children"]
    child_id: str = next(c["id"] for c in children if c["firstName"] == "Lenny")
    return child_id


async def _fetch(
    http: httpx.AsyncClient,
    child_id: str,
    token: str | None,
    params: dict[str, str] | None = None,
    tenant: str = "saint-ismier",
) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return await http.get(
        f"/{tenant}/children/{child_id}/planning.ics",
        params=WEEK if params is None else params,
        headers=headers,
    )


@pytest.fixture
async def demo(
    engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> httpx.AsyncClient:
    await load_demo_town(create_session_factory(engine))
    return app_http[0]


def _events(body: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


async def test_lennys_week_as_calendar_events(demo: httpx.AsyncClient) -> None:
    julien = await _login(demo, "julien.roussel@example.fr")
    lenny = await _lenny(demo, julien)
    response = await _fetch(demo, lenny, julien)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert 'filename="planning-Lenny.ics"' in response.headers["content-disposition"]

    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]).startswith("Planning de Lenny – ")
    events = _events(response.content)
    assert events
    by_summary: dict[str, list[Any]] = {}
    for event in events:
        by_summary.setdefault(str(event["SUMMARY"]), []).append(event)
    mornings = by_summary["Garderie Matin – Lenny"]
    monday = next(e for e in mornings if e.decoded("DTSTART").date() == dt.date(2026, 1, 5))
    start, end = monday.decoded("DTSTART"), monday.decoded("DTEND")
    assert start == dt.datetime(2026, 1, 5, 7, 30, tzinfo=PARIS)
    assert end == dt.datetime(2026, 1, 5, 8, 5, tzinfo=PARIS)
    assert str(start.tzinfo) == "Europe/Paris"
    assert monday["DTSTART"].params["TZID"] == "Europe/Paris"
    assert "Annulation possible jusqu'au" in str(monday["DESCRIPTION"])

    for event in events:
        day = event.decoded("DTSTART").date()
        assert dt.date(2026, 1, 5) <= day <= dt.date(2026, 1, 9)
        assert str(event["SUMMARY"]).endswith(" – Lenny")
        assert str(event["STATUS"]) in {"CONFIRMED", "TENTATIVE"}
        description = str(event["DESCRIPTION"])
        # Only what the child attends or waits for: never a free or absent occurrence.
        assert not description.startswith(("Disponible", "Enfant absent", "Absence facturée"))
        if description.startswith(("Demande en attente", "Enfant en liste")):
            assert str(event["STATUS"]) == "TENTATIVE"
        else:
            assert str(event["STATUS"]) == "CONFIRMED"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(uid.startswith("saint-ismier-") and uid.endswith("@creneau") for uid in uids)
    # The timezone is described in the file, so any client can place the events.
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]

    # Stable identifiers: fetching again gives the same events.
    again = _events((await _fetch(demo, lenny, julien)).content)
    assert [str(e["UID"]) for e in again] == uids


async def test_only_the_family_and_the_staff_of_the_tenant(
    demo: httpx.AsyncClient, session: AsyncSession
) -> None:
    julien = await _login(demo, "julien.roussel@example.fr")
    lenny = await _lenny(demo, julien)

    anonymous = await _fetch(demo, lenny, None)
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert (await _fetch(demo, lenny, "not-a-token")).status_code == 401

    elodie = await _login(demo, "elodie.devaille@example.fr")
    spying = await _fetch(demo, lenny, elodie)
    assert spying.status_code == 404
    assert spying.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    # Same answer as a child that does not exist, or an ID of another type.
    assert (await _fetch(demo, "Q2hpbGQ6OTk5OTk5", elodie)).status_code == 404
    assert (await _fetch(demo, "garbage", elodie)).status_code == 404

    agent = await _login(demo, DEMO_STAFF_EMAIL)
    seen = await _fetch(demo, lenny, agent)
    assert seen.status_code == 200
    assert _events(seen.content)

    # A token of another tenant is refused outright on this tenant's endpoint...
    foreign = await factories.make_tenant(session)
    await accounts.create_active_account(
        session,
        tenant_id=foreign.id,
        email="agent@ailleurs.fr",
        password=DEMO_PASSWORD,
        role=Role.STAFF,
        first_name="Camille",
        last_name="Martin",
        now=utcnow(),
    )
    issued = await accounts.login(
        session,
        tenant_id=foreign.id,
        email="agent@ailleurs.fr",
        password=DEMO_PASSWORD,
        remote_address=None,
        user_agent=None,
        now=utcnow(),
    )
    assert isinstance(issued, IssuedSession)
    await session.commit()
    assert (await _fetch(demo, lenny, issued.token)).status_code == 403
    # ... and Lenny does not exist on the other tenant's endpoint.
    elsewhere = await _fetch(demo, lenny, issued.token, tenant=foreign.slug)
    assert elsewhere.status_code == 404


async def test_range_is_bounded_and_checked(demo: httpx.AsyncClient) -> None:
    julien = await _login(demo, "julien.roussel@example.fr")
    lenny = await _lenny(demo, julien)
    too_long = await _fetch(demo, lenny, julien, {"from": "2025-09-01", "to": "2026-06-30"})
    assert too_long.status_code == 400
    assert "93 jours" in too_long.json()["errors"][0]["message"]
    reversed_ = await _fetch(demo, lenny, julien, {"from": "2026-01-09", "to": "2026-01-05"})
    assert reversed_.status_code == 400
    malformed = await _fetch(demo, lenny, julien, {"from": "05/01/2026"})
    assert malformed.status_code == 400
    longest = await _fetch(demo, lenny, julien, {"from": "2026-01-01", "to": "2026-04-03"})
    assert longest.status_code == 200
    # Default range: from today, three months ahead (a valid, possibly empty, calendar).
    default = await _fetch(demo, lenny, julien, {})
    assert default.status_code == 200
    assert icalendar.Calendar.from_ical(default.content)["X-WR-CALNAME"]
