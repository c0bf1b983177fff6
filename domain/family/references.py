"""Checks of what the form refers to in the tenant's data: the children's schools, and
the wished registrations (the child exists in the form, the activity is open, the child is
eligible, no registration twice), which come out dated by their school year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.contact_validation import ProblemCollector
from domain.family.form import CheckedRegistration, ChildForm, WishedRegistrationForm
from domain.labels import label
from models import Activity, Establishment, SchoolYear

MAX_REGISTRATIONS: Final = 100


def _grade_range_text(activity: Activity) -> str:
    low, high = activity.min_grade, activity.max_grade
    if low is not None and high is not None:
        return f"classes admises : de {label(low)} à {label(high)}"
    if low is not None:
        return f"à partir de : {label(low)}"
    return f"jusqu'à : {label(high)}" if high is not None else ""


def _eligibility_problem(
    collector: ProblemCollector,
    child: ChildForm,
    activity: Activity,
    path: tuple[str, ...],
) -> None:
    """Grade range (« à partir du CP ») and birth-date bounds of the activity."""
    if activity.min_grade is not None or activity.max_grade is not None:
        if child.grade is None:
            collector.add(
                "GRADE_REQUIRED",
                f"Indiquez la classe de {child.first_name} pour l'inscrire à l'activité "
                f"« {activity.name} ».",
                *path,
                "child",
            )
            return
        too_low = activity.min_grade is not None and child.grade.rank < activity.min_grade.rank
        too_high = activity.max_grade is not None and child.grade.rank > activity.max_grade.rank
        if too_low or too_high:
            collector.add(
                "NOT_ELIGIBLE",
                f"{child.first_name} ({label(child.grade)}) ne peut pas être inscrit(e) à "
                f"l'activité « {activity.name} » ({_grade_range_text(activity)}).",
                *path,
                "activity",
            )
            return
    born_after = activity.born_on_or_after
    born_before = activity.born_on_or_before
    if (born_after is not None and child.birth_date < born_after) or (
        born_before is not None and child.birth_date > born_before
    ):
        collector.add(
            "NOT_ELIGIBLE",
            f"{child.first_name} n'a pas l'âge requis pour l'activité « {activity.name} ».",
            *path,
            "activity",
        )


async def _check_schools(
    session: AsyncSession,
    tenant_id: int,
    collector: ProblemCollector,
    children: Sequence[ChildForm],
) -> None:
    wanted = {c.school_id for c in children if c.school_id is not None}
    known: set[int] = set()
    if wanted:
        known = set(
            await session.scalars(
                select(Establishment.id).where(
                    Establishment.tenant_id == tenant_id, Establishment.id.in_(wanted)
                )
            )
        )
    for index, child in enumerate(children):
        if child.school_id is not None and child.school_id not in known:
            collector.add(
                "UNKNOWN_SCHOOL",
                "Cette école ne fait pas partie des établissements de la collectivité.",
                "children",
                str(index),
                "school",
            )


async def _check_registrations(
    session: AsyncSession,
    tenant_id: int,
    collector: ProblemCollector,
    children: Sequence[ChildForm],
    wished: Sequence[WishedRegistrationForm],
    today: dt.date,
) -> tuple[CheckedRegistration, ...]:
    if len(wished) > MAX_REGISTRATIONS:
        collector.add(
            "TOO_MANY",
            f"{MAX_REGISTRATIONS} pré-inscriptions au maximum par dossier.",
            "registrations",
        )
        return ()
    wanted = {w.activity_id for w in wished}
    activities: dict[int, tuple[Activity, SchoolYear]] = {}
    if wanted:
        rows = await session.execute(
            select(Activity, SchoolYear)
            .join(SchoolYear, SchoolYear.id == Activity.school_year_id)
            .where(Activity.tenant_id == tenant_id, Activity.id.in_(wanted))
        )
        activities = {activity.id: (activity, year) for activity, year in rows}
    checked: list[CheckedRegistration] = []
    seen: set[tuple[int, int]] = set()
    for index, wish in enumerate(wished):
        path = ("registrations", str(index))
        child = children[wish.child_index] if 0 <= wish.child_index < len(children) else None
        if child is None:
            collector.add(
                "UNKNOWN_CHILD",
                "Cette pré-inscription désigne un enfant absent du formulaire.",
                *path,
                "child",
            )
        found = activities.get(wish.activity_id)
        if found is None:
            collector.add(
                "UNKNOWN_ACTIVITY",
                "Cette activité n'existe pas dans la collectivité.",
                *path,
                "activity",
            )
            continue
        activity, year = found
        if not activity.is_active or year.end_date < today:
            collector.add(
                "ACTIVITY_CLOSED",
                f"Les inscriptions à l'activité « {activity.name} » sont closes.",
                *path,
                "activity",
            )
            continue
        if child is None:
            continue
        if (wish.child_index, wish.activity_id) in seen:
            collector.add(
                "DUPLICATE_REGISTRATION",
                f"{child.first_name} est déjà pré-inscrit(e) à l'activité « {activity.name} » "
                "dans ce formulaire.",
                *path,
                "activity",
            )
            continue
        seen.add((wish.child_index, wish.activity_id))
        before = len(collector.problems)
        _eligibility_problem(collector, child, activity, path)
        if len(collector.problems) == before:
            checked.append(
                CheckedRegistration(
                    child_index=wish.child_index,
                    activity_id=activity.id,
                    start_date=year.start_date,
                    end_date=year.end_date,
                )
            )
    return tuple(checked)
