"""The checks of the booking rules, each a pair: ``breaks`` (fast, what the planning asks
for every occurrence) and ``says`` (the French sentence, built only for a date a request
reports). Pure functions over ``state.Facts`` and ``state.Occasion``; their order and
codes are ``engine.RULES``.
"""

from __future__ import annotations

import datetime as dt

from domain.billing.formatting import month_label
from domain.bookings.facts import ActivityRules
from domain.bookings.rules import date_fr, instant_fr, is_eligible
from domain.bookings.state import HOLDING, Facts, Occasion, slot_is_full
from domain.calendar.deadlines import is_open
from domain.calendar.opening_days import runs_on
from domain.rule_descriptions import describe_eligibility
from models.activity import OperatingDays
from models.booking import BookingStatus


def closed_message(facts: Facts, activity: ActivityRules, day: dt.date) -> str | None:
    """None when the activity runs on ``day``; else why not, in French."""
    kinds = facts.calendar.day_kinds(day, activity.establishment_id)
    if runs_on(activity.operating_days, kinds):
        return None
    if activity.operating_days is OperatingDays.SCHOOL_HOLIDAYS and not kinds.closed:
        why = "elle n'a lieu que pendant les vacances scolaires"
    else:
        covering = facts.calendar.covering(day, activity.establishment_id)
        why = " ; ".join(dict.fromkeys(t for t in covering if t)) or "fermeture"
    return f"L'activité « {activity.name} » n'a pas lieu le {date_fr(day)} ({why})."


def _spans(facts: Facts, o: Occasion) -> list[tuple[dt.date, dt.date]]:
    return facts.registrations.get((o.child.id, o.activity.id), [])


def not_registered(facts: Facts, o: Occasion) -> bool:
    """No active registration of the child to the activity at all."""
    return not _spans(facts, o)


def say_not_registered(facts: Facts, o: Occasion) -> str:
    """« Léa n'est pas inscrit(e) à l'activité … »."""
    return f"{o.child.first_name} n'est pas inscrit(e) à l'activité « {o.activity.name} »."


def outside_registration(facts: Facts, o: Occasion) -> bool:
    """Registered, but not on that date."""
    return not any(start <= o.day <= end for start, end in _spans(facts, o))


def say_outside_registration(facts: Facts, o: Occasion) -> str:
    """The registration periods, so the parent sees which dates are possible."""
    bounds = ", ".join(f"du {date_fr(start)} au {date_fr(end)}" for start, end in _spans(facts, o))
    return f"Les dates doivent être comprises dans la période de l'inscription ({bounds})."


def closed(facts: Facts, o: Occasion) -> bool:
    """The activity does not run that day (holidays, public holiday, closure, strike)."""
    kinds = facts.calendar.day_kinds(o.day, o.activity.establishment_id)
    return not runs_on(o.activity.operating_days, kinds)


def say_closed(facts: Facts, o: Occasion) -> str:
    """Why the activity does not run, with the calendar's labels."""
    return closed_message(facts, o.activity, o.day) or ""


def not_eligible(facts: Facts, o: Occasion) -> bool:
    """The child's grade or birth date is outside the activity's eligibility."""
    return not is_eligible(o.child, o.activity)


def say_not_eligible(facts: Facts, o: Occasion) -> str:
    """The eligibility rule in words."""
    a = o.activity
    rule = describe_eligibility(a.min_grade, a.max_grade, a.born_on_or_after, a.born_on_or_before)
    return f"L'activité « {a.name} » n'est pas ouverte à {o.child.first_name} ({rule})."


def _status(facts: Facts, o: Occasion) -> BookingStatus | None:
    return facts.bookings.get((o.child.id, o.slot.id, o.day))


def already_reserved(facts: Facts, o: Occasion) -> bool:
    """Something is already recorded on that occurrence (a cancellation aside)."""
    status = _status(facts, o)
    return status is not None and status is not BookingStatus.CANCELLED


def say_already_reserved(facts: Facts, o: Occasion) -> str:
    """What is recorded: reserved, waiting list, absence or presence."""
    status = _status(facts, o)
    what = "a déjà une absence ou une présence enregistrée"
    if status is BookingStatus.RESERVED:
        what = "est déjà réservé"
    elif status is BookingStatus.WAITING_LIST:
        what = "est déjà demandé (liste d'attente)"
    return f"Ce créneau du {date_fr(o.day)} {what} pour {o.child.first_name}."


