"""The shared query builder of every report: filters, grouping keys and suppression.

A report is one grouped SELECT (SQLAlchemy Core) whose key columns are labelled ``k_<key>``
and whose measures carry their own names, plus two reserved columns: ``n`` (the group's
``count``) and ``population`` (the number of distinct people — children or families — the
group describes). ``finish`` wraps it so that one statement returns the groups at or above
the minimum size *and* the number of groups suppressed below it:

    WITH g AS (<grouped select>)
    SELECT s.suppressed, g.* FROM (SELECT count(*) AS suppressed FROM g
                                   WHERE population < :min) AS s
    LEFT OUTER JOIN g ON g.population >= :min
    ORDER BY <keys>

(the one-row ``s`` keeps the count even when every group is suppressed). Python then maps
the surviving groups — never the underlying rows — to ``ReportGroup`` values.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from domain.labels import register_labels
from domain.reporting import dialect as sqlx
from models.child import Grade

MAX_REPORT_DAYS = 800
DEFAULT_QF_BOUNDS: tuple[int, ...] = (400, 600, 800, 1000, 1200, 1500, 1900)


class ReportingError(ValueError):
    """A report asked with arguments that make no sense (shown to the client, in French)."""


class ReportDimension(enum.StrEnum):
    """What a report may be grouped by (each report accepts a subset)."""

    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"
    ACTIVITY = "ACTIVITY"
    ESTABLISHMENT = "ESTABLISHMENT"
    GRADE = "GRADE"
    STATUS = "STATUS"
    QF_BRACKET = "QF_BRACKET"
    REQUEST_TYPE = "REQUEST_TYPE"
    PAYMENT_METHOD = "PAYMENT_METHOD"
    AGE_BAND = "AGE_BAND"


Dimension = ReportDimension


class AgeBand(enum.StrEnum):
    """CAF age bands: the child's age on 1 January of the year."""

    UNDER_6 = "UNDER_6"
    SIX_AND_OVER = "SIX_AND_OVER"


# Extra key columns a dimension brings along (the name of an activity, for CSV exports).
NAME_SUFFIX = "_name"


@dataclass(frozen=True)
class ReportFilter:
    """Which rows a report covers. Dates are inclusive calendar days of the tenant."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    establishment_ids: tuple[int, ...] = ()
    activity_ids: tuple[int, ...] = ()
    grades: tuple[Grade, ...] = ()


@dataclass(frozen=True)
class ReportQuery:
    """Everything a report statement depends on."""

    tenant_id: int
    dialect: str
    group_by: tuple[Dimension, ...] = ()
    where: ReportFilter = field(default_factory=ReportFilter)
    min_group_size: int = 5
    timezone: str = "Europe/Paris"
    today: dt.date = field(default_factory=dt.date.today)
    qf_bounds: tuple[int, ...] = DEFAULT_QF_BOUNDS
    year: int | None = None


@dataclass(frozen=True)
class QfBracket:
    """A family-quotient bracket [minimum, maximum) (maximum None: no upper bound)."""

    index: int
    minimum: int
    maximum: int | None

    @property
    def label(self) -> str:
        """« 400 à 599 », « moins de 400 », « 1900 et plus »."""
        if self.minimum == 0 and self.maximum is not None:
            return f"moins de {self.maximum}"
        if self.maximum is None:
            return f"{self.minimum} et plus"
        return f"{self.minimum} à {self.maximum - 1}"


def qf_bracket(index: int, bounds: Sequence[int]) -> QfBracket:
    """The bracket number ``index`` (0: below the first bound) of ``bounds``."""
    minimum = 0 if index == 0 else bounds[index - 1]
    maximum = bounds[index] if index < len(bounds) else None
    return QfBracket(index=index, minimum=minimum, maximum=maximum)


@dataclass(frozen=True)
class ReportGroup:
    """One group: its keys (by dimension), its count and its named measures."""

    keys: Mapping[Dimension, Any]
    names: Mapping[Dimension, str | None]
    count: int
    values: Mapping[str, Any]


@dataclass(frozen=True)
class ReportResult:
    """The groups at or above the minimum size, and how many were suppressed."""

    name: str
    group_by: tuple[Dimension, ...]
    groups: list[ReportGroup]
    suppressed_groups: int
    min_group_size: int


@dataclass(frozen=True)
class KeyColumn:
    """A dimension's key expression, and optionally a display name expression."""

    key: Any
    name: Any = None


