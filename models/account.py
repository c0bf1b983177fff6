"""Accounts (logins), their sessions, one-time tokens and login attempts."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, enum_column, fk, tenant_fk


class Role(enum.StrEnum):
    """What an account may do; a parent is linked to a guardian of one family."""

    PARENT = "PARENT"
    STAFF = "STAFF"
    ADMIN = "ADMIN"
    REPORTING = "REPORTING"


class AccountStatus(enum.StrEnum):
    """An account is usable only once its email address is confirmed."""

    PENDING_ACTIVATION = "PENDING_ACTIVATION"
    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"


class Civility(enum.StrEnum):
    """Civilité, as printed in mails ("Bonjour M. …")."""

    MONSIEUR = "MONSIEUR"
    MADAME = "MADAME"


class TokenPurpose(enum.StrEnum):
    """What a one-time emailed token is for."""

    ACTIVATION = "ACTIVATION"
    PASSWORD_RESET = "PASSWORD_RESET"
    OIDC_LINK = "OIDC_LINK"  # links a FranceConnect identity (models/identity.py)


class Account(Base):
    """A login of one tenant: email + password hash, a role, for parents a guardian."""

    __tablename__ = "account"
    __table_args__ = (
        UniqueConstraint("tenant_id", "email"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint("role = 'PARENT' OR guardian_id IS NULL", name="only_parents_link"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    civility: Mapped[Civility | None] = mapped_column(enum_column(Civility))
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    status: Mapped[AccountStatus] = mapped_column(
        enum_column(AccountStatus), default=AccountStatus.PENDING_ACTIVATION
    )
    # Parents: the guardian this login acts as (one login per guardian, custody-aware).
    guardian_id: Mapped[int | None] = fk("guardian.id", nullable=True, ondelete="SET NULL")
    created_at: Mapped[CreatedAt]
    activated_at: Mapped[dt.datetime | None]
    last_login_at: Mapped[dt.datetime | None]


class AccountToken(Base):
    """A one-time token sent by mail (activation 24 h, password reset); stored hashed."""

    __tablename__ = "account_token"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    account_id: Mapped[int] = fk("account.id")
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class Session(Base):
    """An opaque bearer session: only the token's hash is stored; expiring and revocable."""

    __tablename__ = "session"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    account_id: Mapped[int] = fk("account.id")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    last_seen_at: Mapped[dt.datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(400))
    remote_address: Mapped[str | None] = mapped_column(String(64))


class LoginAttempt(Base):
    """Every login attempt, for throttling per account and per address."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index(None, "tenant_id", "email", "attempted_at"),
        Index(None, "tenant_id", "remote_address", "attempted_at"),
    )

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    email: Mapped[str] = mapped_column(String(254))
    remote_address: Mapped[str | None] = mapped_column(String(64))
    succeeded: Mapped[bool]
    attempted_at: Mapped[CreatedAt]


class StaffEstablishment(Base):
    """An establishment a staff account is limited to; none at all means every one.

    A town that wants a school's agents to see only their school lists it here: their inbox,
    planning and attendance then show that establishment's activities only.
    """

    __tablename__ = "staff_establishment"

    account_id: Mapped[int] = fk("account.id", primary_key=True, index=False)
    establishment_id: Mapped[int] = fk("establishment.id", primary_key=True)
    tenant_id: Mapped[int] = tenant_fk()
