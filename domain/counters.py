"""Per-tenant counters for human references: request numbers, invoice numbers.

Towns read these numbers on the phone and on paper, so they must be unique per tenant,
increasing and never reused. A counter row is incremented with ``UPDATE … RETURNING`` in
the caller's transaction: on PostgreSQL the row lock serializes concurrent writers until
commit; on SQLite the database lock does the same. Since the lock lasts until the commit,
request references also increase in commit order within a tenant (the request lists are
paginated by reference, newest first).

That lock is tenant-wide: every request of a town waits for it. So a request can take its
number last, in one statement (:func:`take_request_reference`): it first writes its rows
with :data:`PLACEHOLDER_REFERENCE` where the number goes (the request's history events,
its acknowledgement mail), then one ``UPDATE`` takes the number and writes it into the
request and into those rows (issue 14).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

from sqlalchemy import BigInteger, bindparam, event, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.elements import ColumnElement

from domain.events import ADVISORY_LOCK_NAMESPACE, CURSOR_SEQUENCE, claim_numbering
from models import Event, OutboxMessage, Request, TenantCounter

REQUEST_REFERENCE = "request_reference"
FIRST_REQUEST_REFERENCE = 10_000_000


async def next_value(
    session: AsyncSession,
    tenant_id: int,
    name: str,
    start_after: Callable[[], Awaitable[int]],
) -> int:
    """The next value of counter ``name``; a new counter continues after ``start_after()``.

    ``start_after`` lets a counter take over numbering from existing rows (imported data,
    the demo town) without ever reusing one of their numbers.
    """
    increment = (
        update(TenantCounter)
        .where(TenantCounter.tenant_id == tenant_id, TenantCounter.name == name)
        .values(value=TenantCounter.value + 1)
        .returning(TenantCounter.value)
    )
    value = (await session.execute(increment)).scalar_one_or_none()
    if value is not None:
        return int(value)
    await _create(session, tenant_id, name, start_after)
    return int((await session.execute(increment)).scalar_one())


async def _create(
    session: AsyncSession, tenant_id: int, name: str, start_after: Callable[[], Awaitable[int]]
) -> None:
    """Create counter ``name`` at ``start_after()`` (nothing if a concurrent writer did)."""
    start = await start_after()
    dialect = session.get_bind().dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert_fn(TenantCounter)
        .values(tenant_id=tenant_id, name=name, value=start)
        .on_conflict_do_nothing()
    )


async def next_request_reference(session: AsyncSession, tenant_id: int) -> int:
    """The reference of a new request (« 17 378 981 »), above every existing one."""

    return await next_value(
        session, tenant_id, REQUEST_REFERENCE, lambda: _highest_reference(session, tenant_id)
    )


async def _highest_reference(session: AsyncSession, tenant_id: int) -> int:
    """Where a new reference counter starts: after every existing reference."""
    current = await session.scalar(
        select(func.max(Request.reference)).where(Request.tenant_id == tenant_id)
    )
    return max(int(current or 0), FIRST_REQUEST_REFERENCE - 1)


def format_reference(reference: int) -> str:
    """A request reference as the guide prints it: groups of three digits (« 17 378 981 »)."""
    return f"{reference:,}".replace(",", " ")


# Where a request's number goes until :func:`take_request_reference` writes it: a number
# no reference can be, long enough that its digits and its label (« -987 654 321 … »)
# appear nowhere else in an event's payload or a mail.
PLACEHOLDER_REFERENCE: Final = -987_654_321_987_654_321
_PROVISIONAL: Final = "creneau_provisional_references"  # session.info: requests so far
_PLACEHOLDER_DIGITS: Final = str(PLACEHOLDER_REFERENCE)
_PLACEHOLDER_LABEL: Final = format_reference(PLACEHOLDER_REFERENCE)

# format_reference in SQL, of a column named ``value``: a space before every group of three
# digits that ends the number.
REFERENCE_LABEL_SQL: Final = r"regexp_replace(CAST(value AS text), '(\d)(?=(\d{3})+$)', '\1 ', 'g')"

# One statement: increment the counter (its row lock then lasts until the commit), write
# the number into the request, and replace the placeholder in the given events' payloads
# and mails (the label first: the digits are not in it). {events} is one of the two ways
# of writing the events below.
_TAKE_AND_WRITE = f"""
WITH counter AS (
    UPDATE tenant_counter SET value = value + 1
    WHERE tenant_id = :tenant AND name = :name
    RETURNING value
), taken AS (
    SELECT value, CAST(value AS text) AS digits, {REFERENCE_LABEL_SQL} AS label
    FROM counter
), requests AS (
    UPDATE request SET reference = taken.value FROM taken
    WHERE request.id = :request
    RETURNING request.id
){{events}}, mails AS (
    UPDATE outbox_message SET
        subject = replace(replace(subject, :placeholder_label, taken.label),
                          :placeholder_digits, taken.digits),
        text_body = replace(replace(text_body, :placeholder_label, taken.label),
                            :placeholder_digits, taken.digits),
        html_body = replace(replace(html_body, :placeholder_label, taken.label),
                            :placeholder_digits, taken.digits)
    FROM taken WHERE outbox_message.id = ANY(:mails)
    RETURNING outbox_message.id
)
SELECT taken.value,
       (SELECT count(*) FROM requests) AS requests,
       (SELECT count(*) FROM events WHERE patched) AS events,
       (SELECT count(*) FROM events) AS numbered,
       (SELECT count(*) FROM mails) AS mails
