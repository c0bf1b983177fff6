"""Reminder: a document the town asked for again has not been sent.

The data model has no list of documents a registration or a file change requires (no
« pièce demandée » row): the one place where the town asks a family for a document is a
refusal — staff refuse an uploaded document with a reason (« RIB illisible, merci d'en
envoyer un autre »), which asks for a new one. So this rule reminds a family, once, when a
document was refused at least ``GRACE_DAYS`` days ago (and at most ``LOOKBACK_DAYS``), and
no document of the same type for the same child (or the family) was uploaded since.

Medical certificates are left out: a refused justification of a billed absence is the
absence-justification reminder's business (its delay is the one that matters).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import and_, exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.labels import label
from domain.reminders.base import DOCUMENT_MISSING, ReminderIntent, local_now
from models import Child, Document, Family, Tenant
from models.document import DocumentStatus, DocumentType

GRACE_DAYS: Final = 2
LOOKBACK_DAYS: Final = 30


async def document_missing_reminders(
    session: AsyncSession, tenant: Tenant, now: dt.datetime
) -> list[ReminderIntent]:
    """The families to remind at ``now`` to send again a document staff refused."""
    newer = aliased(Document)
    replaced = exists().where(
        newer.family_id == Document.family_id,
        newer.type == Document.type,
        # Same child, or both about the family (NULL child on both sides).
        (newer.child_id == Document.child_id)
        | and_(newer.child_id.is_(None), Document.child_id.is_(None)),
        newer.uploaded_at > Document.reviewed_at,
    )
    rows = await session.execute(
        select(Document, Family.name, Child.first_name)
        .join(Family, Family.id == Document.family_id)
        .join(Child, Child.id == Document.child_id, isouter=True)
        .where(
            Document.tenant_id == tenant.id,
            Document.status == DocumentStatus.REFUSED,
            Document.type != DocumentType.MEDICAL_CERTIFICATE,
            Document.reviewed_at.is_not(None),
            Document.reviewed_at <= now - dt.timedelta(days=GRACE_DAYS),
            Document.reviewed_at >= now - dt.timedelta(days=LOOKBACK_DAYS),
            ~replaced,
        )
        .order_by(Document.reviewed_at, Document.id)
    )
    intents: list[ReminderIntent] = []
    for document, family_name, child_name in rows:
        assert document.reviewed_at is not None  # filtered above
        refused_on = local_now(tenant, document.reviewed_at).date()
        intents.append(
            ReminderIntent(
                topic=DOCUMENT_MISSING,
                family_id=document.family_id,
                thing=f"document-{document.id}",
                day=refused_on,
                context={
                    "family_name": family_name,
                    "document_label": label(document.type),
                    "child_name": child_name,
                    "refused_on": refused_on,
                    "reason": document.refusal_reason or "",
                },
            )
        )
    return intents
