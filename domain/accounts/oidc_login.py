"""Logging in with an OpenID Connect provider (FranceConnect): the login's state, its one
use, and what a verified identity opens — a session, or a link to ask for.

The flow (authorization code with PKCE, as FranceConnect documents it):

1. ``start_login`` stores a login state — a random ``state`` (kept hashed), ``nonce`` and
   PKCE verifier, the redirect URI — valid 10 minutes, and builds the provider's
   authorization URL (``code_challenge`` S256, ``nonce``, ``acr_values``).
2. The browser comes back to the portal with ``code`` and ``state``; ``consume_state`` uses
   the state once, with one conditional UPDATE: of two workers receiving the same state,
   one gets it, the other refuses it as already used (a replay).
3. The caller exchanges the code (with the verifier) and checks the ID token
   (``domain.accounts.oidc_tokens``, with the stored nonce); then ``finish_login`` opens a
   session for the account linked to that identity — the same session a password login
   opens — or, for an identity no account knows, keeps it as a pending link for 30 minutes
   behind a one-use ``linkToken`` (``domain.accounts.oidc_links``).

Throttling: a forged, expired or replayed state and a rejected token are failed login
attempts of the caller's address (``LoginAttempt`` with the marker ``openid-connect`` as
email); past ``MAX_FAILURES_PER_ADDRESS`` in the window, the address is refused for a while,
as a password login would be. A success is recorded under the account's email, so the
address becomes one the account is known to log in from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.oidc_config import OidcClientConfig
from domain.accounts.sessions import (
    MAX_FAILURES_PER_ADDRESS,
    SESSION_VALIDITY,
    THROTTLE_WINDOW,
    IssuedSession,
)
from domain.tokens import hash_token, new_token
from kernel.results import fail
from models import Account, AccountIdentity, LoginAttempt, OidcLoginState, OidcPendingLink, Session
from models.account import AccountStatus

STATE_VALIDITY: Final = dt.timedelta(minutes=10)
LINK_TOKEN_VALIDITY: Final = dt.timedelta(minutes=30)
# Login states (without a session) and link offers this long expired are deleted as new
# logins start.
STATE_RETENTION: Final = dt.timedelta(days=1)
ATTEMPT_MARKER: Final = "openid-connect"


@dataclass(frozen=True, slots=True)
class LoginStarted:
    """Where to send the browser, and until when the login may be completed."""

    authorization_url: str
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LoginState:
    """A login state just used: what the code exchange and the checks need."""

    id: int
    issuer: str
    nonce: str
    code_verifier: str
    redirect_uri: str


@dataclass(frozen=True, slots=True)
class LinkOffered:
    """An identity no account knows: the token to ask for a link with, and what the
    provider said of the person (shown back so they recognise themselves)."""

    link_token: str
    expires_at: dt.datetime
    claims: dict[str, Any]


async def start_login(
    session: AsyncSession,
    *,
    tenant_id: int,
    config: OidcClientConfig,
    authorization_endpoint: str,
    redirect_uri: str,
    now: dt.datetime,
) -> LoginStarted:
    """Store a new login state and build the provider's authorization URL."""
    await session.execute(
        delete(OidcLoginState).where(
            OidcLoginState.tenant_id == tenant_id,
            OidcLoginState.expires_at < now - STATE_RETENTION,
            OidcLoginState.session_id.is_(None),
        )
    )
    await session.execute(
        delete(OidcPendingLink).where(
            OidcPendingLink.tenant_id == tenant_id,
            # Its mailed link (1 hour) has expired long before.
            OidcPendingLink.expires_at < now - STATE_RETENTION,
        )
    )
    state, nonce, verifier = generate_token(43), generate_token(43), generate_token(64)
    session.add(
        OidcLoginState(
            tenant_id=tenant_id,
            state_hash=hash_token(state),
            issuer=config.issuer,
            nonce=nonce,
            code_verifier=verifier,
            redirect_uri=redirect_uri,
            created_at=now,
            expires_at=now + STATE_VALIDITY,
        )
    )
    url = prepare_grant_uri(
        authorization_endpoint,
        config.client_id,
        "code",
        redirect_uri=redirect_uri,
        scope=" ".join(config.scopes),
        state=state,
        nonce=nonce,
        code_challenge=create_s256_code_challenge(verifier),
        code_challenge_method="S256",
        acr_values=" ".join(config.acr_values) or None,
    )
    return LoginStarted(authorization_url=url, expires_at=now + STATE_VALIDITY)


async def throttled(
    session: AsyncSession, *, tenant_id: int, remote_address: str | None, now: dt.datetime
) -> bool:
    """Whether the address failed too many provider logins in the window."""
    if remote_address is None:
        return False
    failures = await session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.tenant_id == tenant_id,
            LoginAttempt.email == ATTEMPT_MARKER,
            LoginAttempt.remote_address == remote_address,
            LoginAttempt.attempted_at > now - THROTTLE_WINDOW,
            LoginAttempt.succeeded.is_(False),
        )
    )
    return int(failures or 0) >= MAX_FAILURES_PER_ADDRESS


