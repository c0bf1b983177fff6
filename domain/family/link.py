"""familyLink: a parent whose family already has a subscriber code links their account
to it.

It needs the code AND two proofs (a child's birth date, and the number of an invoice of the
last 12 months — or, for a family without one, that child's first name); any mismatch gives
one generic answer, and failures are throttled per account (5 per hour, recorded in
``login_attempt`` as « link:<email> »).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.contact_validation import ProblemCollector
from domain.family.account import _locked_account, current_family_status
from domain.family.fields import _comparable_name
from domain.family.messages import REQUIRED
from domain.family.outcomes import Linked, LinkRefused
from kernel.results import Problem, fail
from models import Account, Child, Family, Guardian, Invoice, LoginAttempt
from models.family import FamilyStatus

LINK_THROTTLE_WINDOW: Final = dt.timedelta(hours=1)
MAX_LINK_FAILURES: Final = 5
LINK_ATTEMPT_PREFIX: Final = "link:"
INVOICE_PROOF_MONTHS: Final = 12
LINK_REFUSED_MESSAGE: Final = "Ces informations ne correspondent à aucun dossier."


def _link_attempt_key(email: str) -> str:
    return f"{LINK_ATTEMPT_PREFIX}{email}"[:254]


async def link_failures_since(
    session: AsyncSession, tenant_id: int, email: str, since: dt.datetime
) -> int:
    """Failed link attempts of an account since ``since`` (for throttling)."""
    return int(
        await session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(
                LoginAttempt.tenant_id == tenant_id,
                LoginAttempt.email == _link_attempt_key(email),
                LoginAttempt.attempted_at > since,
                LoginAttempt.succeeded.is_(False),
            )
        )
        or 0
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _normalized_code(value: str) -> str:
    return "".join(value.split()).upper()


async def _proofs_hold(
    session: AsyncSession,
    family: Family,
    *,
    child_birth_date: dt.date,
    invoice_number: str | None,
    child_first_name: str | None,
    today: dt.date,
) -> bool:
    children = list(
        await session.scalars(
            select(Child).where(Child.family_id == family.id, Child.birth_date == child_birth_date)
        )
    )
    recent_invoices = {
        _normalized_code(number)
        for number in await session.scalars(
            select(Invoice.number).where(
                Invoice.tenant_id == family.tenant_id,
                Invoice.family_id == family.id,
                Invoice.issued_on >= _months_before(today, INVOICE_PROOF_MONTHS),
            )
        )
    }
    if recent_invoices:
        # A family that has invoices must show one: a child's name and birth date can be
        # found on social networks, an invoice number cannot.
        second_proof = (
            invoice_number is not None and _normalized_code(invoice_number) in recent_invoices
        )
    else:
        wanted = _comparable_name(child_first_name or "")
        second_proof = bool(wanted) and any(
            _comparable_name(c.first_name) == wanted for c in children
        )
    return bool(children) and second_proof


async def link_family(
    session: AsyncSession,
    *,
    tenant_id: int,
    account_id: int,
    subscriber_code: str,
    child_birth_date: dt.date,
    invoice_number: str | None,
    child_first_name: str | None,
    now: dt.datetime,
    today: dt.date,
) -> Linked | LinkRefused:
    """familyLink: attach a parent account to a validated family it proves to belong to.

    Proofs: the subscriber code, the birth date of one of the children, and the number of
    an invoice of the last 12 months — for a family with no such invoice, the first name
    of the child born on that date instead. Whatever is wrong, the answer is the same
    (LINK_REFUSED), and after 5 failures in an hour the account must wait (THROTTLED).
    """
    collector = ProblemCollector()
    code = _normalized_code(subscriber_code)
    if not code:
        collector.add(REQUIRED, "Le code abonné est obligatoire.", "subscriberCode")
    if not (invoice_number or "").strip() and not (child_first_name or "").strip():
        collector.add(
            REQUIRED,
            "Indiquez le numéro d'une facture reçue ces 12 derniers mois, ou, si vous n'avez "
            "encore reçu aucune facture, le prénom de l'enfant.",
            "invoiceNumber",
        )
    collector.raise_if_any()
    account = await _locked_account(session, tenant_id, account_id)
    status = await current_family_status(session, account)
    if status is not None and status is not FamilyStatus.REJECTED:
        raise fail(
            "ALREADY_LINKED",
            "Votre compte est déjà rattaché à un dossier famille.",
        )
    if (
        await link_failures_since(session, tenant_id, account.email, now - LINK_THROTTLE_WINDOW)
        >= MAX_LINK_FAILURES
    ):
        return LinkRefused(
            Problem(
                "THROTTLED",
                "Trop de tentatives de rattachement. Réessayez dans une heure ou contactez "
                "le service.",
            )
        )

    def attempt(succeeded: bool) -> None:
        session.add(
            LoginAttempt(
                tenant_id=tenant_id,
                email=_link_attempt_key(account.email),
                remote_address=None,
                succeeded=succeeded,
                attempted_at=now,
            )
        )

    family = await session.scalar(
        select(Family)
        .where(
            Family.tenant_id == tenant_id,
            Family.subscriber_code == code,
            Family.status == FamilyStatus.VALIDATED,
        )
        .with_for_update()
    )
    proofs = family is not None and await _proofs_hold(
        session,
        family,
        child_birth_date=child_birth_date,
        invoice_number=invoice_number,
        child_first_name=child_first_name,
        today=today,
    )
    if family is None or not proofs:
        attempt(False)
        return LinkRefused(Problem("LINK_REFUSED", LINK_REFUSED_MESSAGE))

    guardians = list(
        await session.scalars(
            select(Guardian).where(Guardian.family_id == family.id).order_by(Guardian.rank)
        )
    )
    linked = set(
        await session.scalars(
            select(Account.guardian_id).where(
                Account.tenant_id == tenant_id,
                Account.guardian_id.in_([g.id for g in guardians]),
                Account.id != account.id,
            )
        )
    )
    free = [g for g in guardians if g.id not in linked]
    chosen = next((g for g in free if (g.email or "").lower() == account.email), None)
    chosen = chosen or (free[0] if free else None)
    if chosen is None:
        attempt(False)
        return LinkRefused(
            Problem(
                "NO_GUARDIAN_AVAILABLE",
                "Chaque responsable de ce dossier a déjà son compte. Contactez le service "
                "pour toute question.",
            )
        )
    account.guardian_id = chosen.id
    attempt(True)
    await session.flush()
    return Linked(family=family, guardian=chosen)
