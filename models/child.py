"""Children and what their file holds: authorizations, health record, vaccines, contacts."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class Grade(enum.StrEnum):
    """School grade, in school order (maternelle TPS–GS, then élémentaire CP–CM2)."""

    TPS = "TPS"
    PS = "PS"
    MS = "MS"
    GS = "GS"
    CP = "CP"
    CE1 = "CE1"
    CE2 = "CE2"
    CM1 = "CM1"
    CM2 = "CM2"

    @property
    def rank(self) -> int:
        """Position in school order, for eligibility ranges ("à partir du CP")."""
        return _GRADE_RANKS[self]


# Each grade's position, computed once (the planning judges eligibility per occurrence).
_GRADE_RANKS = {grade: position for position, grade in enumerate(Grade)}


class Sex(enum.StrEnum):
    """Sex as recorded on the family file."""

    F = "F"
    M = "M"


class Diet(enum.StrEnum):
    """Pratiques alimentaires served at the canteen."""

    STANDARD = "STANDARD"
    SANS_PORC = "SANS_PORC"
    SANS_VIANDE = "SANS_VIANDE"
    VEGETARIEN = "VEGETARIEN"
    PAI = "PAI"


class Child(Base):
    """A child of a family, with school and grade (eligibility depends on the grade).

    The photo is the latest accepted ``Document`` of type CHILD_PHOTO for the child.
    """

    __tablename__ = "child"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id")
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    birth_date: Mapped[dt.date]
    sex: Mapped[Sex] = mapped_column(enum_column(Sex))
    school_id: Mapped[int | None] = fk("establishment.id", nullable=True, ondelete="SET NULL")
    grade: Mapped[Grade | None] = mapped_column(enum_column(Grade))
    created_at: Mapped[CreatedAt]


class ChildAuthorizations(Base):
    """The four authorizations of the guide's child screen (one row per child)."""

    __tablename__ = "child_authorizations"

    child_id: Mapped[int] = fk("child.id", primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    photo: Mapped[bool] = mapped_column(default=False)
    leave_alone: Mapped[bool] = mapped_column(default=False)
    hospitalisation: Mapped[bool] = mapped_column(default=False)
    outings_with_staff: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[CreatedAt]


class HealthRecord(Base):
    """Données sanitaires: diet, allergies, PAI, doctor. Visible to the family and staff only."""

    __tablename__ = "health_record"

    child_id: Mapped[int] = fk("child.id", primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
    diet: Mapped[Diet] = mapped_column(enum_column(Diet), default=Diet.STANDARD)
    food_allergies: Mapped[str | None] = mapped_column(Text)
    other_allergies: Mapped[str | None] = mapped_column(Text)
    medical_notes: Mapped[str | None] = mapped_column(Text)
    has_pai: Mapped[bool] = mapped_column(default=False)
    pai_details: Mapped[str | None] = mapped_column(Text)
    doctor_name: Mapped[str | None] = mapped_column(String(200))
    doctor_phone: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[CreatedAt]


class Vaccination(Base):
    """One vaccine injection recorded on a child's health record."""

    __tablename__ = "vaccination"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    child_id: Mapped[int] = fk("child.id")
    vaccine: Mapped[str] = mapped_column(String(120))
    injected_on: Mapped[dt.date]


class AuthorizedPerson(Base):
    """An adult who may pick the child up and/or is to be called in an emergency."""

    __tablename__ = "authorized_person"
    __table_args__ = (CheckConstraint("can_pick_up OR emergency_contact", name="has_a_role"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    child_id: Mapped[int] = fk("child.id")
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    relationship: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str] = mapped_column(String(32))
    can_pick_up: Mapped[bool] = mapped_column(default=True)
    emergency_contact: Mapped[bool] = mapped_column(default=False)
