"""A collectivity from nothing: the tenant, its first administrator invited by mail."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.accounts import login
from domain.accounts.staff_invitations import accept_invitation
from domain.tenants.creation import NewTenant, create_tenant
from kernel.results import DomainFailure
from models import Account, AuditEntry, OutboxMessage, Tenant
from models.account import AccountStatus, Civility, Role
from models.base import utcnow
from models.tenant import SchoolZone
from tests import factories

PORTAL = "https://portail.example/crolles"


def _new(**overrides: object) -> NewTenant:
    values: dict[str, object] = {
        "slug": "crolles",
        "name": "Mairie de Crolles",
        "service_name": "Le service enfance",
        "timezone": "Europe/Paris",
        "school_zone": "A",
        "mail_from": "NePasRepondre@Crolles.example",
        "admin_email": "Claire.Admin@crolles.example",
        "admin_first_name": "Claire",
        "admin_last_name": "Durand",
        "admin_civility": Civility.MADAME,
    }
    values.update(overrides)
    return NewTenant(**values)  # type: ignore[arg-type]


async def test_creates_the_tenant_a_pending_admin_an_invitation_and_an_audit_entry(
    session: AsyncSession,
) -> None:
    created = await create_tenant(session, _new(), portal_base=PORTAL, now=utcnow())

    tenant = await session.get_one(Tenant, created.tenant.id)
    assert (tenant.slug, tenant.name, tenant.timezone) == (
        "crolles",
        "Mairie de Crolles",
        "Europe/Paris",
    )
    assert tenant.school_zone is SchoolZone.A
    assert tenant.mail_from == "nepasrepondre@crolles.example"
    admin = created.admin
    assert admin.tenant_id == tenant.id
    assert (admin.email, admin.role, admin.status) == (
        "claire.admin@crolles.example",
        Role.ADMIN,
        AccountStatus.PENDING_ACTIVATION,
    )
    [mail] = (
        await session.scalars(select(OutboxMessage).where(OutboxMessage.tenant_id == tenant.id))
    ).all()
    assert mail.template == "staff_invitation" and mail.to_address == admin.email
    assert "Bonjour Mme Claire DURAND" in mail.text_body
    assert "en tant qu'administrateur de Mairie de Crolles" in mail.text_body
    assert f"{PORTAL}/invitation?token=" in mail.text_body
    [entry] = (
        await session.scalars(select(AuditEntry).where(AuditEntry.tenant_id == tenant.id))
    ).all()
    assert (entry.action, entry.object_type, entry.object_id) == (
        "tenant.created",
        "Tenant",
        tenant.id,
    )
    assert entry.actor_account_id is None
    assert entry.after is not None and entry.after["slug"] == "crolles"


async def test_the_invitation_link_sets_the_password_and_activates_the_admin(
    session: AsyncSession,
) -> None:
    now = utcnow()
    created = await create_tenant(session, _new(), portal_base=PORTAL, now=now)
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.tenant_id == created.tenant.id)
    )
    assert mail is not None
    found = re.search(r"invitation\?token=(\S+)", mail.text_body)
    assert found is not None
    token = found[1]

    with pytest.raises(DomainFailure) as weak:
        await accept_invitation(
            session, tenant_id=created.tenant.id, token=token, password="court", now=now
        )
    assert weak.value.problems[0].code == "WEAK_PASSWORD"

    account = await accept_invitation(
        session, tenant_id=created.tenant.id, token=token, password="Mercredi-2026!", now=now
    )
    assert account.status is AccountStatus.ACTIVE
    issued = await login(
        session,
        tenant_id=created.tenant.id,
        email="claire.admin@crolles.example",
        password="Mercredi-2026!",
        remote_address=None,
        user_agent=None,
        now=now,
    )
    assert getattr(issued, "token", None)

    with pytest.raises(DomainFailure) as again:
        await accept_invitation(
            session, tenant_id=created.tenant.id, token=token, password="Mercredi-2027!", now=now
        )
    assert again.value.problems[0].code == "TOKEN_ALREADY_USED"


async def test_an_expired_invitation_is_refused(session: AsyncSession) -> None:
    now = utcnow()
    created = await create_tenant(session, _new(), portal_base=PORTAL, now=now)
    mail = await session.scalar(
        select(OutboxMessage).where(OutboxMessage.tenant_id == created.tenant.id)
    )
    assert mail is not None
    token = re.search(r"invitation\?token=(\S+)", mail.text_body)[1]  # type: ignore[index]
    with pytest.raises(DomainFailure) as expired:
        await accept_invitation(
            session,
            tenant_id=created.tenant.id,
            token=token,
            password="Mercredi-2026!",
            now=now + dt.timedelta(days=8),
        )
    assert expired.value.problems[0].code == "TOKEN_EXPIRED"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"slug": "Crolles"}, "INVALID_SLUG", "slug"),
        ({"slug": "crolles_38"}, "INVALID_SLUG", "slug"),
        ({"slug": "-crolles"}, "INVALID_SLUG", "slug"),
        ({"slug": ""}, "INVALID_SLUG", "slug"),
        ({"slug": "healthz"}, "INVALID_SLUG", "slug"),
        ({"school_zone": "D"}, "INVALID_SCHOOL_ZONE", "schoolZone"),
        ({"timezone": "Europe/Lutece"}, "INVALID_TIMEZONE", "timezone"),
        ({"mail_from": "pas une adresse"}, "INVALID_EMAIL", "mailFrom"),
        ({"name": " "}, "REQUIRED", "name"),
        ({"admin_email": "pas-une-adresse"}, "INVALID_EMAIL", "adminEmail"),
        ({"admin_last_name": ""}, "REQUIRED", "adminLastName"),
    ],
)
async def test_bad_input_is_refused_and_writes_nothing(
    session: AsyncSession, overrides: dict[str, object], code: str, field: str
) -> None:
    with pytest.raises(DomainFailure) as refused:
        await create_tenant(session, _new(**overrides), portal_base=PORTAL, now=utcnow())
    assert [(p.code, p.field) for p in refused.value.problems] == [(code, (field,))]
    assert await session.scalar(select(Tenant.id).where(Tenant.name == "Mairie de Crolles")) is None
    assert await session.scalar(select(Account.id).where(Account.email.like("claire%"))) is None


async def test_a_taken_slug_is_refused(session: AsyncSession) -> None:
    await factories.make_tenant(session, slug="crolles")
    with pytest.raises(DomainFailure) as refused:
        await create_tenant(session, _new(), portal_base=PORTAL, now=utcnow())
    [problem] = refused.value.problems
    assert problem.code == "SLUG_TAKEN" and "crolles" in problem.message