def pending_request(facts: Facts, o: Occasion) -> bool:
    """An undecided request line already covers that occurrence."""
    return (o.child.id, o.slot.id, o.day) in facts.pending


def say_pending_request(facts: Facts, o: Occasion) -> str:
    """« Une demande est déjà en cours … »."""
    return f"Une demande est déjà en cours pour ce créneau du {date_fr(o.day)}."


def not_reserved(facts: Facts, o: Occasion) -> bool:
    """An absence needs a reservation (or a waiting-list place, which it gives up)."""
    return _status(facts, o) not in HOLDING


def say_not_reserved(facts: Facts, o: Occasion) -> str:
    """« Aucune réservation à annuler … »."""
    return f"Aucune réservation à annuler le {date_fr(o.day)} pour {o.child.first_name}."


def booking_deadline_passed(facts: Facts, o: Occasion) -> bool:
    """The activity's booking deadline for that occurrence is past."""
    return not is_open(o.booking_deadline, o.now)


def say_booking_deadline_passed(facts: Facts, o: Occasion) -> str:
    """The deadline that applied, to the minute."""
    return (
        "Le délai de réservation est dépassé : il fallait réserver avant le "
        f"{instant_fr(o.booking_deadline, facts.timezone)}."
    )


def started(facts: Facts, o: Occasion) -> bool:
    """The slot has begun: an absence can no longer be declared online (before that, a
    late absence is billed, not refused)."""
    return not is_open(dt.datetime.combine(o.day, o.slot.start_time, tzinfo=facts.timezone), o.now)


def say_started(facts: Facts, o: Occasion) -> str:
    """« Le créneau … a déjà commencé … »."""
    return (
        f"Le créneau du {date_fr(o.day)} a déjà commencé : l'absence ne peut plus être "
        "déclarée en ligne."
    )


def exclusive_taken(facts: Facts, o: Occasion) -> bool:
    """Another slot of the activity's exclusivity group is held or asked for that day."""
    group = o.activity.exclusivity_group
    if group is None:
        return False
    return bool(facts.group_taken.get((o.child.id, group, o.day), set()) - {o.slot.id})


def say_exclusive_taken(facts: Facts, o: Occasion) -> str:
    """The towns' own wording (« ATTENTION DE BIEN CHOISIR 1 SEUL CRÉNEAU »)."""
    return (
        "ATTENTION DE BIEN CHOISIR 1 SEUL CRÉNEAU : "
        f"{o.child.first_name} a déjà un créneau de ce groupe le {date_fr(o.day)}."
    )


def _month_held(facts: Facts, o: Occasion) -> set[dt.date]:
    return facts.month_days.get((o.child.id, o.activity.id, o.day.year, o.day.month), set())


def monthly_limit_reached(facts: Facts, o: Occasion) -> bool:
    """The child already holds the activity's maximum of days in that month (reserved,
    waiting list or asked for); another slot on a day already held is not one more day."""
    limit = o.activity.max_days_per_month
    if limit is None:
        return False
    held = _month_held(facts, o)
    return o.day not in held and len(held) >= limit


def say_monthly_limit_reached(facts: Facts, o: Occasion) -> str:
    """« Au plus 2 jours par mois pour l'activité « Mercredi loisirs » : … »."""
    limit = o.activity.max_days_per_month or 0
    days = f"{limit} jour{'s' if limit > 1 else ''}"
    return (
        f"Au plus {days} par mois pour l'activité « {o.activity.name} » : "
        f"{o.child.first_name} en a déjà {len(_month_held(facts, o))} en {month_label(o.day)}."
    )


def slot_full(facts: Facts, o: Occasion) -> bool:
    """No place left and no waiting list: refused (with a list, the date waits instead)."""
    return not o.activity.waiting_list_enabled and slot_is_full(facts, o)


def say_slot_full(facts: Facts, o: Occasion) -> str:
    """« Plus aucune place … »."""
    return f"Plus aucune place n'est disponible sur ce créneau le {date_fr(o.day)}."
