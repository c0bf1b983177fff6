"""Document actions and reads: authorize, run the domain in one transaction, hand back rows.

The storage is the application's (``app.state.document_storage``, set by
``server.app.create_app``); a context built outside the app (scripts, tests of the
schema alone) falls back to the configured directory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.documents import absence_justification
from domain.documents import decisions as document_decisions
from domain.documents import files as documents
from domain.documents.files import IncomingFile
from kernel.storage import DocumentStorage, LocalDocumentStorage
from models import Document
from models.base import utcnow
from models.document import DocumentStatus, DocumentType
from resolvers.context import Context


def document_storage(ctx: Context) -> DocumentStorage:
    """The storage of the running application."""
    app = getattr(ctx.request, "scope", {}).get("app")
    storage: DocumentStorage | None = getattr(getattr(app, "state", None), "document_storage", None)
    return storage if storage is not None else LocalDocumentStorage(ctx.settings.documents_path)


def download_path(tenant_slug: str, document_global_id: str) -> str:
    """The relative URL of a document's download endpoint."""
    return f"/{tenant_slug}/documents/{document_global_id}"


async def upload_document(
    ctx: Context,
    *,
    family_id: int,
    child_id: int | None,
    document_type: DocumentType,
    file: IncomingFile,
) -> Document:
    """documentUpload: the file and its row are kept together or not at all."""
    storage = document_storage(ctx)
    row: Document | None = None
    try:
        async with ctx.db.transaction() as session:
            row = await documents.upload_document(
                session,
                storage,
                ctx.viewer,
                family_id=family_id,
                child_id=child_id,
                document_type=document_type,
                file=file,
                max_bytes=ctx.settings.max_upload_bytes,
                now=utcnow(),
            )
    except BaseException:
        if row is not None:
            # The domain succeeded but the commit did not: the file must not stay.
            await storage.delete(row.storage_key)
        raise
    return row


async def submit_justification(
    ctx: Context, booking_id: int | None, file: IncomingFile
) -> absence_justification.Submitted:
    """absenceJustificationUpload: the file, its row and the booking's link are kept
    together or not at all (like documentUpload)."""
    storage = document_storage(ctx)
    submitted: absence_justification.Submitted | None = None
    try:
        async with ctx.db.transaction() as session:
            submitted = await absence_justification.submit_justification(
                session,
                storage,
                ctx.viewer,
                booking_id=booking_id,
                file=file,
                max_bytes=ctx.settings.max_upload_bytes,
                now=utcnow(),
            )
    except BaseException:
        if submitted is not None:
            await storage.delete(submitted.document.storage_key)
        raise
    return submitted


async def accept_document(ctx: Context, document_id: int) -> Document:
    """documentAccept (the caller checked the viewer is staff)."""
    async with ctx.db.transaction() as session:
        return await document_decisions.accept_document(
            session, ctx.viewer, document_id=document_id, now=utcnow()
        )


async def refuse_document(ctx: Context, document_id: int, reason: str) -> Document:
    """documentRefuse (the caller checked the viewer is staff)."""
    async with ctx.db.transaction() as session:
        return await document_decisions.refuse_document(
            session, ctx.viewer, document_id=document_id, reason=reason, now=utcnow()
        )


async def documents_by_id(ctx: Context, ids: Sequence[int]) -> list[Document | None]:
    """Documents, where their family is visible to the viewer."""
    rows = await ctx.loaders.by_id(Document).load_many(list(ids))
    return [r if r is not None and ctx.viewer.can_read_family(r.family_id) else None for r in rows]


async def documents_of(ctx: Context, family_id: int) -> list[Document]:
    """Documents of a visible family, newest first (one statement for all families)."""
    loader = ctx.loaders.grouped(
        Document, Document.family_id, [Document.uploaded_at.desc(), Document.id.desc()]
    )
    return await loader.load(family_id)


def _newest_first(row: Document) -> tuple[Any, int]:
    return (row.uploaded_at, row.id)


async def child_photo_of(ctx: Context, child_id: int) -> Document | None:
    """The child's photo: the latest accepted CHILD_PHOTO document of a visible child."""
    loader = ctx.loaders.grouped(Document, Document.child_id, [Document.id])
    photos = [
        row
        for row in await loader.load(child_id)
        if row.type is DocumentType.CHILD_PHOTO and row.status is DocumentStatus.ACCEPTED
    ]
    return max(photos, key=_newest_first) if photos else None
