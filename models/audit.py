"""The audit trail: one row per administrative or staff change, written with the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, BigId, CreatedAt, IntPk, fk, tenant_fk


class AuditEntry(Base):
    """Who changed what and when, with the values before and after (JSON, French-free).

    ``action`` is a dotted verb (« slot.capacity_changed »), ``object_type`` and
    ``object_id`` name the row changed. Written in the same transaction as the change, so
    a change without its entry (or an entry without its change) cannot be committed.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index(None, "tenant_id", "created_at"),
        Index(None, "tenant_id", "object_type", "object_id"),
        # Idempotency keys of creations without a key column are read back from the
        # account's own entries of those actions (domain/catalogue/common.py, school_years).
        Index(None, "tenant_id", "actor_account_id", "action"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    # NULL: a command-line operator (``creneau tenant create``), not an account.
    actor_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    action: Mapped[str] = mapped_column(String(80))
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[int | None] = mapped_column(BigId)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    created_at: Mapped[CreatedAt]
