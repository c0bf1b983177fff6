"""Establishments: the schools and centres where activities take place."""

from __future__ import annotations

import enum

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IntPk, enum_column, tenant_fk


class EstablishmentKind(enum.StrEnum):
    """What kind of place it is (maternelle, élémentaire, primaire, accueil de loisirs…)."""

    NURSERY_SCHOOL = "NURSERY_SCHOOL"
    ELEMENTARY_SCHOOL = "ELEMENTARY_SCHOOL"
    PRIMARY_SCHOOL = "PRIMARY_SCHOOL"
    LEISURE_CENTRE = "LEISURE_CENTRE"
    YOUTH_CENTRE = "YOUTH_CENTRE"


class Establishment(Base):
    """A school or centre ("Ecole Lux") of the tenant."""

    __tablename__ = "establishment"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[EstablishmentKind] = mapped_column(enum_column(EstablishmentKind))
    address: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
