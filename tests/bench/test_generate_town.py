"""The synthetic town generator: deterministic, and its data obey the domain's rules."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import seed.synthetic as town_module
from domain.calendar.opening_days import ClosedPeriod, opening_days
from models import (
    Activity,
    Booking,
    CalendarPeriod,
    Child,
    Guardian,
    Invoice,
    InvoiceLine,
    Payment,
    Registration,
    Request,
    RequestHistory,
    RequestLine,
    Slot,
    Tenant,
)
from models.activity import OperatingDays
from models.billing import InvoiceStatus
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.registration import RegistrationStatus
from models.request import HistoryStep, RequestStatus, RequestType
from seed.synthetic import (
    GenerationSummary,
    TownAlreadyExistsError,
    generate_town,
)

CHILDREN = 60
SEED = 11


@pytest.fixture
async def town(engine: AsyncEngine) -> GenerationSummary:
    """A small generated town in the test database."""
    return await generate_town(engine, children=CHILDREN, seed=SEED)


async def _rows(engine: AsyncEngine, statement: Any) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(statement)).all())


async def _bookings_modulo_ids(engine: AsyncEngine, tenant_id: int) -> list[tuple[Any, ...]]:
    """A tenant's bookings with every id made relative to the tenant's first id."""

    async def first_id(column: Any) -> int:
        async with engine.connect() as conn:
            return int(
                (
                    await conn.execute(
                        select(func.min(column)).where(column.table.c.tenant_id == tenant_id)
                    )
                ).scalar_one()
            )

    child0 = await first_id(Child.__table__.c.id)
    slot0 = await first_id(Slot.__table__.c.id)
    activity0 = await first_id(Activity.__table__.c.id)
    rows = await _rows(
        engine,
        select(
            Booking.child_id,
            Booking.slot_id,
            Booking.activity_id,
            Booking.date,
            Booking.status,
            Booking.attendance,
            Booking.waiting_since,
            Booking.created_at,
        ).where(Booking.tenant_id == tenant_id),
    )
    return sorted(
        (r.child_id - child0, r.slot_id - slot0, r.activity_id - activity0, *r[3:]) for r in rows
    )


async def test_same_seed_gives_the_same_town(engine: AsyncEngine) -> None:
    """Benchmarks compare runs: the same seed must give the same rows (ids aside)."""
    first = await generate_town(engine, children=CHILDREN, seed=SEED, slug="ville-a")
    second = await generate_town(engine, children=CHILDREN, seed=SEED, slug="ville-b")
    other = await generate_town(engine, children=CHILDREN, seed=SEED + 1, slug="ville-c")

    assert first.rows == second.rows
    assert first.rows["child"] == CHILDREN
    assert first.rows["booking"] > 5_000
    assert first.tenant_id != second.tenant_id
    bookings = await _bookings_modulo_ids(engine, first.tenant_id)
    assert bookings == await _bookings_modulo_ids(engine, second.tenant_id)
    assert bookings != await _bookings_modulo_ids(engine, other.tenant_id)
    invoices = [
        await _rows(
            engine,
            select(Invoice.number, Invoice.total_cents, Invoice.status, Invoice.due_on)
            .where(Invoice.tenant_id == summary.tenant_id)
            .order_by(Invoice.number),
        )
        for summary in (first, second)
    ]
    assert invoices[0] == invoices[1]


async def test_existing_slug_is_refused_and_nothing_is_written(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """A generated town is never merged into an existing tenant."""
    with pytest.raises(TownAlreadyExistsError):
        await generate_town(engine, children=CHILDREN, seed=SEED)

    tenants = await _rows(engine, select(Tenant.slug))
    assert [t.slug for t in tenants] == [f"synthetic-{CHILDREN}-{SEED}"]
    count = await _rows(engine, select(func.count()).select_from(Booking))
    assert count[0][0] == town.rows["booking"]


async def test_ids_keep_working_after_generation(
    town: GenerationSummary, session: AsyncSession
) -> None:
    """The generator picks ids itself; later ordinary inserts must not collide."""
    # The generator chooses ids itself; on PostgreSQL the sequences must follow.
    tenant = Tenant(slug="apres", name="Après", service_name="Espace Famille", mail_from="a@b.fr")
    session.add(tenant)
    await session.commit()
    assert tenant.id > town.tenant_id


async def test_bookings_fall_on_opening_days_inside_registrations(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """Bookings obey the calendar and the registrations, as real ones must."""
    tenant_id = town.tenant_id
    periods = [
        ClosedPeriod(CalendarPeriodKind(p.kind), p.start_date, p.end_date, p.establishment_id)
        for p in await _rows(
            engine, select(CalendarPeriod).where(CalendarPeriod.tenant_id == tenant_id)
        )
    ]
    activities = {
        a.id: a
        for a in await _rows(
            engine,
            select(Activity.id, Activity.establishment_id, Activity.operating_days).where(
                Activity.tenant_id == tenant_id
            ),
        )
    }
    slots = {
        s.id: s
        for s in await _rows(
            engine,
            select(Slot.id, Slot.activity_id, Slot.weekday).where(Slot.tenant_id == tenant_id),
        )
    }
    registrations = {
        r.id: r
        for r in await _rows(
            engine,
            select(
                Registration.id,
                Registration.child_id,
                Registration.activity_id,
                Registration.start_date,
                Registration.end_date,
                Registration.status,
            ).where(Registration.tenant_id == tenant_id),
        )
    }
    open_days: dict[int, set[dt.date]] = {}
    for slot in slots.values():
        activity = activities[slot.activity_id]
        open_days[slot.id] = set(
            opening_days(
                dt.date(2025, 9, 1),
                dt.date(2026, 7, 3),
                establishment_id=activity.establishment_id,
                operating_days=OperatingDays(activity.operating_days),
                weekdays=[slot.weekday],
                periods=periods,
            )
        )
    bookings = await _rows(
        engine,
        select(
            Booking.child_id,
            Booking.slot_id,
            Booking.activity_id,
            Booking.registration_id,
            Booking.date,
        ).where(Booking.tenant_id == tenant_id),
    )
    assert len(bookings) == town.rows["booking"]
    for booking in bookings:
        assert slots[booking.slot_id].activity_id == booking.activity_id
        assert booking.date in open_days[booking.slot_id], booking
        registration = registrations[booking.registration_id]
        assert registration.child_id == booking.child_id
        assert registration.activity_id == booking.activity_id
        assert registration.status == RegistrationStatus.ACTIVE
        assert registration.start_date <= booking.date <= registration.end_date


async def test_no_child_has_two_slots_of_one_exclusivity_group_a_day(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """The exclusivity rule (one evening slot a day) holds in the data."""
    rows = await _rows(
        engine,
        select(Booking.child_id, Booking.date, Activity.exclusivity_group, func.count())
        .join(Activity, Activity.id == Booking.activity_id)
        .where(Booking.tenant_id == town.tenant_id, Activity.exclusivity_group.is_not(None))
        .group_by(Booking.child_id, Booking.date, Activity.exclusivity_group)
        .having(func.count() > 1),
    )
    assert rows == []
    grouped = await _rows(
        engine,
        select(func.count())
        .select_from(Booking)
        .join(Activity, Activity.id == Booking.activity_id)
        .where(Booking.tenant_id == town.tenant_id, Activity.exclusivity_group.is_not(None)),
    )
    assert grouped[0][0] > 0  # the check above is not vacuous


async def test_each_family_has_one_payer_and_at_most_one_allocataire(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """The family invariants of the domain hold, with realistic family sizes."""
    guardians = await _rows(
        engine,
        select(Guardian.family_id, Guardian.is_payer, Guardian.is_allocataire).where(
            Guardian.tenant_id == town.tenant_id
        ),
    )
    payers: Counter[int] = Counter()
    allocataires: Counter[int] = Counter()
    for guardian in guardians:
        payers[guardian.family_id] += guardian.is_payer
        allocataires[guardian.family_id] += guardian.is_allocataire
    assert len(payers) == town.rows["family"]
    assert set(payers.values()) == {1}
    assert max(allocataires.values()) <= 1
    assert 1.3 <= CHILDREN / town.rows["family"] <= 2.1


async def test_invoice_totals_are_the_sums_of_their_lines(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """Invoices add up, and their statuses agree with their payments."""
    lines = await _rows(
        engine,
        select(
            InvoiceLine.invoice_id,
            InvoiceLine.quantity,
            InvoiceLine.unit_price_cents,
            InvoiceLine.amount_cents,
        ).where(InvoiceLine.tenant_id == town.tenant_id),
    )
    sums: dict[int, int] = defaultdict(int)
    for line in lines:
        assert line.amount_cents == line.quantity * line.unit_price_cents
        sums[line.invoice_id] += line.amount_cents
    paid: dict[int, int] = defaultdict(int)
    for payment in await _rows(
        engine,
        select(Payment.invoice_id, Payment.amount_cents).where(Payment.tenant_id == town.tenant_id),
    ):
        paid[payment.invoice_id] += payment.amount_cents
    invoices = await _rows(
        engine,
        select(Invoice.id, Invoice.total_cents, Invoice.status).where(
            Invoice.tenant_id == town.tenant_id
        ),
    )
    assert invoices
    for invoice in invoices:
        assert invoice.total_cents == sums[invoice.id] > 0
        if invoice.status == InvoiceStatus.PAID:
            assert paid[invoice.id] == invoice.total_cents
        elif invoice.status == InvoiceStatus.PARTIALLY_PAID:
            assert 0 < paid[invoice.id] < invoice.total_cents
        else:
            assert paid[invoice.id] == 0


async def test_requests_cover_every_status_with_lines_and_history(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """Load tests need requests in every state, each with its history."""
    requests = await _rows(
        engine,
        select(Request.id, Request.type, Request.status).where(Request.tenant_id == town.tenant_id),
    )
    assert {r.status for r in requests} == set(RequestStatus)
    with_lines = {
        row.request_id
        for row in await _rows(
            engine, select(RequestLine.request_id).where(RequestLine.tenant_id == town.tenant_id)
        )
    }
    for kind in (RequestType.RESERVATION, RequestType.ABSENCE):
        of_kind = [r for r in requests if r.type == kind]
        assert of_kind
        assert all(r.id in with_lines for r in of_kind)
    file_changes = [
        r for r in requests if r.type not in (RequestType.RESERVATION, RequestType.ABSENCE)
    ]
    assert file_changes
    assert not any(r.id in with_lines for r in file_changes)
    history = await _rows(
        engine,
        select(RequestHistory.request_id, RequestHistory.step)
        .where(RequestHistory.tenant_id == town.tenant_id)
        .order_by(RequestHistory.request_id, RequestHistory.occurred_at, RequestHistory.id),
    )
    first_steps: dict[int, HistoryStep] = {}
    for entry in history:
        first_steps.setdefault(entry.request_id, HistoryStep(entry.step))
    assert set(first_steps) == {r.id for r in requests}
    assert set(first_steps.values()) == {HistoryStep.CREATED}


async def test_the_past_is_pointed_and_the_future_booked(
    engine: AsyncEngine, town: GenerationSummary
) -> None:
    """Mid-March: the past is pointed (mostly present), the future reserved."""
    today = dt.date(2026, 3, 16)
    rows = await _rows(
        engine,
        select(Booking.date, Booking.status, Booking.attendance).where(
            Booking.tenant_id == town.tenant_id
        ),
    )
    past = Counter(BookingStatus(r.status) for r in rows if r.date < today)
    future = Counter(BookingStatus(r.status) for r in rows if r.date >= today)
    assert past[BookingStatus.RESERVED] / sum(past.values()) > 0.85
    assert past[BookingStatus.ABSENT] > 0
    assert past[BookingStatus.ABSENT_BILLED] > 0
    assert BookingStatus.WAITING_LIST not in past
    assert future[BookingStatus.RESERVED] / sum(future.values()) > 0.9
    assert all(r.attendance is not None for r in rows if r.date < today)
    assert all(r.attendance is None for r in rows if r.date >= today)


async def test_a_failed_write_leaves_no_half_town(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails midway removes the partial tenant."""
    # The real function from its home module: the package uses it without re-exporting it.
    from seed.synthetic.writer import _insert as real_insert

    async def failing_insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        if table.name == "booking":
            raise RuntimeError("disk full")
        await real_insert(conn, table, rows)

    monkeypatch.setattr(town_module, "_insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        await generate_town(engine, children=10, seed=SEED)

    for table in (Tenant, Child, Registration):
        count = await _rows(engine, select(func.count()).select_from(table))
        assert count[0][0] == 0, table
