"""Justifying a billed absence: the parent uploads a certificate (multipart) within the
activity's delay; staff accept it (the absence becomes free: ABSENT, justified — what
billing reads) or refuse it (it stays billed, another may be sent). Other families and
other tenants get « introuvable »; nothing is stored on a refusal of the input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import GlobalID

from kernel.settings import Settings
from models import Booking, Document, OccurrenceAction
from models.base import utcnow
from models.booking import BookingStatus
from models.occurrence_log import OccurrenceActionKind
from server.app import create_app
from tests import factories
from tests.factories import family as ff
from tests.factories import requests as fr
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
UPLOAD = """mutation($input: AbsenceJustificationUploadInput!) {
  absenceJustificationUpload(input: $input) {
    document { id type status } booking { id status justificationDeadline justification { id } }
    errors { field message code } } }"""
ACCEPT = """mutation($id: ID!) { documentAccept(input: {document: $id}) {
  document { status } errors { code } } }"""
REFUSE = """mutation($id: ID!) { documentRefuse(input: {document: $id, reason: "Illisible"}) {
  document { status } errors { code } } }"""
BOOKING = """query($id: ID!) { node(id: $id) { ... on Booking { status absenceJustified
  justificationDeadline justification { status } } } }"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


def paris_today() -> dt.date:
    return utcnow().astimezone(ZoneInfo("Europe/Paris")).date()


