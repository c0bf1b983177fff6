"""The rules one date of a reservation or absence request must pass — pure functions.

Every rule is data on the activity or the tenant's calendar (deadlines, eligibility,
exclusivity group, capacity, waiting list, absence billing), none is written here: these
functions only read it, and say in French why a date is refused, with the dates and
deadlines that let a parent act on it (« il fallait réserver avant le 04/04/2019 à 12:00 »).
The order of the checks puts the most useful explanation first: a date in the holidays is
reported as such, not as « délai dépassé ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain.bookings.capacity import slot_capacity
from domain.bookings.codes import BookingRule
from domain.bookings.loading import HOLDING, Situation
from domain.deadlines import DeadlineRule, deadline_for, is_open
from domain.opening_days import ClosedPeriod, classify_day, runs_on
from domain.rule_descriptions import describe_eligibility
from models import Activity, Child, Registration, Slot
from models.activity import OperatingDays
from models.booking import BookingStatus


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a date cannot be requested: a rule code and a French sentence."""

    rule: BookingRule
    message: str


@dataclass(frozen=True, slots=True)
class AbsenceConsequence:
    """What an absence does to the booking, and what the parent is told about it."""

    status: BookingStatus  # ABSENT (free), ABSENT_BILLED, or CANCELLED (waiting list left)
    late: bool  # declared after the cancellation deadline
    message: str


def date_fr(day: dt.date) -> str:
    """« 04/04/2019 »."""
    return f"{day:%d/%m/%Y}"


def instant_fr(moment: dt.datetime, timezone: ZoneInfo) -> str:
    """« 04/04/2019 à 12:00 », in the tenant's time zone."""
    local = moment.astimezone(timezone)
    return f"{local:%d/%m/%Y} à {local:%H:%M}"


def booking_rule(activity: Activity) -> DeadlineRule:
    """The activity's booking deadline as data."""
    return DeadlineRule(
        activity.booking_deadline_kind,
        activity.booking_deadline_offset,
        activity.booking_deadline_time,
        activity.booking_deadline_weekday,
    )


def cancellation_rule(activity: Activity) -> DeadlineRule:
    """The activity's cancellation deadline as data."""
    return DeadlineRule(
        activity.cancellation_deadline_kind,
        activity.cancellation_deadline_offset,
        activity.cancellation_deadline_time,
        activity.cancellation_deadline_weekday,
    )


def closed_reason(
    day: dt.date, activity: Activity, periods: Iterable[tuple[ClosedPeriod, str]]
) -> str | None:
    """None when the activity runs on ``day``; else why not, in French."""
    covering = [(p, text) for p, text in periods if p.covers(day, activity.establishment_id)]
    kinds = classify_day(day, activity.establishment_id, [p for p, _ in covering])
    if runs_on(activity.operating_days, kinds):
        return None
    if activity.operating_days is OperatingDays.SCHOOL_HOLIDAYS and not kinds.closed:
        why = "elle n'a lieu que pendant les vacances scolaires"
    else:
        why = " ; ".join(dict.fromkeys(text for _, text in covering)) or "fermeture"
    return f"L'activité « {activity.name} » n'a pas lieu le {date_fr(day)} ({why})."


def registration_for(registrations: Iterable[Registration], day: dt.date) -> Registration | None:
    """The active registration covering ``day``, if any."""
    return next((r for r in registrations if r.start_date <= day <= r.end_date), None)


def _registration_problem(
    child: Child, activity: Activity, registrations: list[Registration], day: dt.date
) -> Rejection | None:
    if not registrations:
        return Rejection(
            BookingRule.NOT_REGISTERED,
            f"{child.first_name} n'est pas inscrit(e) à l'activité « {activity.name} ».",
        )
    if registration_for(registrations, day) is None:
        bounds = ", ".join(
            f"du {date_fr(r.start_date)} au {date_fr(r.end_date)}" for r in registrations
        )
        return Rejection(
            BookingRule.OUTSIDE_REGISTRATION_PERIOD,
            f"Les dates doivent être comprises dans la période de l'inscription ({bounds}).",
        )
    return None


def is_eligible(child: Child, activity: Activity) -> bool:
    """Whether the child's grade and birth date fit the activity's eligibility data."""
    if activity.min_grade is not None or activity.max_grade is not None:
        if child.grade is None:
            return False
        if activity.min_grade is not None and child.grade.rank < activity.min_grade.rank:
            return False
        if activity.max_grade is not None and child.grade.rank > activity.max_grade.rank:
            return False
    if activity.born_on_or_after is not None and child.birth_date < activity.born_on_or_after:
        return False
    return not (
        activity.born_on_or_before is not None and child.birth_date > activity.born_on_or_before
    )


def _eligibility_problem(child: Child, activity: Activity) -> Rejection | None:
    if is_eligible(child, activity):
        return None
    rule = describe_eligibility(
        activity.min_grade,
        activity.max_grade,
        activity.born_on_or_after,
        activity.born_on_or_before,
    )
    return Rejection(
        BookingRule.NOT_ELIGIBLE,
        f"L'activité « {activity.name} » n'est pas ouverte à {child.first_name} ({rule}).",
    )


def _common_problem(situation: Situation, child: Child, day: dt.date) -> Rejection | None:
    activity = situation.activity
    found = _registration_problem(child, activity, situation.registrations.get(child.id, []), day)
    if found is not None:
        return found
    closed = closed_reason(day, activity, situation.periods)
    if closed is not None:
        return Rejection(BookingRule.CLOSED_DAY, closed)
    return None


