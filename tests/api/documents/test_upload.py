"""Family documents uploaded over HTTP: real GraphQL multipart uploads of PDF and PNG
files, the content deciding the type, child photos, batched family documents, and the
download's Content-Disposition.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

from sqlalchemy.ext.asyncio import AsyncEngine

from server.document_download import content_disposition
from tests.api.documents._helpers import ACCEPT, MY_DOCUMENTS, PDF, World, _document_count, gid

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run"
TEXT = "Ceci n'est pas un PDF : c'est du texte, renommé « RIB.pdf ».".encode()


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
