"""The family file: the household, its guardians, bank account and family quotient."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.account import Civility
from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk

if TYPE_CHECKING:
    from models.child import Child


class FamilyStatus(enum.StrEnum):
    """A family file is submitted by a parent and validated (or rejected) by staff."""

    SUBMITTED = "SUBMITTED"
    VALIDATED = "VALIDATED"
    REJECTED = "REJECTED"


class Relationship(enum.StrEnum):
    """Qualité of a guardian towards the children."""

    PERE = "PERE"
    MERE = "MERE"
    TUTEUR = "TUTEUR"
    TUTRICE = "TUTRICE"
    BEAU_PERE = "BEAU_PERE"
    BELLE_MERE = "BELLE_MERE"
    GRAND_PARENT = "GRAND_PARENT"
    FAMILLE_ACCUEIL = "FAMILLE_ACCUEIL"
    AUTRE = "AUTRE"


class MaritalStatus(enum.StrEnum):
    """Situation familiale."""

    CELIBATAIRE = "CELIBATAIRE"
    MARIE = "MARIE"
    PACSE = "PACSE"
    CONCUBINAGE = "CONCUBINAGE"
    SEPARE = "SEPARE"
    DIVORCE = "DIVORCE"
    VEUF = "VEUF"


class AllowanceRegime(enum.StrEnum):
    """The body paying family allowances, source of the family quotient."""

    CAF = "CAF"
    MSA = "MSA"


class QuotientSource(enum.StrEnum):
    """Where a family quotient value comes from."""

    CAF = "CAF"
    MSA = "MSA"
    MANUAL = "MANUAL"


class Family(Base):
    """A household file (dossier famille); gets a subscriber code when staff validate it."""

    __tablename__ = "family"
    __table_args__ = (
        UniqueConstraint("tenant_id", "subscriber_code"),
        CheckConstraint(
            "status <> 'VALIDATED' OR subscriber_code IS NOT NULL", name="validated_has_code"
        ),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    subscriber_code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[FamilyStatus] = mapped_column(
        enum_column(FamilyStatus), default=FamilyStatus.SUBMITTED
    )
    rejection_reason: Mapped[str | None] = mapped_column(String(1000))
    # Communication consents and preferences, as in the family form.
    accepts_email: Mapped[bool] = mapped_column(default=True)
    accepts_sms: Mapped[bool] = mapped_column(default=False)
    accepts_post: Mapped[bool] = mapped_column(default=False)
    paper_invoice: Mapped[bool] = mapped_column(default=False)
    reminder_by_email: Mapped[bool] = mapped_column(default=True)
    reminder_by_sms: Mapped[bool] = mapped_column(default=False)
    reminder_by_post: Mapped[bool] = mapped_column(default=False)
    direct_debit: Mapped[bool] = mapped_column(default=False)
    # Resident of the tenant's territory (non-residents pay another price).
    resident: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[CreatedAt]
    validated_at: Mapped[dt.datetime | None]

    # Relationships never lazy-load: load them explicitly (selectinload) or use loaders.
    guardians: Mapped[list[Guardian]] = relationship(lazy="raise", order_by="Guardian.rank")
    children: Mapped[list[Child]] = relationship(lazy="raise", order_by="Child.birth_date")


class Guardian(Base):
    """A responsible adult (RL1/RL2). One is the payer; at most one is the CAF/MSA allocataire."""

    __tablename__ = "guardian"
    __table_args__ = (
        UniqueConstraint("family_id", "rank"),
        CheckConstraint("rank >= 1", name="rank_positive"),
        # Database-enforced: one payer and at most one allocataire per family.
        Index(
            "uq_guardian_one_payer",
            "family_id",
            unique=True,
            sqlite_where=text("is_payer"),
            postgresql_where=text("is_payer"),
        ),
        Index(
            "uq_guardian_one_allocataire",
            "family_id",
            unique=True,
            sqlite_where=text("is_allocataire"),
            postgresql_where=text("is_allocataire"),
        ),
        CheckConstraint(
            "NOT is_allocataire OR "
            "(allowance_regime IS NOT NULL AND allocataire_number IS NOT NULL)",
            name="allocataire_complete",
        ),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id")
    rank: Mapped[int]
    civility: Mapped[Civility] = mapped_column(enum_column(Civility))
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    birth_name: Mapped[str | None] = mapped_column(String(120))
    relationship: Mapped[Relationship | None] = mapped_column(enum_column(Relationship))
    marital_status: Mapped[MaritalStatus | None] = mapped_column(enum_column(MaritalStatus))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32))
    mobile_phone: Mapped[str | None] = mapped_column(String(32))
    work_phone: Mapped[str | None] = mapped_column(String(32))
    address_line1: Mapped[str | None] = mapped_column(String(200))
    address_line2: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2), default="FR")
    profession: Mapped[str | None] = mapped_column(String(120))
    employer: Mapped[str | None] = mapped_column(String(200))
    is_payer: Mapped[bool] = mapped_column(default=False)
    is_allocataire: Mapped[bool] = mapped_column(default=False)
    allowance_regime: Mapped[AllowanceRegime | None] = mapped_column(enum_column(AllowanceRegime))
    allocataire_number: Mapped[str | None] = mapped_column(String(20))
    # "Je n'autorise pas la transmission de mes données à la CAF" is the negation of this.
    consents_quotient_lookup: Mapped[bool] = mapped_column(default=True)


class BankAccount(Base):
    """The family's bank account for direct debit, with its SEPA mandate."""

    __tablename__ = "bank_account"
    __table_args__ = (
        Index(
            "uq_bank_account_one_primary",
            "family_id",
            unique=True,
            sqlite_where=text("is_primary"),
            postgresql_where=text("is_primary"),
        ),
        UniqueConstraint("tenant_id", "mandate_reference"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id")
    holder_guardian_id: Mapped[int | None] = fk("guardian.id", nullable=True, ondelete="SET NULL")
    holder_name: Mapped[str] = mapped_column(String(200))
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    is_primary: Mapped[bool] = mapped_column(default=True)
    mandate_reference: Mapped[str | None] = mapped_column(String(35))
    mandate_signed_on: Mapped[dt.date | None]
    created_at: Mapped[CreatedAt]


class FamilyQuotient(Base):
    """A family quotient value with its source and validity (selects the price bracket)."""

    __tablename__ = "family_quotient"
    __table_args__ = (
        CheckConstraint("value >= 0", name="value_positive"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="ordered_dates"),
        Index(None, "family_id", "valid_from"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    family_id: Mapped[int] = fk("family.id", index=False)
    value: Mapped[int]
    source: Mapped[QuotientSource] = mapped_column(enum_column(QuotientSource))
    valid_from: Mapped[dt.date]
    valid_to: Mapped[dt.date | None]
    recorded_at: Mapped[CreatedAt]
