"""Writing an accepted request's values on the family file, after checking the rules again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from domain.change_requests.codes import NOT_FOUND, TARGET_GONE
from domain.change_requests.dates import tenant_today
from domain.change_requests.fields import Source
from domain.change_requests.kinds import ChangeKind, Target, proposed_fields
from domain.change_requests.loading import _current, _File, _load
from domain.change_requests.validation import _rule_problems
from domain.change_requests.values import python_value, stored_value
from kernel.results import DomainFailure, Problem, fail
from models import (
    AuthorizedPerson,
    BankAccount,
    ChildAuthorizations,
    HealthRecord,
    Request,
    Vaccination,
)
from models.child import Diet
from models.request import RequestType


def _group(kind: ChangeKind, fields: Mapping[str, Any]) -> dict[Source, dict[str, Any]]:
    groups: dict[Source, dict[str, Any]] = {}
    for spec in kind.fields:
        if spec.name in fields:
            groups.setdefault(spec.source, {})[spec.attribute] = python_value(
                spec, fields[spec.name]
            )
    return groups


def _assign(row: object, values: Mapping[str, Any]) -> None:
    for attribute, value in values.items():
        setattr(row, attribute, value)


async def _write(
    session: AsyncSession, kind: ChangeKind, loaded: _File, request: Request, now: dt.datetime
) -> None:
    """Write an accepted request's proposed values on the family file."""
    payload = dict(request.payload or {})
    fields = proposed_fields(kind.type, payload)
    tenant_id = request.tenant_id
    if kind.type is RequestType.AUTHORIZED_PERSON_REMOVE:
        assert loaded.person is not None
        await session.delete(loaded.person)
        await session.flush()
        return
    if kind.type is RequestType.VACCINATION_CHANGE:
        assert loaded.child is not None
        await session.execute(delete(Vaccination).where(Vaccination.child_id == loaded.child.id))
        for item in fields["vaccinations"]:
            session.add(
                Vaccination(
                    tenant_id=tenant_id,
                    child_id=loaded.child.id,
                    vaccine=item["vaccine"],
                    injected_on=dt.date.fromisoformat(item["injectedOn"]),
                )
            )
        await session.flush()
        return
    for source, values in _group(kind, fields).items():
        if source is Source.GUARDIAN:
            _assign(loaded.guardian, values)
        elif source is Source.FAMILY:
            _assign(loaded.family, values)
        elif source is Source.CHILD:
            _assign(loaded.child, values)
        elif source is Source.BANK_ACCOUNT:
            if loaded.bank_account is None:
                loaded.bank_account = BankAccount(
                    tenant_id=tenant_id, family_id=loaded.family.id, is_primary=True, **values
                )
                session.add(loaded.bank_account)
            else:
                if "iban" in values and values["iban"] != stored_value(
                    kind.spec("iban"), loaded.bank_account
                ):
                    # Another account needs another SEPA mandate, sent by the town.
                    loaded.bank_account.mandate_reference = None
                    loaded.bank_account.mandate_signed_on = None
                _assign(loaded.bank_account, values)
        elif source is Source.HEALTH_RECORD:
            assert loaded.child is not None
            if loaded.health_record is None:
                loaded.health_record = HealthRecord(
                    tenant_id=tenant_id, child_id=loaded.child.id, diet=Diet.STANDARD
                )
                session.add(loaded.health_record)
            _assign(loaded.health_record, values)
            loaded.health_record.updated_at = now
        elif source is Source.AUTHORIZATIONS:
            assert loaded.child is not None
            if loaded.authorizations is None:
                loaded.authorizations = ChildAuthorizations(
                    tenant_id=tenant_id,
                    child_id=loaded.child.id,
                    photo=False,
                    leave_alone=False,
                    hospitalisation=False,
                    outings_with_staff=False,
                )
                session.add(loaded.authorizations)
            _assign(loaded.authorizations, values)
            loaded.authorizations.updated_at = now
        elif source is Source.PERSON:
            if kind.type is RequestType.AUTHORIZED_PERSON_ADD:
                assert loaded.child is not None
                person = AuthorizedPerson(tenant_id=tenant_id, child_id=loaded.child.id, **values)
                session.add(person)
                await session.flush()
                payload["authorizedPersonId"] = person.id
            else:
                _assign(loaded.person, values)
    await session.flush()
    request.payload = payload


def _target_of(kind: ChangeKind, request: Request) -> int | None:
    payload = request.payload or {}
    if kind.target is Target.GUARDIAN:
        return request.guardian_id
    if kind.target is Target.FAMILY:
        return request.family_id
    if kind.target is Target.CHILD:
        return request.child_id
    person_id = payload.get("authorizedPersonId")
    return int(person_id) if person_id is not None else None


async def _apply(
    session: AsyncSession, kind: ChangeKind, request: Request, now: dt.datetime
) -> None:
    """Check the rules again on today's file, then write the proposed values."""
    target_id = _target_of(kind, request)
    loaded = None
    if target_id is not None:
        loaded = await _load(session, request.tenant_id, kind, target_id, request.family_id)
    if loaded is None:
        raise fail(
            TARGET_GONE,
            "Cette demande ne peut plus être acceptée : l'élément qu'elle modifie n'existe plus.",
            "request",
        )
    payload = dict(request.payload or {})
    fields = proposed_fields(kind.type, payload)
    current = _current(kind, loaded)
    rule_before = {} if kind.type is RequestType.AUTHORIZED_PERSON_ADD else current
    today = await tenant_today(session, request.tenant_id, now)
    problems = await _rule_problems(session, kind, loaded, rule_before, fields, (), today)
    if kind.type is RequestType.CHILD_CHANGE and fields.get("school") is not None:
        problems = [
            Problem(TARGET_GONE, "L'établissement demandé n'existe plus.", p.field)
            if p.code == NOT_FOUND
            else p
            for p in problems
        ]
    if problems:
        # Paths are those of the creation input; for the agent, the request is at fault.
        raise DomainFailure(Problem(p.code, p.message, ("request",)) for p in problems)
    if kind.type not in (
        RequestType.AUTHORIZED_PERSON_ADD,
        RequestType.AUTHORIZED_PERSON_REMOVE,
    ):
        # Keep what the acceptance replaced, for the request's history.
        payload["before"] = {name: current[name] for name in fields}
        request.payload = payload
    await _write(session, kind, loaded, request, now)
