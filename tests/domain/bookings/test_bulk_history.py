"""The batched write path of a period reservation keeps every event and history row.

On SQLite, ``capacity.take_places`` numbers the new rows of its transaction
(``models.sqlite_batch``) so that bookings, request lines, their events and their
occurrence history go in one INSERT per table instead of one per row. The rows are still
ORM objects written by the same flush hooks: these tests compare what a period
reservation leaves — events, occurrence history, request history — with the row-by-row
path (numbering switched off), date by date, and check the numbering itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

import domain.bookings.capacity as capacity
from models import Event, OccurrenceAction, RequestHistory, Tenant
from models.event import EventKind
from models.occurrence_log import OccurrenceActionKind
from models.sqlite_batch import number_new_rows, numbering_new_rows
from tests.domain.bookings.requests._helpers import ask
from tests.factories.bookings import YEAR_END, BookingTown, Household, make_booking_town
from tests.factories.bookings import make_household as household
from tests.factories.catalogue import make_tenant

PERIOD = (dt.date(2026, 11, 23), YEAR_END)
WEEKDAYS = (1, 2, 4, 5)


@contextmanager
def inserts(session: AsyncSession) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            seen.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _reserve(session: AsyncSession, town: BookingTown, house: Household) -> int:
    result = await ask(session, town, house, period=PERIOD, weekdays=WEEKDAYS)
    await session.commit()
    return sum(1 for line in result.lines if line.outcome.value == "ACCEPTED")


async def _left(session: AsyncSession, house: Household) -> dict[str, Any]:
    """What the reservation left for the household's child, without its ids."""
    child = house.children[0].id
    events = list(
        await session.scalars(select(Event).where(Event.child_id == child).order_by(Event.id))
    )
    drop = {"bookingId", "lineId", "requestId", "childId", "reference", "referenceLabel"}
    actions = list(
        await session.scalars(
            select(OccurrenceAction)
            .where(OccurrenceAction.child_id == child)
            .order_by(OccurrenceAction.id)
        )
    )
    request_id = actions[0].request_id
    history = list(
        await session.scalars(
            select(RequestHistory)
            .where(RequestHistory.request_id == request_id)
            .order_by(RequestHistory.id)
        )
    )
    return {
        "events": [
            (
                e.kind,
                e.subject_type,
                e.family_id == house.family.id,
                e.seq is not None,
                {k: v for k, v in e.payload.items() if k not in drop},
            )
            for e in events
        ],
        "actions": [(a.kind, a.slot_id, a.date, a.occurred_at) for a in actions],
        "history": [(h.step, h.status, h.note) for h in history],
    }


async def test_a_period_leaves_the_same_events_and_history_as_row_by_row(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = await make_booking_town(session, auto_accept=True, capacity=30)
    batched, row_by_row = await household(session, town), await household(session, town)
    await session.commit()

    with inserts(session) as batched_inserts:
        dates = await _reserve(session, town, batched)
    monkeypatch.setattr(capacity, "number_new_rows", lambda *_a, **_k: None)
    with inserts(session) as row_inserts:
        assert await _reserve(session, town, row_by_row) == dates
    monkeypatch.undo()
    assert dates > 100

    left = await _left(session, batched)
    assert left == await _left(session, row_by_row)
    # One event per booking and per line, two history rows per date: none missing.
    kinds = [e[0] for e in left["events"]]
    assert kinds.count(EventKind.BOOKING_CHANGED) == dates
    assert kinds.count(EventKind.REQUEST_LINE_DECIDED) == dates
    assert all(e[2] and e[3] for e in left["events"])  # the family, and a cursor
    actions = [a[0] for a in left["actions"]]
    assert actions.count(OccurrenceActionKind.RESERVATION_REQUESTED) == dates
    assert actions.count(OccurrenceActionKind.ACCEPTED) == dates
    assert len(left["history"]) == 2
    # And the batched path did batch: a handful of INSERTs on either database.
    assert len(batched_inserts) <= 10, batched_inserts
    if session.get_bind().dialect.name == "sqlite":
        assert len(row_inserts) > 4 * dates


async def test_numbered_ids_follow_the_inserts_of_the_transaction(session: AsyncSession) -> None:
    """Rows added by the ORM, alone or many, and rows of INSERT statements in between:
    the numbering never collides, ids keep their insertion order."""
    tenant = await make_tenant(session)
    await session.commit()
    sync = session.sync_session

    def events(count: int, subject: int) -> list[Event]:
        return [
            Event(
                tenant_id=tenant.id,
                kind=EventKind.BOOKING_CHANGED,
                subject_type="Booking",
                subject_id=subject + index,
                payload={},
            )
            for index in range(count)
        ]

    # An UPDATE first: on SQLite the transaction holds the write lock from here on.
    await session.execute(update(Tenant).where(Tenant.id == tenant.id).values(name=Tenant.name))
    number_new_rows(sync, ahead=[Event])
    assert numbering_new_rows(sync) == (session.get_bind().dialect.name == "sqlite")
    first = events(3, 100)
    session.add_all(first)
    await session.flush()
    alone = events(1, 200)
    session.add_all(alone)
    await session.flush()
    await session.execute(
        insert(Event),
        [
            {
                "tenant_id": tenant.id,
                "kind": EventKind.BOOKING_CHANGED,
                "subject_type": "Booking",
                "subject_id": 300 + i,
                "payload": {},
            }
            for i in range(2)
        ],
    )
    session.add_all(events(2, 320))
    await session.flush()
    await session.execute(
        text(
            "INSERT INTO event (tenant_id, kind, subject_type, subject_id, payload, occurred_at)"
            " VALUES (:tenant, 'BOOKING_CHANGED', 'Booking', 350, '{}', :now)"
        ),
        {"tenant": tenant.id, "now": dt.datetime.now(dt.UTC)},
    )
    last = events(3, 400)
    session.add_all(last)
    await session.flush()
    await session.commit()
    rows = list(
        await session.scalars(select(Event).where(Event.tenant_id == tenant.id).order_by(Event.id))
    )
    assert [r.subject_id for r in rows] == [
        100,
        101,
        102,
        200,
        300,
        301,
        320,
        321,
        350,
        400,
        401,
        402,
    ]
    assert numbering_new_rows(sync) is False  # forgotten with the transaction
