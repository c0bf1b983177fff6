"""Messages between staff and a family, optionally about a request, with read receipts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, fk, tenant_fk


class Message(Base):
    """A message shown on the family's request list ("1 nouveau(x) message(s)")."""

    __tablename__ = "message"
    __table_args__ = (
        Index(None, "family_id", "created_at"),
        # A retried post (same author, same key) finds the message instead of writing twice.
        Index(
            "uq_message_idempotency_key",
            "tenant_id",
            "author_account_id",
            "idempotency_key",
            unique=True,
            sqlite_where=text("idempotency_key IS NOT NULL"),
            postgresql_where=text("idempotency_key IS NOT NULL"),
        ),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id", index=False)
    request_id: Mapped[int | None] = fk("request.id", nullable=True)
    author_account_id: Mapped[int | None] = fk(
        "account.id", nullable=True, ondelete="SET NULL", index=False
    )
    from_staff: Mapped[bool] = mapped_column(default=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[CreatedAt]


class MessageReceipt(Base):
    """That an account has read a message (unread = no receipt for the viewer)."""

    __tablename__ = "message_receipt"

    message_id: Mapped[int] = fk("message.id", primary_key=True)
    account_id: Mapped[int] = fk("account.id", primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    read_at: Mapped[dt.datetime]
