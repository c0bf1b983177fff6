"""The family form checked as a whole: every problem is collected, each with its path,
and reported at once; when there is any, nothing is stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from domain.contact_validation import ProblemCollector
from domain.family.fields import (
    _check_bank_account,
    _check_child,
    _check_guardian,
    _comparable_name,
)
from domain.family.form import CheckedFamilyForm, FamilyForm, GuardianForm
from domain.family.messages import REQUIRED
from domain.family.references import _check_registrations, _check_schools

MAX_CHILDREN: Final = 20


async def check_family_form(
    session: AsyncSession,
    tenant_id: int,
    form: FamilyForm,
    today: dt.date,
    *,
    account_email: str | None = None,
) -> CheckedFamilyForm:
    """The normalized form, or ``DomainFailure`` listing EVERY problem with its path.

    A parent fills a long form once: telling them one mistake per submission would make
    them submit it ten times. Nothing is written here. ``account_email``: the submitting
    account's address, guardian 1's (the form may leave it out; another one is refused).
    """
    collector = ProblemCollector()
    guardian1, country = _check_guardian(
        collector,
        form.guardian1,
        "guardian1",
        payer=True,
        fallback_country="FR",
        account_email=account_email,
    )
    guardian2: GuardianForm | None = None
    if form.guardian2 is not None:
        guardian2, _ = _check_guardian(
            collector, form.guardian2, "guardian2", payer=False, fallback_country=country
        )
        if guardian1.allocataire is not None and guardian2.allocataire is not None:
            collector.add(
                "TWO_ALLOCATAIRES",
                "Un seul responsable peut être l'allocataire CAF / MSA de la famille.",
                "guardian2",
                "allocataire",
            )

    communication = form.communication
    wants_sms = communication.accepts_sms or communication.reminder_by_sms
    if wants_sms and not (form.guardian1.mobile_phone or "").strip():
        collector.add(
            "MOBILE_REQUIRED_FOR_SMS",
            "Un numéro de téléphone portable est nécessaire pour recevoir des SMS.",
            "guardian1",
            "mobilePhone",
        )

    bank_account = _check_bank_account(collector, form)

    children = list(form.children)
    if not children:
        collector.add(REQUIRED, "Indiquez au moins un enfant.", "children")
    elif len(children) > MAX_CHILDREN:
        collector.add("TOO_MANY", f"{MAX_CHILDREN} enfants au maximum par dossier.", "children")
        children = children[:MAX_CHILDREN]
    children = [_check_child(collector, child, i, today) for i, child in enumerate(children)]
    seen_children: set[tuple[str, dt.date]] = set()
    for index, child in enumerate(children):
        key = (_comparable_name(child.first_name), child.birth_date)
        if key in seen_children:
            collector.add(
                "DUPLICATE_CHILD",
                f"{child.first_name} figure deux fois dans le formulaire.",
                "children",
                str(index),
            )
        seen_children.add(key)
    await _check_schools(session, tenant_id, collector, children)
    registrations = await _check_registrations(
        session, tenant_id, collector, children, form.registrations, today
    )
    collector.raise_if_any()
    normalized = replace(
        form,
        guardian1=guardian1,
        guardian2=guardian2,
        bank_account=bank_account,
        children=tuple(children),
    )
    return CheckedFamilyForm(form=normalized, registrations=registrations)
