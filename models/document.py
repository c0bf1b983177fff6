"""Documents uploaded by families (RIB, CAF certificate, vaccination record, …)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class DocumentType(enum.StrEnum):
    """Kind of document, which tells staff what to check."""

    RIB = "RIB"
    CAF_CERTIFICATE = "CAF_CERTIFICATE"
    VACCINATION_RECORD = "VACCINATION_RECORD"
    MEDICAL_CERTIFICATE = "MEDICAL_CERTIFICATE"
    PAI = "PAI"
    PROOF_OF_ADDRESS = "PROOF_OF_ADDRESS"
    TAX_NOTICE = "TAX_NOTICE"
    CHILD_PHOTO = "CHILD_PHOTO"
    OTHER = "OTHER"


class DocumentStatus(enum.StrEnum):
    """Staff review of an uploaded document."""

    SUBMITTED = "SUBMITTED"
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"


class Document(Base):
    """A file stored under the configured directory; only metadata lives in the database."""

    __tablename__ = "document"
    __table_args__ = (CheckConstraint("size_bytes > 0", name="not_empty"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id")
    child_id: Mapped[int | None] = fk("child.id", nullable=True)
    type: Mapped[DocumentType] = mapped_column(enum_column(DocumentType))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    status: Mapped[DocumentStatus] = mapped_column(
        enum_column(DocumentStatus), default=DocumentStatus.SUBMITTED
    )
    refusal_reason: Mapped[str | None] = mapped_column(String(1000))
    uploaded_by_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    uploaded_at: Mapped[CreatedAt]
    reviewed_at: Mapped[dt.datetime | None]
