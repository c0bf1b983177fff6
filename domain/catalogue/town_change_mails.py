"""« booking_changed_by_town »: the mail telling a family what a change of a slot by the
town did to its children's bookings — places cancelled when the slot closes
(``slotClose(cancelBookings: true)``), children moved to the head of the waiting list when
its capacity is lowered (``slotCapacityChange(moveExcessToWaitingList: true)``).

One mail per family concerned, to its payer (else a guardian with an address), listing
day, time, child, activity and what happened; queued in the outbox in the change's
transaction. (« day_closed » says « Le service ne sera pas assuré … »: true of a closed day,
not of a slot that goes on with fewer places, hence a template of its own.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from domain.family_mails import child_label, load_mail_rows, mail_each_family
from domain.labels import WEEKDAY_LABELS
from models import Booking, Slot

TEMPLATE: Final = "booking_changed_by_town"
OUTCOME_CANCELLED: Final = "Réservation annulée, non facturée"
OUTCOME_LEFT_WAITING_LIST: Final = "Retiré de la liste d'attente"
OUTCOME_MOVED: Final = "Placé en liste d'attente, en tête"


@dataclass(frozen=True, slots=True)
class TownChange:
    """What the town's change did to one booking, in the family's words."""

    booking: Booking
    outcome: str
    waiting: bool = False


def slot_label(slot: Slot) -> str:
    """« lundi 16:30 »: a weekly slot as the mails name it."""
    return f"{WEEKDAY_LABELS[slot.weekday - 1].lower()} {slot.start_time:%H:%M}"


def closing_label(slot: Slot, since: dt.date) -> str:
    """What ``slotClose`` did, for the mail's subject."""
    return f"fermeture du créneau du {slot_label(slot)} à partir du {since:%d/%m/%Y}"


def capacity_label(slot: Slot, places: int) -> str:
    """What a lowered capacity did, for the mail's subject."""
    word = "place" if places < 2 else "places"
    return f"créneau du {slot_label(slot)} ramené à {places} {word}"


async def mail_town_changes(
    session: AsyncSession, tenant_id: int, change_label: str, changes: Sequence[TownChange]
) -> int:
    """Queue one mail per family concerned by ``changes``; returns the number queued."""
    if not changes:
        return 0
    bookings = [change.booking for change in changes]
    rows = await load_mail_rows(
        session,
        tenant_id,
        child_ids=(b.child_id for b in bookings),
        activity_ids=(b.activity_id for b in bookings),
        slot_ids=(b.slot_id for b in bookings),
    )
    if rows is None:
        return 0
    children, slots = rows.children, rows.slots
    by_family: dict[int, list[dict[str, object]]] = {}
    ordered = sorted(
        changes,
        key=lambda c: (c.booking.date, slots[c.booking.slot_id].start_time, c.booking.child_id),
    )
    for change in ordered:
        booking = change.booking
        child = children[booking.child_id]
        by_family.setdefault(child.family_id, []).append(
            {
                "date": booking.date,
                "time": f"{slots[booking.slot_id].start_time:%H:%M}",
                "child": child_label(child),
                "activity": rows.activities[booking.activity_id].name,
                "outcome": change.outcome,
                "waiting": change.waiting,
            }
        )
    return await mail_each_family(
        session,
        rows,
        template=TEMPLATE,
        tables=by_family,
        context=lambda table: {"change_label": change_label, "changed_lines": table},
    )