FROM taken
"""
_PATCHED = """CAST(replace(replace(CAST(event.payload AS text),
        :placeholder_label, taken.label), :placeholder_digits, taken.digits) AS json)"""
_EVENTS_PATCHED = f""", events AS (
    UPDATE event SET payload = {_PATCHED}
    FROM taken WHERE event.id = ANY(:events)
    RETURNING event.id, true AS patched
)"""
# The same, and the transaction's events get their cursors (domain.events.claim_numbering),
# saving the commit a round trip under the tenant's locks. The order of the locks is the
# one every writer follows, and PostgreSQL cannot change it: the event log's lock is taken
# once per row of ``taken``, which exists only once the counter's UPDATE has returned (its
# row locked); cursors are drawn only for rows that passed a condition that needs that lock
# taken, after their sort (as in domain.events).
_EVENTS_PATCHED_AND_NUMBERED = f""", locked AS (
    SELECT pg_advisory_xact_lock(:namespace, CAST(:tenant AS integer)) FROM taken
), numbered AS (
    SELECT id, nextval('{CURSOR_SEQUENCE}') AS seq FROM (
        SELECT id FROM event
        WHERE id = ANY(:numbered) AND seq IS NULL AND (SELECT count(*) FROM locked) = 1
        ORDER BY id
    ) AS ordered
), events AS (
    UPDATE event SET
        payload = CASE WHEN event.id = ANY(:events) THEN {_PATCHED} ELSE event.payload END,
        seq = numbered.seq
    FROM taken, numbered WHERE event.id = numbered.id
    RETURNING event.id, event.id = ANY(:events) AS patched
)"""
_ID_ARRAYS = (
    bindparam("events", type_=postgresql.ARRAY(BigInteger)),
    bindparam("mails", type_=postgresql.ARRAY(BigInteger)),
)
_TAKE_AND_PATCH = text(_TAKE_AND_WRITE.replace("{events}", _EVENTS_PATCHED)).bindparams(*_ID_ARRAYS)
_TAKE_PATCH_AND_NUMBER = text(
    _TAKE_AND_WRITE.replace("{events}", _EVENTS_PATCHED_AND_NUMBERED)
).bindparams(*_ID_ARRAYS, bindparam("numbered", type_=postgresql.ARRAY(BigInteger)))


def provisional_reference(session: AsyncSession) -> ColumnElement[int]:
    """The reference a request is inserted with until :func:`take_request_reference`
    (PostgreSQL): minus this transaction's id and the request's rank in the session, so
    unique among running transactions, as references must be within a tenant."""
    sync = session.sync_session
    rank: int = sync.info.get(_PROVISIONAL, 0) + 1
    sync.info[_PROVISIONAL] = rank
    txid: ColumnElement[int] = func.txid_current(type_=BigInteger)
    return -(txid * 1_000_000 + rank)


@contextmanager
def rows_written(
    session: AsyncSession, *, watch: bool = True
) -> Iterator[list[Event | OutboxMessage]]:
    """The events and mails the session inserts inside the ``with`` block (the rows
    :func:`take_request_reference` may have to complete); always empty if not ``watch``."""
    sync = session.sync_session
    written: list[Event | OutboxMessage] = []
    if not watch:
        yield written
        return

    def collect(flushing: Session, _context: Any) -> None:
        written.extend(o for o in flushing.new if isinstance(o, Event | OutboxMessage))

    event.listen(sync, "after_flush", collect)
    try:
        yield written
    finally:
        event.remove(sync, "after_flush", collect)


def _carries_placeholder(row: Event | OutboxMessage) -> bool:
    if isinstance(row, Event):
        return _PLACEHOLDER_DIGITS in str(row.payload)
    texts = (row.subject, row.text_body, row.html_body)
    return any(_PLACEHOLDER_LABEL in t or _PLACEHOLDER_DIGITS in t for t in texts if t)


def _completed(value: str, reference: int) -> str:
    return value.replace(_PLACEHOLDER_LABEL, format_reference(reference)).replace(
        _PLACEHOLDER_DIGITS, str(reference)
    )


def _complete_loaded(rows: Sequence[Event | OutboxMessage], reference: int) -> None:
    """The same replacement in the loaded objects, so that they say what the rows say."""
    for row in rows:
        if isinstance(row, Event):
            payload = json.loads(_completed(json.dumps(row.payload), reference))
            set_committed_value(row, "payload", payload)
            continue
        for name in ("subject", "text_body", "html_body"):
            value = getattr(row, name)
            if value is not None:
                set_committed_value(row, name, _completed(value, reference))


async def take_request_reference(
    session: AsyncSession,
    request: Request,
    written: Sequence[Event | OutboxMessage],
    *,
    last: bool = False,
) -> int:
    """Take ``request``'s number (PostgreSQL) and write it, in one statement, into the
    request and into the rows of ``written`` that carry :data:`PLACEHOLDER_REFERENCE`.

    The counter's row lock is tenant-wide and lasts until the commit: written last and
    all at once, the number keeps every other request of the town waiting for one round
    trip (and the commit) instead of one per row that shows it. The request and those
    rows must be flushed; nothing may show the placeholder after this.

    ``last``: the transaction takes no lock after this statement (the caller commits, or
    only reads), so the statement also gives the transaction's events their cursors, under
    the event log's lock (``domain.events``), which the commit would otherwise do in a
    round trip of its own while both tenant-wide locks are held.
    """
    rows = [row for row in written if _carries_placeholder(row)]
    events = [row.id for row in rows if isinstance(row, Event)]
    mails = [row.id for row in rows if isinstance(row, OutboxMessage)]
    params: dict[str, Any] = {
        "tenant": request.tenant_id,
        "name": REQUEST_REFERENCE,
        "request": request.id,
        "events": events,
        "mails": mails,
        "placeholder_label": _PLACEHOLDER_LABEL,
        "placeholder_digits": _PLACEHOLDER_DIGITS,
    }
    numbered = claim_numbering(session, request.tenant_id) if last else None
    statement = _TAKE_AND_PATCH
    if numbered:
        statement = _TAKE_PATCH_AND_NUMBER
        params |= {"numbered": numbered, "namespace": ADVISORY_LOCK_NAMESPACE}
    taken = (await session.execute(statement, params)).one_or_none()
    if taken is None:  # the tenant's first request: no counter yet
        await _create(
            session,
            request.tenant_id,
            REQUEST_REFERENCE,
            lambda: _highest_reference(session, request.tenant_id),
        )
        taken = (await session.execute(statement, params)).one()
    expected = (1, len(events), len(numbered) if numbered else len(events), len(mails))
    if (taken.requests, taken.events, taken.numbered, taken.mails) != expected:
        raise RuntimeError(f"reference {taken.value} not written everywhere: {taken}")
    reference = int(taken.value)
    set_committed_value(request, "reference", reference)
    _complete_loaded(rows, reference)
    return reference
