"""Justifying a billed absence (« justificatif d'absence », usually a medical certificate).

An absence declared after the cancellation deadline is billed (ABSENT_BILLED) when the
activity bills late absences. When the activity also accepts justifications
(``Activity.justification_accepted``), the family may upload one until
``justification_delay_days`` calendar days after the absent date (inclusive, in the
tenant's time zone). The upload reuses the family documents (``domain.documents.files``: type
MEDICAL_CERTIFICATE, same checks and storage) and links the document to the booking.

Staff review it as any document (documentAccept / documentRefuse): accepted, the absence
becomes free — the booking goes back to ABSENT with ``absence_justified`` set, which is
what billing reads; refused, it stays billed and the family may send another one while
the delay runs. Each step is in the occurrence's history (``models.occurrence_log``).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.documents.files import DocumentStore, IncomingFile, upload_document
from kernel.clock import local_date
from kernel.results import fail
from kernel.viewer import Viewer
from models import Activity, Booking, Child, Document, Tenant
from models.booking import BookingStatus
from models.document import DocumentStatus, DocumentType

NOT_FOUND: Final = "NOT_FOUND"
NOT_BILLED: Final = "NOT_BILLED"
NOT_ACCEPTED: Final = "JUSTIFICATION_NOT_ACCEPTED"
DEADLINE_PASSED: Final = "DEADLINE_PASSED"
ALREADY_SUBMITTED: Final = "ALREADY_SUBMITTED"


class AbsenceJustificationUploadErrorCode(enum.StrEnum):
    """Why a justification of absence was not stored."""

    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    EMPTY_FILE = "EMPTY_FILE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    JUSTIFICATION_NOT_ACCEPTED = "JUSTIFICATION_NOT_ACCEPTED"
    NOT_BILLED = "NOT_BILLED"
    NOT_FOUND = "NOT_FOUND"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"


UPLOAD_ERROR_CODES: Final = frozenset(AbsenceJustificationUploadErrorCode)


@dataclass(frozen=True, slots=True)
class Submitted:
    """The booking now linked to its justification, and the stored document."""

    booking: Booking
    document: Document


def justification_deadline(activity: Activity, day: dt.date) -> dt.date | None:
    """The last date a justification of an absence on ``day`` may be sent (None: the
    activity takes none — its absences are free, or billed without appeal)."""
    if not (activity.late_absence_billed and activity.justification_accepted):
        return None
    return day + dt.timedelta(days=activity.justification_delay_days)


async def _visible_booking(
    session: AsyncSession, viewer: Viewer, booking_id: int | None
) -> Booking:
    booking = None
    if booking_id is not None and (viewer.is_staff or viewer.family_id is not None):
        stmt = (
            select(Booking)
            .join(Child, Child.id == Booking.child_id)
            .where(Booking.tenant_id == viewer.tenant_id, Booking.id == booking_id)
        )
        if not viewer.is_staff:
            stmt = stmt.where(Child.family_id == viewer.family_id)
        booking = await session.scalar(stmt.with_for_update(of=Booking))
    if booking is None:
        raise fail(NOT_FOUND, "Réservation introuvable.", "booking")
    return booking


async def _check(session: AsyncSession, booking: Booking, now: dt.datetime) -> None:
    if booking.status is not BookingStatus.ABSENT_BILLED:
        raise fail(
            NOT_BILLED,
            "Cette absence n'est pas facturée : aucun justificatif n'est nécessaire.",
            "booking",
        )
    activity = await session.get(Activity, booking.activity_id)
    tenant = await session.get(Tenant, booking.tenant_id)
    assert activity is not None and tenant is not None
    deadline = justification_deadline(activity, booking.date)
    if deadline is None:
        raise fail(
            NOT_ACCEPTED,
            "Cette activité n'accepte pas de justificatif d'absence.",
            "booking",
        )
    if local_date(now, tenant.timezone) > deadline:
        raise fail(
            DEADLINE_PASSED,
            f"Le délai pour justifier cette absence est dépassé (jusqu'au {deadline:%d/%m/%Y}).",
            "booking",
        )
    if booking.justification_document_id is not None:
        document = await session.get(Document, booking.justification_document_id)
        if document is not None and document.status is DocumentStatus.SUBMITTED:
            raise fail(
                ALREADY_SUBMITTED,
                "Un justificatif de cette absence est déjà en attente de validation.",
                "booking",
            )


async def submit_justification(
    session: AsyncSession,
    store: DocumentStore,
    viewer: Viewer,
    *,
    booking_id: int | None,
    file: IncomingFile,
    max_bytes: int,
    now: dt.datetime,
) -> Submitted:
    """Store a justification for a billed absence and link it to the booking.

    A parent may justify their own family's absences, staff any of their tenant's (a
    certificate handed in at the desk). Raises ``DomainFailure`` (NOT_FOUND, NOT_BILLED,
    JUSTIFICATION_NOT_ACCEPTED, DEADLINE_PASSED, ALREADY_SUBMITTED, and the upload's own
    FILE_TOO_LARGE, UNSUPPORTED_FILE_TYPE, EMPTY_FILE); then nothing is stored.
    """
    booking = await _visible_booking(session, viewer, booking_id)
    await _check(session, booking, now)
    child = await session.get(Child, booking.child_id)
    assert child is not None
    document = await upload_document(
        session,
        store,
        viewer,
        family_id=child.family_id,
        child_id=child.id,
        document_type=DocumentType.MEDICAL_CERTIFICATE,
        file=file,
        max_bytes=max_bytes,
        now=now,
    )
    booking.justification_document_id = document.id
    booking.updated_at = now
    await session.flush()
    return Submitted(booking, document)


async def on_document_decided(session: AsyncSession, document: Document, now: dt.datetime) -> None:
    """Apply staff's review of a document to the absence it justifies, if any: accepted,
    the absence becomes free (ABSENT, justified); refused, it stays billed and the link is
    dropped so that another justification may be sent within the delay."""
    booking = await session.scalar(
        select(Booking).where(
            Booking.tenant_id == document.tenant_id,
            Booking.justification_document_id == document.id,
        )
    )
    if booking is None:
        return
    if document.status is DocumentStatus.ACCEPTED:
        if booking.status is BookingStatus.ABSENT_BILLED:
            booking.status = BookingStatus.ABSENT
        booking.absence_justified = True
    elif document.status is DocumentStatus.REFUSED:
        booking.justification_document_id = None
    booking.updated_at = now
    await session.flush()
