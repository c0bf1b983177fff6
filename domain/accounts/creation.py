"""Account creation: the activation link mailed (valid 24 hours, once), its use, and the
accounts an administrator creates active at once; the one-use tokens behind every mailed link.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.identity import (
    PortalLinks,
    TenantIdentity,
    _account_by_email,
    _mail_context,
    display_name,
    normalize_email,
)
from domain.mail import enqueue_mail
from domain.passwords import hash_password, password_problems
from domain.tokens import hash_token, new_token
from kernel.results import DomainFailure, Problem, fail
from models import Account, AccountToken
from models.account import AccountStatus, Civility, Role, TokenPurpose

ACTIVATION_VALIDITY = dt.timedelta(hours=24)
RESET_VALIDITY = dt.timedelta(hours=1)


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
