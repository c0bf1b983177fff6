"""Issue 14, PostgreSQL: a reservation takes its number last, in the one statement that
writes it into the request, its history events and its acknowledgement mail (written
before with a placeholder). The number must be everywhere the placeholder was, printed as
the guide prints it, and references must still increase in commit order: a request that
takes its number while another holds the counter waits for that one's commit."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import cast, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.types import Text

from domain.bookings.asking import BookingAsk
from domain.bookings.requests import create_booking_request
from domain.counters import (
    PLACEHOLDER_REFERENCE,
    REFERENCE_LABEL_SQL,
    REQUEST_REFERENCE,
    format_reference,
)
from domain.events import ADVISORY_LOCK_NAMESPACE, CURSOR_SEQUENCE, on_events_committed
from models import Event, OutboxMessage, Request, TenantCounter
from models.engine import create_engine, create_session_factory
from models.event import EventKind
from models.request import RequestType
from tests.factories.bookings import BookingTown, Household, make_booking_town, make_household

NOW = dt.datetime(2026, 11, 26, 19, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)
GENEROUS = 60  # seconds: only ever reached when a request waits for nothing


def _ask(house: Household, town: BookingTown) -> BookingAsk:
    return BookingAsk(
        request_type=RequestType.RESERVATION,
        child_ids=[house.children[0].id],
        activity_id=town.activity.id,
        date=MONDAY,
    )


async def _reserve(session: AsyncSession, town: BookingTown, house: Household) -> Request:
    result = await create_booking_request(
        session,
        tenant_id=town.tenant.id,
        account_id=house.account.id,
        family_id=house.family.id,
        ask=_ask(house, town),
        portal_url="https://portail.example",
        now=NOW,
    )
    return result.request


@pytest.fixture
def postgres_only(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the number is taken last on PostgreSQL only")


@pytest.mark.usefixtures("postgres_only")
@pytest.mark.parametrize("last", [None, 999_999, 17_378_980, 999_999_998])
async def test_the_number_is_everywhere_the_placeholder_was(
    session: AsyncSession, last: int | None
) -> None:
    town = await make_booking_town(session, auto_accept=True, capacity=10)
    house = await make_household(session, town)
    if last is not None:  # a counter already in use (None: the tenant's first request)
        session.add(TenantCounter(tenant_id=town.tenant.id, name=REQUEST_REFERENCE, value=last))
    await session.commit()

    request = await _reserve(session, town, house)
    expected = 10_000_000 if last is None else last + 1
    assert request.reference == expected
    request_id = request.id
    events = list(
        await session.scalars(
            select(Event).where(Event.subject_type == "Request", Event.subject_id == request_id)
        )
    )
    # The created step and the automatic acceptance both show the number.
    assert sorted(e.kind for e in events) == [
        EventKind.REQUEST_CREATED,
        EventKind.REQUEST_STATUS_CHANGED,
    ]
    (mail,) = await session.scalars(select(OutboxMessage))
    loaded = ([e.payload for e in events], (mail.subject, mail.text_body, mail.html_body))
    woken: list[frozenset[int]] = []
    stop = on_events_committed(woken.append)
    try:
        await session.commit()
    finally:
        stop()
    assert woken == [frozenset({town.tenant.id})]  # subscribers are told, as before
    session.expire_all()

    stored = await session.get_one(Request, request_id)
    assert stored.reference == expected
    label = format_reference(expected)
    payloads = list(
        await session.scalars(
            select(Event.payload)
            .where(Event.subject_type == "Request", Event.subject_id == request_id)
            .where(Event.seq.is_not(None))
        )
    )
    assert len(payloads) == 2
    for payload in payloads:
        assert payload["reference"] == expected
        assert payload["referenceLabel"] == label
    (texts,) = (
        await session.execute(
            select(OutboxMessage.subject, OutboxMessage.text_body, OutboxMessage.html_body)
        )
    ).all()
    subject, body, html = texts
    assert f"demande n° {label}" in subject
    assert f"(n° {label})" in body
    assert html is not None and f"(n° {label})" in html
    # The objects the transaction loaded said what the rows say.
    assert sorted(map(str, loaded[0])) == sorted(map(str, payloads))
    assert loaded[1] == tuple(texts)
    # The placeholder is nowhere, in no form.
    for needle in (str(PLACEHOLDER_REFERENCE), format_reference(PLACEHOLDER_REFERENCE)):
        found = await session.scalar(
            select(Event.id).where(cast(Event.payload, Text).contains(needle))
        )
        assert found is None
        found = await session.scalar(
            select(OutboxMessage.id).where(
                OutboxMessage.subject.contains(needle)
                | OutboxMessage.text_body.contains(needle)
                | OutboxMessage.html_body.contains(needle)
            )
        )
        assert found is None


@pytest.mark.usefixtures("postgres_only")
async def test_the_label_is_printed_as_the_guide_prints_it(session: AsyncSession) -> None:
    """The SQL that prints the number agrees with ``format_reference``."""
    values = [0, 7, 99, 100, 999, 1_000, 12_345, 100_000, 999_999, 1_000_000, 17_378_981]
    values += [10**n - 1 for n in range(1, 19)] + [10**n for n in range(1, 19)]
    printed = await session.execute(
        text(
            f"SELECT value, {REFERENCE_LABEL_SQL} FROM unnest(CAST(:values AS bigint[])) AS value"
        ),
        {"values": values},
    )
    assert {int(v): label for v, label in printed} == {v: format_reference(v) for v in values}


@pytest.mark.usefixtures("postgres_only")
async def test_references_increase_in_commit_order(
    session: AsyncSession, database_url: str
) -> None:
    """A holds the number it took, uncommitted; B (another family) takes its number
    meanwhile and waits; A commits, then B gets the next number — and B's events come
    after A's in the log."""
    town = await make_booking_town(session)
    first, other = await make_household(session, town), await make_household(session, town)
    session.add(TenantCounter(tenant_id=town.tenant.id, name=REQUEST_REFERENCE, value=10_000_000))
    await session.commit()
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    async def create(house: Household) -> Request:
        async with sessions() as own, own.begin():
            return await _reserve(own, town, house)

    async def waiting_on_a_row_lock() -> bool:
        return await _number_taking_waits(engine, "wait_event_type = 'Lock'")

    try:
        async with sessions() as held:
            async with held.begin():
                ours = await _reserve(held, town, first)
                theirs_task = asyncio.ensure_future(create(other))
                for _ in range(600):
                    if theirs_task.done() or await waiting_on_a_row_lock():
                        break
                    await asyncio.sleep(0.05)
                assert not theirs_task.done()
            theirs = await asyncio.wait_for(theirs_task, GENEROUS)
        assert theirs.reference == ours.reference + 1
        async with sessions() as check:
            created = dict(
                (
                    await check.execute(
                        select(Event.subject_id, Event.seq).where(
                            Event.kind == EventKind.REQUEST_CREATED
                        )
                    )
                ).all()
            )
        seq_ours, seq_theirs = created[ours.id], created[theirs.id]
        assert seq_ours is not None and seq_theirs is not None and seq_ours < seq_theirs
    finally:
        await engine.dispose()


