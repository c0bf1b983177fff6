"""Family documents over HTTP: real GraphQL multipart uploads through the ASGI app, the
CSRF header, size and type checks, downloads with their access rules, staff review."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import GlobalID

from domain import accounts
from domain.accounts import IssuedSession
from kernel.settings import Settings
from models import Child, Document, Family, Guardian, Tenant
from models.account import Civility, Role
from models.child import Sex
from server.app import create_app
from server.document_download import content_disposition
from tests import factories
from tests.support.graphql_client import StatementCounter

NOW = dt.datetime.now(dt.UTC)
PASSWORD = "Mercredi-2026!"
MAX_UPLOAD = 4096
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run"
TEXT = "Ceci n'est pas un PDF : c'est du texte, renommé « RIB.pdf ».".encode()

UPLOAD = """mutation($input: DocumentUploadInput!) {
  documentUpload(input: $input) {
    document {
      id type typeLabel filename contentType sizeBytes sha256 status statusLabel
      refusalReason uploadedAt reviewedAt downloadUrl child { firstName } family { name }
    }
    errors { field message code }
  }
}"""
ACCEPT = """mutation($id: ID!) {
  documentAccept(input: {document: $id}) {
    document { status statusLabel reviewedAt refusalReason } errors { field message code } } }"""
REFUSE = """mutation($id: ID!, $reason: String!) {
  documentRefuse(input: {document: $id, reason: $reason}) {
    document { status statusLabel reviewedAt refusalReason } errors { field message code } } }"""
MY_DOCUMENTS = """{ viewer { family { documents {
  id type filename status statusLabel refusalReason } } } }"""
NODE = "query($id: ID!) { node(id: $id) { ... on Document { filename status refusalReason } } }"


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


@dataclass
class World:
    http: httpx.AsyncClient
    counter: StatementCounter
    documents_dir: Path
    tenant: Tenant
    family: Family
    child: Child
    other_family: Family
    other_child: Child
    parent: str
    other_parent: str
    staff: str
    foreign_staff: str
    foreign: Tenant
    foreign_family: Family

    def stored_files(self) -> list[Path]:
        if not self.documents_dir.exists():
            return []
        return [p for p in self.documents_dir.rglob("*") if p.is_file()]

    async def graphql(self, token: str | None, query: str, variables: dict[str, Any]) -> Any:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            f"/{self.tenant.slug}/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
        )
        return response.json()

    async def upload(
        self,
        token: str | None,
        content: bytes,
        *,
        filename: str = "RIB.pdf",
        content_type: str = "application/pdf",
        family: str | None = None,
        child: str | None = None,
        type: str = "RIB",
        headers: dict[str, str] | None = None,
        tenant: str | None = None,
    ) -> httpx.Response:
        """A GraphQL multipart request (graphql-multipart-request-spec)."""
        variables = {
            "input": {
                "family": family or gid("Family", self.family.id),
                "child": child,
                "type": type,
                "file": None,
            }
        }
        sent = {"x-creneau-csrf": "1"} if headers is None else headers
        if token:
            sent = {**sent, "authorization": f"Bearer {token}"}
        return await self.http.post(
            f"/{tenant or self.tenant.slug}/graphql",
            data={
                "operations": json.dumps({"query": UPLOAD, "variables": variables}),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (filename, content, content_type)},
            headers=sent,
        )

    async def uploaded(self, token: str, content: bytes, **kw: Any) -> dict[str, Any]:
        response = await self.upload(token, content, **kw)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body
        payload = body["data"]["documentUpload"]
        assert payload["errors"] == [], payload
        return payload["document"]

    async def upload_errors(self, token: str, content: bytes, **kw: Any) -> list[str]:
        response = await self.upload(token, content, **kw)
        payload = response.json()["data"]["documentUpload"]
        assert payload["document"] is None
        return [e["code"] for e in payload["errors"]]

    async def download(self, url: str, token: str | None) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return await self.http.get(url, headers=headers)


async def _family(session: AsyncSession, tenant: Tenant, name: str) -> tuple[Family, Child]:
    family = Family(tenant_id=tenant.id, name=name)
    session.add(family)
    await session.flush()
    child = Child(
        tenant_id=tenant.id,
        family_id=family.id,
        first_name="Léa",
        last_name=name,
        birth_date=dt.date(2018, 3, 2),
        sex=Sex.F,
    )
    session.add(child)
    await session.flush()
    return family, child


async def _token(
    session: AsyncSession, tenant: Tenant, email: str, role: Role, family: Family | None = None
) -> str:
    account = await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        role=role,
        first_name="Camille",
        last_name="Martin",
        now=NOW,
    )
    if family is not None:
        guardian = Guardian(
            tenant_id=tenant.id,
            family_id=family.id,
            rank=1,
            civility=Civility.MADAME,
            first_name="Camille",
            last_name=family.name,
            is_payer=True,
        )
        session.add(guardian)
        await session.flush()
        account.guardian_id = guardian.id
        await session.flush()
    issued = await accounts.login(
        session,
        tenant_id=tenant.id,
        email=email,
        password=PASSWORD,
        remote_address=None,
        user_agent=None,
        now=NOW,
    )
    assert isinstance(issued, IssuedSession)
    return issued.token


@pytest.fixture
async def world(session: AsyncSession, database_url: str, tmp_path: Path) -> AsyncIterator[World]:
    tenant = await factories.make_tenant(session)
    family, child = await _family(session, tenant, "Blman")
    other_family, other_child = await _family(session, tenant, "Durand")
    foreign = await factories.make_tenant(session)
    foreign_family, _ = await _family(session, foreign, "Ailleurs")
    parent = await _token(session, tenant, "parent@example.fr", Role.PARENT, family)
    other_parent = await _token(session, tenant, "voisin@example.fr", Role.PARENT, other_family)
    staff = await _token(session, tenant, "agent@example.fr", Role.STAFF)
    foreign_staff = await _token(session, foreign, "agent@ailleurs.fr", Role.STAFF)
    await session.commit()

    documents_dir = tmp_path / "documents"
    app = create_app(
        Settings(
            environment="test",
            database_url=database_url,
            documents_dir=documents_dir,
            max_upload_bytes=MAX_UPLOAD,
        )
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield World(
            http=http,
            counter=StatementCounter(app.state.engine),
            documents_dir=documents_dir,
            tenant=tenant,
            family=family,
            child=child,
            other_family=other_family,
            other_child=other_child,
            parent=parent,
            other_parent=other_parent,
            staff=staff,
            foreign_staff=foreign_staff,
            foreign=foreign,
            foreign_family=foreign_family,
        )
    await app.state.engine.dispose()


async def _document_count(engine: AsyncEngine) -> int:
    """Rows as the database has them now (a connection of its own, no session cache)."""
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(Document)) or 0)


async def test_a_parent_uploads_a_pdf_and_a_png_then_downloads_them(world: World) -> None:
    png = png_bytes()
    rib = await world.uploaded(world.parent, PDF, filename="RIB Blman.pdf")
    assert rib["type"] == "RIB"
    assert rib["typeLabel"] == "RIB"
    assert rib["filename"] == "RIB Blman.pdf"
    assert rib["contentType"] == "application/pdf"
    assert rib["sizeBytes"] == len(PDF)
    assert rib["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert rib["status"] == "SUBMITTED"
    assert rib["statusLabel"] == "En attente de validation"
    assert rib["reviewedAt"] is None
    assert rib["child"] is None
    assert rib["family"] == {"name": "Blman"}
    assert rib["downloadUrl"] == f"/{world.tenant.slug}/documents/{rib['id']}"

    vaccines = await world.uploaded(
        world.parent,
        png,
        filename="carnet.png",
        content_type="image/png",
        type="VACCINATION_RECORD",
        child=gid("Child", world.child.id),
    )
    assert vaccines["contentType"] == "image/png"
    assert vaccines["typeLabel"] == "Carnet de vaccination"
    assert vaccines["child"] == {"firstName": "Léa"}
    assert len(world.stored_files()) == 2

    mine = await world.graphql(world.parent, MY_DOCUMENTS, {})
    listed = mine["data"]["viewer"]["family"]["documents"]
    assert [d["id"] for d in listed] == [vaccines["id"], rib["id"]]  # newest first

    for token in (world.parent, world.staff):
        response = await world.download(rib["downloadUrl"], token)
        assert response.status_code == 200
        assert response.content == PDF
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"] == (
            "attachment; filename=\"RIB Blman.pdf\"; filename*=UTF-8''RIB%20Blman.pdf"
        )
        assert response.headers["cache-control"] == "private, no-store"
    image = await world.download(vaccines["downloadUrl"], world.staff)
    assert image.content == png
    assert image.headers["content-type"] == "image/png"


async def test_the_content_decides_not_the_name_nor_the_declared_type(
    world: World, engine: AsyncEngine
) -> None:
    for content in (EXE, TEXT):
        codes = await world.upload_errors(world.parent, content, filename="RIB.pdf")
        assert codes == ["UNSUPPORTED_FILE_TYPE"]
    empty = await world.upload_errors(world.parent, b"", filename="RIB.pdf")
    assert empty == ["EMPTY_FILE"]
    assert world.stored_files() == []
    assert await _document_count(engine) == 0

    # A PNG sent as « scan.pdf » with a PDF content type is stored as what it is.
    disguised = await world.uploaded(world.parent, png_bytes(), filename="scan.pdf")
    assert disguised["contentType"] == "image/png"
    assert disguised["filename"] == "scan.pdf.png"


async def test_too_large_files_are_refused_before_anything_is_written(
    world: World, engine: AsyncEngine
) -> None:
    big = PDF + b"0" * MAX_UPLOAD
    response = await world.upload(world.parent, big)
    payload = response.json()["data"]["documentUpload"]
    assert payload["errors"] == [
        {
            "field": ["file"],
            "message": "Le fichier dépasse la taille maximale autorisée (4 Ko).",
            "code": "FILE_TOO_LARGE",
        }
    ]
    # Far past the limit: refused from the Content-Length, the body is never parsed.
    huge = await world.upload(world.parent, PDF + b"0" * (200 * 1024))
    assert huge.status_code == 413
    assert huge.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    # Without a Content-Length (chunked), the body is cut off while it streams in.
    model = world.http.build_request(
        "POST",
        f"/{world.tenant.slug}/graphql",
        data={"operations": "{}", "map": "{}"},
        files={"0": ("RIB.pdf", PDF + b"0" * (200 * 1024), "application/pdf")},
    )
    body = model.read()

    async def chunked() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    streamed = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        content=chunked(),
        headers={
            "content-type": model.headers["content-type"],
            "x-creneau-csrf": "1",
            "authorization": f"Bearer {world.parent}",
        },
    )
    assert streamed.status_code == 413
    assert world.stored_files() == []
    assert await _document_count(engine) == 0


async def test_multipart_requests_need_the_csrf_header(world: World, engine: AsyncEngine) -> None:
    refused = await world.upload(world.parent, PDF, headers={})
    assert refused.status_code == 400
    assert refused.headers["content-type"].startswith("application/json")
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "CSRF_HEADER_REQUIRED"
    assert "x-creneau-csrf" in error["message"]
    blank = await world.upload(world.parent, PDF, headers={"x-creneau-csrf": " "})
    assert blank.status_code == 400
    assert world.stored_files() == []
    assert await _document_count(engine) == 0

    apollo = await world.upload(world.parent, PDF, headers={"apollo-require-preflight": "true"})
    assert apollo.json()["data"]["documentUpload"]["errors"] == []
    # JSON requests are preflighted by browsers: no extra header needed.
    plain = await world.graphql(world.parent, MY_DOCUMENTS, {})
    assert len(plain["data"]["viewer"]["family"]["documents"]) == 1


async def test_malformed_multipart_requests_are_json_400s(world: World) -> None:
    headers = {"x-creneau-csrf": "1", "authorization": f"Bearer {world.parent}"}
    no_boundary = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        content=b"--x--",
        headers={**headers, "content-type": "multipart/form-data"},
    )
    assert no_boundary.status_code == 400
    assert "boundary" in no_boundary.json()["errors"][0]["message"]
    missing_file = await world.http.post(
        f"/{world.tenant.slug}/graphql",
        data={
            "operations": json.dumps({"query": UPLOAD, "variables": {"input": {}}}),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"other": ("a.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert missing_file.status_code == 400
    assert missing_file.json()["errors"][0]["message"] == "File(s) missing in form data"
    assert world.stored_files() == []


async def test_a_file_must_come_as_a_multipart_part(world: World) -> None:
    body = await world.graphql(
        world.parent,
        UPLOAD,
        {"input": {"family": gid("Family", world.family.id), "type": "RIB", "file": "x"}},
    )
    assert body["data"] is None
    assert "multipart" in body["errors"][0]["message"]


async def test_parents_upload_to_their_own_family_only(world: World, engine: AsyncEngine) -> None:
    other_family = await world.upload_errors(
        world.parent, PDF, family=gid("Family", world.other_family.id)
    )
    missing = await world.upload(world.parent, PDF, family=gid("Family", 999_999))
    foreign = await world.upload_errors(
        world.parent, PDF, family=gid("Family", world.foreign_family.id)
    )
    other_child = await world.upload_errors(
        world.parent, PDF, child=gid("Child", world.other_child.id)
    )
    assert other_family == foreign == other_child == ["NOT_FOUND"]
    # A family that does not exist gets exactly the same answer as another family's.
    same = await world.upload(world.parent, PDF, family=gid("Family", world.other_family.id))
    assert missing.json() == same.json()
    assert world.stored_files() == []
    assert await _document_count(engine) == 0

    anonymous = (await world.upload(None, PDF)).json()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert world.stored_files() == []

    # Staff upload for any family of their tenant, not another tenant's.
    by_staff = await world.uploaded(
        world.staff, PDF, family=gid("Family", world.other_family.id), type="CAF_CERTIFICATE"
    )
    assert by_staff["family"] == {"name": "Durand"}
    foreign_staff = await world.upload_errors(
        world.staff, PDF, family=gid("Family", world.foreign_family.id)
    )
    assert foreign_staff == ["NOT_FOUND"]
    # A token of another tenant is refused outright.
    assert (await world.upload(world.foreign_staff, PDF)).status_code == 403


async def test_downloads_are_for_the_family_and_the_tenants_staff(world: World) -> None:
    document = await world.uploaded(world.parent, PDF)
    url = document["downloadUrl"]

    other_family = await world.download(url, world.other_parent)
    assert other_family.status_code == 404
    assert other_family.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    missing = await world.download(
        f"/{world.tenant.slug}/documents/{gid('Document', 999_999)}", world.parent
    )
    assert missing.status_code == 404
    assert missing.json() == other_family.json()
    for bad in ("nope", gid("Family", world.family.id), "../../etc/passwd"):
        bad_id = await world.download(f"/{world.tenant.slug}/documents/{bad}", world.staff)
        assert bad_id.status_code == 404

    anonymous = await world.download(url, None)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert (await world.download(url, "not-a-token")).status_code == 401
    assert (await world.download(url, world.foreign_staff)).status_code == 403

    # The same document through another tenant's endpoint does not exist there.
    foreign_url = url.replace(world.tenant.slug, "atlantis")
    assert (await world.download(foreign_url, world.staff)).status_code == 404

    # The node is hidden the same way.
    hidden = await world.graphql(world.other_parent, NODE, {"id": document["id"]})
    assert hidden["data"]["node"] is None
    seen = await world.graphql(world.staff, NODE, {"id": document["id"]})
    assert seen["data"]["node"]["filename"] == "RIB.pdf"


async def test_staff_accept_or_refuse_and_the_family_sees_it(world: World) -> None:
    rib = await world.uploaded(world.parent, PDF)
    caf = await world.uploaded(world.parent, PDF, filename="caf.pdf", type="CAF_CERTIFICATE")

    parent_try = await world.graphql(world.parent, ACCEPT, {"id": rib["id"]})
    assert parent_try["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await world.graphql(None, ACCEPT, {"id": rib["id"]})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    accepted = (await world.graphql(world.staff, ACCEPT, {"id": rib["id"]}))["data"]
    assert accepted["documentAccept"]["errors"] == []
    assert accepted["documentAccept"]["document"]["status"] == "ACCEPTED"
    assert accepted["documentAccept"]["document"]["statusLabel"] == "Validé"
    assert accepted["documentAccept"]["document"]["reviewedAt"] is not None
    again = (await world.graphql(world.staff, REFUSE, {"id": rib["id"], "reason": "Non"}))["data"]
    assert [e["code"] for e in again["documentRefuse"]["errors"]] == ["INVALID_STATE"]

    blank = await world.graphql(world.staff, REFUSE, {"id": caf["id"], "reason": " "})
    assert blank["data"]["documentRefuse"]["errors"][0]["code"] == "REQUIRED"
    reason = "Attestation de plus de trois mois : merci d'en déposer une récente."
    refused = await world.graphql(world.staff, REFUSE, {"id": caf["id"], "reason": reason})
    assert refused["data"]["documentRefuse"]["document"]["status"] == "REFUSED"
    once_more = await world.graphql(world.staff, ACCEPT, {"id": caf["id"]})
    assert once_more["data"]["documentAccept"]["errors"][0]["code"] == "INVALID_STATE"

    mine = await world.graphql(world.parent, MY_DOCUMENTS, {})
    by_id = {d["id"]: d for d in mine["data"]["viewer"]["family"]["documents"]}
    assert by_id[rib["id"]]["status"] == "ACCEPTED"
    assert by_id[caf["id"]]["statusLabel"] == "Refusé"
    assert by_id[caf["id"]]["refusalReason"] == reason

    missing = await world.graphql(world.staff, ACCEPT, {"id": gid("Document", 999_999)})
    assert missing["data"]["documentAccept"]["errors"][0]["code"] == "NOT_FOUND"


async def test_another_tenants_staff_cannot_review(world: World) -> None:
    document = await world.uploaded(world.parent, PDF)
    foreign = {"authorization": f"Bearer {world.foreign_staff}"}
    request = {"query": ACCEPT, "variables": {"id": document["id"]}}
    # Their token on our endpoint is refused; on their endpoint our document does not exist.
    ours = await world.http.post(f"/{world.tenant.slug}/graphql", json=request, headers=foreign)
    assert ours.status_code == 403
    theirs = await world.http.post(f"/{world.foreign.slug}/graphql", json=request, headers=foreign)
    assert theirs.json()["data"]["documentAccept"]["errors"][0]["code"] == "NOT_FOUND"
    download = await world.download(
        document["downloadUrl"].replace(world.tenant.slug, world.foreign.slug), world.foreign_staff
    )
    assert download.status_code == 404
    mine = await world.graphql(world.parent, MY_DOCUMENTS, {})
    assert mine["data"]["viewer"]["family"]["documents"][0]["status"] == "SUBMITTED"


async def test_child_photo_and_batched_family_documents(world: World) -> None:
    child = gid("Child", world.child.id)
    photo_without_child = await world.upload_errors(
        world.parent, png_bytes(), filename="lea.png", type="CHILD_PHOTO"
    )
    assert photo_without_child == ["CHILD_REQUIRED"]
    pdf_photo = await world.upload_errors(world.parent, PDF, type="CHILD_PHOTO", child=child)
    assert pdf_photo == ["UNSUPPORTED_FILE_TYPE"]
    photo = await world.uploaded(
        world.parent, png_bytes(), filename="lea.png", type="CHILD_PHOTO", child=child
    )
    await world.uploaded(world.staff, PDF, family=gid("Family", world.other_family.id))
    query = "query($id: ID!) { node(id: $id) { ... on Child { photo { id filename } } } }"
    before = await world.graphql(world.parent, query, {"id": child})
    assert before["data"]["node"]["photo"] is None  # not accepted yet
    await world.graphql(world.staff, ACCEPT, {"id": photo["id"]})
    after = await world.graphql(world.parent, query, {"id": child})
    assert after["data"]["node"]["photo"] == {"id": photo["id"], "filename": "lea.png"}

    families = """{ families(first: 10) { edges { node { name
      documents { filename } children { photo { filename } } } } } }"""
    with world.counter.counting() as statements:
        body = await world.graphql(world.staff, families, {})
    names = {
        e["node"]["name"]: [d["filename"] for d in e["node"]["documents"]]
        for e in body["data"]["families"]["edges"]
    }
    assert names == {"Blman": ["lea.png"], "Durand": ["RIB.pdf"]}
    document_reads = [s for s in statements if "FROM document" in s]
    assert len(document_reads) == 2  # one for every family's list, one for every photo


def test_content_disposition_keeps_the_name_and_an_ascii_fallback() -> None:
    assert content_disposition('Attestation "CAF" été.pdf') == (
        'attachment; filename="Attestation _CAF_ ete.pdf"; '
        "filename*=UTF-8''Attestation%20%22CAF%22%20%C3%A9t%C3%A9.pdf"
    )
