"""Recording a parent's change request, or applying it at once when the tenant auto-accepts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from domain.change_requests.apply import _write
from domain.change_requests.codes import NO_CHANGE, NOT_FOUND
from domain.change_requests.conflicts import _pending_conflicts
from domain.change_requests.dates import tenant_today
from domain.change_requests.decide import _decide
from domain.change_requests.kinds import CHANGE_KINDS, Target
from domain.change_requests.loading import _current, _load, _person_snapshot
from domain.change_requests.mails import _mail
from domain.change_requests.validation import (
    _check_proposal,
    _rule_problems,
    _text_problem,
    _without_redundant_required,
)
from domain.counters import next_request_reference
from domain.requests.history import record_step
from kernel import idempotency
from kernel.results import DomainFailure, Problem, fail
from models import Request, Tenant
from models.request import HistoryStep, RequestStatus, RequestType

AUTO_ACCEPT_SETTING: Final = "autoAcceptedChanges"
MAX_COMMENT: Final = 2000
MAX_IDEMPOTENCY_KEY: Final = 100

_NOT_FOUND_MESSAGES: Final = {
    Target.GUARDIAN: "Responsable introuvable.",
    Target.FAMILY: "Dossier famille introuvable.",
    Target.CHILD: "Enfant introuvable.",
    Target.AUTHORIZED_PERSON: "Personne autorisée introuvable.",
}


async def create_change_request(
    session: AsyncSession,
    *,
    tenant_id: int,
    request_type: RequestType,
    account_id: int,
    family_id: int | None,
    target_id: int | None,
    changes: Mapping[str, object],
    comment: str | None,
    idempotency_key: str | None,
    portal_url: str,
    now: dt.datetime,
) -> Request:
    """Record a parent's change request on their family file (or apply it at once if the
    tenant auto-accepts that type), with its history and acknowledgement mail.

    ``family_id`` is the parent's family: any target outside it is « introuvable ».
    ``changes`` maps field names (as in the API input) to the values typed; only the keys
    given are changed, null meaning « empty this field ». A retry with the same
    ``idempotency_key`` returns the first request and creates nothing.
    """
    kind = CHANGE_KINDS[request_type]
    problems: list[Problem] = []
    comment_text, found = _text_problem(
        comment, MAX_COMMENT, "comment", "Le commentaire est trop long"
    )
    problems += found
    key, found = _text_problem(
        idempotency_key,
        MAX_IDEMPOTENCY_KEY,
        "idempotencyKey",
        "La clé d'idempotence est trop longue",
    )
    problems += found
    if key is not None:
        existing = await idempotency.earlier(
            session,
            idempotency.request_with_key(tenant_id, key),
            same=lambda r: r.created_by_account_id == account_id and r.type is request_type,
            what="une autre demande",
        )
        if existing is not None:
            return existing
    loaded = None
    if target_id is not None and family_id is not None:
        loaded = await _load(session, tenant_id, kind, target_id, family_id)
    if loaded is None:
        raise fail(NOT_FOUND, _NOT_FOUND_MESSAGES[kind.target], kind.target.value)

    today = await tenant_today(session, tenant_id, now)
    before = _current(kind, loaded)
    proposed, found = _check_proposal(kind, loaded, changes, today)
    problems += found
    if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
        # A new person: every field is proposed, the defaults filling what was not given.
        proposed = {spec.name: proposed.get(spec.name, spec.default) for spec in kind.fields}
        before = {spec.name: None for spec in kind.fields}
        changed = {name: value for name, value in proposed.items() if value is not None}
    else:
        changed = {name: value for name, value in proposed.items() if value != before[name]}
    rule_before = before if kind.type is not RequestType.AUTHORIZED_PERSON_ADD else {}
    problems += await _rule_problems(
        session, kind, loaded, rule_before, proposed, kind.input_path, today
    )
    problems = _without_redundant_required(problems)

    payload: dict[str, Any] = {
        "fields": changed,
        "before": {name: before[name] for name in changed},
        "familyId": loaded.family.id,
    }
    if loaded.guardian is not None:
        payload["guardianId"] = loaded.guardian.id
    if loaded.child is not None:
        payload["childId"] = loaded.child.id
    if loaded.person is not None:
        payload["authorizedPersonId"] = loaded.person.id
        payload["person"] = _person_snapshot(loaded.person)
    if kind.type is RequestType.BANK_ACCOUNT_CHANGE and loaded.bank_account is not None:
        payload["bankAccountId"] = loaded.bank_account.id
    if kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        payload["before"] = _person_snapshot(loaded.person) if loaded.person else {}

    if changed or kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        problems += await _pending_conflicts(session, tenant_id, kind, loaded.family.id, payload)
    if problems:
        raise DomainFailure(problems)
    if not changed and kind.type is not RequestType.AUTHORIZED_PERSON_REMOVE:
        raise fail(
            NO_CHANGE,
            "Aucune modification : les valeurs proposées sont celles du dossier.",
            *kind.input_path,
        )

    request = Request(
        tenant_id=tenant_id,
        family_id=loaded.family.id,
        reference=await next_request_reference(session, tenant_id),
        type=request_type,
        status=RequestStatus.PENDING,
        created_by_account_id=account_id,
        idempotency_key=key,
        guardian_id=loaded.guardian.id if loaded.guardian is not None else None,
        child_id=loaded.child.id if loaded.child is not None else None,
        comment=comment_text,
        payload=payload,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    record_step(
        session,
        request,
        HistoryStep.CREATED,
        RequestStatus.PENDING,
        actor_account_id=account_id,
        now=now,
    )
    tenant = await session.get_one(Tenant, tenant_id)
    if request_type.value in (tenant.settings or {}).get(AUTO_ACCEPT_SETTING, []):
        await _write(session, kind, loaded, request, now)
        await _decide(
            session,
            request,
            RequestStatus.ACCEPTED,
            account_id=None,
            message=None,
            note="Acceptation automatique",
            now=now,
        )
        return request
    await _mail(session, request, "change_request_received", created_at=now, portal_url=portal_url)
    return request