@pytest.mark.usefixtures("postgres_only")
async def test_the_events_are_numbered_under_the_event_log_lock(
    session: AsyncSession, database_url: str
) -> None:
    """The statement that takes the number also gives the events their cursors: it waits
    for the event log's lock held by another writer, and its cursors come after the one
    that writer drew meanwhile."""
    town = await make_booking_town(session, auto_accept=True, capacity=10)
    house = await make_household(session, town)
    await session.commit()
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)

    async def create() -> Request:
        async with sessions() as own, own.begin():
            return await _reserve(own, town, house)

    async def waiting_on_advisory_lock() -> bool:
        return await _number_taking_waits(engine, "wait_event = 'advisory'")

    try:
        async with engine.connect() as holder, holder.begin():
            await holder.execute(
                text("SELECT pg_advisory_xact_lock(:namespace, CAST(:tenant AS integer))"),
                {"namespace": ADVISORY_LOCK_NAMESPACE, "tenant": town.tenant.id},
            )
            request_task = asyncio.ensure_future(create())
            for _ in range(600):
                if request_task.done() or await waiting_on_advisory_lock():
                    break
                await asyncio.sleep(0.05)
            assert not request_task.done()
            drawn = await holder.scalar(text(f"SELECT nextval('{CURSOR_SEQUENCE}')"))
        request = await asyncio.wait_for(request_task, GENEROUS)
        async with sessions() as check:
            rows = (
                await check.execute(
                    select(Event.kind, Event.seq).where(Event.tenant_id == town.tenant.id)
                )
            ).all()
        kinds = {kind for kind, _ in rows}
        assert {EventKind.REQUEST_CREATED, EventKind.BOOKING_CHANGED} <= kinds
        assert request.reference >= 10_000_000
        assert drawn is not None
        assert all(seq is not None and seq > drawn for _, seq in rows), (drawn, rows)
    finally:
        await engine.dispose()


async def _number_taking_waits(engine: AsyncEngine, wait: str) -> bool:
    """Whether a statement taking a request's number waits (``wait``: a pg_stat_activity
    condition on what it waits for)."""
    async with engine.connect() as probe:
        waiting = await probe.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                f"WHERE {wait} AND query LIKE '%WITH counter AS%'"
            )
        )
    return bool(waiting)
