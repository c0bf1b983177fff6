"""The registration campaign (« Inscriptions ») of a school year, and families' wishes.

Staff open a campaign between two days (``school_year.registration_opens_on`` and
``registration_closes_on``); during it, a parent wishes a registration of one of their
children to an activity of that year: a REQUESTED registration for the whole school year
(``start_date``/``end_date`` of the year), which staff then accept or refuse in bulk
(``decisions``). A wish is refused outside the window (the tenant's today), when the child
is not eligible (the booking rules' eligibility: grade and birth dates), and when the
child already has a wished or active registration to the activity. The parent may cancel
a wish while it is REQUESTED.

Closing a campaign that has begun ends it yesterday (its dates stay readable: « closes le
… »); closing one that has not begun yet removes it. A wish written before stays.

Every change writes an audit entry; a wish's entry also keeps its idempotency key, so a
retry with the key answers with the first wish.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change, snapshot
from domain.bookings.rules import is_eligible
from domain.rule_descriptions import describe_eligibility
from domain.school_years.codes import (
    ALREADY_REGISTERED,
    CAMPAIGN_CLOSED,
    FAMILY_NOT_VALIDATED,
    IDEMPOTENCY_KEY_REUSED,
    INVALID_DATES,
    INVALID_STATE,
    NOT_ELIGIBLE,
    NOT_FOUND,
    NOT_OPEN,
)
from kernel import idempotency
from kernel.results import fail
from models import Activity, AuditEntry, Child, Family, Registration, SchoolYear
from models.family import FamilyStatus
from models.registration import RegistrationStatus

CAMPAIGN_FIELDS = ("registration_opens_on", "registration_closes_on")
REGISTRATION_FIELDS = ("status", "start_date", "end_date", "decided_at")
WISHED = "registration.wished"
MAX_CAMPAIGN_DAYS = 366


@dataclass(frozen=True, slots=True)
class CampaignState:
    """A year's campaign window and whether it is open today."""

    opens_on: dt.date
    closes_on: dt.date
    is_open: bool


def campaign_state(year: SchoolYear, today: dt.date) -> CampaignState | None:
    """The campaign of ``year`` as of ``today``; None when none was ever opened."""
    if year.registration_opens_on is None or year.registration_closes_on is None:
        return None
    return CampaignState(
        year.registration_opens_on,
        year.registration_closes_on,
        year.registration_opens_on <= today <= year.registration_closes_on,
    )


async def _year(session: AsyncSession, tenant_id: int, year_id: int | None) -> SchoolYear:
    year = (
        await session.get(SchoolYear, year_id, with_for_update=True)
        if year_id is not None
        else None
    )
    if year is None or year.tenant_id != tenant_id:
        raise fail(NOT_FOUND, "Année scolaire introuvable.", "schoolYear")
    return year


async def open_campaign(
    session: AsyncSession,
    *,
    tenant_id: int,
    year_id: int | None,
    opens_on: dt.date,
    closes_on: dt.date,
    today: dt.date,
    actor_account_id: int | None,
) -> SchoolYear:
    """registrationCampaignOpen: set (or move) the year's campaign window."""
    year = await _year(session, tenant_id, year_id)
    if closes_on < opens_on:
        raise fail(
            INVALID_DATES, "La clôture des inscriptions doit suivre leur ouverture.", "closesOn"
        )
    if closes_on < today:
        raise fail(INVALID_DATES, "La date de clôture des inscriptions est passée.", "closesOn")
    if (closes_on - opens_on).days >= MAX_CAMPAIGN_DAYS:
        raise fail(INVALID_DATES, "Une campagne d'inscriptions dure au plus un an.", "closesOn")
    before = snapshot(year, CAMPAIGN_FIELDS)
    year.registration_opens_on = opens_on
    year.registration_closes_on = closes_on
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action="school_year.campaign_opened",
        object_type="SchoolYear",
        object_id=year.id,
        before=before,
        after=snapshot(year, CAMPAIGN_FIELDS),
    )
    await session.flush()
    return year


async def close_campaign(
    session: AsyncSession,
    *,
    tenant_id: int,
    year_id: int | None,
    today: dt.date,
    actor_account_id: int | None,
) -> SchoolYear:
    """registrationCampaignClose: end the campaign yesterday (or remove one not begun)."""
    year = await _year(session, tenant_id, year_id)
    state = campaign_state(year, today)
    if state is None or state.closes_on < today:
        raise fail(
            NOT_OPEN, "Aucune campagne d'inscriptions n'est en cours ou prévue.", "schoolYear"
        )
    before = snapshot(year, CAMPAIGN_FIELDS)
    if today <= state.opens_on:
        year.registration_opens_on = None
        year.registration_closes_on = None
    else:
        year.registration_closes_on = today - dt.timedelta(days=1)
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=actor_account_id,
        action="school_year.campaign_closed",
        object_type="SchoolYear",
        object_id=year.id,
        before=before,
        after=snapshot(year, CAMPAIGN_FIELDS),
    )
    await session.flush()
    return year


@dataclass(frozen=True, slots=True)
class Wish:
    """The REQUESTED registration a wish wrote (or found, for a retry with its key)."""

    registration: Registration
    replayed: bool = False


