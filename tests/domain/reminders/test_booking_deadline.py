"""The booking-deadline reminder on a simulated clock: the day before next week's deadline
(« le jeudi 9:00 pour la semaine suivante »), for a registered child with nothing booked —
once, across two runs and two concurrent runs, and never to a parent who turned reminders
off."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from domain.notifications import gsm7
from domain.reminders.base import BOOKING_DEADLINE
from domain.reminders.runner import run_reminders
from models import Tenant
from models.activity import DeadlineKind
from models.booking import BookingStatus
from models.engine import create_session_factory
from models.notification import (
    NotificationChannel,
    NotificationConsent,
    NotificationKind,
    NotificationPreference,
    PushSubscription,
)
from tests.domain.reminders._helpers import outbox, paris, reminders, run
from tests.factories.bookings import (
    BookingTown,
    Household,
    make_booking_town,
    make_household,
    make_registration,
)
from tests.factories.catalogue import make_activity, make_slot
from tests.factories.requests import make_booking, make_booking_request
from tests.support.concurrency import patient_sqlite_writers

WEEK = dt.date(2026, 12, 7)  # the Monday of the week to book
CUTOFF = dt.date(2026, 12, 3)  # the Thursday before, 09:00: the deadline of that whole week
DAY_BEFORE = paris(dt.date(2026, 12, 2), 10)


async def weekly_cutoff_town(
    session: AsyncSession, **activity: object
) -> tuple[BookingTown, Household]:
    """A town whose morning care is booked until Thursday 9:00 for the next week, and a
    family with one child registered to it."""
    rules: dict[str, Any] = {
        "booking_deadline_kind": DeadlineKind.WEEKLY_CUTOFF,
        "booking_deadline_weekday": 4,
        "booking_deadline_time": dt.time(9, 0),
    }
    town = await make_booking_town(session, **(rules | activity))
    home = await make_household(session, town)
    await session.commit()
    return town, home


async def test_fires_the_day_before_the_deadline_to_the_parent(session: AsyncSession) -> None:
    town, home = await weekly_cutoff_town(session)
    report = await run(session, town.tenant, DAY_BEFORE)
    assert report.sent[BOOKING_DEADLINE] == 1
    [notification] = await reminders(session, town.tenant.id)
    assert notification.kind is NotificationKind.REMINDER
    assert notification.topic == BOOKING_DEADLINE
    assert notification.family_id == home.family.id
    assert notification.account_id == home.account.id
    assert notification.link == "#/planning"
    assert notification.dedupe_key == (
        f"{BOOKING_DEADLINE}:family-{home.family.id}:{CUTOFF}:account-{home.account.id}"
    )
    [mail] = await outbox(session, town.tenant.id)
    assert mail.channel is NotificationChannel.MAIL
    assert mail.to_address == home.guardian.email
    assert "07/12/2026" in mail.subject and "03/12/2026 à 09:00" in mail.subject
    child = home.children[0]
    assert f"{child.first_name} {child.last_name.upper()}" in mail.text_body
    assert town.activity.name in mail.text_body


async def test_not_two_days_before_nor_on_the_deadline_day(session: AsyncSession) -> None:
    town, _ = await weekly_cutoff_town(session)
    for moment in (
        paris(dt.date(2026, 12, 1), 10),  # two days before: too early
        paris(CUTOFF, 8, 30),  # the deadline is today, not tomorrow
        paris(CUTOFF, 10),  # passed
    ):
        report = await run(session, town.tenant, moment)
        assert report.found[BOOKING_DEADLINE] == 0, moment
    assert await reminders(session, town.tenant.id) == []


async def test_not_once_a_day_of_the_week_is_booked(session: AsyncSession) -> None:
    town, home = await weekly_cutoff_town(session)
    await make_booking(session, home.children[0], town.slots[2], WEEK + dt.timedelta(days=1))
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert await reminders(session, town.tenant.id) == []


async def test_a_cancelled_booking_is_nothing_booked(session: AsyncSession) -> None:
    town, home = await weekly_cutoff_town(session)
    await make_booking(
        session,
        home.children[0],
        town.slots[2],
        WEEK + dt.timedelta(days=1),
        status=BookingStatus.CANCELLED,
    )
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert len(await reminders(session, town.tenant.id)) == 1


async def test_not_when_the_week_is_a_holiday(session: AsyncSession) -> None:
    # The Christmas holidays (from 19/12): the week of 21/12 has no opening day.
    town, _ = await weekly_cutoff_town(session)
    await run(session, town.tenant, paris(dt.date(2026, 12, 16), 10))
    assert await reminders(session, town.tenant.id) == []


async def test_once_across_two_runs(session: AsyncSession) -> None:
    town, _ = await weekly_cutoff_town(session)
    first = await run(session, town.tenant, DAY_BEFORE)
    second = await run(session, town.tenant, DAY_BEFORE + dt.timedelta(hours=3))
    assert (first.sent[BOOKING_DEADLINE], first.already_sent[BOOKING_DEADLINE]) == (1, 0)
    assert (second.sent[BOOKING_DEADLINE], second.already_sent[BOOKING_DEADLINE]) == (0, 1)
    assert len(await reminders(session, town.tenant.id)) == 1
    assert len(await outbox(session, town.tenant.id)) == 1


async def test_once_across_two_concurrent_runs(engine: AsyncEngine, session: AsyncSession) -> None:
    patient_sqlite_writers(engine)
    town, _ = await weekly_cutoff_town(session)
    sessions = create_session_factory(engine)
    tenant_id = town.tenant.id

    async def worker() -> int:
        async with sessions() as own, own.begin():
            tenant = await own.get(Tenant, tenant_id)
            assert tenant is not None
            report = await run_reminders(own, tenant, DAY_BEFORE)
            return report.sent[BOOKING_DEADLINE]

    sent = await asyncio.gather(worker(), worker())
    assert sorted(sent) == [0, 1]
    assert len(await reminders(session, tenant_id)) == 1
    assert len(await outbox(session, tenant_id)) == 1


async def test_none_for_a_parent_who_turned_reminders_off(session: AsyncSession) -> None:
    town, home = await weekly_cutoff_town(session)
    for channel in NotificationChannel:
        session.add(
            NotificationPreference(
                account_id=home.account.id,
                kind=NotificationKind.REMINDER,
                channel=channel,
                tenant_id=town.tenant.id,
                enabled=False,
            )
        )
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert await outbox(session, town.tenant.id) == []


async def test_nothing_computed_inside_quiet_hours(session: AsyncSession) -> None:
    town, _ = await weekly_cutoff_town(session)
    report = await run(session, town.tenant, paris(dt.date(2026, 12, 2), 21))
    assert report.quiet
    assert await reminders(session, town.tenant.id) == []


async def test_working_days_rule_reminds_the_day_before_its_first_deadline(
    session: AsyncSession,
) -> None:
    # « J-2 ouvrés à 12:00 »: Monday 07/12 closes on Thursday 03/12 at 12:00, the first
    # deadline of that week; the reminder goes on Wednesday, not on the later days.
    town, _ = await weekly_cutoff_town(
        session,
        booking_deadline_kind=DeadlineKind.WORKING_DAYS_BEFORE,
        booking_deadline_offset=2,
        booking_deadline_time=dt.time(12, 0),
        booking_deadline_weekday=None,
    )
    await run(session, town.tenant, paris(dt.date(2026, 12, 3), 10))
    assert await reminders(session, town.tenant.id) == []
    await run(session, town.tenant, DAY_BEFORE)
    [notification] = await reminders(session, town.tenant.id)
    assert f":{CUTOFF}:" in str(notification.dedupe_key)


async def test_a_pending_reservation_counts_as_booked(session: AsyncSession) -> None:
    town, home = await weekly_cutoff_town(session)
    await make_booking_request(
        session, home.account, home.children[0], town.slots[4], [WEEK + dt.timedelta(days=3)]
    )
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert await reminders(session, town.tenant.id) == []


async def test_a_slot_of_the_same_exclusivity_group_counts_as_booked(
    session: AsyncSession,
) -> None:
    # « Un seul créneau du soir par jour »: the child goes to the study instead of the care.
    town, home = await weekly_cutoff_town(session, exclusivity_group="SOIR")
    study = await make_activity(session, town.school, town.year, exclusivity_group="SOIR")
    study_slot = await make_slot(session, study, weekday=1, valid_from=town.year.start_date)
    await make_registration(session, home.children[0], study)
    await make_booking(session, home.children[0], study_slot, WEEK)
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert await reminders(session, town.tenant.id) == []


async def test_by_sms_and_push_where_the_town_offers_them_and_the_parent_agreed(
    session: AsyncSession,
) -> None:
    town, home = await weekly_cutoff_town(session)
    town.tenant.settings = {
        **(town.tenant.settings or {}),
        "notifications": {"channels": {"REMINDER": ["MAIL", "SMS", "PUSH"]}},
    }
    session.add(
        NotificationConsent(
            tenant_id=town.tenant.id,
            account_id=home.account.id,
            channel=NotificationChannel.SMS,
            address="+33612345678",
            granted_at=DAY_BEFORE - dt.timedelta(days=30),
        )
    )
    session.add(
        PushSubscription(
            tenant_id=town.tenant.id,
            account_id=home.account.id,
            endpoint="https://push.example/reminders/1",
            p256dh="BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
            auth="tBHItJI5svbpez7KI4CCXg",
        )
    )
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    rows = {row.channel: row for row in await outbox(session, town.tenant.id)}
    assert set(rows) == {
        NotificationChannel.MAIL,
        NotificationChannel.SMS,
        NotificationChannel.PUSH,
    }
    sms = rows[NotificationChannel.SMS]
    assert sms.to_address == "+33612345678"
    assert "réservez avant le 03/12/2026 à 09:00" in sms.text_body
    assert gsm7.fits_one_sms(sms.text_body)
    assert '"link": "#/planning"' in rows[NotificationChannel.PUSH].text_body


async def test_not_when_the_months_day_limit_is_already_reached(session: AsyncSession) -> None:
    # One day a month at most, and the child has it (Tuesday 1st): nothing of next week
    # can be booked, so nothing is to be reminded — the rules count the whole month, as
    # the planning and the request do.
    town, home = await weekly_cutoff_town(session, max_days_per_month=1)
    await make_booking(session, home.children[0], town.slots[2], dt.date(2026, 12, 1))
    await session.commit()
    await run(session, town.tenant, DAY_BEFORE)
    assert await reminders(session, town.tenant.id) == []
