"""Staff decide on a submitted document: accepted or refused (with the reason), once.

Kept apart from the upload rules (``domain.documents.files``) because a decision has a follow-up
elsewhere: a medical certificate that justifies a billed absence makes the absence free
(``domain.documents.absence_justification``), which itself builds on the upload rules.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.documents.absence_justification import on_document_decided
from domain.documents.files import MAX_REASON_LENGTH
from kernel.results import fail
from kernel.viewer import Viewer
from models import Document
from models.document import DocumentStatus

_DECIDED = {
    DocumentStatus.ACCEPTED: "Ce document a déjà été accepté.",
    DocumentStatus.REFUSED: "Ce document a déjà été refusé.",
}


async def _decide(
    session: AsyncSession,
    viewer: Viewer,
    document_id: int,
    status: DocumentStatus,
    refusal_reason: str | None,
    now: dt.datetime,
) -> Document:
    if not viewer.can_review_documents():
        # Callers declare the role first; this keeps the rule true whoever calls.
        raise fail("NOT_FOUND", "Ce document est introuvable.", "document")
    document = await session.scalar(
        select(Document).where(Document.id == document_id, Document.tenant_id == viewer.tenant_id)
    )
    if document is None:
        raise fail("NOT_FOUND", "Ce document est introuvable.", "document")
    if document.status is not DocumentStatus.SUBMITTED:
        raise fail("INVALID_STATE", _DECIDED[document.status], "document")
    # Conditional update: of two agents deciding at once, exactly one wins.
    result = await session.execute(
        update(Document)
        .where(Document.id == document.id, Document.status == DocumentStatus.SUBMITTED)
        .values(status=status, refusal_reason=refusal_reason, reviewed_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise fail(
            "INVALID_STATE", "Ce document vient d'être traité par un autre agent.", "document"
        )
    await session.refresh(document)
    record_change(
        session,
        tenant_id=viewer.tenant_id,
        actor_account_id=viewer.account_id,
        action=f"document.{status.value.lower()}",
        object_type="Document",
        object_id=document.id,
        before={"status": DocumentStatus.SUBMITTED},
        after={"status": status, "refusal_reason": refusal_reason},
    )
    # A justification of a billed absence: the absence follows the decision.
    await on_document_decided(session, document, now)
    return document


async def accept_document(
    session: AsyncSession, viewer: Viewer, *, document_id: int, now: dt.datetime
) -> Document:
    """Staff accept a submitted document (the RIB is fine, the certificate is valid…)."""
    return await _decide(session, viewer, document_id, DocumentStatus.ACCEPTED, None, now)


async def refuse_document(
    session: AsyncSession, viewer: Viewer, *, document_id: int, reason: str, now: dt.datetime
) -> Document:
    """Staff refuse a submitted document and say why; the family sees the reason."""
    reason = reason.strip()
    if not reason:
        raise fail("REQUIRED", "Indiquez le motif du refus.", "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise fail(
            "TOO_LONG",
            f"Le motif du refus est limité à {MAX_REASON_LENGTH} caractères.",
            "reason",
        )
    return await _decide(session, viewer, document_id, DocumentStatus.REFUSED, reason, now)
