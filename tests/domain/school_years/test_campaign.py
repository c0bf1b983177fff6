"""The registration campaign and families' wishes in the domain: the window, eligibility,
duplicates, cancelling, idempotency, and staff's bulk decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.school_years.campaign import (
    campaign_state,
    cancel_wish,
    close_campaign,
    open_campaign,
    wish_registration,
)
from domain.school_years.codes import RegistrationDecisionOutcome
from domain.school_years.decisions import decide_registrations
from kernel.results import DomainFailure
from models import Activity, AuditEntry, Child, Family, Registration, SchoolYear, Tenant
from models.child import Grade
from models.family import FamilyStatus
from models.registration import RegistrationStatus
from tests import factories

NOW = dt.datetime(2026, 5, 20, 9, tzinfo=dt.UTC)
OPENS, CLOSES = dt.date(2026, 5, 15), dt.date(2026, 6, 15)
TODAY = dt.date(2026, 5, 20)


@dataclass
class Town:
    tenant_id: int
    year: SchoolYear
    activity: Activity
    family: Family
    child: Child
    account_id: int


async def _town(session: AsyncSession, *, campaign: bool = True) -> Town:
    tenant = await factories.make_tenant(session)
    year = await factories.make_school_year(
        session,
        tenant,
        label="2026-2027",
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 7, 2),
    )
    school = await factories.make_establishment(session, tenant)
    activity = await factories.make_activity(
        session, school, year, min_grade=Grade.CP, max_grade=Grade.CM2
    )
    family = await factories.make_family(session, tenant)
    child = await factories.make_child(session, family, grade=Grade.CE1)
    account = await factories.make_account(session, tenant, email=f"p{family.id}@example.fr")
    if campaign:
        year.registration_opens_on, year.registration_closes_on = OPENS, CLOSES
    await session.flush()
    return Town(tenant.id, year, activity, family, child, account.id)


async def _wish(session: AsyncSession, town: Town, **overrides: object) -> Registration:
    values: dict[str, object] = {
        "tenant_id": town.tenant_id,
        "family_id": town.family.id,
        "account_id": town.account_id,
        "child_id": town.child.id,
        "activity_id": town.activity.id,
        "today": TODAY,
        "idempotency_key": None,
    }
    values.update(overrides)
    wish = await wish_registration(session, **values)  # type: ignore[arg-type]
    return wish.registration


async def _refused(session: AsyncSession, town: Town, **overrides: object) -> list[str]:
    with pytest.raises(DomainFailure) as refused:
        await _wish(session, town, **overrides)
    return [p.code for p in refused.value.problems]


async def test_open_then_close_the_campaign(session: AsyncSession) -> None:
    town = await _town(session, campaign=False)
    assert campaign_state(town.year, TODAY) is None
    await open_campaign(
        session,
        tenant_id=town.tenant_id,
        year_id=town.year.id,
        opens_on=OPENS,
        closes_on=CLOSES,
        today=TODAY,
        actor_account_id=None,
    )
    state = campaign_state(town.year, TODAY)
    assert state is not None and state.is_open
    await close_campaign(
        session,
        tenant_id=town.tenant_id,
        year_id=town.year.id,
        today=TODAY,
        actor_account_id=None,
    )
    state = campaign_state(town.year, TODAY)
    assert state is not None and not state.is_open
    assert state.closes_on == TODAY - dt.timedelta(days=1)
    with pytest.raises(DomainFailure) as again:
        await close_campaign(
            session,
            tenant_id=town.tenant_id,
            year_id=town.year.id,
            today=TODAY,
            actor_account_id=None,
        )
    assert [p.code for p in again.value.problems] == ["NOT_OPEN"]
    actions = list(
        await session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.tenant_id == town.tenant_id)
            .order_by(AuditEntry.id)
        )
    )
    assert actions == ["school_year.campaign_opened", "school_year.campaign_closed"]


async def test_a_campaign_not_begun_is_removed_and_bad_dates_refused(
    session: AsyncSession,
) -> None:
    town = await _town(session)
    await close_campaign(
        session,
        tenant_id=town.tenant_id,
        year_id=town.year.id,
        today=OPENS - dt.timedelta(days=3),
        actor_account_id=None,
    )
    assert campaign_state(town.year, TODAY) is None
    for opens, closes in ((CLOSES, OPENS), (dt.date(2026, 1, 1), dt.date(2026, 2, 1))):
        with pytest.raises(DomainFailure) as refused:
            await open_campaign(
                session,
                tenant_id=town.tenant_id,
                year_id=town.year.id,
                opens_on=opens,
                closes_on=closes,
                today=TODAY,
                actor_account_id=None,
            )
        assert [p.code for p in refused.value.problems] == ["INVALID_DATES"]


async def test_a_wish_is_a_requested_registration_for_the_school_year(
    session: AsyncSession,
) -> None:
    town = await _town(session)
    registration = await _wish(session, town, idempotency_key="w1")
    assert registration.status is RegistrationStatus.REQUESTED
    assert (registration.start_date, registration.end_date) == (
        town.year.start_date,
        town.year.end_date,
    )
    replay = await wish_registration(
        session,
        tenant_id=town.tenant_id,
        family_id=town.family.id,
        account_id=town.account_id,
        child_id=town.child.id,
        activity_id=town.activity.id,
        today=TODAY,
        idempotency_key="w1",
    )
    assert replay.replayed and replay.registration.id == registration.id
    assert await _refused(session, town) == ["ALREADY_REGISTERED"]


async def test_wishes_are_refused_outside_the_rules(session: AsyncSession) -> None:
    town = await _town(session)
    assert await _refused(session, town, today=CLOSES + dt.timedelta(days=1)) == ["CAMPAIGN_CLOSED"]
    assert await _refused(session, town, today=OPENS - dt.timedelta(days=1)) == ["CAMPAIGN_CLOSED"]
    town.child.grade = Grade.MS
    assert await _refused(session, town) == ["NOT_ELIGIBLE"]
    town.child.grade = Grade.CE1
    other = await factories.make_family(session, await session.get_one(Tenant, town.tenant_id))
    assert await _refused(session, town, family_id=other.id) == ["NOT_FOUND"]
    town.family.status = FamilyStatus.SUBMITTED
    assert await _refused(session, town) == ["FAMILY_NOT_VALIDATED"]
    assert list(await session.scalars(select(Registration))) == []


async def test_a_cancelled_wish_may_be_made_again(session: AsyncSession) -> None:
    town = await _town(session)
    registration = await _wish(session, town)
    await cancel_wish(
        session,
        tenant_id=town.tenant_id,
        family_id=town.family.id,
        account_id=town.account_id,
        registration_id=registration.id,
        now=NOW,
    )
    assert registration.status is RegistrationStatus.CANCELLED
    with pytest.raises(DomainFailure) as twice:
        await cancel_wish(
            session,
            tenant_id=town.tenant_id,
            family_id=town.family.id,
            account_id=town.account_id,
            registration_id=registration.id,
            now=NOW,
        )
    assert [p.code for p in twice.value.problems] == ["INVALID_STATE"]
    again = await _wish(session, town)
    assert again.id == registration.id and again.status is RegistrationStatus.REQUESTED


async def test_bulk_decisions_line_by_line(session: AsyncSession) -> None:
    town = await _town(session)
    first = await _wish(session, town)
    second_child = await factories.make_child(session, town.family, grade=Grade.CP)
    second = await _wish(session, town, child_id=second_child.id)
    decision = await decide_registrations(
        session,
        tenant_id=town.tenant_id,
        registration_ids=[first.id, None, first.id],
        accept=True,
        reason=None,
        actor_account_id=town.account_id,
        now=NOW,
    )
    assert [line.outcome for line in decision.lines] == [
        RegistrationDecisionOutcome.ACCEPTED,
        RegistrationDecisionOutcome.NOT_FOUND,
        RegistrationDecisionOutcome.ALREADY_DECIDED,
    ]
    assert [p.field for p in decision.problems] == [("registrations", "1")]
    assert first.status is RegistrationStatus.ACTIVE and first.decided_at == NOW
    refused = await decide_registrations(
        session,
        tenant_id=town.tenant_id,
        registration_ids=[first.id, second.id],
        accept=False,
        reason="Complet",
        actor_account_id=town.account_id,
        now=NOW,
    )
    assert [line.outcome for line in refused.lines] == [
        RegistrationDecisionOutcome.ALREADY_DECIDED,
        RegistrationDecisionOutcome.REFUSED,
    ]
    assert second.status is RegistrationStatus.REFUSED
    entries = list(
        await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.in_(["registration.accepted", "registration.refused"]))
            .order_by(AuditEntry.id)
        )
    )
    assert [(e.action, e.object_id) for e in entries] == [
        ("registration.accepted", first.id),
        ("registration.refused", second.id),
    ]
    assert entries[1].after == {
        "status": "REFUSED",
        "decided_at": NOW.isoformat(),
        "reason": "Complet",
    }
    for ids, code in (([], "REQUIRED"), ([first.id] * 101, "TOO_MANY")):
        with pytest.raises(DomainFailure) as bad:
            await decide_registrations(
                session,
                tenant_id=town.tenant_id,
                registration_ids=ids,
                accept=True,
                reason=None,
                actor_account_id=None,
                now=NOW,
            )
        assert [p.code for p in bad.value.problems] == [code]


async def test_an_agent_limited_to_other_establishments_finds_nothing(
    session: AsyncSession,
) -> None:
    town = await _town(session)
    wish = await _wish(session, town)
    elsewhere = await decide_registrations(
        session,
        tenant_id=town.tenant_id,
        registration_ids=[wish.id],
        accept=True,
        reason=None,
        actor_account_id=None,
        now=NOW,
        establishment_ids=frozenset({town.activity.establishment_id + 1000}),
    )
    assert [line.outcome for line in elsewhere.lines] == [RegistrationDecisionOutcome.NOT_FOUND]
    assert wish.status is RegistrationStatus.REQUESTED
    here = await decide_registrations(
        session,
        tenant_id=town.tenant_id,
        registration_ids=[wish.id],
        accept=True,
        reason=None,
        actor_account_id=None,
        now=NOW,
        establishment_ids=frozenset({town.activity.establishment_id}),
    )
    assert [line.outcome for line in here.lines] == [RegistrationDecisionOutcome.ACCEPTED]
