"""The tables' own columns behind the models' attributes, for plain Core statements.

A statement that names a model's attributes (``Child.id``) is an ORM statement: each
execution through the session sets up the ORM's compile state and row processing, about
0.06 ms per statement. The hottest reads (the planning's) name the tables' columns
instead and get the same rows, under the same names (every attribute is named as its
column: ``tests/test_core_columns.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlalchemy.sql.elements import ColumnElement, KeyedColumnElement

from models.base import Base


def table_columns(model: type[Base]) -> ReadOnlyColumnCollection[str, KeyedColumnElement[Any]]:
    """The columns of the model's table (``table_columns(Child).id``), for a statement that
    the session runs as plain Core."""
    return model.__table__.c


def core(attributes: Iterable[Any]) -> list[KeyedColumnElement[Any]]:
    """The table column behind each mapped attribute (``InstrumentedAttribute``: a tuple of
    them may be typed as column elements), in order: a select of them gives the rows a
    select of the attributes gives, without the ORM."""
    return [attribute.class_.__table__.c[attribute.key] for attribute in attributes]


def one_of(column: KeyedColumnElement[Any], name: str, postgresql: bool) -> ColumnElement[bool]:
    """``column IN (the list bound as name)``, for a statement built once per process. On
    PostgreSQL ``column = ANY(:name)`` with the list bound as one array: the SQL stays the
    same whatever the list's length, where an expanding IN is rendered again at each
    execution (and is a new prepared statement for each length). Elsewhere (SQLite), the
    expanding IN. Same rows either way (an empty list matches nothing)."""
    if postgresql:
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))
