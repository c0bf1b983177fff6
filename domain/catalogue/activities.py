"""Activities and their rules, as administrators write them.

The booking rule engine (``domain.bookings.engine``) reads the rules from the activity's
columns; this module is the one place that writes them from the API, checking what the
database's CHECK constraints demand (and a little more) first, so an administrator gets a
French explanation instead of an integrity error. Rules apply from now on: they are rules,
not history (bookings already taken stay; past invoices never change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import diff, record_change, snapshot
from domain.bookings.capacity import lock_slots
from domain.bookings.facts import places_of
from domain.catalogue.codes import (
    CAPACITY_BELOW_RESERVED,
    DUPLICATE,
    INVALID_DEADLINE,
    INVALID_ELIGIBILITY,
    INVALID_STATE,
    INVALID_VALUE,
    NOT_FOUND,
    REQUIRED,
)
from domain.catalogue.common import (
    KEY,
    Actor,
    audit,
    optional_text,
    raise_all,
    replayed,
    required_text,
)
from domain.catalogue.establishments import CREATIONS, establishment_of
from domain.catalogue.occupancy import french_dates
from kernel.results import Problem, fail
from models import Activity, Booking, SchoolYear, Slot
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.booking import BookingStatus
from models.child import Grade

CREATED = "activity.created"
UPDATED = "activity.updated"
CLOSED = "activity.closed"

DESCRIPTION_LIMIT = 2000

# Every rule column, with the input path of its field under ``rules``.
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "booking_deadline_kind": ("rules", "bookingDeadline", "kind"),
    "booking_deadline_offset": ("rules", "bookingDeadline", "offset"),
    "booking_deadline_time": ("rules", "bookingDeadline", "time"),
    "booking_deadline_weekday": ("rules", "bookingDeadline", "weekday"),
    "cancellation_deadline_kind": ("rules", "cancellationDeadline", "kind"),
    "cancellation_deadline_offset": ("rules", "cancellationDeadline", "offset"),
    "cancellation_deadline_time": ("rules", "cancellationDeadline", "time"),
    "cancellation_deadline_weekday": ("rules", "cancellationDeadline", "weekday"),
    "late_absence_billed": ("rules", "lateAbsenceBilled"),
    "justification_accepted": ("rules", "justificationAccepted"),
    "justification_delay_days": ("rules", "justificationDelayDays"),
    "capacity": ("rules", "capacity"),
    "waiting_list_enabled": ("rules", "waitingListEnabled"),
    "auto_promote_waiting_list": ("rules", "autoPromoteWaitingList"),
    "auto_accept": ("rules", "autoAccept"),
    "min_grade": ("rules", "eligibility", "minGrade"),
    "max_grade": ("rules", "eligibility", "maxGrade"),
    "born_on_or_after": ("rules", "eligibility", "bornOnOrAfter"),
    "born_on_or_before": ("rules", "eligibility", "bornOnOrBefore"),
    "exclusivity_group": ("rules", "exclusivityGroup"),
    "max_days_per_month": ("rules", "maxDaysPerMonth"),
}
# The activity's own columns an administrator may change, with their input path.
DESCRIPTIVE_FIELDS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "name": ("name",),
    "description": ("description",),
    "category": ("category",),
    "operating_days": ("operatingDays",),
    "is_childcare": ("isChildcare",),
    "sort_order": ("sortOrder",),
}
FIELDS = (
    "establishment_id",
    "school_year_id",
    *DESCRIPTIVE_FIELDS,
    "is_active",
    *RULE_FIELDS,
)
# The model's defaults: what an activity created without a rule follows.
DEFAULT_RULES: dict[str, Any] = {
    "booking_deadline_kind": DeadlineKind.NONE,
    "booking_deadline_offset": 0,
    "booking_deadline_time": None,
    "booking_deadline_weekday": None,
    "cancellation_deadline_kind": DeadlineKind.NONE,
    "cancellation_deadline_offset": 0,
    "cancellation_deadline_time": None,
    "cancellation_deadline_weekday": None,
    "late_absence_billed": True,
    "justification_accepted": True,
    "justification_delay_days": 2,
    "capacity": None,
    "waiting_list_enabled": True,
    "auto_promote_waiting_list": False,
    "auto_accept": False,
    "min_grade": None,
    "max_grade": None,
    "born_on_or_after": None,
    "born_on_or_before": None,
    "exclusivity_group": None,
    "max_days_per_month": None,
}


@dataclass(frozen=True, slots=True)
class ActivityValues:
    """What an administrator gives to create an activity; ``rules`` holds rule columns
    (names of ``RULE_FIELDS``), the others keep the defaults of ``DEFAULT_RULES``."""

    establishment_id: int | None
    school_year_id: int | None
    code: str
    name: str
    category: ActivityCategory
    description: str | None = None
    operating_days: OperatingDays = OperatingDays.SCHOOL_DAYS
    is_childcare: bool = True
    sort_order: int = 0
    rules: Mapping[str, Any] = field(default_factory=dict)


def _deadline_problems(values: Mapping[str, Any], prefix: str, verb: str) -> list[Problem]:
    kind = values[f"{prefix}_kind"]
    offset = values[f"{prefix}_offset"]
    time: dt.time | None = values[f"{prefix}_time"]
    weekday: int | None = values[f"{prefix}_weekday"]

    def problem(column: str, message: str) -> Problem:
        return Problem(INVALID_DEADLINE, f"Délai de {verb} : {message}", RULE_FIELDS[column])

    problems: list[Problem] = []
    if offset is None or offset < 0:
        problems.append(problem(f"{prefix}_offset", "le décalage doit être positif ou nul."))
    if weekday is not None and not 1 <= weekday <= 7:
        problems.append(problem(f"{prefix}_weekday", "le jour doit aller de 1 (lundi) à 7."))
    if kind is DeadlineKind.WEEKLY_CUTOFF:
        if weekday is None:
            problems.append(
                problem(f"{prefix}_weekday", "une clôture hebdomadaire précise son jour.")
            )
        if time is None:
            problems.append(
                problem(f"{prefix}_time", "une clôture hebdomadaire précise son heure.")
            )
    elif weekday is not None:
        problems.append(
            problem(f"{prefix}_weekday", "seule une clôture hebdomadaire a un jour de semaine.")
        )
    if kind is DeadlineKind.NONE and (offset or time is not None):
        problems.append(problem(f"{prefix}_kind", "« aucun délai » n'a ni décalage ni heure."))
    if kind is DeadlineKind.HOURS_BEFORE:
        if offset is not None and offset < 1:
            problems.append(
                problem(f"{prefix}_offset", "le nombre d'heures doit être d'au moins 1.")
            )
        if time is not None:
            problems.append(problem(f"{prefix}_time", "un délai en heures ne précise pas d'heure."))
    return problems


def rule_problems(values: Mapping[str, Any]) -> list[Problem]:
    """What is wrong with an activity's rules (every rule column in ``values``)."""
    problems = [
        *_deadline_problems(values, "booking_deadline", "réservation"),
        *_deadline_problems(values, "cancellation_deadline", "annulation"),
    ]

    def invalid(column: str, message: str) -> None:
        problems.append(Problem(INVALID_VALUE, message, RULE_FIELDS[column]))

    delay = values["justification_delay_days"]
    if delay is None or delay < 0:
        invalid("justification_delay_days", "Le délai de justification doit être positif ou nul.")
    capacity = values["capacity"]
    if capacity is not None and capacity < 0:
        invalid("capacity", "La capacité doit être positive ou nulle (vide : illimitée).")
    monthly = values["max_days_per_month"]
    if monthly is not None and not 1 <= monthly <= 31:
        invalid(
            "max_days_per_month", "Le nombre de jours par mois va de 1 à 31 (vide : sans limite)."
        )
    group = values["exclusivity_group"]
    if group is not None and len(group) > 60:
        invalid("exclusivity_group", "Le groupe d'exclusivité dépasse 60 caractères.")
    low: Grade | None = values["min_grade"]
    high: Grade | None = values["max_grade"]
    if low is not None and high is not None and low.rank > high.rank:
        problems.append(
            Problem(
                INVALID_ELIGIBILITY,
                f"Le niveau minimum ({low.value}) est après le niveau maximum ({high.value}).",
                RULE_FIELDS["max_grade"],
            )
        )
    after: dt.date | None = values["born_on_or_after"]
    before: dt.date | None = values["born_on_or_before"]
    if after is not None and before is not None and after > before:
        problems.append(
            Problem(
                INVALID_ELIGIBILITY,
                "La date de naissance minimale est après la date maximale.",
                RULE_FIELDS["born_on_or_before"],
            )
        )
    return problems


