"""Families and children: how many, by school, grade, family-quotient bracket, age band.

One grouped statement over the children of validated families. The family quotient is the
one valid on the reference date (the end of the ``where`` range, else today), found by a
correlated subquery on the (family, valid_from) index; brackets come from the tenant's
bounds (``reportQfBrackets`` in the tenant settings) or the default ones. The age band is
the child's age on 1 January of the reference date's year. With an activity filter, only
children with an active registration to one of the activities on the reference date count.

``count`` is the number of children; ``families`` the number of distinct families; a group
is suppressed when it holds fewer children than the minimum group size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select

from domain.reporting.query import (
    AgeBand,
    Dimension,
    KeyColumn,
    ReportQuery,
    check_query,
    finish,
    grouped,
    qf_bracket_index,
)
from models import Child, Establishment, Family, FamilyQuotient, Registration
from models.family import FamilyStatus
from models.registration import RegistrationStatus

NAME = "children"
DIMENSIONS = (Dimension.ESTABLISHMENT, Dimension.GRADE, Dimension.QF_BRACKET, Dimension.AGE_BAND)
MEASURES = ("families",)


def reference_date(query: ReportQuery) -> dt.date:
    """The day the figures describe: the end of the range, else the tenant's today."""
    return query.where.date_to or query.today


def statement(query: ReportQuery) -> Select[Any]:
    """The children report's single statement."""
    check_query(query, report=NAME, dimensions=DIMENSIONS)
    where = query.where
    on = reference_date(query)
    quotient = (
        select(FamilyQuotient.value)
        .where(
            FamilyQuotient.family_id == Child.family_id,
            FamilyQuotient.valid_from <= on,
            or_(FamilyQuotient.valid_to.is_(None), FamilyQuotient.valid_to >= on),
        )
        .order_by(FamilyQuotient.valid_from.desc())
        .limit(1)
        .correlate(Child)
        .scalar_subquery()
    )
    cutoff = dt.date(on.year - 6, 1, 1)
    keys: dict[Dimension, KeyColumn] = {
        Dimension.ESTABLISHMENT: KeyColumn(Child.school_id, Establishment.name),
        Dimension.GRADE: KeyColumn(Child.grade),
        Dimension.QF_BRACKET: KeyColumn(qf_bracket_index(quotient, query.qf_bounds)),
        Dimension.AGE_BAND: KeyColumn(
            case(
                (Child.birth_date > cutoff, literal(AgeBand.UNDER_6.value)),
                else_=literal(AgeBand.SIX_AND_OVER.value),
            )
        ),
    }

    def build(columns: list[Any]) -> Select[Any]:
        statement = (
            select(*columns)
            .select_from(Child)
            .join(Family, Family.id == Child.family_id)
            .outerjoin(Establishment, Establishment.id == Child.school_id)
            .where(Child.tenant_id == query.tenant_id, Family.status == FamilyStatus.VALIDATED)
        )
        if where.establishment_ids:
            statement = statement.where(Child.school_id.in_(where.establishment_ids))
        if where.grades:
            statement = statement.where(Child.grade.in_(where.grades))
        if where.activity_ids:
            statement = statement.where(
                exists().where(
                    and_(
                        Registration.child_id == Child.id,
                        Registration.activity_id.in_(where.activity_ids),
                        Registration.status == RegistrationStatus.ACTIVE,
                        Registration.start_date <= on,
                        Registration.end_date >= on,
                    )
                )
            )
        return statement

    return finish(
        query,
        grouped(
            query,
            keys,
            count=func.count(),
            population=func.count(),
            measures={"families": func.count(func.distinct(Child.family_id))},
            build=build,
        ),
    )


def convert(values: Mapping[str, Any]) -> dict[str, Any]:
    """Integers."""
    return {"families": int(values["families"] or 0)}
