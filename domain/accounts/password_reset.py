"""Password reset: a link mailed to active accounts only (valid 1 hour), and its use.

A reset request always says the same thing, whether or not the email has an account.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts.creation import RESET_VALIDITY, _consume_token, _issue_token
from domain.accounts.identity import (
    PortalLinks,
    TenantIdentity,
    _account_by_email,
    _mail_context,
    display_name,
)
from domain.mail import enqueue_mail
from domain.passwords import hash_password, password_problems
from kernel.results import DomainFailure, Problem
from models import Account, Session
from models.account import AccountStatus, TokenPurpose


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
