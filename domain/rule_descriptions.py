"""Plain-French sentences for activity rules, shown to parents before they book.

Families complain elsewhere that deadlines are opaque; every rule that limits them is
described in words, from the same data the rules are computed from.
"""

from __future__ import annotations

import datetime as dt

from domain.labels import WEEKDAY_LABELS
from models.activity import DeadlineKind
from models.child import Grade


def _at(time: dt.time | None) -> str:
    return f" à {time.strftime('%H:%M')}" if time is not None else ""


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def describe_deadline(
    kind: DeadlineKind, offset: int, time: dt.time | None, weekday: int | None, verb: str
) -> str:
    """One sentence such as « Réservation au plus tard 3 jours ouvrés avant, à 12:00 »."""
    if kind is DeadlineKind.NONE:
        return f"{verb} possible jusqu'au début du créneau"
    if kind is DeadlineKind.CALENDAR_DAYS_BEFORE:
        if offset == 0:
            return f"{verb} au plus tard le jour même{_at(time)}"
        return f"{verb} au plus tard {_plural(offset, 'jour', 'jours')} avant{_at(time)}"
    if kind is DeadlineKind.WORKING_DAYS_BEFORE:
        days = _plural(offset, "jour ouvré", "jours ouvrés")
        return f"{verb} au plus tard {days} avant{_at(time)}"
    if kind is DeadlineKind.HOURS_BEFORE:
        hours = _plural(offset, "heure", "heures")
        return f"{verb} au plus tard {hours} avant le début du créneau"
    day = WEEKDAY_LABELS[(weekday or 1) - 1]
    return f"{verb} au plus tard le {day}{_at(time)} de la semaine précédente"


def describe_eligibility(
    min_grade: Grade | None,
    max_grade: Grade | None,
    born_on_or_after: dt.date | None,
    born_on_or_before: dt.date | None,
) -> str:
    """One sentence such as « À partir du CP » or « Ouvert à tous les enfants inscrits »."""
    parts: list[str] = []
    if min_grade is not None and max_grade is not None:
        parts.append(f"Du {min_grade.value} au {max_grade.value}")
    elif min_grade is not None:
        parts.append(
            "Dès la maternelle"
            if min_grade in (Grade.TPS, Grade.PS)
            else f"À partir du {min_grade.value}"
        )
    elif max_grade is not None:
        parts.append(f"Jusqu'au {max_grade.value}")
    if born_on_or_after is not None:
        parts.append(f"enfants nés à partir du {born_on_or_after.strftime('%d/%m/%Y')}")
    if born_on_or_before is not None:
        parts.append(f"enfants nés jusqu'au {born_on_or_before.strftime('%d/%m/%Y')}")
    if not parts:
        return "Ouvert à tous les enfants inscrits"
    sentence = ", ".join(parts)
    return sentence[0].upper() + sentence[1:]