def _clean_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not rule columns: {sorted(unknown)}")
    cleaned = dict(rules)
    missing = [
        Problem(REQUIRED, "Cette règle ne peut pas être vide.", RULE_FIELDS[name])
        for name in _NOT_NULL_RULES
        if name in cleaned and cleaned[name] is None
    ]
    raise_all(missing)
    if "exclusivity_group" in cleaned:
        cleaned["exclusivity_group"] = (cleaned["exclusivity_group"] or "").strip() or None
    for prefix in ("booking_deadline", "cancellation_deadline"):
        if cleaned.get(f"{prefix}_offset", 0) is None:
            cleaned[f"{prefix}_offset"] = 0
    return cleaned


_NOT_NULL_RULES = (
    "booking_deadline_kind",
    "cancellation_deadline_kind",
    "late_absence_billed",
    "justification_accepted",
    "waiting_list_enabled",
    "auto_promote_waiting_list",
    "auto_accept",
)


def _descriptive(column: str, value: Any) -> Any:
    if value is None and column in ("category", "operating_days", "is_childcare", "sort_order"):
        raise fail(REQUIRED, "Ce champ ne peut pas être vide.", *DESCRIPTIVE_FIELDS[column])
    if column == "code":
        return required_text(value, 60, "Le code", "code")
    if column == "name":
        return required_text(value, 200, "Le nom", "name")
    if column == "description":
        return optional_text(value, DESCRIPTION_LIMIT, "La description", "description")
    if column == "sort_order" and (value is None or not -100_000 <= value <= 100_000):
        raise fail(INVALID_VALUE, "L'ordre d'affichage n'est pas valide.", "sortOrder")
    return value