def check_reservation(
    situation: Situation,
    child: Child,
    slot: Slot,
    day: dt.date,
    *,
    now: dt.datetime,
    taken_in_request: Collection[int],
) -> Rejection | None:
    """Why ``child`` cannot ask for ``slot`` on ``day`` now (None: the date may go through).

    ``taken_in_request``: slots of the exclusivity group already asked for that child and
    day by earlier dates of the same request.
    """
    activity = situation.activity
    found = _common_problem(situation, child, day) or _eligibility_problem(child, activity)
    if found is not None:
        return found
    key = (child.id, slot.id, day)
    booking = situation.bookings.get(key)
    if booking is not None and booking.status is not BookingStatus.CANCELLED:
        what = {
            BookingStatus.RESERVED: "est déjà réservé",
            BookingStatus.WAITING_LIST: "est déjà demandé (liste d'attente)",
        }.get(booking.status, "a déjà une absence ou une présence enregistrée")
        return Rejection(
            BookingRule.ALREADY_RESERVED,
            f"Ce créneau du {date_fr(day)} {what} pour {child.first_name}.",
        )
    if key in situation.pending:
        return Rejection(
            BookingRule.PENDING_REQUEST,
            f"Une demande est déjà en cours pour ce créneau du {date_fr(day)}.",
        )
    deadline = deadline_for(
        booking_rule(activity),
        day,
        slot.start_time,
        timezone=situation.timezone,
        holidays=situation.holidays,
    )
    if not is_open(deadline, now):
        return Rejection(
            BookingRule.DEADLINE_PASSED,
            "Le délai de réservation est dépassé : il fallait réserver avant le "
            f"{instant_fr(deadline, situation.timezone)}.",
        )
    if activity.exclusivity_group is not None:
        taken = situation.group_taken.get((child.id, day), set()) | set(taken_in_request)
        if taken - {slot.id}:
            return Rejection(
                BookingRule.EXCLUSIVE_SLOT_TAKEN,
                "ATTENTION DE BIEN CHOISIR 1 SEUL CRÉNEAU : "
                f"{child.first_name} a déjà un créneau de ce groupe le {date_fr(day)}.",
            )
    capacity = slot_capacity(slot, activity)
    refused_when_full = not activity.waiting_list_enabled and situation.reserved is not None
    if refused_when_full and capacity is not None:
        taken_places = (situation.reserved or {}).get((slot.id, day), 0)
        if taken_places >= capacity:
            return Rejection(
                BookingRule.SLOT_FULL,
                f"Plus aucune place n'est disponible sur ce créneau le {date_fr(day)}.",
            )
    return None


def check_absence(
    situation: Situation, child: Child, slot: Slot, day: dt.date, *, now: dt.datetime
) -> Rejection | None:
    """Why ``child`` cannot be declared absent from ``slot`` on ``day`` now (None: ok).

    An absence needs a reservation (or a place on the waiting list, which it gives up) and
    may be declared until the slot starts; past the cancellation deadline it is billed
    (``absence_consequence``), not refused.
    """
    found = _common_problem(situation, child, day)
    if found is not None:
        return found
    key = (child.id, slot.id, day)
    if key in situation.pending:
        return Rejection(
            BookingRule.PENDING_REQUEST,
            f"Une demande est déjà en cours pour ce créneau du {date_fr(day)}.",
        )
    booking = situation.bookings.get(key)
    if booking is None or booking.status not in HOLDING:
        return Rejection(
            BookingRule.NOT_RESERVED,
            f"Aucune réservation à annuler le {date_fr(day)} pour {child.first_name}.",
        )
    starts = dt.datetime.combine(day, slot.start_time, tzinfo=situation.timezone)
    if not is_open(starts, now):
        return Rejection(
            BookingRule.DEADLINE_PASSED,
            f"Le créneau du {date_fr(day)} a déjà commencé : l'absence ne peut plus être "
            "déclarée en ligne.",
        )
    return None


def absence_consequence(
    activity: Activity,
    slot: Slot,
    day: dt.date,
    booking_status: BookingStatus,
    *,
    declared_at: dt.datetime,
    timezone: ZoneInfo,
    holidays: Collection[dt.date] = (),
) -> AbsenceConsequence:
    """What an absence declared at ``declared_at`` does: free before the cancellation
    deadline (ABSENT), billed after it when the activity bills late absences
    (ABSENT_BILLED, unless justified later), and a simple withdrawal from the waiting list.

    Staff deciding a pending absence call this with the request's creation time, so the
    parent is judged on when they declared it, not on when staff got to it.
    """
    if booking_status is BookingStatus.WAITING_LIST:
        return AbsenceConsequence(
            BookingStatus.CANCELLED, False, "Retrait de la liste d'attente (non facturé)."
        )
    deadline = deadline_for(
        cancellation_rule(activity), day, slot.start_time, timezone=timezone, holidays=holidays
    )
    if is_open(deadline, declared_at):
        return AbsenceConsequence(
            BookingStatus.ABSENT, False, "Absence déclarée dans les délais : non facturée."
        )
    late = f"Absence déclarée après le délai d'annulation ({instant_fr(deadline, timezone)})"
    if not activity.late_absence_billed:
        return AbsenceConsequence(BookingStatus.ABSENT, True, f"{late} : non facturée.")
    justification = ""
    if activity.justification_accepted:
        days = activity.justification_delay_days
        justification = (
            f", sauf justificatif (certificat médical) transmis sous {days} "
            f"jour{'s' if days > 1 else ''}"
        )
    return AbsenceConsequence(
        BookingStatus.ABSENT_BILLED, True, f"{late} : facturée{justification}."
    )
