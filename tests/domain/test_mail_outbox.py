"""``enqueue_mail`` writes the outbox row in the caller's transaction: a rolled-back change
leaves no mail, and bad input is refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.mail import MailTemplateError, enqueue_mail
from models import OutboxMessage
from models.engine import create_session_factory
from models.outbox import OutboxStatus
from tests import factories
from tests.domain._mail_helpers import TENANT, context

# --------------------------------------------------------------------------- enqueue_mail


async def _count(engine: AsyncEngine) -> int:
    async with create_session_factory(engine)() as other:
        return int(await other.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


async def test_enqueue_mail_writes_a_pending_row_in_the_callers_transaction(
    engine: AsyncEngine, session: AsyncSession
) -> None:
    tenant = await factories.make_tenant(session, name="Mairie de Saint-Ismier")
    await session.commit()

    mail = await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to=" parent@example.fr ",
        template="change_request_received",
        context=context("change_request_received"),
    )

    assert mail.id is not None
    assert mail.tenant_id == tenant.id
    assert mail.template == "change_request_received"
    assert mail.to_address == "parent@example.fr"
    assert mail.subject == "Accusé d'enregistrement électronique – demande n° 17 378 981"
    assert "réalisée le 04/04/2019 à 09:14" in mail.text_body
    assert mail.html_body is not None
    assert "<!DOCTYPE html>" in mail.html_body
    assert mail.status is OutboxStatus.PENDING
    assert mail.attempts == 0
    assert mail.next_attempt_at <= dt.datetime.now(dt.UTC)
    assert mail.sent_at is None
    # Not visible to anyone else until the caller commits the change it announces.
    assert await _count(engine) == 0
    await session.commit()
    assert await _count(engine) == 1


async def test_a_rolled_back_change_leaves_no_mail(
    engine: AsyncEngine, session: AsyncSession
) -> None:
    tenant = await factories.make_tenant(session)
    await session.commit()

    await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to="parent@example.fr",
        template="family_rejected",
        context=context("family_rejected"),
    )
    await session.rollback()

    assert await _count(engine) == 0


async def test_enqueue_mail_loads_the_tenant_when_not_given(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(
        session, name="Mairie de Crolles", service_name="Le service scolaire"
    )
    values: dict[str, Any] = context("password_reset")
    del values["tenant"]

    mail = await enqueue_mail(
        session,
        tenant_id=tenant.id,
        to="parent@example.fr",
        template="password_reset",
        context=values,
    )

    assert mail.subject == "Réinitialisation de votre mot de passe – Mairie de Crolles"
    assert "Le service scolaire\nMairie de Crolles" in mail.text_body


async def test_enqueue_mail_refuses_bad_input(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    for address in ("", "   ", "a@example.fr\r\nBcc: victim@example.fr"):
        with pytest.raises(ValueError, match="recipient"):
            await enqueue_mail(
                session,
                tenant_id=tenant.id,
                to=address,
                template="password_reset",
                context=context("password_reset"),
            )
    with pytest.raises(MailTemplateError):
        await enqueue_mail(
            session,
            tenant_id=tenant.id,
            to="parent@example.fr",
            template="password_reset",
            context={"tenant": TENANT, "recipient_name": "X"},
        )
    assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
