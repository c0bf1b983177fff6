"""SQLite: INSERT the many new rows of one flush in one statement per table.

On PostgreSQL the ORM writes the new rows of a table in one ``INSERT … RETURNING``
(insertmanyvalues). On SQLite it cannot: the order of ``RETURNING`` rows is not promised,
so for autoincrement keys SQLAlchemy inserts one row per statement — a school year's
period reservation (139 dates: bookings, request lines, their events and occurrence
history) cost 857 statements. When the rows already carry their primary keys, the ORM
writes them with one ``executemany`` per table.

A transaction that holds SQLite's write lock (it ran an ``UPDATE``: from then on no other
connection can write until it ends) may call :func:`number_new_rows`. For the rest of the
transaction each flush first gives the new rows the ids SQLite would have given them:
``max(id) + 1`` onwards, in insertion order (the tables have no ``AUTOINCREMENT``, so
SQLite's rowid is exactly ``max(rowid) + 1``). The highest id of a table is read once per
transaction, for all the tables that need it in one statement (plus those the caller
names in advance), then followed in memory: every row the session's flushes insert
raises it, and any ``INSERT`` (or textual) statement run through the session forgets it
all (read again at the next flush). Nothing else changes: the rows are the same ORM objects, so the
flush hooks that append their events (``domain.events``) and their occurrence history
(``models.occurrence_log``) see and write them as before — this hook runs after them
(the occurrence log is imported first, so its ``before_flush`` is registered before this
one) and numbers what they add. PostgreSQL is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Integer, Table, event, func, inspect, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, SessionTransaction

import models.occurrence_log  # noqa: F401  (its before_flush must run before ours)

_STATE = "creneau_sqlite_number_new_rows"


@dataclass(slots=True)
class _Numbering:
    highest: dict[Table, int] = field(default_factory=dict)  # known highest id per table
    ahead: set[Table] = field(default_factory=set)  # tables to read with the first ones


def number_new_rows(session: Session, *, ahead: Iterable[type[Any]] = ()) -> None:
    """From now until the transaction ends, number the new rows of each flush (SQLite).

    The caller asserts that the transaction already holds SQLite's write lock (it has
    run an ``UPDATE``, e.g. ``capacity.lock_slots``). ``ahead``: models whose rows later
    flushes of the transaction will add, read with the first ones (one statement for all).
    No-op on other databases."""
    if session.get_bind().dialect.name != "sqlite":
        return
    state: _Numbering = session.info.setdefault(_STATE, _Numbering())
    for model in ahead:
        table = _numbered_table(inspect(model))
        if table is not None:
            state.ahead.add(table)


def numbering_new_rows(session: Session) -> bool:
    """Whether :func:`number_new_rows` is in force for the session's transaction."""
    return _STATE in session.info


def _numbered_table(mapper: Mapper[Any]) -> Table | None:
    """The mapper's table when it has one integer autoincrement primary key, else None."""
    table = mapper.local_table
    if not isinstance(table, Table) or mapper.inherits is not None:
        return None
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type.as_generic(), Integer):
        return None
    # SQLAlchemy's own rule (no foreign key, no default): the key SQLite would number.
    return table if table.autoincrement_column is keys[0] else None


def _key(obj: Any, table: Table) -> str:
    return str(inspect(obj).mapper.get_property_by_column(table.primary_key.columns[0]).key)


def _new_rows(session: Session) -> dict[Table, list[Any]]:
    groups: dict[Table, list[Any]] = {}
    for obj in session.new:
        table = _numbered_table(inspect(obj).mapper)
        if table is not None:
            groups.setdefault(table, []).append(obj)
    return groups


@event.listens_for(Session, "before_flush")
def _number_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    state: _Numbering | None = session.info.get(_STATE)
    if state is None:
        return
    groups = {
        table: [obj for obj in rows if getattr(obj, _key(obj, table)) is None]
        for table, rows in _new_rows(session).items()
    }
    # A table not followed yet is read when it has several rows to number (one row alone
    # costs its INSERT either way), with the tables named ahead.
    unknown = [t for t, rows in groups.items() if len(rows) > 1 and t not in state.highest]
    if unknown:
        tables = sorted(set(unknown) | (state.ahead - state.highest.keys()), key=str)
        maxima = session.execute(
            select(*(select(func.max(t.primary_key.columns[0])).scalar_subquery() for t in tables))
        ).one()
        state.highest.update(zip(tables, (top or 0 for top in maxima), strict=True))
    for table, rows in groups.items():
        if table not in state.highest or not rows:
            continue
        top = state.highest[table]
        for obj in sorted(rows, key=lambda row: inspect(row).insert_order):
            top += 1
            setattr(obj, _key(obj, table), top)
        state.highest[table] = top


@event.listens_for(Session, "after_flush")
def _follow_inserted_ids(session: Session, _context: Any) -> None:
    """Rows inserted without a number (one alone) still raise the table's highest id."""
    state: _Numbering | None = session.info.get(_STATE)
    if state is None:
        return
    for table, rows in _new_rows(session).items():
        if table in state.highest:
            ids = [getattr(obj, _key(obj, table)) or 0 for obj in rows]
            state.highest[table] = max([state.highest[table], *ids])


@event.listens_for(Session, "do_orm_execute")
def _forget_on_insert(orm_execute_state: ORMExecuteState) -> None:
    """An INSERT run through the session — or a textual statement, which might be one —
    and the highest ids are read again at the next flush."""
    state: _Numbering | None = orm_execute_state.session.info.get(_STATE)
    if state is None or not state.highest:
        return
    known = orm_execute_state.is_select or orm_execute_state.is_update
    if not (known or orm_execute_state.is_delete):
        state.highest.clear()


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_STATE, None)
