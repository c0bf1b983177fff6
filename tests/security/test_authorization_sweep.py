"""The authorization sweep: every Node type and every mutation, tried as an attacker.

The schema is enumerated, so a type or mutation added later is covered automatically (or
the sweep fails, asking for its rule). The world is the demo town (tenant A) plus a
generated neighbouring town (tenant B); viewers are two parents of different families,
an agent, a reporting account and an anonymous visitor, all on tenant A's endpoint.

Reads: each viewer asks for every object of both towns through ``nodes(ids:)``; exactly
the objects the rules allow come back. Writes: each mutation that targets objects is
called with another family's and another tenant's IDs; it must be refused (top-level or
payload error) and the database must be left exactly as it was.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
)
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import models
from kernel.settings import Settings
from models import Account, Child, Document, Family, Guardian, Tenant
from models.document import DocumentType
from models.engine import create_session_factory
from schema import build_schema
from seed.demo_town import (
    DEMO_ADMIN_EMAIL,
    DEMO_PASSWORD,
    DEMO_REPORTING_EMAIL,
    DEMO_STAFF_EMAIL,
    load_demo_town,
)
from seed.synthetic import generate_town

schema = build_schema(Settings())

PUBLIC_CATALOGUE = {"Establishment", "Activity", "Slot", "SchoolYear", "CalendarPeriod"}
# Mutations that target no existing object (covered by their own tests).
PUBLIC_MUTATIONS = {
    "accountCreate",
    "accountActivate",
    "login",
    "logout",
    "passwordResetRequest",
    "passwordReset",
}
# Tables whose rows a refused attempt may legitimately add (throttling, logins of the test).
JOURNAL_TABLES = {"login_attempt", "session"}
PARENT_A1 = "elodie.devaille@example.fr"  # DEVAILLÉ
PARENT_A2 = "julien.roussel@example.fr"  # ROUSSEL


@dataclass(frozen=True)
class Viewer:
    """A viewer of tenant A and what the rules say it may read."""

    name: str
    token: str | None
    account_id: int | None
    family_id: int | None
    is_staff: bool
    is_admin: bool = False


@dataclass(frozen=True)
class Row:
    """An object of the world, with what decides who may read it."""

    global_id: str
    tenant_id: int
    family_id: int | None
    account_id: int | None


def node_types() -> dict[str, GraphQLObjectType]:
    """Every object type of the schema that implements Node."""
    return {
        name: graphql_type
        for name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType)
        and any(i.name == "Node" for i in graphql_type.interfaces)
    }


def _global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def _rows_of(session: AsyncSession, type_name: str) -> list[Row]:
    model = getattr(models, type_name, None)
    assert model is not None, f"Node type {type_name} has no model of the same name: add a rule"
    children = {c.id: c.family_id for c in await session.scalars(select(Child))}
    guardians = {g.id: g.family_id for g in await session.scalars(select(Guardian))}
    rows = []
    for obj in await session.scalars(select(model)):
        family_id = obj.id if isinstance(obj, Family) else getattr(obj, "family_id", None)
        if family_id is None and getattr(obj, "child_id", None) is not None:
            family_id = children[obj.child_id]
        account_id = None
        if isinstance(obj, models.AccountIdentity):
            account_id = obj.account_id
        if isinstance(obj, Account):
            account_id = obj.id
            family_id = guardians.get(obj.guardian_id) if obj.guardian_id else None
        rows.append(Row(_global_id(type_name, obj.id), obj.tenant_id, family_id, account_id))
    return rows


def may_read(viewer: Viewer, type_name: str, row: Row, tenant_a: int) -> bool:
    """The rules: catalogue public within the tenant; people to their family and staff."""
    if row.tenant_id != tenant_a:
        return False
    if type_name in PUBLIC_CATALOGUE:
        return True
    if type_name == "AuditEntry":  # administrators only
        return viewer.is_admin
    if type_name in ("Account", "AccountIdentity"):  # the owner and staff
        return viewer.is_staff or (
            viewer.account_id is not None and viewer.account_id == row.account_id
        )
    if viewer.is_staff:
        return True
    return viewer.family_id is not None and row.family_id == viewer.family_id


async def _digest(engine: AsyncEngine) -> str:
    """A fingerprint of every row of every table (journal tables aside)."""
    digest = hashlib.sha256()
    async with engine.connect() as connection:
        for table in models.Base.metadata.sorted_tables:
            if table.name in JOURNAL_TABLES:
                continue
            primary = [c.name for c in table.primary_key.columns]
            result = await connection.execute(
                text(f'SELECT * FROM "{table.name}" ORDER BY {", ".join(primary)}')
            )
            for row in result:
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture
async def world(
    engine: AsyncEngine, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> dict[str, Any]:
    sessions = create_session_factory(engine)
    await load_demo_town(sessions)
    await generate_town(engine, children=12, seed=7, slug="voisine")
    async with sessions() as session, session.begin():
        # Neither town has uploaded documents: give every family one, so that document
        # mutations have something real to attack.
        for family in await session.scalars(select(Family)):
            session.add(
                Document(
                    tenant_id=family.tenant_id,
                    family_id=family.id,
                    type=DocumentType.RIB,
                    filename="rib.pdf",
                    content_type="application/pdf",
                    size_bytes=1234,
                    sha256="0" * 64,
                    storage_key=f"sweep/{family.id}",
                )
            )
    async with sessions() as session, session.begin():
        # A FranceConnect identity for parent A1 and one in tenant B, so that
        # oidcIdentityUnlink has something real to attack.
        town_a = select(Tenant.id).where(Tenant.slug == "saint-ismier").scalar_subquery()
        owners = [
            await session.scalar(
                select(Account).where(Account.email == PARENT_A1, Account.tenant_id == town_a)
            ),
            await session.scalar(
                select(Account).where(Account.tenant_id != town_a).order_by(Account.id).limit(1)
            ),
        ]
        for owner in owners:
            assert owner is not None
            session.add(
                models.AccountIdentity(
                    tenant_id=owner.tenant_id,
                    account_id=owner.id,
                    issuer="https://fc.example/api/v2",
                    subject=f"sweep-{owner.id}",
                )
            )
    http, _ = app_http
    async with sessions() as session:
        tenant_a = (
            await session.scalars(select(Tenant).where(Tenant.slug == "saint-ismier"))
        ).one()

        async def viewer(name: str, email: str | None) -> Viewer:
            if email is None:
                return Viewer(name, None, None, None, False)
            response = await http.post(
                "/saint-ismier/graphql",
                json={
                    "query": "mutation($e: String!, $p: String!) { login(input: "
                    "{email: $e, password: $p}) { token errors { code } } }",
                    "variables": {"e": email, "p": DEMO_PASSWORD},
                },
            )
            token = response.json()["data"]["login"]["token"]
            account = (await session.scalars(select(Account).where(Account.email == email))).one()
            family = (
                await session.scalar(
                    select(Guardian.family_id).where(Guardian.id == account.guardian_id)
                )
                if account.guardian_id
                else None
            )
            role = account.role.value
            return Viewer(
                name, token, account.id, family, role in ("STAFF", "ADMIN"), role == "ADMIN"
            )

        viewers = [
            await viewer("parent A1", PARENT_A1),
            await viewer("parent A2", PARENT_A2),
            await viewer("staff", DEMO_STAFF_EMAIL),
            await viewer("admin", DEMO_ADMIN_EMAIL),
            await viewer("reporting", DEMO_REPORTING_EMAIL),
            await viewer("anonymous", None),
        ]
        rows = {name: await _rows_of(session, name) for name in node_types()}
    return {"tenant_a": tenant_a.id, "viewers": viewers, "rows": rows, "http": http}


async def _post(
    http: httpx.AsyncClient, viewer: Viewer, query: str, variables: dict[str, Any]
) -> Any:
    headers = {"authorization": f"Bearer {viewer.token}"} if viewer.token else {}
    response = await http.post(
        "/saint-ismier/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    return response.json()


async def test_every_node_type_is_visible_exactly_as_the_rules_say(world: dict[str, Any]) -> None:
    rows: dict[str, list[Row]] = world["rows"]
    assert {"Family", "Child", "Guardian", "Account", "Activity"} <= set(rows)
    covered = 0
    for viewer in world["viewers"]:
        for type_name, type_rows in rows.items():
            for start in range(0, len(type_rows), 100):
                chunk = type_rows[start : start + 100]
                body = await _post(
                    world["http"],
                    viewer,
                    "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                    {"ids": [r.global_id for r in chunk]},
                )
                assert "errors" not in body, body
                seen = [n is not None for n in body["data"]["nodes"]]
                expected = [may_read(viewer, type_name, r, world["tenant_a"]) for r in chunk]
                wrong = [
                    r.global_id for r, s, e in zip(chunk, seen, expected, strict=True) if s != e
                ]
                assert not wrong, f"{viewer.name} / {type_name}: wrong visibility for {wrong}"
                covered += len(chunk)
    assert covered > 500


def _fill(input_type: GraphQLInputType, field_name: str, pick_id: Callable[[str], str]) -> Any:
    """A plausible value for an input field; IDs point at the attacked objects."""
    if isinstance(input_type, GraphQLNonNull):
        return _fill(input_type.of_type, field_name, pick_id)
    if isinstance(input_type, GraphQLList):
        return [_fill(input_type.of_type, field_name, pick_id)]
    if isinstance(input_type, GraphQLInputObjectType):
        return {
            name: _fill(field.type, name, pick_id)
            for name, field in input_type.fields.items()
            if isinstance(field.type, GraphQLNonNull) or name in _ID_FIELD_TYPES
        }
    if isinstance(input_type, GraphQLEnumType):
        return next(iter(input_type.values))
    assert isinstance(input_type, GraphQLScalarType)
    scalar_values: dict[str, Any] = {
        "String": "Attaque",
        "Int": 1,
        "Float": 1.0,
        "Boolean": False,
        "Date": "2026-01-05",
        "DateTime": "2026-01-05T09:00:00+01:00",
        "Time": "09:00:00",
    }
    if input_type.name == "ID":
        return pick_id(field_name)
    assert input_type.name in scalar_values, f"no sample value for scalar {input_type.name}"
    return scalar_values[input_type.name]


# Input field name → the Node type its ID designates. Extend when a mutation adds one.
_ID_FIELD_TYPES = {
    "family": "Family",
    "guardian": "Guardian",
    "child": "Child",
    "request": "Request",
    "document": "Document",
    "authorizedPerson": "AuthorizedPerson",
    "person": "AuthorizedPerson",
    "bankAccount": "BankAccount",
    "activity": "Activity",
    "school": "Establishment",
    "establishment": "Establishment",
    "account": "Account",
    "identity": "AccountIdentity",
    "lines": "RequestLine",
    "booking": "Booking",
    "slot": "Slot",
    "requests": "Request",
    "children": "Child",
    "slots": "Slot",
    "invoice": "Invoice",
    "invoiceId": "Invoice",
    "invoices": "Invoice",
    "establishments": "Establishment",
    "schoolYear": "SchoolYear",
    "period": "CalendarPeriod",
    "priceList": "PriceList",
    "registration": "Registration",
    "registrations": "Registration",
}


async def test_every_mutation_refuses_other_families_and_other_tenants(
    world: dict[str, Any], engine: AsyncEngine
) -> None:
    mutation_type = schema._schema.mutation_type
    assert mutation_type is not None
    rows: dict[str, list[Row]] = world["rows"]
    viewers = {v.name: v for v in world["viewers"]}
    # Who attacks what: a parent the other family's objects (and tenant B's); staff and
    # reporting tenant B's objects (reporting: tenant A's too).
    attacks = [
        (viewers["parent A2"], lambda r: r.family_id == viewers["parent A1"].family_id),
        (viewers["parent A1"], lambda r: r.tenant_id != world["tenant_a"]),
        (viewers["staff"], lambda r: r.tenant_id != world["tenant_a"]),
        # An administrator creates freely in their own town; what they must never reach is
        # another town's objects: only mutations naming objects are tried as them.
        (viewers["admin"], lambda r: r.tenant_id != world["tenant_a"]),
        (viewers["reporting"], lambda r: r.tenant_id == world["tenant_a"]),
        (viewers["anonymous"], lambda r: r.tenant_id == world["tenant_a"]),
    ]
    tried = 0
    # Every attack must leave the database as it was before the first one: one fingerprint
    # taken now, compared after each attack (the sweep's slowest part is fingerprinting).
    before = await _digest(engine)
    for name, field in mutation_type.fields.items():
        if name in PUBLIC_MUTATIONS:
            continue
        arg = field.args.get("input")
        assert arg is not None, f"mutation {name} has no input argument"
        if "Upload" in str(arg.type):
            continue  # multipart mutations are attacked in their own tests
        for viewer, is_target in attacks:
            named: list[str] = []

            def pick_id(
                field_name: str,
                is_target: Callable[[Row], bool] = is_target,
                mutation: str = name,
                named: list[str] = named,
            ) -> str:
                named.append(field_name)
                type_name = _ID_FIELD_TYPES.get(field_name)
                assert type_name is not None, f"{mutation}: unknown ID field {field_name!r}"
                candidates = rows.get(type_name, [])
                targets = [r for r in candidates if is_target(r)]
                if not targets:  # e.g. the family has no such object: any foreign one
                    targets = [r for r in candidates if r.tenant_id != world["tenant_a"]]
                assert targets, f"{mutation}: no {type_name} to attack"
                return targets[0].global_id

            variables = {"input": _fill(arg.type, "input", pick_id)}
            if viewer.is_admin and not named:
                continue
            payload = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            has_errors = isinstance(payload, GraphQLObjectType) and "errors" in payload.fields
            selection = "errors { code }" if has_errors else "__typename"
            body = await _post(
                world["http"],
                viewer,
                f"mutation($input: {arg.type}) {{ {name}(input: $input) {{ {selection} }} }}",
                variables,
            )
            after = await _digest(engine)
            assert before == after, f"{name} as {viewer.name} changed the database: {body}"
            refused_at_top = bool(body.get("errors"))
            refused_in_payload = bool(
                has_errors and body.get("data") and body["data"][name]["errors"]
            )
            assert refused_at_top or refused_in_payload, f"{name} as {viewer.name}: {body}"
            tried += 1
    attacked = [n for n in mutation_type.fields if n not in PUBLIC_MUTATIONS]
    print(f"authorization sweep: {tried} attacks on {len(attacked)} mutations")
    assert tried >= len(attacks)
