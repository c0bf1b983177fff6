"""Family documents: « déposer le RIB dans espace famille / mes documents ».

Rules kept here:
- a parent uploads to their own family only (and for a child of it); staff for any family
  of their tenant; a family or child the viewer cannot see is « not found », exactly like
  an identifier that does not exist;
- the content is judged by its bytes, never by the client's file name or content type:
  only PDF, JPEG and PNG are accepted (a child's photo: JPEG or PNG), empty files are
  refused, and the size limit is checked before anything is written — from the size the
  request declares, then again while the bytes are copied;
- the file is stored under a key the server generates (no client input in a path), with
  its SHA-256, and the database row is written in the same transaction: when anything
  fails, the stored file is removed and the row rolled back, so nothing remains;
- staff accept or refuse a submitted document (a refusal says why, for the family); a
  decision is final.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import unicodedata
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from typing import Protocol

import filetype
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.results import fail
from kernel.viewer import Viewer
from models import Child, Document, Family
from models.document import DocumentStatus, DocumentType

# Accepted content types (as detected from the bytes) and the file extensions they take.
ACCEPTED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})
# filetype looks at most at the first 8 KiB.
SNIFF_BYTES = 8192
COPY_CHUNK_BYTES = 256 * 1024
MAX_FILENAME_LENGTH = 255
MAX_REASON_LENGTH = 1000


class DocumentUploadErrorCode(enum.StrEnum):
    """Why a document was not stored."""

    NOT_FOUND = "NOT_FOUND"
    CHILD_REQUIRED = "CHILD_REQUIRED"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    EMPTY_FILE = "EMPTY_FILE"


class DocumentAcceptErrorCode(enum.StrEnum):
    """Why a document could not be accepted."""

    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


class DocumentRefuseErrorCode(enum.StrEnum):
    """Why a document could not be refused."""

    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


class IncomingFile(Protocol):
    """An uploaded file as the web layer hands it over (Starlette's ``UploadFile``)."""

    @property
    def filename(self) -> str | None:
        """The name the client gave (display only, never trusted)."""
        ...

    @property
    def size(self) -> int | None:
        """The size of the received file, when known."""
        ...

    async def read(self, size: int = -1) -> bytes:
        """The next ``size`` bytes (empty at the end)."""
        ...


class DocumentStore(Protocol):
    """Where document bytes go (``kernel.storage`` implements it)."""

    async def save(self, key: str, chunks: AsyncIterable[bytes]) -> None:
        """Write the chunks under ``key``, all or nothing."""
        ...

    async def delete(self, key: str) -> None:
        """Remove ``key`` (no error when absent)."""
        ...


def format_size(size: int) -> str:
    """« 10 Mo », « 512 Ko »: sizes as French users read them."""
    if size >= 1024 * 1024:
        value = size / (1024 * 1024)
        text = f"{value:.1f}".rstrip("0").rstrip(".")
        return f"{text.replace('.', ',')} Mo"
    if size >= 1024:
        return f"{size // 1024} Ko"
    return f"{size} octets"


def too_large_message(max_bytes: int) -> str:
    """The French message of FILE_TOO_LARGE (also used by the HTTP layer)."""
    return f"Le fichier dépasse la taille maximale autorisée ({format_size(max_bytes)})."


def sniff_content_type(head: bytes) -> str | None:
    """The content type of a file from its first bytes, if it is one we accept."""
    kind = filetype.guess(head)
    if kind is None:
        return None
    mime = str(kind.mime)
    return mime if mime in ACCEPTED_TYPES else None


def display_filename(raw: str | None, content_type: str) -> str:
    """A safe name to show and to propose on download: no directory part, no control
    characters, at most 255 characters, and an extension matching the real content
    (« photo.exe » holding a PNG becomes « photo.exe.png »)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = name.strip().lstrip(".").strip()
    extensions = ACCEPTED_TYPES[content_type]
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in extensions:
        stem, suffix = name, extensions[0][1:]
    stem = stem.strip() or "document"
    return f"{stem[: MAX_FILENAME_LENGTH - len(suffix) - 1]}.{suffix}"


def new_storage_key(tenant_id: int) -> str:
    """A fresh, unguessable key: ``<tenant id>/<32 hex digits>``."""
    return f"{tenant_id}/{uuid.uuid4().hex}"


async def _visible_family(session: AsyncSession, viewer: Viewer, family_id: int) -> Family:
    family = await session.scalar(
        select(Family).where(Family.id == family_id, Family.tenant_id == viewer.tenant_id)
    )
    if family is None or not viewer.can_read_family(family.id):
        raise fail("NOT_FOUND", "Ce dossier famille est introuvable.", "family")
    return family


async def _child_of(session: AsyncSession, family: Family, child_id: int) -> Child:
    child = await session.scalar(
        select(Child).where(
            Child.id == child_id,
            Child.tenant_id == family.tenant_id,
            Child.family_id == family.id,
        )
    )
    if child is None:
        raise fail("NOT_FOUND", "Cet enfant est introuvable dans ce dossier famille.", "child")
    return child


async def _checked_head(
    file: IncomingFile, document_type: DocumentType, max_bytes: int
) -> tuple[bytes, str]:
    """The first bytes and the detected content type, once size and type are acceptable."""
    if file.size is not None and file.size > max_bytes:
        raise fail("FILE_TOO_LARGE", too_large_message(max_bytes), "file")
    head = await file.read(SNIFF_BYTES)
    if not head:
        raise fail("EMPTY_FILE", "Le fichier est vide.", "file")
    content_type = sniff_content_type(head)
    if content_type is None:
        raise fail(
            "UNSUPPORTED_FILE_TYPE",
            "Ce format de fichier n'est pas accepté : déposez un PDF, une image JPEG ou PNG.",
            "file",
        )
    if document_type is DocumentType.CHILD_PHOTO and content_type not in IMAGE_TYPES:
        raise fail("UNSUPPORTED_FILE_TYPE", "La photo doit être une image JPEG ou PNG.", "file")
    return head, content_type


async def upload_document(
    session: AsyncSession,
    store: DocumentStore,
    viewer: Viewer,
    *,
    family_id: int,
    child_id: int | None,
    document_type: DocumentType,
    file: IncomingFile,
    max_bytes: int,
    now: dt.datetime,
) -> Document:
    """Store an uploaded document for a family (and optionally one of its children).

    Everything is checked before a byte is written; the copy is hashed and measured as
    it goes (a file larger than announced is stopped at the limit). If anything fails
    after the file is written, the file is removed before the failure propagates, and
    the caller's transaction rolls the row back.
    """
    family = await _visible_family(session, viewer, family_id)
    child = await _child_of(session, family, child_id) if child_id is not None else None
    if document_type is DocumentType.CHILD_PHOTO and child is None:
        raise fail("CHILD_REQUIRED", "Indiquez l'enfant de cette photo.", "child")
    head, content_type = await _checked_head(file, document_type, max_bytes)

    digest = hashlib.sha256()
    size = 0

    async def copied() -> AsyncIterator[bytes]:
        nonlocal size
        chunk = head
        while chunk:
            size += len(chunk)
            if size > max_bytes:
                raise fail("FILE_TOO_LARGE", too_large_message(max_bytes), "file")
            digest.update(chunk)
            yield chunk
            chunk = await file.read(COPY_CHUNK_BYTES)

    key = new_storage_key(family.tenant_id)
    try:
        await store.save(key, copied())
        document = Document(
            tenant_id=family.tenant_id,
            family_id=family.id,
            child_id=child.id if child is not None else None,
            type=document_type,
            filename=display_filename(file.filename, content_type),
            content_type=content_type,
            size_bytes=size,
            sha256=digest.hexdigest(),
            storage_key=key,
            status=DocumentStatus.SUBMITTED,
            uploaded_by_account_id=viewer.account_id,
            uploaded_at=now,
        )
        session.add(document)
        await session.flush()
    except BaseException:
        await store.delete(key)
        raise
    return document
