"""The household file itself (dossier famille) and its pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self, cast
from zoneinfo import ZoneInfo

import strawberry
from strawberry import relay

from domain.labels import label
from models import Family as FamilyRow
from models.family import FamilyStatus
from resolvers.family import reads
from schema.connections import CountableConnection
from schema.family.children import Child
from schema.family.money import BankAccount, FamilyQuotient
from schema.family.people import Guardian
from schema.lazy import upward
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.change_requests.types import FieldChange
    from schema.documents.types import Document


@strawberry.type(description="How the family wants to be contacted and billed.")
class CommunicationPreferences:
    accepts_email: bool = strawberry.field(description="Accepte de recevoir des e-mails.")
    accepts_sms: bool = strawberry.field(description="Accepte de recevoir des SMS.")
    accepts_post: bool = strawberry.field(description="Accepte de recevoir des courriers.")
    paper_invoice: bool = strawberry.field(description="Facture aussi envoyée par courrier.")
    reminder_by_email: bool = strawberry.field(description="Relance de paiement par e-mail.")
    reminder_by_sms: bool = strawberry.field(description="Relance de paiement par SMS.")
    reminder_by_post: bool = strawberry.field(description="Relance de paiement par courrier.")


@strawberry.type(description="A household file (dossier famille).")
class Family(ScopedNode):
    pk: relay.NodeID[int]
    subscriber_code: str | None = strawberry.field(
        description="Code abonné, assigned when staff validate the file."
    )
    name: str = strawberry.field(description="Family name.")
    status: FamilyStatus = strawberry.field(description="Validation state.")
    status_label: str = strawberry.field(description="French label of the state.")
    rejection_reason: str | None = strawberry.field(description="Why staff rejected the file.")
    communication: CommunicationPreferences = strawberry.field(
        description="Consents and reminder channels."
    )
    direct_debit: bool = strawberry.field(description="Pays by direct debit (prélèvement).")
    resident: bool = strawberry.field(description="Lives in the collectivity.")
    created_at: dt.datetime = strawberry.field(description="When the file was submitted.")
    validated_at: dt.datetime | None = strawberry.field(description="When staff validated it.")

    @classmethod
    def from_row(cls, row: FamilyRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            pk=row.id,
            subscriber_code=row.subscriber_code,
            name=row.name,
            status=row.status,
            status_label=label(row.status),
            rejection_reason=row.rejection_reason,
            communication=CommunicationPreferences(
                accepts_email=row.accepts_email,
                accepts_sms=row.accepts_sms,
                accepts_post=row.accepts_post,
                paper_invoice=row.paper_invoice,
                reminder_by_email=row.reminder_by_email,
                reminder_by_sms=row.reminder_by_sms,
                reminder_by_post=row.reminder_by_post,
            ),
            direct_debit=row.direct_debit,
            resident=row.resident,
            created_at=row.created_at,
            validated_at=row.validated_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await reads.families_by_id(info.context, keys), cls.from_row)

    @strawberry.field(description="Guardians, RL1 first.")
    async def guardians(self, info: strawberry.Info) -> list[Guardian]:
        return [Guardian.from_row(r) for r in await reads.guardians_of(info.context, self.pk)]

    @strawberry.field(description="Children, eldest first.")
    async def children(self, info: strawberry.Info) -> list[Child]:
        return [Child.from_row(r) for r in await reads.children_of(info.context, self.pk)]

    @strawberry.field(description="Bank accounts (IBAN masked for parents).")
    async def bank_accounts(self, info: strawberry.Info) -> list[BankAccount]:
        masked = not info.context.viewer.is_staff
        rows = await reads.bank_accounts_of(info.context, self.pk)
        return [BankAccount.from_row(r, masked=masked) for r in rows]

    @strawberry.field(
        description="Family-level values awaiting the collectivity's decision (bank "
        "details, direct debit), shown beside the current ones; IBANs masked for parents."
    )
    async def pending_changes(
        self, info: strawberry.Info
    ) -> list[Annotated[FieldChange, strawberry.lazy("schema.change_requests.types")]]:
        pending_changes = upward("schema.change_requests.pending", "pending_changes")
        return cast("list[FieldChange]", await pending_changes(info, self.pk))

    @strawberry.field(description="Documents of « Mes documents », newest first.")
    async def documents(
        self, info: strawberry.Info
    ) -> list[Annotated[Document, strawberry.lazy("schema.documents.types")]]:
        family_documents = upward("schema.documents.types", "family_documents")
        return cast("list[Document]", await family_documents(info, self.pk))

    @strawberry.field(description="Family quotients, latest first.")
    async def quotients(self, info: strawberry.Info) -> list[FamilyQuotient]:
        rows = await reads.quotients_of(info.context, self.pk)
        return [FamilyQuotient.from_row(r) for r in rows]

    @strawberry.field(
        description="The quotient valid on a date (default today); null: none known, "
        "the highest price bracket applies."
    )
    async def quotient(
        self,
        info: strawberry.Info,
        on: Annotated[
            dt.date | None, strawberry.argument(description="Date (default: today).")
        ] = None,
    ) -> FamilyQuotient | None:
        day = on or dt.datetime.now(ZoneInfo(info.context.tenant.timezone)).date()
        for row in await reads.quotients_of(info.context, self.pk):
            if row.valid_from <= day and (row.valid_to is None or day <= row.valid_to):
                return FamilyQuotient.from_row(row)
        return None


@strawberry.type(description="A page of families.")
class FamilyConnection(CountableConnection, relay.Connection[Family]):
    pass
