"""Properties of the planning expansion (hypothesis): whatever the registrations, slots and
calendar, every occurrence is a real day of the activity, none is missing or repeated,
and the list comes in the order the clients display it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.calendar.deadlines import DeadlineRule
from domain.calendar.opening_days import ClosedPeriod
from domain.planning import (
    ActivityFacts,
    BookingFacts,
    Occurrence,
    OccurrenceKey,
    RegistrationFacts,
    SlotFacts,
    expand_planning,
)
from models.activity import DeadlineKind, OperatingDays
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.request import RequestLineAction

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
FIRST = dt.date(2025, 12, 1)
LAST = dt.date(2026, 3, 31)
ESTABLISHMENTS = (1, 2, 3)
CHILDREN = (1, 2, 3)

days = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def ordered_days(draw: st.DrawFn) -> tuple[dt.date, dt.date]:
    a, b = draw(days), draw(days)
    return min(a, b), max(a, b)


@st.composite
def activities(draw: st.DrawFn, shared_establishments: bool) -> dict[int, ActivityFacts]:
    count = draw(st.integers(1, 3))
    rules = st.builds(
        DeadlineRule,
        st.sampled_from([DeadlineKind.NONE, DeadlineKind.HOURS_BEFORE]),
        st.integers(0, 72),
    )
    return {
        pk: ActivityFacts(
            id=pk,
            establishment_id=draw(st.sampled_from(ESTABLISHMENTS)) if shared_establishments else pk,
            operating_days=draw(st.sampled_from(list(OperatingDays))),
            booking=draw(rules),
            cancellation=draw(rules),
            late_absence_billed=draw(st.booleans()),
        )
        for pk in range(1, count + 1)
    }


@st.composite
def slots(draw: st.DrawFn, activity_ids: list[int]) -> list[SlotFacts]:
    result = []
    for pk in range(1, draw(st.integers(0, 6)) + 1):
        start_hour = draw(st.integers(6, 18))
        start = dt.time(start_hour, draw(st.sampled_from([0, 15, 30, 45])))
        end = dt.time(start_hour + draw(st.integers(1, 4)), 0)
        valid_from, valid_to = draw(ordered_days())
        result.append(
            SlotFacts(
                id=pk,
                activity_id=draw(st.sampled_from(activity_ids)),
                weekday=draw(st.integers(1, 7)),
                start_time=start,
                end_time=end,
                valid_from=valid_from,
                valid_to=draw(st.one_of(st.none(), st.just(valid_to))),
            )
        )
    return result


@st.composite
def registrations(draw: st.DrawFn, activity_ids: list[int]) -> list[RegistrationFacts]:
    result = []
    for _ in range(draw(st.integers(0, 5))):
        start, end = draw(ordered_days())
        result.append(
            RegistrationFacts(
                draw(st.sampled_from(CHILDREN)), draw(st.sampled_from(activity_ids)), start, end
            )
        )
    return result


periods = st.lists(
    st.builds(
        lambda kind, span, establishment: ClosedPeriod(kind, span[0], span[1], establishment),
        st.sampled_from(list(CalendarPeriodKind)),
        ordered_days(),
        st.one_of(st.none(), st.sampled_from(ESTABLISHMENTS)),
    ),
    max_size=5,
)


@dataclass(frozen=True)
class World:
    """What expand_planning is given: a range and the loaded rows."""

    start: dt.date
    end: dt.date
    activities: dict[int, ActivityFacts]
    slots: list[SlotFacts]
    registrations: list[RegistrationFacts]
    periods: list[ClosedPeriod]
    bookings: dict[OccurrenceKey, BookingFacts]
    pending: dict[OccurrenceKey, RequestLineAction]


@st.composite
def worlds(draw: st.DrawFn, shared_establishments: bool = True) -> World:
    acts = draw(activities(shared_establishments))
    ids = sorted(acts)
    the_slots = draw(slots(ids))
    the_registrations = draw(registrations(ids))
    keys = st.tuples(
        st.sampled_from(CHILDREN),
        st.sampled_from([s.id for s in the_slots] or [99]),
        days,
    )
    bookings = draw(
        st.dictionaries(
            keys,
            st.builds(
                BookingFacts,
                st.sampled_from(list(BookingStatus)),
                st.one_of(st.none(), st.sampled_from(list(Attendance))),
            ),
            max_size=10,
        )
    )
    pending = draw(st.dictionaries(keys, st.sampled_from(list(RequestLineAction)), max_size=5))
    start, end = draw(ordered_days())
    return World(
        start=start,
        end=end,
        activities=acts,
        slots=the_slots,
        registrations=the_registrations,
        periods=draw(periods),
        bookings=bookings,
        pending=pending,
    )


def _expand(world: World) -> list[Occurrence]:
    return expand_planning(
        world.start,
        world.end,
        registrations=world.registrations,
        slots=world.slots,
        activities=world.activities,
        periods=world.periods,
        bookings=world.bookings,
        pending=world.pending,
        now=NOW,
        timezone=PARIS,
        holidays=(),
    )


def _closed(day: dt.date, establishment_id: int, periods: list[ClosedPeriod]) -> bool:
    """Written again here, on purpose, rather than calling domain.calendar.opening_days."""
    return any(
        p.start <= day <= p.end
        and p.establishment_id in (None, establishment_id)
        and p.kind is not CalendarPeriodKind.SCHOOL_HOLIDAY
        for p in periods
    )


def _school_holiday(day: dt.date, establishment_id: int, periods: list[ClosedPeriod]) -> bool:
    return any(
        p.start <= day <= p.end
        and p.establishment_id in (None, establishment_id)
        and p.kind is CalendarPeriodKind.SCHOOL_HOLIDAY
        for p in periods
    )


def _runs(activity: ActivityFacts, day: dt.date, periods: list[ClosedPeriod]) -> bool:
    if _closed(day, activity.establishment_id, periods):
        return False
    holiday = _school_holiday(day, activity.establishment_id, periods)
    if activity.operating_days is OperatingDays.SCHOOL_DAYS:
        return not holiday
    if activity.operating_days is OperatingDays.SCHOOL_HOLIDAYS:
        return holiday
    return True


@settings(deadline=None)  # examples: the profile of tests/conftest.py
@given(worlds())
def test_every_occurrence_is_a_real_day_of_the_activity(world: World) -> None:
    start = world.start
    end = world.end
    acts = world.activities
    slot_by_id = {s.id: s for s in world.slots}
    regs = world.registrations
    the_periods = world.periods
    for o in _expand(world):
        assert start <= o.date <= end
        assert any(
            r.child_id == o.child_id
            and r.activity_id == o.activity_id
            and r.start <= o.date <= r.end
            for r in regs
        )
        slot = slot_by_id[o.slot_id]
        assert slot.activity_id == o.activity_id
        assert o.date.isoweekday() == slot.weekday
        assert slot.valid_from <= o.date
        assert slot.valid_to is None or o.date <= slot.valid_to
        assert (o.start_time, o.end_time) == (slot.start_time, slot.end_time)
        activity = acts[o.activity_id]
        assert not _closed(o.date, activity.establishment_id, the_periods)


def _check_count(world: World) -> None:
    """The number of occurrences equals the matching dates counted day by day here."""
    start = world.start
    end = world.end
    acts = world.activities
    the_slots = world.slots
    regs = world.registrations
    the_periods = world.periods
    expected = 0
    for registration in regs:
        activity = acts[registration.activity_id]
        for slot in the_slots:
            if slot.activity_id != activity.id:
                continue
            for offset in range((end - start).days + 1):
                day = start + dt.timedelta(days=offset)
                if not registration.start <= day <= registration.end:
                    continue
                if day < slot.valid_from or (slot.valid_to and day > slot.valid_to):
                    continue
                if day.isoweekday() == slot.weekday and _runs(activity, day, the_periods):
                    expected += 1
    assert len(_expand(world)) == expected


# Each activity at its own establishment: the shape of most towns' catalogues.
@settings(deadline=None)  # examples: the profile of tests/conftest.py
@given(worlds(shared_establishments=False))
def test_the_count_matches_an_independent_count(world: World) -> None:
    _check_count(world)


# Two activities of one establishment running on different days (school days and school
# holidays): the day's calendar facts are shared by the establishment, but each activity
# applies its own operating days (a regression found by this test and fixed).
@settings(deadline=None)  # examples: the profile of tests/conftest.py
@example(
    World(
        start=dt.date(2025, 12, 1),
        end=dt.date(2025, 12, 1),
        activities={
            pk: ActivityFacts(
                id=pk,
                establishment_id=1,
                operating_days=days_kind,
                booking=DeadlineRule(DeadlineKind.NONE),
                cancellation=DeadlineRule(DeadlineKind.NONE),
                late_absence_billed=False,
            )
            for pk, days_kind in (
                (1, OperatingDays.SCHOOL_DAYS),
                (2, OperatingDays.SCHOOL_HOLIDAYS),
            )
        },
        slots=[
            SlotFacts(pk, pk, 1, dt.time(6), dt.time(7), dt.date(2025, 12, 1), None)
            for pk in (1, 2)
        ],
        registrations=[
            RegistrationFacts(1, pk, dt.date(2025, 12, 1), dt.date(2025, 12, 1)) for pk in (1, 2)
        ],
        periods=[],
        bookings={},
        pending={},
    )
)
@given(worlds(shared_establishments=True))
def test_the_count_with_activities_sharing_an_establishment(world: World) -> None:
    _check_count(world)


@settings(deadline=None)  # examples: the profile of tests/conftest.py
@given(worlds())
def test_occurrences_come_sorted(world: World) -> None:
    occurrences = _expand(world)
    keys = [(o.date, o.start_time, o.child_id, o.activity_id) for o in occurrences]
    assert keys == sorted(keys)