@dataclass
class World:
    http: httpx.AsyncClient
    town: BookingTown
    house: Household
    staff: str
    other_parent: str
    foreign_staff: str
    foreign_slug: str
    documents_dir: Path

    async def upload(
        self, token: str, booking_id: int, *, tenant: str | None = None, content: bytes = PDF
    ) -> dict[str, Any]:
        variables = {"input": {"booking": gid("Booking", booking_id), "file": None}}
        response = await self.http.post(
            f"/{tenant or self.town.tenant.slug}/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": ("certificat.pdf", content, "application/pdf")},
            headers={"x-creneau-csrf": "1", "authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        payload: dict[str, Any] = body["data"]["absenceJustificationUpload"]
        return payload

    async def graphql(self, token: str, query: str, **variables: Any) -> Any:
        response = await self.http.post(
            f"/{self.town.tenant.slug}/graphql",
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {token}"},
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    def stored_files(self) -> list[Path]:
        if not self.documents_dir.exists():
            return []
        return [p for p in self.documents_dir.rglob("*") if p.is_file()]


@pytest.fixture
async def world(session: AsyncSession, database_url: str, tmp_path: Path) -> AsyncIterator[World]:
    tenant = await factories.make_tenant(session)
    town = await make_booking_town(session, tenant, justification_delay_days=2)
    house = await make_household(session, town)
    other = await make_household(session, town)
    _, staff = await ff.make_staff_account_with_token(session, tenant)
    foreign = await factories.make_tenant(session)
    _, foreign_staff = await ff.make_staff_account_with_token(session, foreign)
    await session.commit()
    documents_dir = tmp_path / "documents"
    app = create_app(
        Settings(environment="test", database_url=database_url, documents_dir=documents_dir)
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield World(
            http, town, house, staff, other.token, foreign_staff, foreign.slug, documents_dir
        )
    await app.state.engine.dispose()


async def _absence(
    session: AsyncSession, world: World, days_ago: int, status: BookingStatus
) -> Booking:
    booking = await fr.make_booking(
        session,
        world.house.children[0],
        world.town.slots[1],
        paris_today() - dt.timedelta(days=days_ago),
        status=status,
    )
    await session.commit()
    return booking


async def _kinds(session: AsyncSession, booking: Booking) -> list[OccurrenceActionKind]:
    rows = await session.scalars(
        select(OccurrenceAction.kind)
        .where(OccurrenceAction.child_id == booking.child_id, OccurrenceAction.date == booking.date)
        .order_by(OccurrenceAction.id)
    )
    return list(rows)


async def test_accepted_justification_makes_the_absence_free(
    session: AsyncSession, world: World
) -> None:
    booking = await _absence(session, world, 1, BookingStatus.ABSENT_BILLED)
    sent = await world.upload(world.house.token, booking.id)
    assert sent["errors"] == []
    assert (sent["document"]["type"], sent["document"]["status"]) == (
        "MEDICAL_CERTIFICATE",
        "SUBMITTED",
    )
    assert sent["booking"]["status"] == "ABSENT_BILLED"
    assert sent["booking"]["justification"]["id"] == sent["document"]["id"]
    deadline = paris_today() + dt.timedelta(days=1)
    assert sent["booking"]["justificationDeadline"] == deadline.isoformat()

    again = await world.upload(world.house.token, booking.id)
    assert [e["code"] for e in again["errors"]] == ["ALREADY_SUBMITTED"]
    assert len(world.stored_files()) == 1

    accepted = await world.graphql(world.staff, ACCEPT, id=sent["document"]["id"])
    assert accepted["documentAccept"]["errors"] == []
    await session.refresh(booking)
    assert booking.status is BookingStatus.ABSENT
    assert booking.absence_justified is True
    node = await world.graphql(world.house.token, BOOKING, id=gid("Booking", booking.id))
    assert node["node"]["status"] == "ABSENT" and node["node"]["absenceJustified"] is True
    assert node["node"]["justificationDeadline"] is None
    assert await _kinds(session, booking) == [
        OccurrenceActionKind.JUSTIFICATION_SUBMITTED,
        OccurrenceActionKind.ABSENCE_JUSTIFIED,
    ]


async def test_refused_justification_leaves_the_absence_billed(
    session: AsyncSession, world: World
) -> None:
    booking = await _absence(session, world, 2, BookingStatus.ABSENT_BILLED)
    sent = await world.upload(world.house.token, booking.id)
    refused = await world.graphql(world.staff, REFUSE, id=sent["document"]["id"])
    assert refused["documentRefuse"]["document"]["status"] == "REFUSED"
    await session.refresh(booking)
    assert booking.status is BookingStatus.ABSENT_BILLED
    assert booking.absence_justified is False
    assert booking.justification_document_id is None
    # Still within the delay (the absence's date + 2 days): another one may be sent.
    second = await world.upload(world.house.token, booking.id)
    assert second["errors"] == []
    assert await _kinds(session, booking) == [
        OccurrenceActionKind.JUSTIFICATION_SUBMITTED,
        OccurrenceActionKind.JUSTIFICATION_REFUSED,
        OccurrenceActionKind.JUSTIFICATION_SUBMITTED,
    ]


async def test_what_cannot_be_justified(session: AsyncSession, world: World) -> None:
    late = await _absence(session, world, 3, BookingStatus.ABSENT_BILLED)
    payload = await world.upload(world.house.token, late.id)
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [
        ("DEADLINE_PASSED", ["booking"])
    ]
    assert "Le délai pour justifier cette absence est dépassé" in payload["errors"][0]["message"]
    free = await _absence(session, world, 0, BookingStatus.ABSENT)
    payload = await world.upload(world.house.token, free.id)
    assert [e["code"] for e in payload["errors"]] == ["NOT_BILLED"]
    world.town.activity.justification_accepted = False
    session.add(world.town.activity)
    await session.commit()
    billed = await _absence(session, world, 1, BookingStatus.ABSENT_BILLED)
    payload = await world.upload(world.house.token, billed.id)
    assert [e["code"] for e in payload["errors"]] == ["JUSTIFICATION_NOT_ACCEPTED"]
    assert world.stored_files() == []
    assert await session.scalar(select(func.count()).select_from(Document)) == 0


async def test_nobody_justifies_someone_elses_absence(session: AsyncSession, world: World) -> None:
    booking = await _absence(session, world, 1, BookingStatus.ABSENT_BILLED)
    other = await world.upload(world.other_parent, booking.id)
    assert [e["code"] for e in other["errors"]] == ["NOT_FOUND"]
    foreign = await world.upload(world.foreign_staff, booking.id, tenant=world.foreign_slug)
    assert [e["code"] for e in foreign["errors"]] == ["NOT_FOUND"]
    assert world.stored_files() == []
    assert await session.scalar(select(func.count()).select_from(Document)) == 0
    # Staff of the tenant may file one handed in at the desk.
    desk = await world.upload(world.staff, booking.id)
    assert desk["errors"] == []