def record_failure(
    session: AsyncSession, *, tenant_id: int, remote_address: str | None, now: dt.datetime
) -> None:
    """Count a failed provider login against the caller's address."""
    session.add(
        LoginAttempt(
            tenant_id=tenant_id,
            email=ATTEMPT_MARKER,
            remote_address=remote_address,
            succeeded=False,
            attempted_at=now,
        )
    )


async def consume_state(
    session: AsyncSession, *, tenant_id: int, state: str, issuer: str, now: dt.datetime
) -> LoginState:
    """Use a login state once; STATE_INVALID (never issued here, or for another provider),
    STATE_EXPIRED or STATE_ALREADY_USED otherwise. The caller commits even on failure."""
    state_hash = hash_token(state)
    used = await session.execute(
        update(OidcLoginState)
        .where(
            OidcLoginState.tenant_id == tenant_id,
            OidcLoginState.state_hash == state_hash,
            OidcLoginState.used_at.is_(None),
            OidcLoginState.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    row = await session.scalar(
        select(OidcLoginState).where(
            OidcLoginState.tenant_id == tenant_id, OidcLoginState.state_hash == state_hash
        )
    )
    if row is None or row.issuer != issuer:
        raise fail("STATE_INVALID", "Cette connexion n'a pas été demandée ici.", "state")
    if used.rowcount != 1:  # type: ignore[attr-defined]
        if row.used_at is not None:
            raise fail("STATE_ALREADY_USED", "Cette connexion a déjà été utilisée.", "state")
        raise fail(
            "STATE_EXPIRED",
            "Cette connexion a expiré : recommencez depuis le portail.",
            "state",
        )
    return LoginState(
        id=row.id,
        issuer=row.issuer,
        nonce=row.nonce,
        code_verifier=row.code_verifier,
        redirect_uri=row.redirect_uri,
    )


async def open_session(
    session: AsyncSession,
    account: Account,
    *,
    remote_address: str | None,
    user_agent: str | None,
    now: dt.datetime,
) -> tuple[IssuedSession, int]:
    """A login session for an account the provider identified (as ``login`` opens one
    for a password), recorded as a successful login; with the session's id."""
    account.last_login_at = now
    token, token_hash = new_token()
    row = Session(
        tenant_id=account.tenant_id,
        account_id=account.id,
        token_hash=token_hash,
        created_at=now,
        expires_at=now + SESSION_VALIDITY,
        user_agent=(user_agent or "")[:400] or None,
        remote_address=remote_address,
    )
    session.add(row)
    session.add(
        LoginAttempt(
            tenant_id=account.tenant_id,
            email=account.email,
            remote_address=remote_address,
            succeeded=True,
            attempted_at=now,
        )
    )
    await session.flush()
    return IssuedSession(token=token, expires_at=now + SESSION_VALIDITY, account=account), row.id


async def finish_login(
    session: AsyncSession,
    *,
    tenant_id: int,
    state: LoginState,
    subject: str,
    claims: dict[str, Any],
    id_token: str,
    remote_address: str | None,
    user_agent: str | None,
    now: dt.datetime,
) -> IssuedSession | LinkOffered:
    """A session for the account linked to the identity; a link offer when none is."""
    identity = await session.scalar(
        select(AccountIdentity).where(
            AccountIdentity.tenant_id == tenant_id,
            AccountIdentity.issuer == state.issuer,
            AccountIdentity.subject == subject,
        )
    )
    if identity is None:
        token, token_hash = new_token()
        session.add(
            OidcPendingLink(
                tenant_id=tenant_id,
                token_hash=token_hash,
                issuer=state.issuer,
                subject=subject,
                claims=claims,
                created_at=now,
                expires_at=now + LINK_TOKEN_VALIDITY,
            )
        )
        return LinkOffered(link_token=token, expires_at=now + LINK_TOKEN_VALIDITY, claims=claims)
    account = await session.get_one(Account, identity.account_id)
    if account.status is not AccountStatus.ACTIVE:
        raise fail("ACCOUNT_DISABLED", "Ce compte est désactivé.")
    identity.last_login_at = now
    issued, session_id = await open_session(
        session, account, remote_address=remote_address, user_agent=user_agent, now=now
    )
    await session.execute(
        update(OidcLoginState)
        .where(OidcLoginState.id == state.id)
        .values(session_id=session_id, id_token=id_token)
    )
    return issued


async def provider_logout_hint(session: AsyncSession, *, session_id: int | None) -> str:
    """The ID token of the provider login that opened a session: the provider's logout
    (``end_session_endpoint``) needs it as ``id_token_hint``. NOT_AN_OIDC_SESSION for a
    session opened otherwise (a password, a link mail)."""
    id_token = (
        await session.scalar(
            select(OidcLoginState.id_token).where(
                OidcLoginState.session_id == session_id, OidcLoginState.id_token.is_not(None)
            )
        )
        if session_id is not None
        else None
    )
    if id_token is None:
        raise fail(
            "NOT_AN_OIDC_SESSION",
            "Cette session n'a pas été ouverte avec FranceConnect : "
            "utilisez la déconnexion simple.",
        )
    return str(id_token)
