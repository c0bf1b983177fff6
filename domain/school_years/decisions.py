"""Staff accept or refuse wished registrations in bulk (registrationsAccept /
registrationsRefuse).

Each registration is decided on its own, all or nothing for it: a REQUESTED one becomes
ACTIVE (or REFUSED) with its decision time and an audit entry; one decided already (by a
colleague, or cancelled by the family) is reported ALREADY_DECIDED and left as it is; an
ID that is not a registration of the tenant is reported NOT_FOUND (and listed among the
errors). At most 100 registrations per call.

Each family whose registrations the call decided gets ONE mail (« registration_decided »,
through the outbox, in the same transaction) listing each child, activity, period and
decision, with the refusal reason when one was given; registrations left as they were
(already decided, not found) are not in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import record_change, snapshot
from domain.family_mails import child_label, load_mail_rows, mail_each_family
from domain.school_years.codes import (
    NOT_FOUND,
    REQUIRED,
    TOO_LONG,
    TOO_MANY,
    RegistrationDecisionOutcome,
)
from kernel.results import DomainFailure, Problem, fail
from models import Activity, Registration
from models.registration import RegistrationStatus

MAX_REGISTRATIONS = 100
TEMPLATE = "registration_decided"
OUTCOME_ACCEPTED = "Acceptée"
OUTCOME_REFUSED = "Refusée"
MAX_REASON = 1000
_FIELDS = ("status", "decided_at")


@dataclass(frozen=True, slots=True)
class DecisionLine:
    """What the call did with the registration at ``index`` of the input."""

    index: int
    registration_id: int | None
    outcome: RegistrationDecisionOutcome
    registration: Registration | None


@dataclass(frozen=True, slots=True)
class BulkDecision:
    """Every line, in the input's order, and the problems (IDs not found)."""

    lines: list[DecisionLine]
    problems: list[Problem]


def _check(ids: Sequence[int | None], reason: str | None, refusing: bool) -> str | None:
    if not ids:
        raise fail(REQUIRED, "Choisissez au moins une inscription.", "registrations")
    if len(ids) > MAX_REGISTRATIONS:
        raise fail(
            TOO_MANY,
            f"Au plus {MAX_REGISTRATIONS} inscriptions par décision.",
            "registrations",
        )
    if not refusing:
        return None
    cleaned = (reason or "").strip() or None
    if cleaned is not None and len(cleaned) > MAX_REASON:
        raise DomainFailure(
            [Problem(TOO_LONG, f"Le motif dépasse {MAX_REASON} caractères.", ("reason",))]
        )
    return cleaned


async def decide_registrations(
    session: AsyncSession,
    *,
    tenant_id: int,
    registration_ids: Sequence[int | None],
    accept: bool,
    reason: str | None,
    actor_account_id: int | None,
    now: dt.datetime,
    establishment_ids: frozenset[int] | None = None,
) -> BulkDecision:
    """Accept (``accept``) or refuse the registrations, each on its own; an agent limited
    to ``establishment_ids`` finds only the registrations to those establishments'
    activities."""
    cleaned = _check(registration_ids, reason, not accept)
    wanted = sorted({i for i in registration_ids if i is not None})
    stmt = select(Registration).where(
        Registration.tenant_id == tenant_id, Registration.id.in_(wanted)
    )
    if establishment_ids is not None:
        stmt = stmt.where(
            Registration.activity_id.in_(
                select(Activity.id).where(Activity.establishment_id.in_(establishment_ids))
            )
        )
    rows = {
        r.id: r for r in await session.scalars(stmt.order_by(Registration.id).with_for_update())
    }
    status = RegistrationStatus.ACTIVE if accept else RegistrationStatus.REFUSED
    done = RegistrationDecisionOutcome.ACCEPTED if accept else RegistrationDecisionOutcome.REFUSED
    action = "registration.accepted" if accept else "registration.refused"
    lines: list[DecisionLine] = []
    problems: list[Problem] = []
    decided: set[int] = set()
    for index, pk in enumerate(registration_ids):
        row = rows.get(pk) if pk is not None else None
        if row is None:
            lines.append(DecisionLine(index, pk, RegistrationDecisionOutcome.NOT_FOUND, None))
            problems.append(
                Problem(NOT_FOUND, "Inscription introuvable.", ("registrations", str(index)))
            )
            continue
        if row.status is not RegistrationStatus.REQUESTED or row.id in decided:
            lines.append(DecisionLine(index, pk, RegistrationDecisionOutcome.ALREADY_DECIDED, row))
            continue
        before = snapshot(row, _FIELDS)
        row.status = status
        row.decided_at = now
        after = snapshot(row, _FIELDS)
        if cleaned is not None:
            after["reason"] = cleaned
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action=action,
            object_type="Registration",
            object_id=row.id,
            before=before,
            after=after,
        )
        decided.add(row.id)
        lines.append(DecisionLine(index, pk, done, row))
    await session.flush()
    chosen = [rows[pk] for pk in sorted(decided)]
    await _mail_families(session, tenant_id, chosen, accept=accept, reason=cleaned)
    return BulkDecision(lines, problems)


async def _mail_families(
    session: AsyncSession,
    tenant_id: int,
    registrations: Sequence[Registration],
    *,
    accept: bool,
    reason: str | None,
) -> int:
    """One « registration_decided » mail per family whose registrations were decided, to
    its payer (else a guardian with an address); returns the number of mails queued."""
    if not registrations:
        return 0
    rows = await load_mail_rows(
        session,
        tenant_id,
        child_ids=(r.child_id for r in registrations),
        activity_ids=(r.activity_id for r in registrations),
    )
    if rows is None:
        return 0
    children, activities = rows.children, rows.activities
    outcome = OUTCOME_ACCEPTED if accept else OUTCOME_REFUSED
    by_family: dict[int, list[dict[str, object]]] = {}
    ordered = sorted(
        registrations,
        key=lambda r: (children[r.child_id].first_name, activities[r.activity_id].name, r.id),
    )
    for registration in ordered:
        child = children[registration.child_id]
        by_family.setdefault(child.family_id, []).append(
            {
                "child": child_label(child),
                "activity": activities[registration.activity_id].name,
                "start_date": registration.start_date,
                "end_date": registration.end_date,
                "outcome": outcome,
            }
        )
    return await mail_each_family(
        session,
        rows,
        template=TEMPLATE,
        tables=by_family,
        context=lambda table: {"registration_lines": table, "reason": reason or ""},
    )
