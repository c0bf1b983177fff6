"""The audit trail for administrators: ``auditEntries`` (newest first) and the
``AuditEntry`` node, which no one else reads — not even staff, not through ``node``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any, Self

import orjson
import strawberry
from graphql import GraphQLObjectType
from strawberry import relay

from models import Account as AccountRow
from models import AuditEntry as AuditEntryRow
from resolvers.administration import audit as actions
from resolvers.pagination import PaginationError
from schema.accounts import Account
from schema.connections import CountableConnection, edges, page_info
from schema.errors import PublicError
from schema.ids import input_pk
from schema.inputs import After, First
from schema.nodes import ScopedNode, nodes_of
from schema.permissions import Admin


def _text(value: Any) -> str | None:
    """A value as text: strings as they are, anything else as JSON (null: absent)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()


@strawberry.type(description="One field an audited change touched.")
class AuditChange:
    field: str = strawberry.field(description="The field (as stored: « capacity »).")
    before: str | None = strawberry.field(
        description="Its value before (text; JSON for numbers, lists…); null: none."
    )
    after: str | None = strawberry.field(description="Its value after; null: none.")


def _changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[AuditChange]:
    before, after = before or {}, after or {}
    fields = list(dict.fromkeys([*before, *after]))
    return [
        AuditChange(field=name, before=_text(before.get(name)), after=_text(after.get(name)))
        for name in fields
    ]


def _is_node_type(info: strawberry.Info, type_name: str) -> bool:
    found = info.schema._schema.type_map.get(type_name)
    return isinstance(found, GraphQLObjectType) and any(i.name == "Node" for i in found.interfaces)


@strawberry.type(description="An entry of the audit trail: who changed what, when.")
class AuditEntry(ScopedNode):
    pk: relay.NodeID[int]
    actor_pk: strawberry.Private[int | None]
    object_pk: strawberry.Private[int | None]
    action: str = strawberry.field(
        description="What was done, a dotted verb (« registration.accepted »)."
    )
    object_type: str = strawberry.field(description="The kind of object changed (« Slot »).")
    at: dt.datetime = strawberry.field(description="When.")
    changes: list[AuditChange] = strawberry.field(
        description="Each field changed with its value before and after."
    )

    @classmethod
    def from_row(cls, row: AuditEntryRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            actor_pk=row.actor_account_id,
            object_pk=row.object_id,
            action=row.action,
            object_type=row.object_type,
            at=row.created_at,
            changes=_changes(row.before, row.after),
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await actions.entries_by_id(info.context, keys), cls.from_row)

    @strawberry.field(
        description="The global ID of the object changed, where its kind is a Node of the "
        "API (else null: see objectKey)."
    )
    def object_id(self, info: strawberry.Info) -> relay.GlobalID | None:
        if self.object_pk is None or not _is_node_type(info, self.object_type):
            return None
        return relay.GlobalID(self.object_type, str(self.object_pk))

    @strawberry.field(description="The row key of the object changed (null: none).")
    def object_key(self) -> str | None:
        return None if self.object_pk is None else str(self.object_pk)

    @strawberry.field(description="Who made the change (null: a command-line operator).")
    async def actor(self, info: strawberry.Info) -> Account | None:
        if self.actor_pk is None:
            return None
        row = await info.context.loaders.by_id(AccountRow).load(self.actor_pk)
        return Account.from_row(row) if row is not None else None


@strawberry.type(description="A page of audit entries.")
class AuditEntryConnection(CountableConnection, relay.Connection[AuditEntry]):
    pass


@strawberry.type(description="The audit trail.")
class AuditQueries:
    @strawberry.field(
        description="Administrators: the audit trail of the collectivity, newest first. "
        "Relay pagination forwards (first ≤ 100, after).",
        permission_classes=[Admin],
    )
    async def audit_entries(
        self,
        info: strawberry.Info,
        first: First = None,
        after: After = None,
        object_type: Annotated[
            str | None, strawberry.argument(description="Only this kind of object (« Slot »).")
        ] = None,
        object_id: Annotated[
            relay.GlobalID | None,
            strawberry.argument(description="Only this object (its global ID)."),
        ] = None,
        action: Annotated[str | None, strawberry.argument(description="Only this action.")] = None,
    ) -> AuditEntryConnection:
        object_pk: int | None = None
        if object_id is not None:
            object_pk = actions_pk(object_id)
            object_type = object_id.type_name
        try:
            page = await actions.entries_page(
                info.context,
                object_type=object_type,
                object_id=object_pk,
                action=action,
                first=first,
                after=after,
            )
        except PaginationError as exc:
            raise PublicError(str(exc)) from exc
        return AuditEntryConnection(
            edges=edges(page, AuditEntry.from_row),
            page_info=page_info(page),
            _count=page.total_count,
        )


def actions_pk(global_id: relay.GlobalID) -> int:
    """The key inside an object's global ID (any Node type), or a French error."""
    pk = input_pk(global_id, global_id.type_name)
    if pk is None:
        raise PublicError("« objectId » n'est pas un identifiant valide.")
    return pk
