"""What a change of a slot by the town does to the families: places cancelled by
``slotClose(cancelBookings: true)`` and children moved to the waiting list by a lowered
capacity are told by one « booking_changed_by_town » mail per family; a moved child's
request line waits again, so the promotion that gives the place back mails the family."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalogue.capacity_change import change_slot_capacity
from domain.catalogue.common import Actor
from domain.catalogue.slots import close_slot
from models import OutboxMessage, RequestHistory
from models.booking import BookingStatus
from models.request import HistoryStep, RequestLineStatus, RequestStatus
from tests.factories import requests as fr
from tests.factories.bookings import make_booking_town, make_household

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 12, 7)
NEXT_MONDAY = dt.date(2026, 12, 14)
PAST_MONDAY = dt.date(2026, 11, 23)
TEMPLATE = "booking_changed_by_town"


async def _mails(session: AsyncSession, tenant_id: int, template: str) -> list[OutboxMessage]:
    return list(
        await session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.tenant_id == tenant_id, OutboxMessage.template == template)
            .order_by(OutboxMessage.id)
        )
    )


async def test_closing_a_slot_mails_each_family_its_cancelled_places(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(
        session, weekdays=(1,), start=dt.time(16, 30), end=dt.time(18, 30), capacity=5
    )
    slot = town.slots[1]
    first = await make_household(session, town, children=2)
    second = await make_household(session, town)
    anna, ben = first.children
    await fr.make_booking(session, anna, slot, PAST_MONDAY)  # over: not touched, not listed
    await fr.make_booking(session, anna, slot, MONDAY)
    await fr.make_booking(session, ben, slot, NEXT_MONDAY)
    await fr.make_booking(session, second.children[0], slot, MONDAY)

    await close_slot(
        session,
        Actor(town.tenant.id, None),
        slot.id,
        MONDAY,
        cancel_bookings=True,
        today=TODAY,
        now=NOW,
    )

    mails = await _mails(session, town.tenant.id, TEMPLATE)
    assert [m.to_address for m in mails] == [first.guardian.email, second.guardian.email]
    mail = mails[0]
    assert mail.subject == (
        "Modification de vos réservations – fermeture du créneau du lundi 16:30 à partir du "
        "07/12/2026"
    )
    text = mail.text_body
    anna_name = f"{anna.first_name} {anna.last_name.upper()}"
    ben_name = f"{ben.first_name} {ben.last_name.upper()}"
    assert f"07/12/2026\t16:30\t{anna_name}\t" in text
    assert f"14/12/2026\t16:30\t{ben_name}\t" in text
    assert text.count("Réservation annulée, non facturée") == 2
    assert "23/11/2026" not in text
    assert "ne vous seront pas facturées" in text
    assert "liste d'attente passe avant" not in text
    assert second.children[0].first_name in mails[1].text_body
    assert anna.first_name not in mails[1].text_body


async def test_children_moved_to_the_waiting_list_are_told_then_mailed_when_promoted(
    session: AsyncSession,
) -> None:
    town = await make_booking_town(
        session,
        weekdays=(1,),
        start=dt.time(16, 30),
        end=dt.time(18, 30),
        capacity=2,
        waiting_list_enabled=True,
        auto_promote_waiting_list=True,
    )
    slot = town.slots[1]
    house = await make_household(session, town, children=2)
    kept, moved_child = house.children
    base = dt.datetime(2026, 11, 1, 8, tzinfo=dt.UTC)
    await fr.make_booking(session, kept, slot, MONDAY, created_at=base)
    moved = await fr.make_booking(
        session, moved_child, slot, MONDAY, created_at=base + dt.timedelta(hours=1)
    )
    # The parent's request had given the place (auto-accepted).
    request, (line,) = await fr.make_booking_request(
        session, house.account, moved_child, slot, [MONDAY], status=RequestStatus.ACCEPTED
    )
    line.status = RequestLineStatus.ACCEPTED
    line.booking_id = moved.id
    await session.flush()
    actor = Actor(town.tenant.id, house.account.id)

    lowered = await change_slot_capacity(
        session, actor, slot.id, 1, move_excess_to_waiting_list=True, today=TODAY, now=NOW
    )

    assert [b.id for b in lowered.moved] == [moved.id]
    (mail,) = await _mails(session, town.tenant.id, TEMPLATE)
    assert mail.to_address == house.guardian.email
    assert mail.subject == (
        "Modification de vos réservations – créneau du lundi 16:30 ramené à 1 place"
    )
    assert f"07/12/2026\t16:30\t{moved_child.first_name}" in mail.text_body
    assert "Placé en liste d'attente, en tête" in mail.text_body
    assert "si une place se libère, elle lui revient" in mail.text_body
    assert "ne vous seront pas facturées" not in mail.text_body
    await session.refresh(line)
    assert line.status is RequestLineStatus.WAITING_LIST
    steps = list(
        await session.scalars(
            select(RequestHistory.step).where(RequestHistory.request_id == request.id)
        )
    )
    assert HistoryStep.LINE_DECIDED in steps

    raised = await change_slot_capacity(
        session, actor, slot.id, 2, move_excess_to_waiting_list=False, today=TODAY, now=NOW
    )

    assert [b.id for b in raised.promoted] == [moved.id]
    assert moved.status is BookingStatus.RESERVED
    await session.refresh(line)
    assert line.status.value == "ACCEPTED"  # (mypy narrowed it to WAITING_LIST above)
    (promoted_mail,) = await _mails(session, town.tenant.id, "booking_request_decided")
    assert promoted_mail.to_address == house.account.email
    assert "Acceptée (sortie de la liste d'attente)" in promoted_mail.text_body
