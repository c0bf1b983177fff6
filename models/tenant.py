"""The tenant: a collectivity (town, community of towns) running its own Espace Famille."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk


class SchoolZone(enum.StrEnum):
    """French school-holiday zone of the tenant (drives the school calendar)."""

    A = "A"
    B = "B"
    C = "C"


class Tenant(Base):
    """A collectivity; every owned row points to one. ``slug`` is the URL path segment."""

    __tablename__ = "tenant"
    __table_args__ = (CheckConstraint("slug <> ''", name="slug_not_empty"),)

    id: Mapped[IntPk]
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    service_name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    school_zone: Mapped[SchoolZone] = mapped_column(enum_column(SchoolZone), default=SchoolZone.A)
    mail_from: Mapped[str] = mapped_column(String(254))
    postal_address: Mapped[str | None] = mapped_column(String(400))
    # Tenant configuration that is not worth a column: e.g. the file-change request types
    # that are auto-accepted ({"autoAcceptedChanges": ["CHILD_PHOTO_CHANGE"]}).
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[CreatedAt]

    def __repr__(self) -> str:
        return f"Tenant({self.slug!r})"


class TenantCounter(Base):
    """A per-tenant sequence for human references (request numbers, invoice numbers).

    Incremented with ``UPDATE … RETURNING`` inside the writer's transaction, so numbers are
    unique and gap-free per tenant on SQLite and PostgreSQL alike.
    """

    __tablename__ = "tenant_counter"

    tenant_id: Mapped[int] = fk("tenant.id", primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
