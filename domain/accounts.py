"""Accounts: creation with an emailed activation link, login sessions, password reset.

Rules kept here:
- an activation link is valid 24 hours and once; after expiry the account can be created
  again (the guide: « Passé ce délai … vous devrez en créer un nouveau »);
- no answer reveals whether an email has an account: creating an account for a taken
  address mails its owner instead, a reset request always says the same thing, and a
  failed login never says which of the email or the password was wrong;
- login is throttled per email (5 failures in 15 minutes) and per address (30);
- sessions are opaque tokens stored hashed, expiring after 30 days, revocable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.mail import enqueue_mail
from domain.passwords import hash_password, needs_rehash, password_problems, verify_password
from domain.results import DomainFailure, Problem, fail
from domain.tokens import hash_token, new_token
from domain.viewer import Viewer
from models import Account, AccountToken, Guardian, LoginAttempt, Session
from models.account import AccountStatus, Civility, Role, TokenPurpose

ACTIVATION_VALIDITY = dt.timedelta(hours=24)
RESET_VALIDITY = dt.timedelta(hours=1)
SESSION_VALIDITY = dt.timedelta(days=30)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 30

# Verified against when the email is unknown, so that timing does not tell either.
_DUMMY_HASH = hash_password("creneau-dummy-password-for-timing")


class TenantIdentity(Protocol):
    """What mails need to know about the tenant."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def service_name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class PortalLinks:
    """Where the family portal (the front end) lives, for links in mails."""

    portal_url: str

    def activation(self, token: str) -> str:
        """The link of an activation mail."""
        return f"{self.portal_url}/activation?token={token}"

    def password_reset(self, token: str) -> str:
        """The link of a password-reset mail."""
        return f"{self.portal_url}/mot-de-passe?token={token}"


@dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new login session: the token is shown once, to the client that logged in."""

    token: str
    expires_at: dt.datetime
    account: Account


def normalize_email(raw: str, *field: str) -> str:
    """A syntactically valid address, lower-cased; DomainFailure otherwise."""
    try:
        return validate_email(raw.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise fail(
            "INVALID_EMAIL", "L'adresse e-mail n'est pas valide.", *(field or ("email",))
        ) from exc


def _name_problems(first_name: str, last_name: str) -> list[Problem]:
    problems = []
    for field, value, label in (
        ("firstName", first_name, "Le prénom"),
        ("lastName", last_name, "Le nom"),
    ):
        if not value.strip():
            problems.append(Problem("REQUIRED", f"{label} est obligatoire.", (field,)))
        elif len(value) > 120:
            problems.append(Problem("TOO_LONG", f"{label} est trop long.", (field,)))
    return problems


def _check_new_account(email: str, password: str, first_name: str, last_name: str) -> str:
    problems = _name_problems(first_name, last_name)
    try:
        normalized = normalize_email(email)
    except DomainFailure as failure:
        problems.extend(failure.problems)
        normalized = email
    problems += [
        Problem("WEAK_PASSWORD", message, ("password",))
        for message in password_problems(password, normalized)
    ]
    if problems:
        raise DomainFailure(problems)
    return normalized


def _mail_context(
    tenant: TenantIdentity, recipient_name: str, **values: object
) -> dict[str, object]:
    return {
        "tenant": {"name": tenant.name, "service_name": tenant.service_name},
        "recipient_name": recipient_name,
        **values,
    }


def display_name(civility: Civility | None, first_name: str, last_name: str) -> str:
    """« M. Matthieu BLMAN », as the guide's mails greet people."""
    prefix = (
        {Civility.MONSIEUR: "M. ", Civility.MADAME: "Mme "}.get(civility, "") if civility else ""
    )
    return f"{prefix}{first_name} {last_name.upper()}"