async def _replay(
    session: AsyncSession,
    tenant_id: int,
    account_id: int,
    key: str,
    child_id: int | None,
    activity_id: int | None,
) -> Wish | None:
    entries = await session.scalars(
        select(AuditEntry).where(
            AuditEntry.tenant_id == tenant_id,
            AuditEntry.action == WISHED,
            AuditEntry.actor_account_id == account_id,
        )
    )
    for entry in entries:
        after = entry.after or {}
        if after.get("idempotencyKey") != key:
            continue
        registration = await session.get(Registration, entry.object_id)
        if (
            registration is None
            or registration.child_id != child_id
            or registration.activity_id != activity_id
        ):
            raise fail(
                IDEMPOTENCY_KEY_REUSED,
                "Cette clé d'idempotence a déjà servi pour une autre demande d'inscription.",
                idempotency.FIELD,
            )
        return Wish(registration, replayed=True)
    return None


async def wish_registration(
    session: AsyncSession,
    *,
    tenant_id: int,
    family_id: int | None,
    account_id: int,
    child_id: int | None,
    activity_id: int | None,
    today: dt.date,
    idempotency_key: str | None,
) -> Wish:
    """registrationWish: a parent asks to register their child to an activity."""
    key = idempotency.clean_key(idempotency_key)
    child = await session.get(Child, child_id) if child_id is not None else None
    if child is None or child.tenant_id != tenant_id or child.family_id != family_id:
        raise fail(NOT_FOUND, "Enfant introuvable.", "child")
    activity = await session.get(Activity, activity_id) if activity_id is not None else None
    if activity is None or activity.tenant_id != tenant_id or not activity.is_active:
        raise fail(NOT_FOUND, "Activité introuvable.", "activity")
    if key is not None:
        replay = await _replay(session, tenant_id, account_id, key, child.id, activity.id)
        if replay is not None:
            return replay
    family = await session.get_one(Family, child.family_id)
    if family.status is not FamilyStatus.VALIDATED:
        raise fail(
            FAMILY_NOT_VALIDATED,
            "Votre dossier famille doit être validé avant de demander une inscription.",
            "child",
        )
    year = await session.get_one(SchoolYear, activity.school_year_id)
    state = campaign_state(year, today)
    if state is None or not state.is_open:
        when = (
            f" (du {state.opens_on:%d/%m/%Y} au {state.closes_on:%d/%m/%Y})"
            if state is not None
            else ""
        )
        raise fail(
            CAMPAIGN_CLOSED,
            f"Les inscriptions de l'année {year.label} ne sont pas ouvertes{when}.",
            "activity",
        )
    if not is_eligible(child, activity):
        rule = describe_eligibility(
            activity.min_grade,
            activity.max_grade,
            activity.born_on_or_after,
            activity.born_on_or_before,
        )
        raise fail(
            NOT_ELIGIBLE,
            f"L'activité « {activity.name} » n'est pas ouverte à {child.first_name} ({rule}).",
            "activity",
        )
    existing = list(
        await session.scalars(
            select(Registration)
            .where(
                Registration.tenant_id == tenant_id,
                Registration.child_id == child.id,
                Registration.activity_id == activity.id,
            )
            .with_for_update()
        )
    )
    for row in existing:
        if row.status in (RegistrationStatus.REQUESTED, RegistrationStatus.ACTIVE):
            what = "déjà inscrit" if row.status is RegistrationStatus.ACTIVE else "déjà demandé"
            raise fail(
                ALREADY_REGISTERED,
                f"{child.first_name} est {what} à l'activité « {activity.name} ».",
                "activity",
            )
        if row.status is RegistrationStatus.REFUSED and row.start_date == year.start_date:
            raise fail(
                ALREADY_REGISTERED,
                f"L'inscription de {child.first_name} à l'activité « {activity.name} » a été "
                "refusée : contactez le service.",
                "activity",
            )
    reused = next((r for r in existing if r.start_date == year.start_date), None)
    if reused is not None:  # a wish cancelled earlier: wished again
        before = snapshot(reused, REGISTRATION_FIELDS)
        reused.status = RegistrationStatus.REQUESTED
        reused.end_date = year.end_date
        reused.decided_at = None
        registration = reused
    else:
        before = None
        registration = Registration(
            tenant_id=tenant_id,
            child_id=child.id,
            activity_id=activity.id,
            start_date=year.start_date,
            end_date=year.end_date,
            status=RegistrationStatus.REQUESTED,
        )
        session.add(registration)
    await session.flush()
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action=WISHED,
        object_type="Registration",
        object_id=registration.id,
        before=before,
        after={**snapshot(registration, REGISTRATION_FIELDS), "idempotencyKey": key},
    )
    await session.flush()
    return Wish(registration)


async def cancel_wish(
    session: AsyncSession,
    *,
    tenant_id: int,
    family_id: int | None,
    account_id: int,
    registration_id: int | None,
    now: dt.datetime,
) -> Registration:
    """registrationWishCancel: the parent withdraws a wish staff have not decided yet."""
    registration = (
        await session.get(Registration, registration_id, with_for_update=True)
        if registration_id is not None
        else None
    )
    child = await session.get(Child, registration.child_id) if registration is not None else None
    if (
        registration is None
        or child is None
        or registration.tenant_id != tenant_id
        or child.family_id != family_id
    ):
        raise fail(NOT_FOUND, "Inscription introuvable.", "registration")
    if registration.status is not RegistrationStatus.REQUESTED:
        raise fail(
            INVALID_STATE,
            "Seule une demande d'inscription en attente peut être annulée.",
            "registration",
        )
    before = snapshot(registration, REGISTRATION_FIELDS)
    registration.status = RegistrationStatus.CANCELLED
    registration.decided_at = now
    record_change(
        session,
        tenant_id=tenant_id,
        actor_account_id=account_id,
        action="registration.wish_cancelled",
        object_type="Registration",
        object_id=registration.id,
        before=before,
        after=snapshot(registration, REGISTRATION_FIELDS),
    )
    await session.flush()
    return registration