def activity_columns(values: ActivityValues) -> dict[str, Any]:
    """The descriptive and rule columns of a new activity, checked, with the defaults of
    the rules not given: what ``create_activity`` writes, and what the demo loader builds
    its activities from (``DomainFailure`` when something is wrong)."""
    columns = {name: _descriptive(name, getattr(values, name)) for name in DESCRIPTIVE_FIELDS}
    rules = {**DEFAULT_RULES, **_clean_rules(values.rules)}
    raise_all(rule_problems(rules))
    return {**columns, **rules}


async def _code_taken(
    session: AsyncSession, tenant_id: int, code: str, other_than: int | None = None
) -> bool:
    stmt = select(Activity.id).where(Activity.tenant_id == tenant_id, Activity.code == code)
    if other_than is not None:
        stmt = stmt.where(Activity.id != other_than)
    return await session.scalar(stmt) is not None


def _duplicate(code: str) -> Exception:
    return fail(DUPLICATE, f"Une activité porte déjà le code « {code} ».", "code")


async def activity_of(
    session: AsyncSession, tenant_id: int, activity_id: int | None, field: str = "activity"
) -> Activity:
    """The tenant's activity, or NOT_FOUND naming ``field``."""
    row = None
    if activity_id is not None:
        row = await session.scalar(
            select(Activity).where(Activity.tenant_id == tenant_id, Activity.id == activity_id)
        )
    if row is None:
        raise fail(NOT_FOUND, "Activité introuvable.", field)
    return row


async def create_activity(
    session: AsyncSession,
    actor: Actor,
    values: ActivityValues,
    *,
    idempotency_key: str | None = None,
) -> Activity:
    """A new activity of an establishment for a school year, with its rules (defaults for
    those not given); a retry with the same key answers the first call's activity."""
    key, earlier = await replayed(session, actor, idempotency_key, CREATED, CREATIONS)
    if earlier is not None:
        found = await session.get(Activity, earlier)
        if found is not None:
            return found
    establishment = await establishment_of(
        session, actor.tenant_id, values.establishment_id, "establishment"
    )
    year = None
    if values.school_year_id is not None:
        year = await session.scalar(
            select(SchoolYear).where(
                SchoolYear.tenant_id == actor.tenant_id, SchoolYear.id == values.school_year_id
            )
        )
    if year is None:
        raise fail(NOT_FOUND, "Année scolaire introuvable.", "schoolYear")
    columns = activity_columns(values)
    if await _code_taken(session, actor.tenant_id, columns["code"]):
        raise _duplicate(columns["code"])
    row = Activity(
        tenant_id=actor.tenant_id,
        establishment_id=establishment.id,
        school_year_id=year.id,
        is_active=True,
        **columns,
    )
    session.add(row)
    await session.flush()
    audit(session, actor, CREATED, row, FIELDS, extra={KEY: key} if key else None)
    await session.flush()
    return row


