"""Dated price lists: a new list starts on a date, the previous one ends the day before.

A price list is never rewritten: prices change by a new list from a date, which must come
after the last month the tenant billed (an issued invoice never changes, and a month billed
again must cost what it cost). The billing run bills the whole tenant one month at a time,
so a month with a billing run — or an invoice line of the activity — counts as billed for
the activity. ``domain.billing.month_reading.price_lists_between`` then gives each date
the list valid on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change
from domain.catalogue.activities import activity_of
from domain.catalogue.codes import (
    ALREADY_BILLED,
    DUPLICATE,
    INVALID_BRACKETS,
    INVALID_DATE,
    INVALID_VALUE,
    REQUIRED,
)
from domain.catalogue.common import KEY, Actor, audit, raise_all, replayed
from domain.catalogue.establishments import CREATIONS
from domain.labels import register_labels
from kernel.results import Problem
from models import BillingRun, Invoice, InvoiceLine, PriceBracket, PriceList, SiblingReduction
from models.billing import LateAbsenceCharge, PricingMode, UnbookedPresenceCharge

CREATED = "price_list.created"
ENDED = "price_list.ended"
FIELDS = (
    "activity_id",
    "valid_from",
    "valid_to",
    "mode",
    "flat_price_cents",
    "effort_rate_bp",
    "effort_min_cents",
    "effort_max_cents",
    "non_resident_price_cents",
    "pai_price_cents",
    "late_absence_charge",
    "late_absence_fee_cents",
    "late_absence_rate_bp",
    "unbooked_presence_charge",
    "unbooked_presence_fee_cents",
    "unbooked_presence_rate_bp",
)
MAX_CENTS = 100_000_00  # 100 000 € a unit: anything above is a typing mistake
MAX_BRACKETS = 50


@dataclass(frozen=True, slots=True)
class BracketValues:
    """Unit price for family quotients in [qf_min, qf_max) (qf_max None: no upper bound)."""

    qf_min: int
    qf_max: int | None
    unit_price_cents: int


@dataclass(frozen=True, slots=True)
class PriceListValues:
    """What an administrator gives to create a price list."""

    activity_id: int | None
    valid_from: dt.date
    mode: PricingMode
    flat_price_cents: int | None = None
    brackets: Sequence[BracketValues] = ()
    effort_rate_bp: int | None = None
    effort_min_cents: int | None = None
    effort_max_cents: int | None = None
    non_resident_price_cents: int | None = None
    pai_price_cents: int | None = None
    late_absence_charge: LateAbsenceCharge = LateAbsenceCharge.FULL_PRICE
    late_absence_fee_cents: int = 0
    late_absence_rate_bp: int = 10000
    unbooked_presence_charge: UnbookedPresenceCharge = UnbookedPresenceCharge.NONE
    unbooked_presence_fee_cents: int = 0
    unbooked_presence_rate_bp: int = 0
    # (from child rank, reduction in basis points)
    sibling_reductions: Sequence[tuple[int, int]] = field(default_factory=tuple)


# Column → (input field, French name) of the amounts in cents.
_CENTS = {
    "flat_price_cents": ("flatPriceCents", "Le prix forfaitaire"),
    "effort_min_cents": ("effortMinCents", "Le prix plancher"),
    "effort_max_cents": ("effortMaxCents", "Le prix plafond"),
    "non_resident_price_cents": ("nonResidentPriceCents", "Le prix hors commune"),
    "pai_price_cents": ("paiPriceCents", "Le prix PAI"),
    "late_absence_fee_cents": ("lateAbsenceFeeCents", "Le forfait d'absence tardive"),
    "unbooked_presence_fee_cents": (
        "unbookedPresenceFeeCents",
        "Le forfait de présence non réservée",
    ),
}
_RATES = {
    "effort_rate_bp": ("effortRateBp", "Le taux d'effort"),
    "late_absence_rate_bp": ("lateAbsenceRateBp", "Le taux d'absence tardive"),
    "unbooked_presence_rate_bp": (
        "unbookedPresenceRateBp",
        "La majoration de présence non réservée",
    ),
}


def _amount_problems(values: PriceListValues) -> list[Problem]:
    problems: list[Problem] = []
    for column, (name, what) in _CENTS.items():
        cents = getattr(values, column)
        if cents is not None and not 0 <= cents <= MAX_CENTS:
            problems.append(Problem(INVALID_VALUE, f"{what} doit aller de 0 à 100 000 €.", (name,)))
    for column, (name, what) in _RATES.items():
        rate = getattr(values, column)
        if rate is not None and not 0 <= rate <= 100_000:
            problems.append(
                Problem(INVALID_VALUE, f"{what} n'est pas valide (en points de base).", (name,))
            )
    return problems


def _mode_problems(values: PriceListValues) -> list[Problem]:
    problems: list[Problem] = []

    def required(name: str, what: str) -> None:
        problems.append(Problem(REQUIRED, f"{what} est obligatoire pour ce mode.", (name,)))

    if values.mode is PricingMode.FLAT and values.flat_price_cents is None:
        required("flatPriceCents", "Le prix forfaitaire")
    if values.mode is PricingMode.EFFORT_RATE:
        for column in ("effort_rate_bp", "effort_min_cents", "effort_max_cents"):
            if getattr(values, column) is None:
                name, what = {**_CENTS, **_RATES}[column]
                required(name, what)
        low, high = values.effort_min_cents, values.effort_max_cents
        if low is not None and high is not None and low > high:
            problems.append(
                Problem(
                    INVALID_VALUE,
                    "Le prix plancher dépasse le prix plafond.",
                    ("effortMaxCents",),
                )
            )
    if values.mode is PricingMode.QF_BRACKETS:
        problems += bracket_problems(values.brackets)
    elif values.brackets:
        problems.append(
            Problem(
                INVALID_BRACKETS,
                "Les tranches de quotient ne servent qu'au mode par tranches.",
                ("brackets",),
            )
        )
    return problems


def bracket_problems(brackets: Sequence[BracketValues]) -> list[Problem]:
    """Brackets must cover every quotient once: contiguous from 0, without overlap, the
    last one open-ended."""
    if not brackets:
        return [Problem(REQUIRED, "Les tranches de quotient sont obligatoires.", ("brackets",))]
    if len(brackets) > MAX_BRACKETS:
        return [Problem(INVALID_BRACKETS, f"Au plus {MAX_BRACKETS} tranches.", ("brackets",))]
    problems: list[Problem] = []
    ordered = sorted(enumerate(brackets), key=lambda item: item[1].qf_min)
    expected = 0
    for position, (index, bracket) in enumerate(ordered):
        path = ("brackets", str(index))
        last = position == len(ordered) - 1
        if not 0 <= bracket.unit_price_cents <= MAX_CENTS:
            problems.append(
                Problem(
                    INVALID_VALUE, "Le prix doit aller de 0 à 100 000 €.", (*path, "unitPriceCents")
                )
            )
        if bracket.qf_min != expected:
            where = "commencer à 0" if position == 0 else f"reprendre à {expected}"
            problems.append(
                Problem(
                    INVALID_BRACKETS,
                    f"Les tranches doivent se suivre sans trou ni chevauchement : celle-ci "
                    f"devrait {where}.",
                    (*path, "qfMin"),
                )
            )
            break
        if last and bracket.qf_max is not None:
            problems.append(
                Problem(
                    INVALID_BRACKETS,
                    "La dernière tranche n'a pas de plafond (quotient maximum vide).",
                    (*path, "qfMax"),
                )
            )
        elif not last and (bracket.qf_max is None or bracket.qf_max <= bracket.qf_min):
            problems.append(
                Problem(
                    INVALID_BRACKETS,
                    "Seule la dernière tranche est sans plafond ; un plafond dépasse le "
                    "plancher de la tranche.",
                    (*path, "qfMax"),
                )
            )
            break
        expected = bracket.qf_max or 0
    return problems


def reduction_problems(reductions: Sequence[tuple[int, int]]) -> list[Problem]:
    """A reduction per child rank (2nd child or later), from 0 to 100 %."""
    problems: list[Problem] = []
    seen: set[int] = set()
    for index, (rank, bp) in enumerate(reductions):
        path = ("siblingReductions", str(index))
        if rank < 2:
            problems.append(
                Problem(
                    INVALID_VALUE,
                    "Une réduction s'applique à partir du 2e enfant.",
                    (*path, "fromChildRank"),
                )
            )
        elif rank in seen:
            problems.append(
                Problem(
                    DUPLICATE, f"Deux réductions pour le rang {rank}.", (*path, "fromChildRank")
                )
            )
        seen.add(rank)
        if not 0 <= bp <= 10000:
            problems.append(
                Problem(
                    INVALID_VALUE,
                    "Une réduction va de 0 à 10 000 points de base (100 %).",
                    (*path, "reductionBp"),
                )
            )
    return problems


def check_price_list(values: PriceListValues) -> None:
    """Raise ``DomainFailure`` when the prices themselves are wrong (amounts, the mode's
    fields, brackets, reductions): checked by ``create_price_list`` and by the demo
    loader for its price lists."""
    raise_all(
        [
            *_amount_problems(values),
            *_mode_problems(values),
            *reduction_problems(values.sibling_reductions),
        ]
    )


async def last_billed_day(
    session: AsyncSession, tenant_id: int, activity_id: int
) -> dt.date | None:
    """The last day of the last month billed for the activity: the tenant's last billing
    run (it bills every activity), or an invoice with a line of the activity."""
    run_month = await session.scalar(
        select(func.max(BillingRun.month)).where(BillingRun.tenant_id == tenant_id)
    )
    invoiced = await session.scalar(
        select(func.max(Invoice.period_end))
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(Invoice.tenant_id == tenant_id, InvoiceLine.activity_id == activity_id)
    )
    days = [d for d in (invoiced,) if d is not None]
    if run_month is not None:
        days.append(
            (run_month.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        )
    return max(days) if days else None


async def create_price_list(
    session: AsyncSession,
    actor: Actor,
    values: PriceListValues,
    *,
    idempotency_key: str | None = None,
) -> PriceList:
    """A new price list of the activity from ``valid_from``; the list in force then ends
    the day before. Refused when that day is already billed, or not after the start of
    every existing list (lists are never rewritten). A retry with the same key answers
    the first call's list."""
    key, earlier = await replayed(session, actor, idempotency_key, CREATED, CREATIONS)
    if earlier is not None:
        found = await session.get(PriceList, earlier)
        if found is not None:
            return found
    activity = await activity_of(session, actor.tenant_id, values.activity_id)
    check_price_list(values)
    billed = await last_billed_day(session, actor.tenant_id, activity.id)
    if billed is not None and values.valid_from <= billed:
        raise_all(
            [
                Problem(
                    ALREADY_BILLED,
                    f"Les prix sont facturés jusqu'au {billed:%d/%m/%Y} : la nouvelle grille "
                    "commence au plus tôt le lendemain.",
                    ("validFrom",),
                )
            ]
        )
    latest = await session.scalar(
        select(PriceList)
        .where(PriceList.activity_id == activity.id)
        .order_by(PriceList.valid_from.desc())
        .limit(1)
    )
    if latest is not None and values.valid_from <= latest.valid_from:
        code = DUPLICATE if values.valid_from == latest.valid_from else INVALID_DATE
        raise_all(
            [
                Problem(
                    code,
                    f"Une grille commence déjà le {latest.valid_from:%d/%m/%Y} : une nouvelle "
                    "grille commence après (une grille n'est jamais réécrite).",
                    ("validFrom",),
                )
            ]
        )
    if latest is not None and (latest.valid_to is None or latest.valid_to >= values.valid_from):
        old_end = latest.valid_to
        latest.valid_to = values.valid_from - dt.timedelta(days=1)
        record_change(
            session,
            tenant_id=actor.tenant_id,
            actor_account_id=actor.account_id,
            action=ENDED,
            object_type="PriceList",
            object_id=latest.id,
            before={"valid_to": old_end},
            after={"valid_to": latest.valid_to},
        )
    row = PriceList(
        tenant_id=actor.tenant_id,
        activity_id=activity.id,
        valid_from=values.valid_from,
        valid_to=None,
        mode=values.mode,
        flat_price_cents=values.flat_price_cents,
        effort_rate_bp=values.effort_rate_bp,
        effort_min_cents=values.effort_min_cents,
        effort_max_cents=values.effort_max_cents,
        non_resident_price_cents=values.non_resident_price_cents,
        pai_price_cents=values.pai_price_cents,
        late_absence_charge=values.late_absence_charge,
        late_absence_fee_cents=values.late_absence_fee_cents,
        late_absence_rate_bp=values.late_absence_rate_bp,
        unbooked_presence_charge=values.unbooked_presence_charge,
        unbooked_presence_fee_cents=values.unbooked_presence_fee_cents,
        unbooked_presence_rate_bp=values.unbooked_presence_rate_bp,
    )
    session.add(row)
    await session.flush()
    brackets = sorted(values.brackets, key=lambda b: b.qf_min)
    session.add_all(
        PriceBracket(
            tenant_id=actor.tenant_id,
            price_list_id=row.id,
            qf_min=b.qf_min,
            qf_max=b.qf_max,
            unit_price_cents=b.unit_price_cents,
        )
        for b in brackets
    )
    session.add_all(
        SiblingReduction(
            tenant_id=actor.tenant_id,
            price_list_id=row.id,
            from_child_rank=rank,
            reduction_bp=bp,
        )
        for rank, bp in values.sibling_reductions
    )
    extra = {
        "brackets": [[b.qf_min, b.qf_max, b.unit_price_cents] for b in brackets],
        "sibling_reductions": [list(r) for r in values.sibling_reductions],
    }
    if key:
        extra[KEY] = key
    audit(session, actor, CREATED, row, FIELDS, extra=extra)
    await session.flush()
    return row


register_labels(
    LateAbsenceCharge,
    {
        "FULL_PRICE": "Facturée au prix de la prestation",
        "FIXED_FEE": "Forfait",
        "RATE": "Pourcentage du prix",
    },
)
register_labels(
    UnbookedPresenceCharge,
    {
        "NONE": "Aucune pénalité",
        "FIXED_FEE": "Forfait",
        "SURCHARGE_RATE": "Majoration du prix",
    },
)
