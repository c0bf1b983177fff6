"""Establishments (schools, centres): created and corrected by administrators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import diff, record_change, snapshot
from domain.catalogue.codes import DUPLICATE, NOT_FOUND, REQUIRED
from domain.catalogue.common import KEY, Actor, audit, optional_text, replayed, required_text
from domain.contact_validation import normalize_email, normalize_postal_code
from kernel.results import fail
from models import Establishment
from models.establishment import EstablishmentKind

CREATED = "establishment.created"
UPDATED = "establishment.updated"
CREATIONS = ("establishment.created", "activity.created", "price_list.created")
FIELDS = ("code", "name", "kind", "address", "postal_code", "city", "phone", "email")
# Column → (input field, length limit, French name); code and name are required.
_TEXTS: dict[str, tuple[str, int, str]] = {
    "code": ("code", 40, "Le code"),
    "name": ("name", 200, "Le nom"),
    "address": ("address", 300, "L'adresse"),
    "city": ("city", 120, "La ville"),
    "phone": ("phone", 32, "Le téléphone"),
}


@dataclass(frozen=True, slots=True)
class EstablishmentValues:
    """What an administrator gives to create an establishment."""

    code: str
    name: str
    kind: EstablishmentKind
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None


def _clean(column: str, value: Any) -> Any:
    """One column's value as stored, or a failure naming its input field."""
    if column in ("code", "name"):
        field, limit, what = _TEXTS[column]
        return required_text(value, limit, what, field)
    if column in _TEXTS:
        field, limit, what = _TEXTS[column]
        return optional_text(value, limit, what, field)
    if column == "postal_code":
        text = optional_text(value, 16, "Le code postal", "postalCode")
        return None if text is None else normalize_postal_code(text, "postalCode")
    if column == "kind" and value is None:
        raise fail(REQUIRED, "Le type d'établissement est obligatoire.", "kind")
    if column == "email":
        text = optional_text(value, 254, "L'adresse e-mail", "email")
        return None if text is None else normalize_email(text, "email")
    return value


def establishment_columns(values: EstablishmentValues) -> dict[str, Any]:
    """The columns of a new establishment, checked and normalized: what
    ``create_establishment`` writes, and what the demo loader builds its rows from."""
    return {name: _clean(name, getattr(values, name)) for name in FIELDS}


async def _code_taken(
    session: AsyncSession, tenant_id: int, code: str, other_than: int | None = None
) -> bool:
    stmt = select(Establishment.id).where(
        Establishment.tenant_id == tenant_id, Establishment.code == code
    )
    if other_than is not None:
        stmt = stmt.where(Establishment.id != other_than)
    return await session.scalar(stmt) is not None


def _duplicate(code: str) -> Exception:
    return fail(DUPLICATE, f"Un établissement porte déjà le code « {code} ».", "code")


async def create_establishment(
    session: AsyncSession,
    actor: Actor,
    values: EstablishmentValues,
    *,
    idempotency_key: str | None = None,
) -> Establishment:
    """A new establishment of the tenant (its code unique in the tenant); a retry with the
    same key answers the establishment the first call created."""
    key, earlier = await replayed(session, actor, idempotency_key, CREATED, CREATIONS)
    if earlier is not None:
        found = await session.get(Establishment, earlier)
        if found is not None:
            return found
    columns = establishment_columns(values)
    if await _code_taken(session, actor.tenant_id, columns["code"]):
        raise _duplicate(columns["code"])
    row = Establishment(tenant_id=actor.tenant_id, **columns)
    session.add(row)
    await session.flush()
    audit(session, actor, CREATED, row, FIELDS, extra={KEY: key} if key else None)
    await session.flush()
    return row


async def establishment_of(
    session: AsyncSession, tenant_id: int, establishment_id: int | None, field: str
) -> Establishment:
    """The tenant's establishment, or NOT_FOUND naming ``field``."""
    row = None
    if establishment_id is not None:
        row = await session.scalar(
            select(Establishment).where(
                Establishment.tenant_id == tenant_id, Establishment.id == establishment_id
            )
        )
    if row is None:
        raise fail(NOT_FOUND, "Établissement introuvable.", field)
    return row


async def update_establishment(
    session: AsyncSession,
    actor: Actor,
    establishment_id: int | None,
    changes: Mapping[str, Any],
) -> Establishment:
    """Change the given columns of an establishment (names of ``FIELDS``); the audit
    entry holds only what changed."""
    row = await establishment_of(session, actor.tenant_id, establishment_id, "establishment")
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"not establishment fields: {sorted(unknown)}")
    cleaned = {name: _clean(name, value) for name, value in changes.items()}
    if "code" in cleaned and await _code_taken(session, actor.tenant_id, cleaned["code"], row.id):
        raise _duplicate(cleaned["code"])
    before = snapshot(row, FIELDS)
    for name, value in cleaned.items():
        setattr(row, name, value)
    old, new = diff(before, snapshot(row, FIELDS))
    if new:
        record_change(
            session,
            tenant_id=actor.tenant_id,
            actor_account_id=actor.account_id,
            action=UPDATED,
            object_type="Establishment",
            object_id=row.id,
            before=old,
            after=new,
        )
    await session.flush()
    return row
