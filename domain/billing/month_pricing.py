"""Pricing a month read by ``month_reading``: billable bookings grouped into priced lines,
one draft invoice per paying family.

Pure computation over the data read (no session), so that a preview and a run price the
same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing import pricing
from domain.billing.drafts import DraftInvoice, DraftLine
from domain.billing.month_reading import MonthData, read_month
from domain.billing.pricing import PriceRules
from models.activity import ActivityCategory
from models.billing import InvoiceLineKind
from models.booking import Attendance, BookingStatus

_KIND_ORDER = {kind: i for i, kind in enumerate(InvoiceLineKind)}


def _line_label(kind: InvoiceLineKind, activity_name: str, first_name: str) -> str:
    suffix = {
        InvoiceLineKind.ATTENDANCE: "",
        InvoiceLineKind.BILLED_ABSENCE: " – absence facturée",
        InvoiceLineKind.PENALTY: " – présence sans réservation",
        InvoiceLineKind.REDUCTION: " – réduction fratrie",
        InvoiceLineKind.ADJUSTMENT: " – régularisation",
    }[kind]
    return f"{activity_name}{suffix} – {first_name}"[:200]


def price_bookings(data: MonthData) -> list[DraftInvoice]:
    """Group the month's billable bookings into priced lines, one invoice per family."""
    # (family, child, activity, kind, unit) -> booking ids (None: a line without booking link)
    groups: dict[tuple[int, int, int, InvoiceLineKind, int], list[int | None]] = defaultdict(list)
    first_names: dict[int, str] = {}
    # Prices repeat (same activity, family and day for siblings; same QF all month): cache
    # the lookups so that a month of ~50,000 bookings is priced in one pass.
    rules_cache: dict[tuple[int, dt.date], PriceRules | None] = {}
    qf_cache: dict[tuple[int, dt.date], int | None] = {}
    unit_cache: dict[tuple[int, int | None, bool, bool], int] = {}
    closed = data.closed
    for (
        booking_id,
        child_id,
        activity_id,
        day,
        status,
        attendance,
        justified,
        family_id,
        first_name,
    ) in data.bookings:
        activity = data.activities.get(activity_id)
        if activity is None:
            continue
        if closed and ((None, day) in closed or (activity.establishment_id, day) in closed):
            continue
        rules_key = (activity_id, day)
        if rules_key in rules_cache:
            rules = rules_cache[rules_key]
        else:
            rules = rules_cache[rules_key] = pricing.rules_on(
                data.price_lists.get(activity_id, ()), day
            )
        if rules is None:
            continue  # a free activity: nothing to bill
        family = data.families.get(family_id)
        if family is None:
            continue
        first_names[child_id] = first_name
        qf_key = (family_id, day)
        if qf_key in qf_cache:
            qf = qf_cache[qf_key]
        else:
            qf = qf_cache[qf_key] = pricing.quotient_on(data.quotients.get(family_id, ()), day)
        pai = activity.category is ActivityCategory.MEAL and child_id in data.pai_children
        unit_key = (id(rules), qf, family.resident, pai)
        unit = unit_cache.get(unit_key)
        if unit is None:
            unit = unit_cache[unit_key] = pricing.unit_price(
                rules, qf=qf, resident=family.resident, pai_meal=pai
            )
        key = (family_id, child_id, activity_id)
        billed_absence = status is BookingStatus.ABSENT_BILLED or (
            status is BookingStatus.RESERVED and attendance is Attendance.ABSENT
        )
        if billed_absence:
            if justified or not activity.late_absence_billed:
                continue
            charge = pricing.billed_absence_cents(rules, unit)
            groups[(*key, InvoiceLineKind.BILLED_ABSENCE, charge)].append(booking_id)
            continue
        if status is BookingStatus.UNBOOKED:
            if attendance is not Attendance.PRESENT:
                continue
            groups[(*key, InvoiceLineKind.ATTENDANCE, unit)].append(booking_id)
            penalty = pricing.unbooked_presence_penalty_cents(rules, unit)
            if penalty:
                groups[(*key, InvoiceLineKind.PENALTY, penalty)].append(None)
            continue
        # A reservation, attended or not marked: due.
        groups[(*key, InvoiceLineKind.ATTENDANCE, unit)].append(booking_id)
        if rules.sibling_reductions:
            rank = data.ranks.get((child_id, activity_id), 1)
            reduction = pricing.sibling_reduction_cents(rules, unit, rank)
            if reduction:
                groups[(*key, InvoiceLineKind.REDUCTION, -reduction)].append(None)

    by_family: dict[int, list[tuple[tuple[Any, ...], DraftLine]]] = defaultdict(list)
    for (family_id, child_id, activity_id, kind, unit), ids in groups.items():
        activity = data.activities[activity_id]
        line = DraftLine(
            child_id=child_id,
            activity_id=activity_id,
            kind=kind,
            label=_line_label(kind, activity.name, first_names[child_id]),
            quantity=len(ids),
            unit_price_cents=unit,
            booking_ids=tuple(i for i in ids if i is not None),
        )
        order = (child_id, activity.sort_order, activity.name, activity_id, _KIND_ORDER[kind], unit)
        by_family[family_id].append((order, line))

    drafts: list[DraftInvoice] = []
    for family_id in sorted(by_family):
        lines = tuple(line for _, line in sorted(by_family[family_id], key=lambda x: x[0]))
        draft = DraftInvoice(
            family_id=family_id,
            family_name=data.families[family_id].name,
            payer_guardian_id=_payer_id(data, family_id),
            lines=lines,
        )
        if draft.total_cents > 0:
            drafts.append(draft)
    return drafts


def _payer_id(data: MonthData, family_id: int) -> int | None:
    payer = data.payers.get(family_id)
    return None if payer is None else int(payer.id)


async def compute_month(
    session: AsyncSession, tenant_id: int, month: dt.date
) -> list[DraftInvoice]:
    """The invoices the month's unbilled bookings give, without writing anything."""
    return price_bookings(await read_month(session, tenant_id, month))
