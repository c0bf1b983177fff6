"""Money matters of a family file: bank accounts (masked IBAN) and family quotients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Self

import strawberry
from strawberry import relay

from models import BankAccount as BankAccountRow
from models import FamilyQuotient as FamilyQuotientRow
from models.family import QuotientSource
from resolvers.family import reads
from schema.nodes import ScopedNode, nodes_of


def mask_iban(iban: str) -> str:
    """« •••• •••• •••• •••• •••• •••0 189 »-style: only the last four characters shown."""
    compact = iban.replace(" ", "")
    masked = "•" * (len(compact) - 4) + compact[-4:]
    return " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))


@strawberry.type(description="A bank account for direct debit, with its SEPA mandate.")
class BankAccount(ScopedNode):
    pk: relay.NodeID[int]
    holder_name: str = strawberry.field(description="Titulaire du compte.")
    iban: str = strawberry.field(description="IBAN; parents see only its last four characters.")
    bic: str | None = strawberry.field(description="BIC.")
    is_primary: bool = strawberry.field(description="The account debited.")
    mandate_reference: str | None = strawberry.field(description="Mandate reference (RUM).")
    mandate_signed_on: dt.date | None = strawberry.field(description="Mandate signature date.")

    @classmethod
    def from_row(cls, row: BankAccountRow, *, masked: bool = True) -> Self:
        """Map a row; the IBAN is masked unless the viewer is staff."""
        return cls(
            pk=row.id,
            holder_name=row.holder_name,
            iban=mask_iban(row.iban) if masked else row.iban,
            bic=row.bic,
            is_primary=row.is_primary,
            mandate_reference=row.mandate_reference,
            mandate_signed_on=row.mandate_signed_on,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        masked = not info.context.viewer.is_staff
        rows = await reads.bank_accounts_by_id(info.context, keys)
        return nodes_of(rows, lambda row: cls.from_row(row, masked=masked))


@strawberry.type(description="A family quotient value with its source and validity.")
class FamilyQuotient:
    value: int = strawberry.field(description="Quotient familial (euros).")
    source: QuotientSource = strawberry.field(description="CAF, MSA or entered by staff.")
    valid_from: dt.date = strawberry.field(description="First day of validity.")
    valid_to: dt.date | None = strawberry.field(description="Last day (null: open-ended).")

    @classmethod
    def from_row(cls, row: FamilyQuotientRow) -> Self:
        """Map a database row to the API type."""
        return cls(
            value=row.value, source=row.source, valid_from=row.valid_from, valid_to=row.valid_to
        )