async def update_activity(
    session: AsyncSession,
    actor: Actor,
    activity_id: int | None,
    changes: Mapping[str, Any],
    rules: Mapping[str, Any],
    *,
    today: dt.date,
) -> Activity:
    """Change an activity's descriptive columns (``changes``, names of
    ``DESCRIPTIVE_FIELDS``) and rules (``rules``, names of ``RULE_FIELDS``): the rules as
    they will be are checked together; the audit entry holds the before/after of what
    changed. The new rules judge every request from now on; a capacity lowered under the
    places already reserved on a future date of a slot that follows it is refused
    (CAPACITY_BELOW_RESERVED: change those slots' capacity first)."""
    row = await activity_of(session, actor.tenant_id, activity_id)
    unknown = set(changes) - set(DESCRIPTIVE_FIELDS)
    if unknown:
        raise ValueError(f"not activity fields: {sorted(unknown)}")
    cleaned = {name: _descriptive(name, value) for name, value in changes.items()}
    new_rules = _clean_rules(rules)
    merged = {**{name: getattr(row, name) for name in RULE_FIELDS}, **new_rules}
    raise_all(rule_problems(merged))
    if "capacity" in new_rules:
        await _check_capacity(session, row, merged["capacity"], today)
    if "code" in cleaned and await _code_taken(session, actor.tenant_id, cleaned["code"], row.id):
        raise _duplicate(cleaned["code"])
    before = snapshot(row, FIELDS)
    for name, value in {**cleaned, **new_rules}.items():
        setattr(row, name, value)
    old, new = diff(before, snapshot(row, FIELDS))
    if new:
        record_change(
            session,
            tenant_id=actor.tenant_id,
            actor_account_id=actor.account_id,
            action=UPDATED,
            object_type="Activity",
            object_id=row.id,
            before=old,
            after=new,
        )
    await session.flush()
    return row


@dataclass(frozen=True, slots=True)
class _Places:
    capacity: int | None


async def _check_capacity(
    session: AsyncSession, activity: Activity, capacity: int | None, today: dt.date
) -> None:
    if capacity is None:
        return
    slots = list(
        await session.scalars(
            select(Slot).where(Slot.activity_id == activity.id, Slot.capacity.is_(None))
        )
    )
    following = [s for s in slots if places_of(s, _Places(capacity)) == capacity]
    if not following:
        return
    await lock_slots(session, [s.id for s in following])
    over = await session.execute(
        select(Booking.date, func.count())
        .where(
            Booking.slot_id.in_([s.id for s in following]),
            Booking.date >= today,
            Booking.status == BookingStatus.RESERVED,
        )
        .group_by(Booking.slot_id, Booking.date)
        .having(func.count() > capacity)
    )
    dates = sorted({day for day, _ in over})
    if dates:
        raise fail(
            CAPACITY_BELOW_RESERVED,
            f"Plus d'enfants ont déjà une place que la nouvelle capacité ({capacity}) n'en "
            f"offre, le {french_dates(dates)} : réduisez d'abord la capacité de ces créneaux "
            "(en plaçant les derniers inscrits en liste d'attente), ou gardez une capacité "
            "plus grande.",
            *RULE_FIELDS["capacity"],
        )


async def close_activity(session: AsyncSession, actor: Actor, activity_id: int | None) -> Activity:
    """The activity leaves the catalogue (``is_active`` false): never deleted, since
    bookings, registrations and invoices point at it."""
    row = await activity_of(session, actor.tenant_id, activity_id)
    if not row.is_active:
        raise fail(INVALID_STATE, "Cette activité est déjà fermée.", "activity")
    row.is_active = False
    record_change(
        session,
        tenant_id=actor.tenant_id,
        actor_account_id=actor.account_id,
        action=CLOSED,
        object_type="Activity",
        object_id=row.id,
        before={"is_active": True},
        after={"is_active": False},
    )
    await session.flush()
    return row
