"""Login sessions: throttled login, logout, and the viewer of a bearer token.

Login throttling, over the last 15 minutes of attempts:

- per email: after 5 failures on an email, from any address, that email is refused (even
  with the right password) until the window has passed — guessing one account's password
  from many addresses gets no further;
- per address: an address that failed on 30 *different* emails (password spraying) is then
  refused for every email, except those that logged in successfully from that same address
  in the last 30 days. Failures are counted per distinct email, not one by one, so one
  person hammering their own account (throttled by the rule above) does not lock out the
  others behind the same address; and behind a NAT or a town's proxy, where many families
  share one address, the ones who already logged in from it keep logging in while a
  spraying attack from it is refused. Families new to that address wait for the window.

The address is the direct peer, or the client named by ``X-Forwarded-For`` when the peer is
one of ``CRENEAU_TRUSTED_PROXIES`` (see server/http_requests.py): a client cannot choose
it. A failed login never says which of the email or the password was wrong. Sessions are
opaque tokens stored hashed, expiring after 30 days, revocable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.identity import _account_by_email
from domain.passwords import hash_password, needs_rehash, verify_password
from domain.tokens import hash_token, new_token
from kernel.results import Problem
from kernel.viewer import Viewer
from models import Account, Guardian, LoginAttempt, Session, StaffEstablishment
from models.account import AccountStatus, Role
from models.data_version import POSTGRES_SNAPSHOT

SESSION_VALIDITY = dt.timedelta(days=30)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
# Distinct emails an address may fail on before it is refused for emails it has no
# successful login with (see the module docstring).
MAX_FAILURES_PER_ADDRESS = 30
KNOWN_ADDRESS_VALIDITY = dt.timedelta(days=30)

# Verified against when the email is unknown, so that timing does not tell either.
_DUMMY_HASH = hash_password("creneau-dummy-password-for-timing")


@dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new login session: the token is shown once, to the client that logged in."""

    token: str
    expires_at: dt.datetime
    account: Account


@dataclass(frozen=True, slots=True)
class LoginRefused:
    """Why a login failed; the attempt is recorded, so the caller still commits."""

    problem: Problem


async def _failures_since(
    session: AsyncSession, tenant_id: int, since: dt.datetime, *where: object
) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                LoginAttempt.tenant_id == tenant_id,
                LoginAttempt.attempted_at > since,
                LoginAttempt.succeeded.is_(False),
                *where,  # type: ignore[arg-type]
            )
        )
        or 0
    )


async def _address_throttled(
    session: AsyncSession, tenant_id: int, address: str, email: str, now: dt.datetime
) -> bool:
    """Whether ``address`` sprayed too many emails, and ``email`` never logged in from it."""
    failed_emails = await session.scalar(
        select(func.count(func.distinct(LoginAttempt.email))).where(
            LoginAttempt.tenant_id == tenant_id,
            LoginAttempt.remote_address == address,
            LoginAttempt.attempted_at > now - THROTTLE_WINDOW,
            LoginAttempt.succeeded.is_(False),
        )
    )
    if int(failed_emails or 0) < MAX_FAILURES_PER_ADDRESS:
        return False
    known = await session.scalar(
        select(LoginAttempt.id)
        .where(
            LoginAttempt.tenant_id == tenant_id,
            LoginAttempt.remote_address == address,
            LoginAttempt.email == email,
            LoginAttempt.succeeded.is_(True),
            LoginAttempt.attempted_at > now - KNOWN_ADDRESS_VALIDITY,
        )
        .limit(1)
    )
    return known is None


async def login(
    session: AsyncSession,
    *,
    tenant_id: int,
    email: str,
    password: str,
    remote_address: str | None,
    user_agent: str | None,
    now: dt.datetime,
) -> IssuedSession | LoginRefused:
    """Open a session for valid credentials; refuse (and count) anything else."""
    normalized = email.strip().lower()
    since = now - THROTTLE_WINDOW
    throttled = await _failures_since(
        session, tenant_id, since, LoginAttempt.email == normalized
    ) >= MAX_FAILURES_PER_EMAIL or (
        remote_address is not None
        and await _address_throttled(session, tenant_id, remote_address, normalized, now)
    )
    if throttled:
        return LoginRefused(
            Problem(
                "THROTTLED",
                "Trop de tentatives de connexion. Réessayez dans quelques minutes "
                "ou réinitialisez votre mot de passe.",
            )
        )
    account = await _account_by_email(session, tenant_id, normalized)
    valid = verify_password(account.password_hash if account else _DUMMY_HASH, password)
    usable = account is not None and valid and account.status is AccountStatus.ACTIVE
    session.add(
        LoginAttempt(
            tenant_id=tenant_id,
            email=normalized[:254],
            remote_address=remote_address,
            succeeded=usable,
            attempted_at=now,
        )
    )
    if account is None or not valid:
        return LoginRefused(
            Problem("INVALID_CREDENTIALS", "Adresse e-mail ou mot de passe incorrect.")
        )
    if account.status is AccountStatus.PENDING_ACTIVATION:
        return LoginRefused(
            Problem(
                "ACCOUNT_NOT_ACTIVATED",
                "Votre compte n'est pas encore activé : cliquez sur le lien reçu par e-mail.",
            )
        )
    if account.status is AccountStatus.DISABLED:
        return LoginRefused(Problem("ACCOUNT_DISABLED", "Ce compte est désactivé."))
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    account.last_login_at = now
    token, token_hash = new_token()
    session.add(
        Session(
            tenant_id=tenant_id,
            account_id=account.id,
            token_hash=token_hash,
            created_at=now,
            expires_at=now + SESSION_VALIDITY,
            user_agent=(user_agent or "")[:400] or None,
            remote_address=remote_address,
        )
    )
    return IssuedSession(token=token, expires_at=now + SESSION_VALIDITY, account=account)