def check_query(
    query: ReportQuery,
    *,
    report: str,
    dimensions: Iterable[Dimension],
    filters: Iterable[str] = ("dates", "establishments", "activities", "grades"),
) -> None:
    """Refuse groupings and filters a report does not support, and unbounded ranges."""
    allowed = set(dimensions)
    for dimension in query.group_by:
        if dimension not in allowed:
            raise ReportingError(
                f"Le rapport « {report} » ne peut pas être regroupé par {dimension.value}."
            )
    if len(set(query.group_by)) != len(query.group_by):
        raise ReportingError("Un regroupement est demandé deux fois.")
    where = query.where
    supported = set(filters)
    asked = {
        "establishments": bool(where.establishment_ids),
        "activities": bool(where.activity_ids),
        "grades": bool(where.grades),
    }
    for name, given in asked.items():
        if given and name not in supported:
            raise ReportingError(
                f"Le rapport « {report} » ne peut pas être filtré par {_FILTER_LABELS[name]}."
            )
    if where.date_from and where.date_to:
        if where.date_to < where.date_from:
            raise ReportingError("La date de fin précède la date de début.")
        if (where.date_to - where.date_from).days > MAX_REPORT_DAYS:
            raise ReportingError(f"La période est limitée à {MAX_REPORT_DAYS} jours.")
    if query.min_group_size < 1:
        raise ReportingError("La taille minimale d'un groupe est au moins 1.")


_FILTER_LABELS = {
    "establishments": "établissement",
    "activities": "activité",
    "grades": "niveau scolaire",
}


def date_keys(day: Any, dialect: str) -> dict[Dimension, KeyColumn]:
    """DAY, WEEK and MONTH keys of a date expression."""
    return {
        Dimension.DAY: KeyColumn(day),
        Dimension.WEEK: KeyColumn(sqlx.week_of(day, dialect)),
        Dimension.MONTH: KeyColumn(sqlx.month_of(day, dialect)),
    }


def date_range(column: Any, where: ReportFilter) -> list[ColumnElement[bool]]:
    """Inclusive bounds on a date column."""
    conditions: list[ColumnElement[bool]] = []
    if where.date_from is not None:
        conditions.append(column >= where.date_from)
    if where.date_to is not None:
        conditions.append(column <= where.date_to)
    return conditions


def qf_bracket_index(value: Any, bounds: Sequence[int]) -> ColumnElement[Any]:
    """The bracket number of a family quotient (NULL stays NULL)."""
    from sqlalchemy import case

    if not bounds:
        return case((value.is_(None), None), else_=literal(0))
    whens = [(value < bound, literal(i)) for i, bound in enumerate(bounds)]
    return case((value.is_(None), None), *whens, else_=literal(len(bounds)))


def grouped(
    query: ReportQuery,
    keys: Mapping[Dimension, KeyColumn],
    *,
    count: ColumnElement[Any],
    population: ColumnElement[Any],
    measures: Mapping[str, ColumnElement[Any]],
    build: Callable[[list[ColumnElement[Any]]], Select[Any]],
) -> Select[Any]:
    """The grouped SELECT: ``build(columns)`` adds FROM/WHERE, this adds GROUP BY."""
    columns: list[ColumnElement[Any]] = []
    group_exprs: list[ColumnElement[Any]] = []
    for dimension in query.group_by:
        key = keys[dimension]
        columns.append(key.key.label(f"k_{dimension.value.lower()}"))
        group_exprs.append(key.key)
        if key.name is not None:
            columns.append(key.name.label(f"k_{dimension.value.lower()}{NAME_SUFFIX}"))
            group_exprs.append(key.name)
    columns.append(count.label("n"))
    columns.append(population.label("population"))
    columns.extend(expr.label(name) for name, expr in measures.items())
    statement = build(columns)
    if group_exprs:
        statement = statement.group_by(*group_exprs)
    return statement


