"""Staff's bulk decisions on wished registrations reach the families: one
« registration_decided » mail per family and call, listing each child, activity, period
and decision (and the refusal reason), nothing for a registration left as it was."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.school_years.decisions import decide_registrations
from models import OutboxMessage, Registration
from models.child import Grade
from models.registration import RegistrationStatus
from tests import factories

NOW = dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC)


async def _mails(session: AsyncSession, tenant_id: int) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.tenant_id == tenant_id,
                OutboxMessage.template == "registration_decided",
            )
            .order_by(OutboxMessage.id)
        )
    )


async def test_one_mail_per_family_listing_each_child_activity_and_decision(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(
        session,
        tenant,
        label="2026-2027",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 7, 2),
    )
    school = await factories.make_establishment(session, tenant)
    judo = await factories.make_activity(session, school, year, name="Judo")
    chess = await factories.make_activity(session, school, year, name="Échecs")
    martin = await factories.make_family(session, tenant, name="MARTIN")
    # The payer receives the mail, not the other guardian.
    await factories.make_guardian(
        session, martin, rank=2, is_payer=False, email="pere.martin@example.fr"
    )
    await factories.make_guardian(session, martin, rank=1, email="mere.martin@example.fr")
    lea = await factories.make_child(session, martin, first_name="Léa", grade=Grade.CE1)
    tom = await factories.make_child(session, martin, first_name="Tom", grade=Grade.CP)
    durand = await factories.make_family(session, tenant, name="DURAND")
    await factories.make_guardian(session, durand, email="durand@example.fr")
    zoe = await factories.make_child(session, durand, first_name="Zoé")
    wished = {
        key: await factories.make_registration(
            session,
            child,
            activity,
            status=RegistrationStatus.REQUESTED,
            start_date=dt.date(2026, 9, 1),
        )
        for key, child, activity in (
            ("lea-judo", lea, judo),
            ("tom-chess", tom, chess),
            ("zoe-judo", zoe, judo),
        )
    }
    already = await factories.make_registration(session, zoe, chess)  # ACTIVE already

    decision = await decide_registrations(
        session,
        tenant_id=tenant.id,
        registration_ids=[wished["lea-judo"].id, wished["tom-chess"].id, wished["zoe-judo"].id],
        accept=True,
        reason=None,
        actor_account_id=None,
        now=NOW,
    )

    assert len(decision.lines) == 3
    mails = await _mails(session, tenant.id)
    assert [m.to_address for m in mails] == ["mere.martin@example.fr", "durand@example.fr"]
    martin_mail, durand_mail = mails
    assert martin_mail.subject == "Vos demandes d'inscription ont été traitées – MARTIN"
    text = martin_mail.text_body
    assert "Les 2 demandes d'inscription de votre famille (MARTIN) ont été traitées" in text
    assert "Léa MARTIN\tJudo\tdu 01/09/2026 au 02/07/2027\tAcceptée" in text
    assert "Tom MARTIN\tÉchecs\tdu 01/09/2026 au 02/07/2027\tAcceptée" in text
    assert "Zoé" not in text and "Motif du refus" not in text
    assert "Zoé DURAND\tJudo" in durand_mail.text_body
    # The registration left as it was is in no mail.
    assert "Échecs" not in durand_mail.text_body
    assert already.status is RegistrationStatus.ACTIVE


async def test_a_refusal_gives_the_reason_and_a_second_call_mails_nothing_more(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(
        session,
        tenant,
        label="2026-2027",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 7, 2),
    )
    school = await factories.make_establishment(session, tenant)
    judo = await factories.make_activity(session, school, year, name="Judo")
    family = await factories.make_family(session, tenant, name="PETIT")
    await factories.make_guardian(session, family, email="petit@example.fr")
    child = await factories.make_child(session, family, first_name="Noé")
    wish = await factories.make_registration(
        session, child, judo, status=RegistrationStatus.REQUESTED
    )

    for _ in range(2):  # the second call finds it decided already: no second mail
        await decide_registrations(
            session,
            tenant_id=tenant.id,
            registration_ids=[wish.id],
            accept=False,
            reason="Le groupe est complet.",
            actor_account_id=None,
            now=NOW,
        )

    (mail,) = await _mails(session, tenant.id)
    assert mail.subject == "Votre demande d'inscription a été traitée – PETIT"
    assert "La demande d'inscription de votre famille (PETIT) a été traitée" in mail.text_body
    assert "Noé PETIT\tJudo" in mail.text_body and "\tRefusée" in mail.text_body
    assert "Motif du refus :\n\nLe groupe est complet." in mail.text_body
    assert "Le groupe est complet." in (mail.html_body or "")
    refreshed = await session.scalar(select(Registration).where(Registration.id == wish.id))
    assert refreshed is not None and refreshed.status is RegistrationStatus.REFUSED


async def test_a_family_without_any_address_gets_no_mail(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(session, tenant)
    school = await factories.make_establishment(session, tenant)
    judo = await factories.make_activity(session, school, year)
    family = await factories.make_family(session, tenant)
    await factories.make_guardian(session, family, email=None)
    child = await factories.make_child(session, family)
    wish = await factories.make_registration(
        session, child, judo, status=RegistrationStatus.REQUESTED
    )
    await decide_registrations(
        session,
        tenant_id=tenant.id,
        registration_ids=[wish.id],
        accept=True,
        reason=None,
        actor_account_id=None,
        now=NOW,
    )
    assert await _mails(session, tenant.id) == []
    assert wish.status is RegistrationStatus.ACTIVE