async def logout(session: AsyncSession, *, session_id: int, now: dt.datetime) -> None:
    """Revoke the current session (its token stops working at once)."""
    await session.execute(
        update(Session)
        .where(Session.id == session_id, Session.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def session_viewers() -> Select[*tuple[Any, ...]]:
    """A login session's viewer facts: the session, its account and the account's family
    (the token check and the subscriptions' re-check read the same columns)."""
    return (
        select(
            Session.id,
            Session.tenant_id,
            Session.expires_at,
            Session.revoked_at,
            Account.id.label("account_id"),
            Account.role,
            Account.status,
            Account.guardian_id,
            Guardian.family_id,
        )
        .join(Account, Account.id == Session.account_id)
        .outerjoin(Guardian, Guardian.id == Account.guardian_id)
    )


# Built once: every authenticated request runs it, and building it cost more than running it.
_SESSION_OF_TOKEN = (
    session_viewers()
    .add_columns(
        select(func.count())
        .where(StaffEstablishment.account_id == Account.id)
        .scalar_subquery()
        .label("limits")
    )
    .where(Session.token_hash == bindparam("token_hash"))
)


# The same, reading PostgreSQL's data version in the same round trip (the response cache).
_SESSION_OF_TOKEN_AND_VERSION = _SESSION_OF_TOKEN.add_columns(POSTGRES_SNAPSHOT)


class WrongTenant(Exception):
    """A valid token presented on another tenant's endpoint."""


async def authenticate(
    session: AsyncSession, *, tenant_id: int, token: str, now: dt.datetime
) -> Viewer | None:
    """The viewer of a bearer token (one statement; a second only for a STAFF account that
    is limited to some establishments, to read which); None when invalid, expired or revoked.

    Raises WrongTenant when the token belongs to another tenant: it is refused, never
    silently treated as anonymous.
    """
    row = (
        await session.execute(_SESSION_OF_TOKEN, {"token_hash": hash_token(token)})
    ).one_or_none()
    return await _viewer_of(session, row, tenant_id, now)


async def authenticate_reading_version(
    session: AsyncSession, *, tenant_id: int, token: str, now: dt.datetime
) -> tuple[Viewer | None, str | None]:
    """``authenticate``, and on PostgreSQL the data version (``models.data_version``) read
    by the same statement: a cacheable read then needs no round trip of its own for it
    (None on SQLite, where it is per connection and cheap to read)."""
    if session.get_bind().dialect.name != "postgresql":
        return await authenticate(session, tenant_id=tenant_id, token=token, now=now), None
    row = (
        await session.execute(_SESSION_OF_TOKEN_AND_VERSION, {"token_hash": hash_token(token)})
    ).one_or_none()
    if row is None:
        return None, None
    return await _viewer_of(session, row, tenant_id, now), row.data_version


async def _viewer_of(
    session: AsyncSession, row: Any, tenant_id: int, now: dt.datetime
) -> Viewer | None:
    """The viewer of a token's row (see ``authenticate``)."""
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    if row.status is not AccountStatus.ACTIVE:
        return None
    if row.tenant_id != tenant_id:
        raise WrongTenant
    return Viewer(
        tenant_id=tenant_id,
        account_id=row.account_id,
        session_id=row.id,
        role=row.role,
        guardian_id=row.guardian_id,
        family_id=row.family_id,
        establishment_ids=(
            await staff_limits(session, row.account_id)
            if row.role is Role.STAFF and row.limits
            else None
        ),
    )


async def staff_limits(session: AsyncSession, account_id: int) -> frozenset[int] | None:
    """The establishments a staff account is limited to; None when it has no limit."""
    limits = frozenset(
        await session.scalars(
            select(StaffEstablishment.establishment_id).where(
                StaffEstablishment.account_id == account_id
            )
        )
    )
    return limits or None