async def _issue_token(
    session: AsyncSession,
    account: Account,
    purpose: TokenPurpose,
    validity: dt.timedelta,
    now: dt.datetime,
) -> str:
    # A new link makes the older unused ones of the same purpose useless.
    await session.execute(
        update(AccountToken)
        .where(
            AccountToken.account_id == account.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(expires_at=now)
    )
    token, token_hash = new_token()
    session.add(
        AccountToken(
            tenant_id=account.tenant_id,
            account_id=account.id,
            purpose=purpose,
            token_hash=token_hash,
            created_at=now,
            expires_at=now + validity,
        )
    )
    return token


async def _account_by_email(session: AsyncSession, tenant_id: int, email: str) -> Account | None:
    return await session.scalar(
        select(Account).where(Account.tenant_id == tenant_id, Account.email == email)
    )


async def create_account(
    session: AsyncSession,
    tenant: TenantIdentity,
    links: PortalLinks,
    *,
    email: str,
    password: str,
    civility: Civility | None,
    first_name: str,
    last_name: str,
    now: dt.datetime,
) -> None:
    """Create a parent account and mail its activation link (valid 24 hours).

    The outcome looks the same whether the address was free or not: a taken address gets
    a mail telling its owner, and a pending (never activated) account is replaced.
    """
    normalized = _check_new_account(email, password, first_name, last_name)
    existing = await _account_by_email(session, tenant.id, normalized)
    if existing is not None and existing.status is not AccountStatus.PENDING_ACTIVATION:
        reset_token = await _issue_token(
            session, existing, TokenPurpose.PASSWORD_RESET, RESET_VALIDITY, now
        )
        await enqueue_mail(
            session,
            tenant_id=tenant.id,
            to=existing.email,
            template="account_already_exists",
            context=_mail_context(
                tenant,
                display_name(existing.civility, existing.first_name, existing.last_name),
                password_reset_url=links.password_reset(reset_token),
            ),
        )
        return
    if existing is not None:
        # Never activated: the new form replaces it, and older links stop working.
        account = existing
        account.password_hash = hash_password(password)
        account.civility = civility
        account.first_name = first_name.strip()
        account.last_name = last_name.strip()
        account.created_at = now
    else:
        account = Account(
            tenant_id=tenant.id,
            email=normalized,
            password_hash=hash_password(password),
            civility=civility,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=Role.PARENT,
            status=AccountStatus.PENDING_ACTIVATION,
            created_at=now,
        )
        session.add(account)
        await session.flush()
    token = await _issue_token(session, account, TokenPurpose.ACTIVATION, ACTIVATION_VALIDITY, now)
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to=account.email,
        template="account_activation",
        context=_mail_context(
            tenant,
            display_name(civility, account.first_name, account.last_name),
            activation_url=links.activation(token),
            valid_hours=int(ACTIVATION_VALIDITY.total_seconds() // 3600),
        ),
    )


async def _consume_token(
    session: AsyncSession, tenant_id: int, token: str, purpose: TokenPurpose, now: dt.datetime
) -> AccountToken:
    stored = await session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == hash_token(token),
            AccountToken.tenant_id == tenant_id,
            AccountToken.purpose == purpose,
        )
    )
    if stored is None:
        raise fail("TOKEN_INVALID", "Ce lien n'est pas valide.", "token")
    if stored.used_at is not None:
        raise fail("TOKEN_ALREADY_USED", "Ce lien a déjà été utilisé.", "token")
    if stored.expires_at <= now:
        message = (
            "Ce lien d'activation a expiré (il n'est valable que 24 heures) : "
            "créez à nouveau votre compte."
            if purpose is TokenPurpose.ACTIVATION
            else "Ce lien a expiré : demandez-en un nouveau."
        )
        raise fail("TOKEN_EXPIRED", message, "token")
    stored.used_at = now
    return stored


async def activate_account(
    session: AsyncSession, *, tenant_id: int, token: str, now: dt.datetime
) -> Account:
    """Confirm the email address of a new account with the mailed token."""
    stored = await _consume_token(session, tenant_id, token, TokenPurpose.ACTIVATION, now)
    account = await session.get_one(Account, stored.account_id)
    account.status = AccountStatus.ACTIVE
    account.activated_at = now
    return account


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
        and await _failures_since(
            session, tenant_id, since, LoginAttempt.remote_address == remote_address
        )
        >= MAX_FAILURES_PER_ADDRESS
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


class WrongTenant(Exception):
    """A valid token presented on another tenant's endpoint."""


async def authenticate(
    session: AsyncSession, *, tenant_id: int, token: str, now: dt.datetime
) -> Viewer | None:
    """The viewer of a bearer token (one statement); None when invalid, expired or revoked.

    Raises WrongTenant when the token belongs to another tenant: it is refused, never
    silently treated as anonymous.
    """
    row = (
        await session.execute(
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
            .where(Session.token_hash == hash_token(token))
        )
    ).one_or_none()
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
    )


async def request_password_reset(
    session: AsyncSession,
    tenant: TenantIdentity,
    links: PortalLinks,
    *,
    email: str,
    now: dt.datetime,
) -> None:
    """Mail a reset link (valid 1 hour) to an active account; silent for anything else."""
    account = await _account_by_email(session, tenant.id, email.strip().lower())
    if account is None or account.status is not AccountStatus.ACTIVE:
        return
    token = await _issue_token(session, account, TokenPurpose.PASSWORD_RESET, RESET_VALIDITY, now)
    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to=account.email,
        template="password_reset",
        context=_mail_context(
            tenant,
            display_name(account.civility, account.first_name, account.last_name),
            reset_url=links.password_reset(token),
            valid_minutes=int(RESET_VALIDITY.total_seconds() // 60),
        ),
    )


async def reset_password(
    session: AsyncSession, *, tenant_id: int, token: str, password: str, now: dt.datetime
) -> Account:
    """Set a new password from a reset link; every open session of the account ends."""
    stored = await _consume_token(session, tenant_id, token, TokenPurpose.PASSWORD_RESET, now)
    account = await session.get_one(Account, stored.account_id)
    problems = password_problems(password, account.email)
    if problems:
        raise DomainFailure(Problem("WEAK_PASSWORD", m, ("password",)) for m in problems)
    account.password_hash = hash_password(password)
    await session.execute(
        update(Session)
        .where(Session.account_id == account.id, Session.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return account


async def create_active_account(
    session: AsyncSession,
    *,
    tenant_id: int,
    email: str,
    password: str,
    role: Role,
    first_name: str,
    last_name: str,
    now: dt.datetime,
) -> Account:
    """An account usable at once (staff, admin, reporting: created by an administrator)."""
    normalized = _check_new_account(email, password, first_name, last_name)
    if await _account_by_email(session, tenant_id, normalized) is not None:
        raise fail("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse.", "email")
    account = Account(
        tenant_id=tenant_id,
        email=normalized,
        password_hash=hash_password(password),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        status=AccountStatus.ACTIVE,
        created_at=now,
        activated_at=now,
    )
    session.add(account)
    await session.flush()
    return account
