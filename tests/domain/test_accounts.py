"""Accounts in the domain: activation links, login throttling, sessions, password reset."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import accounts
from domain.accounts import IssuedSession, LoginRefused, PortalLinks, WrongTenant
from domain.passwords import password_problems
from kernel.results import DomainFailure
from kernel.tenancy import TenantRef
from models import Account, OutboxMessage, Tenant
from models.account import AccountStatus, Civility, Role
from tests import factories

NOW = dt.datetime(2026, 1, 5, 9, 14, tzinfo=dt.UTC)
LINKS = PortalLinks("https://famille.example/saint-ismier")
PASSWORD = "Mercredi-2026!"


async def _create(
    session: AsyncSession,
    tenant: Tenant,
    email: str = "m.blman@example.fr",
    now: dt.datetime = NOW,
) -> None:
    await accounts.create_account(
        session,
        tenant,
        LINKS,
        email=email,
        password=PASSWORD,
        civility=Civility.MONSIEUR,
        first_name="Matthieu",
        last_name="Blman",
        now=now,
    )


async def _last_token(session: AsyncSession, marker: str) -> str:
    mail = await session.scalar(select(OutboxMessage).order_by(OutboxMessage.id.desc()))
    assert mail is not None
    found = re.search(rf"{marker}\?token=([\w-]+)", mail.text_body)
    assert found, mail.text_body
    return found.group(1)


async def test_activation_mail_then_activation_then_login(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await _create(session, tenant)

    mail = await session.scalar(select(OutboxMessage))
    assert mail is not None and mail.template == "account_activation"
    assert mail.to_address == "m.blman@example.fr"
    assert "Bonjour M. Matthieu BLMAN" in mail.text_body
    assert "24 heures" in mail.text_body
    refused = await accounts.login(
        session,
        tenant_id=tenant.id,
        email="m.blman@example.fr",
        password=PASSWORD,
        remote_address="203.0.113.5",
        user_agent=None,
        now=NOW,
    )
    assert isinstance(refused, LoginRefused)
    assert refused.problem.code == "ACCOUNT_NOT_ACTIVATED"

    token = await _last_token(session, "activation")
    account = await accounts.activate_account(session, tenant_id=tenant.id, token=token, now=NOW)
    assert account.status is AccountStatus.ACTIVE
    with pytest.raises(DomainFailure) as reused:
        await accounts.activate_account(session, tenant_id=tenant.id, token=token, now=NOW)
    assert reused.value.problems[0].code == "TOKEN_ALREADY_USED"

    issued = await accounts.login(
        session,
        tenant_id=tenant.id,
        email=" M.Blman@Example.fr ",
        password=PASSWORD,
        remote_address="203.0.113.5",
        user_agent="pytest",
        now=NOW,
    )
    assert isinstance(issued, IssuedSession)
    viewer = await accounts.authenticate(
        session, tenant_id=tenant.id, token=issued.token, now=NOW + dt.timedelta(days=1)
    )
    assert viewer is not None and viewer.role is Role.PARENT and viewer.family_id is None


async def test_expired_activation_link_and_account_created_again(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await _create(session, tenant)
    token = await _last_token(session, "activation")
    later = NOW + dt.timedelta(hours=24, seconds=1)

    with pytest.raises(DomainFailure) as expired:
        await accounts.activate_account(session, tenant_id=tenant.id, token=token, now=later)
    assert expired.value.problems[0].code == "TOKEN_EXPIRED"
    assert "24 heures" in expired.value.problems[0].message

    await _create(session, tenant, now=later)  # allowed again after expiry
    count = await session.scalar(select(func.count()).select_from(Account))
    assert count == 1
    fresh = await _last_token(session, "activation")
    account = await accounts.activate_account(session, tenant_id=tenant.id, token=fresh, now=later)
    assert account.status is AccountStatus.ACTIVE


async def test_creating_a_taken_address_reveals_nothing_and_mails_the_owner(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email="elodie.devaille@example.fr",
        password=PASSWORD,
        role=Role.PARENT,
        first_name="Elodie",
        last_name="Devaillé",
        now=NOW,
    )
    await _create(session, tenant, "elodie.devaille@example.fr")  # no error: same outcome
    mail = await session.scalar(select(OutboxMessage))
    assert mail is not None and mail.template == "account_already_exists"
    owner = await session.scalar(select(Account))
    assert owner is not None and owner.first_name == "Elodie"  # untouched


async def test_invalid_input_reports_every_problem(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    with pytest.raises(DomainFailure) as failure:
        await accounts.create_account(
            session,
            tenant,
            LINKS,
            email="not an email",
            password="short",
            civility=None,
            first_name=" ",
            last_name="Blman",
            now=NOW,
        )
    fields = {(p.code, p.field) for p in failure.value.problems}
    assert ("INVALID_EMAIL", ("email",)) in fields
    assert ("REQUIRED", ("firstName",)) in fields
    assert any(code == "WEAK_PASSWORD" for code, _ in fields)


def test_password_rule() -> None:
    assert password_problems("Mercredi-2026!") == []
    assert password_problems("aaaaaaaaaaaa")  # one kind of character
    assert password_problems("Ab1!")  # too short
    assert password_problems("Elodie.Devaille-2026", "elodie.devaille@example.fr")


async def test_login_is_throttled_per_email_then_per_address(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email="agent@ville.example",
        password=PASSWORD,
        role=Role.STAFF,
        first_name="Agent",
        last_name="Mairie",
        now=NOW,
    )

    async def attempt(email: str, password: str, address: str, at: dt.datetime) -> str:
        outcome = await accounts.login(
            session,
            tenant_id=tenant.id,
            email=email,
            password=password,
            remote_address=address,
            user_agent=None,
            now=at,
        )
        return "OK" if isinstance(outcome, IssuedSession) else outcome.problem.code

    for _ in range(5):
        assert await attempt("agent@ville.example", "wrong", "198.51.100.1", NOW) == (
            "INVALID_CREDENTIALS"
        )
    # Even the right password is refused while throttled, and an unknown address is
    # throttled exactly the same way (nothing tells whether an account exists).
    assert await attempt("agent@ville.example", PASSWORD, "198.51.100.2", NOW) == "THROTTLED"
    for _ in range(5):
        await attempt("nobody@ville.example", "wrong", "198.51.100.3", NOW)
    assert await attempt("nobody@ville.example", "x", "198.51.100.4", NOW) == "THROTTLED"
    # After the window, the account works again.
    later = NOW + accounts.THROTTLE_WINDOW + dt.timedelta(seconds=1)
    assert await attempt("agent@ville.example", PASSWORD, "198.51.100.2", later) == "OK"
    # Per address: many emails from one address.
    for i in range(accounts.MAX_FAILURES_PER_ADDRESS):
        await attempt(f"guess{i}@ville.example", "x", "192.0.2.66", later)
    assert await attempt("agent@ville.example", PASSWORD, "192.0.2.66", later) == "THROTTLED"


async def test_sessions_expire_are_revocable_and_bound_to_their_tenant(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    other = await factories.make_tenant(session)
    await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email="agent@ville.example",
        password=PASSWORD,
        role=Role.STAFF,
        first_name="Agent",
        last_name="Mairie",
        now=NOW,
    )
    issued = await accounts.login(
        session,
        tenant_id=tenant.id,
        email="agent@ville.example",
        password=PASSWORD,
        remote_address=None,
        user_agent=None,
        now=NOW,
    )
    assert isinstance(issued, IssuedSession)
    with pytest.raises(WrongTenant):
        await accounts.authenticate(session, tenant_id=other.id, token=issued.token, now=NOW)
    expired_at = NOW + accounts.SESSION_VALIDITY
    assert (
        await accounts.authenticate(
            session, tenant_id=tenant.id, token=issued.token, now=expired_at
        )
        is None
    )
    viewer = await accounts.authenticate(session, tenant_id=tenant.id, token=issued.token, now=NOW)
    assert viewer is not None and viewer.session_id is not None
    await accounts.logout(session, session_id=viewer.session_id, now=NOW)
    assert (
        await accounts.authenticate(session, tenant_id=tenant.id, token=issued.token, now=NOW)
        is None
    )
    assert (
        await accounts.authenticate(session, tenant_id=tenant.id, token="forged", now=NOW) is None
    )


async def test_password_reset_revokes_sessions_and_is_silent_for_unknown_addresses(
    session: AsyncSession,
) -> None:
    row = await factories.make_tenant(session)
    # Plain values: they survive the rollback below (ORM objects would expire).
    tenant = TenantRef(row.id, row.slug, row.name, row.service_name, row.timezone)
    await accounts.create_active_account(
        session,
        tenant_id=tenant.id,
        email="julien.roussel@example.fr",
        password=PASSWORD,
        role=Role.PARENT,
        first_name="Julien",
        last_name="Roussel",
        now=NOW,
    )
    issued = await accounts.login(
        session,
        tenant_id=tenant.id,
        email="julien.roussel@example.fr",
        password=PASSWORD,
        remote_address=None,
        user_agent=None,
        now=NOW,
    )
    assert isinstance(issued, IssuedSession)
    await session.commit()

    await accounts.request_password_reset(session, tenant, LINKS, email="nobody@x.fr", now=NOW)
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    await accounts.request_password_reset(
        session, tenant, LINKS, email="julien.roussel@example.fr", now=NOW
    )
    token = await _last_token(session, "mot-de-passe")
    await session.commit()

    with pytest.raises(DomainFailure) as weak:
        await accounts.reset_password(
            session, tenant_id=tenant.id, token=token, password="weak", now=NOW
        )
    assert weak.value.problems[0].code == "WEAK_PASSWORD"
    await session.rollback()  # the failed attempt consumed nothing: the link still works
    await accounts.reset_password(
        session, tenant_id=tenant.id, token=token, password="Nouveau-Mot2Passe", now=NOW
    )
    assert (
        await accounts.authenticate(session, tenant_id=tenant.id, token=issued.token, now=NOW)
        is None
    )
    relogged = await accounts.login(
        session,
        tenant_id=tenant.id,
        email="julien.roussel@example.fr",
        password="Nouveau-Mot2Passe",
        remote_address=None,
        user_agent=None,
        now=NOW,
    )
    assert isinstance(relogged, IssuedSession)