def finish(query: ReportQuery, statement: Select[Any]) -> Select[Any]:
    """Wrap a grouped SELECT: groups at or above the minimum size, plus the number of
    suppressed groups, in one statement (see the module docstring)."""
    g = statement.cte("g")
    minimum = literal(query.min_group_size)
    suppressed = (
        select(func.count().label("suppressed"))
        .select_from(g)
        .where(func.coalesce(g.c.population, 0) < minimum)
        .subquery("s")
    )
    key_columns = [g.c[f"k_{d.value.lower()}"] for d in query.group_by]
    return (
        select(suppressed.c.suppressed, *g.c)
        .select_from(suppressed.outerjoin(g, func.coalesce(g.c.population, 0) >= minimum))
        .order_by(*key_columns)
    )


def decode(
    name: str,
    query: ReportQuery,
    rows: Sequence[Any],
    measures: Sequence[str],
    convert: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
) -> ReportResult:
    """Map the rows of ``finish`` (one per surviving group) to a ``ReportResult``."""
    suppressed = int(rows[0].suppressed) if rows else 0
    groups: list[ReportGroup] = []
    present = set(rows[0]._mapping.keys()) if rows else set()
    # Per dimension: its key column and its name column, when the statement has one
    # (looked up once: a missing key costs RowMapping.get an exception per row).
    columns = [
        (dimension, f"k_{dimension.value.lower()}", f"k_{dimension.value.lower()}{NAME_SUFFIX}")
        for dimension in query.group_by
    ]
    columns_present = [
        (dimension, column, name if name in present else None)
        for dimension, column, name in columns
    ]
    for row in rows:
        data = row._mapping
        if data["n"] is None:
            continue  # the single row of a report whose groups were all suppressed
        keys: dict[Dimension, Any] = {}
        names: dict[Dimension, str | None] = {}
        for dimension, column, name_column in columns_present:
            keys[dimension] = _key_value(dimension, data[column], query)
            names[dimension] = None if name_column is None else data[name_column]
        values = {m: data[m] for m in measures}
        values["population"] = data["population"]
        if convert is not None:
            values = dict(convert(values))
        groups.append(ReportGroup(keys=keys, names=names, count=int(data["n"]), values=values))
    return ReportResult(
        name=name,
        group_by=query.group_by,
        groups=groups,
        suppressed_groups=suppressed,
        min_group_size=query.min_group_size,
    )


def _key_value(dimension: Dimension, value: Any, query: ReportQuery) -> Any:
    if value is None:
        return None
    if dimension in (Dimension.DAY, Dimension.WEEK, Dimension.MONTH):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if dimension is Dimension.GRADE:
        return Grade(value)
    if dimension is Dimension.QF_BRACKET:
        return qf_bracket(int(value), query.qf_bounds)
    if dimension is Dimension.AGE_BAND:
        return AgeBand(value)
    if dimension in (Dimension.ACTIVITY, Dimension.ESTABLISHMENT):
        return int(value)
    return str(value)


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """Number of rows of the group meeting ``condition`` (portable COUNT FILTER)."""
    from sqlalchemy import case

    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def sum_if(condition: ColumnElement[bool], value: Any) -> ColumnElement[Any]:
    """Sum of ``value`` over the rows of the group meeting ``condition``."""
    from sqlalchemy import case

    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


register_labels(
    ReportDimension,
    {
        "DAY": "Jour",
        "WEEK": "Semaine",
        "MONTH": "Mois",
        "ACTIVITY": "Activité",
        "ESTABLISHMENT": "Établissement",
        "GRADE": "Niveau scolaire",
        "STATUS": "Statut",
        "QF_BRACKET": "Tranche de quotient familial",
        "REQUEST_TYPE": "Type de demande",
        "PAYMENT_METHOD": "Moyen de paiement",
        "AGE_BAND": "Tranche d'âge",
    },
)
register_labels(AgeBand, {"UNDER_6": "Moins de 6 ans", "SIX_AND_OVER": "6 ans et plus"})
