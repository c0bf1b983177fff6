"""OpenID Connect (FranceConnect) logins: the identities linked to an account, the state of
a login under way, and the identities waiting to be linked.

- ``AccountIdentity``: an identity of a provider (``issuer`` + ``subject``) linked to an
  account; an account may have several, an identity belongs to one account of a tenant.
- ``OidcLoginState``: one login started (``oidcLoginStart``): the ``state`` (stored hashed),
  the ``nonce`` and the PKCE verifier, the redirect URI; used once (``used_at``, set by one
  conditional UPDATE, so a replayed state is refused whichever worker receives it). A login
  that opened a session keeps its ID token, the hint the provider's logout needs.
- ``OidcPendingLink``: an identity the provider vouched for but no account knows yet; its
  one-use ``linkToken`` (stored hashed) lets the parent ask for the link by mail, and the
  mailed token (an ``AccountToken`` of purpose ``OIDC_LINK``) confirms it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAt, IntPk, fk, tenant_fk


class AccountIdentity(Base):
    """An identity of an OpenID Connect provider linked to an account."""

    __tablename__ = "account_identity"
    __table_args__ = (UniqueConstraint("tenant_id", "issuer", "subject"),)

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    account_id: Mapped[int] = fk("account.id")
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[CreatedAt]
    last_login_at: Mapped[dt.datetime | None]


class OidcLoginState(Base):
    """A login started at a provider, waiting for its code (valid minutes, used once)."""

    __tablename__ = "oidc_login_state"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issuer: Mapped[str] = mapped_column(String(300))
    nonce: Mapped[str] = mapped_column(String(128))
    code_verifier: Mapped[str] = mapped_column(String(128))
    redirect_uri: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    # Set when the login opened a session: the provider's logout needs the ID token.
    session_id: Mapped[int | None] = fk("session.id", nullable=True, ondelete="SET NULL")
    id_token: Mapped[str | None] = mapped_column(Text)


class OidcPendingLink(Base):
    """An identity vouched for by the provider that no account is linked to yet."""

    __tablename__ = "oidc_pending_link"

    id: Mapped[IntPk]
    tenant_id: Mapped[int] = tenant_fk()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(255))
    # What the provider said of the person (given_name, family_name, email, birthdate).
    claims: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[CreatedAt]
    expires_at: Mapped[dt.datetime]
    # The mailed confirmation (an AccountToken of purpose OIDC_LINK), once asked for.
    account_token_id: Mapped[int | None] = fk(
        "account_token.id", nullable=True, ondelete="SET NULL"
    )
    linked_at: Mapped[dt.datetime | None]
