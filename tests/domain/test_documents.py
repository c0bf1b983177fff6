"""Family documents in the domain: content sniffing, safe names, limits while copying,
nothing left behind on failure, the review rules, and the storage's key discipline."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.documents import decisions as document_decisions
from domain.documents import files as documents
from domain.documents.files import display_filename, format_size, sniff_content_type
from kernel.results import DomainFailure
from kernel.storage import LocalDocumentStorage
from kernel.viewer import Viewer
from models import Child, Document, Family, Tenant
from models.account import Role
from models.child import Sex
from models.document import DocumentStatus, DocumentType
from models.family import FamilyStatus
from tests import factories
from tests.factories.family import make_child, make_family

NOW = dt.datetime(2026, 1, 5, 9, 14, tzinfo=dt.UTC)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def files_under(root: Path) -> list[Path]:
    """Every file below ``root`` (none when it does not exist)."""
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@dataclass
class FakeFile:
    """An upload whose announced size may be wrong (or unknown), read in small pieces."""

    content: bytes
    filename: str | None = "piece.pdf"
    size: int | None = None
    position: int = 0

    async def read(self, size: int = -1) -> bytes:
        end = len(self.content) if size < 0 else self.position + size
        data = self.content[self.position : end]
        self.position += len(data)
        return data


@dataclass
class World:
    tenant: Tenant
    family: Family
    child: Child
    other_family: Family
    other_child: Child
    staff: Viewer
    parent: Viewer
    storage: LocalDocumentStorage
    root: Path

    def stored_files(self) -> list[Path]:
        return files_under(self.root)


async def _family(session: AsyncSession, tenant: Tenant, name: str) -> tuple[Family, Child]:
    """A submitted family ``name`` with one child, Léa, born 2 March 2018."""
    family = await make_family(session, tenant, name=name, status=FamilyStatus.SUBMITTED)
    child = await make_child(
        session,
        family,
        first_name="Léa",
        last_name=name,
        birth_date=dt.date(2018, 3, 2),
        sex=Sex.F,
        grade=None,
    )
    return family, child


async def _account(session: AsyncSession, tenant: Tenant, role: Role, email: str) -> int:
    account = await factories.make_account(
        session, tenant, email=email, role=role, first_name="Camille", last_name="Agent"
    )
    return account.id


@pytest.fixture
async def world(session: AsyncSession, tmp_path: Path) -> World:
    tenant = await factories.make_tenant(session)
    family, child = await _family(session, tenant, "Blman")
    other_family, other_child = await _family(session, tenant, "Durand")
    staff_id = await _account(session, tenant, Role.STAFF, "agent@example.fr")
    parent_id = await _account(session, tenant, Role.PARENT, "parent@example.fr")
    root = tmp_path / "documents"
    return World(
        tenant=tenant,
        family=family,
        child=child,
        other_family=other_family,
        other_child=other_child,
        staff=Viewer(tenant_id=tenant.id, account_id=staff_id, role=Role.STAFF),
        parent=Viewer(
            tenant_id=tenant.id, account_id=parent_id, role=Role.PARENT, family_id=family.id
        ),
        storage=LocalDocumentStorage(root),
        root=root,
    )


async def _upload(
    session: AsyncSession,
    world: World,
    file: FakeFile,
    *,
    viewer: Viewer | None = None,
    family_id: int | None = None,
    child_id: int | None = None,
    document_type: DocumentType = DocumentType.RIB,
    max_bytes: int = 1024,
    now: dt.datetime = NOW,
) -> Document:
    return await documents.upload_document(
        session,
        world.storage,
        viewer or world.parent,
        family_id=family_id if family_id is not None else world.family.id,
        child_id=child_id,
        document_type=document_type,
        file=file,
        max_bytes=max_bytes,
        now=now,
    )


async def _codes(coro: object) -> list[str]:
    with pytest.raises(DomainFailure) as failure:
        await coro  # type: ignore[misc]
    return [p.code for p in failure.value.problems]


async def _count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Document)) or 0)


def test_the_content_decides_the_type_not_the_name() -> None:
    assert sniff_content_type(PDF) == "application/pdf"
    assert sniff_content_type(png_bytes()) == "image/png"
    assert sniff_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") == "image/jpeg"
    assert sniff_content_type(b"MZ\x90\x00" + b"\x00" * 200) is None  # a Windows program
    assert sniff_content_type(b"Bonjour, je suis un texte.") is None
    assert sniff_content_type(b"GIF89a" + b"\x00" * 20) is None  # an image we do not take


def test_display_names_are_cleaned_and_match_the_real_format() -> None:
    assert display_filename("RIB Blman.pdf", "application/pdf") == "RIB Blman.pdf"
    assert display_filename("photo.JPEG", "image/jpeg") == "photo.JPEG"
    assert display_filename("../../etc/passwd", "application/pdf") == "passwd.pdf"
    assert display_filename("C:\\Users\\léa\\vaccins.png", "image/png") == "vaccins.png"
    assert display_filename("virus.exe", "image/png") == "virus.exe.png"
    assert display_filename("rib\x00\n.pdf", "application/pdf") == "rib.pdf"
    assert display_filename("...", "application/pdf") == "document.pdf"
    assert display_filename(None, "image/png") == "document.png"
    long = display_filename("a" * 400 + ".pdf", "application/pdf")
    assert len(long) == 255 and long.endswith(".pdf")


def test_sizes_in_french() -> None:
    assert format_size(10 * 1024 * 1024) == "10 Mo"
    assert format_size(1536 * 1024) == "1,5 Mo"
    assert format_size(2048) == "2 Ko"


async def test_a_pdf_is_stored_with_its_hash_and_row(session: AsyncSession, world: World) -> None:
    document = await _upload(session, world, FakeFile(PDF, "RIB.pdf", len(PDF)))
    assert document.status is DocumentStatus.SUBMITTED
    assert document.content_type == "application/pdf"
    assert document.size_bytes == len(PDF)
    assert len(document.sha256) == 64
    assert document.uploaded_by_account_id == world.parent.account_id
    assert document.storage_key.startswith(f"{world.tenant.id}/")
    assert (world.root / document.storage_key).read_bytes() == PDF
    chunks = [c async for c in await world.storage.open(document.storage_key)]
    assert b"".join(chunks) == PDF


async def test_a_file_larger_than_announced_is_stopped_at_the_limit(
    session: AsyncSession, world: World
) -> None:
    big = PDF + b"0" * 5000
    # Announced small (or not at all): the copy itself enforces the limit.
    assert await _codes(_upload(session, world, FakeFile(big, size=10))) == ["FILE_TOO_LARGE"]
    assert await _codes(_upload(session, world, FakeFile(big, size=None))) == ["FILE_TOO_LARGE"]
    # Announced large: refused before reading.
    assert await _codes(_upload(session, world, FakeFile(big, size=len(big)))) == ["FILE_TOO_LARGE"]
    assert world.stored_files() == []
    assert await _count(session) == 0


async def test_empty_and_unsupported_files_are_refused(session: AsyncSession, world: World) -> None:
    assert await _codes(_upload(session, world, FakeFile(b"", size=0))) == ["EMPTY_FILE"]
    assert await _codes(_upload(session, world, FakeFile(b"", size=None))) == ["EMPTY_FILE"]
    assert await _codes(_upload(session, world, FakeFile(b"MZ" + b"\x00" * 100))) == [
        "UNSUPPORTED_FILE_TYPE"
    ]
    photo_as_pdf = _upload(
        session,
        world,
        FakeFile(PDF),
        child_id=world.child.id,
        document_type=DocumentType.CHILD_PHOTO,
    )
    assert await _codes(photo_as_pdf) == ["UNSUPPORTED_FILE_TYPE"]
    photo_without_child = _upload(
        session, world, FakeFile(png_bytes()), document_type=DocumentType.CHILD_PHOTO
    )
    assert await _codes(photo_without_child) == ["CHILD_REQUIRED"]
    assert world.stored_files() == []


async def test_a_parent_reaches_only_their_family_and_its_children(
    session: AsyncSession, world: World
) -> None:
    other = _upload(session, world, FakeFile(PDF), family_id=world.other_family.id)
    assert await _codes(other) == ["NOT_FOUND"]
    missing = _upload(session, world, FakeFile(PDF), family_id=world.other_family.id + 999)
    assert await _codes(missing) == ["NOT_FOUND"]
    foreign_child = _upload(session, world, FakeFile(PDF), child_id=world.other_child.id)
    assert await _codes(foreign_child) == ["NOT_FOUND"]
    no_family = Viewer(tenant_id=world.tenant.id, account_id=3, role=Role.PARENT)
    assert await _codes(_upload(session, world, FakeFile(PDF), viewer=no_family)) == ["NOT_FOUND"]
    reporting = Viewer(tenant_id=world.tenant.id, account_id=4, role=Role.REPORTING)
    assert await _codes(_upload(session, world, FakeFile(PDF), viewer=reporting)) == ["NOT_FOUND"]
    other_tenant_staff = Viewer(tenant_id=world.tenant.id + 1, account_id=5, role=Role.STAFF)
    assert await _codes(_upload(session, world, FakeFile(PDF), viewer=other_tenant_staff)) == [
        "NOT_FOUND"
    ]
    # Staff of the tenant may upload for any family.
    staff_upload = await _upload(
        session, world, FakeFile(PDF), viewer=world.staff, family_id=world.other_family.id
    )
    assert staff_upload.family_id == world.other_family.id
    assert world.stored_files() != []


async def test_a_failure_after_the_file_is_written_removes_it(
    session: AsyncSession, world: World
) -> None:
    # A naive timestamp makes the row's flush fail after the bytes are stored.
    with pytest.raises(StatementError, match="naive"):
        await _upload(session, world, FakeFile(PDF), now=dt.datetime(2026, 1, 5, 9, 14))
    assert world.stored_files() == []


async def test_storage_failures_leave_no_partial_file(tmp_path: Path) -> None:
    storage = LocalDocumentStorage(tmp_path)

    async def broken() -> AsyncIterator[bytes]:
        yield b"%PDF-1.4 beginning"
        raise OSError("connection lost")

    with pytest.raises(OSError, match="connection lost"):
        await storage.save("1/" + "a" * 32, broken())
    assert files_under(tmp_path) == []

    async def one(data: bytes) -> AsyncIterable[bytes]:
        yield data

    for key in ("../escape", "1/../../etc/passwd", "1/ABC", "/abs/" + "a" * 32, "1/" + "a" * 31):
        with pytest.raises(ValueError, match="invalid document storage key"):
            await storage.save(key, one(b"x"))
        with pytest.raises(ValueError, match="invalid document storage key"):
            await storage.open(key)
    await storage.delete("1/" + "b" * 32)  # absent: no error
    with pytest.raises(FileNotFoundError):
        await storage.open("1/" + "b" * 32)


async def test_staff_decide_once(session: AsyncSession, world: World) -> None:
    first = await _upload(session, world, FakeFile(PDF))
    second = await _upload(session, world, FakeFile(png_bytes(), "vaccins.png"))

    accepted = await document_decisions.accept_document(
        session, world.staff, document_id=first.id, now=NOW
    )
    assert accepted.status is DocumentStatus.ACCEPTED
    assert accepted.reviewed_at == NOW
    assert accepted.refusal_reason is None
    again = document_decisions.refuse_document(
        session, world.staff, document_id=first.id, reason="Illisible", now=NOW
    )
    assert await _codes(again) == ["INVALID_STATE"]

    blank = document_decisions.refuse_document(
        session, world.staff, document_id=second.id, reason="   ", now=NOW
    )
    assert await _codes(blank) == ["REQUIRED"]
    too_long = document_decisions.refuse_document(
        session, world.staff, document_id=second.id, reason="x" * 1001, now=NOW
    )
    assert await _codes(too_long) == ["TOO_LONG"]
    refused = await document_decisions.refuse_document(
        session, world.staff, document_id=second.id, reason="  Document illisible. ", now=NOW
    )
    assert refused.status is DocumentStatus.REFUSED
    assert refused.refusal_reason == "Document illisible."
    assert await _codes(
        document_decisions.accept_document(session, world.staff, document_id=second.id, now=NOW)
    ) == ["INVALID_STATE"]


async def test_only_staff_of_the_tenant_decide(session: AsyncSession, world: World) -> None:
    document = await _upload(session, world, FakeFile(PDF))
    parent = document_decisions.accept_document(
        session, world.parent, document_id=document.id, now=NOW
    )
    assert await _codes(parent) == ["NOT_FOUND"]
    foreign = Viewer(tenant_id=world.tenant.id + 1, account_id=9, role=Role.STAFF)
    other_tenant = document_decisions.accept_document(
        session, foreign, document_id=document.id, now=NOW
    )
    assert await _codes(other_tenant) == ["NOT_FOUND"]
    missing = document_decisions.accept_document(
        session, world.staff, document_id=document.id + 999, now=NOW
    )
    assert await _codes(missing) == ["NOT_FOUND"]
    await session.refresh(document)
    assert document.status is DocumentStatus.SUBMITTED
