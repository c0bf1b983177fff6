"""``models.core_columns``: the planning's plain Core statements name the tables' columns,
and get the rows under the names the models' attributes give (each attribute is named as
its column)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from domain.bookings.facts import ACTIVITY_RULE_COLUMNS, CHILD_RULE_COLUMNS, SLOT_RULE_COLUMNS
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    OccurrenceAction,
    Registration,
    Request,
    RequestLine,
    Slot,
)
from models.core_columns import core, one_of, table_columns


def test_the_planning_tables_name_their_attributes_as_their_columns() -> None:
    for model in (
        Activity,
        Booking,
        CalendarPeriod,
        Child,
        OccurrenceAction,
        Registration,
        Request,
        RequestLine,
        Slot,
    ):
        for attribute in model.__mapper__.column_attrs:
            (column,) = attribute.columns
            assert table_columns(model)[attribute.key] is column, (model, attribute.key)


def test_core_keeps_the_rule_columns_in_order_and_by_name() -> None:
    for attributes in (ACTIVITY_RULE_COLUMNS, CHILD_RULE_COLUMNS, SLOT_RULE_COLUMNS):
        columns = core(attributes)
        assert [c.key for c in columns] == [a.key for a in attributes]
        assert all(not c._annotations for c in columns)  # plain table columns, no ORM


def test_one_of_binds_a_list_as_an_array_on_postgresql_only() -> None:
    child = table_columns(Child)
    on_postgresql = select(child.id).where(one_of(child.id, "ids", True))
    elsewhere = select(child.id).where(one_of(child.id, "ids", False))
    postgresql_sql = on_postgresql.compile(dialect=postgresql.dialect())  # type: ignore[no-untyped-call]
    assert "= ANY (%(ids)s::BIGINT[])" in str(postgresql_sql)
    assert "IN (__[POSTCOMPILE_ids])" in str(elsewhere.compile(dialect=sqlite.dialect()))
