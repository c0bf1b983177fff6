"""Family documents (« Mes documents »): the ``Document`` node and how a family's or a
child's documents are read. The mutations (documentUpload, documentAccept, documentRefuse,
absenceJustificationUpload) live in ``schema.documents.mutations``.

Contents are never part of the graph: a document exposes ``downloadUrl``, served by
``GET /{tenant}/documents/{id}`` with the same bearer token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.labels import label
from models import Document as DocumentRow
from models.document import DocumentStatus, DocumentType
from resolvers import documents as actions
from resolvers.family import reads as family_reads
from schema.family import Child, Family
from schema.nodes import ScopedNode, nodes_of

if TYPE_CHECKING:
    from schema.family import Child, Family

DocumentTypeEnum = strawberry.enum(
    DocumentType, description="Kind of document (RIB, attestation CAF, carnet de vaccination…)."
)
DocumentStatusEnum = strawberry.enum(
    DocumentStatus, description="Review of a document by the collectivity."
)


@strawberry.type(description="A document uploaded to a family file (« Mes documents »).")
class Document(ScopedNode):
    pk: relay.NodeID[int]
    family_pk: strawberry.Private[int]
    child_pk: strawberry.Private[int | None]
    type: DocumentType = strawberry.field(description="Kind of document.")
    type_label: str = strawberry.field(description="French label of the kind.")
    filename: str = strawberry.field(
        description="File name, cleaned, with the extension of its real format."
    )
    content_type: str = strawberry.field(
        description="Format detected from the content: application/pdf, image/jpeg, image/png."
    )
    size_bytes: int = strawberry.field(description="Size in bytes.")
    sha256: str = strawberry.field(description="SHA-256 of the content (hex), to check a copy.")
    status: DocumentStatus = strawberry.field(description="Review state.")
    status_label: str = strawberry.field(description="French label of the review state.")
    refusal_reason: str | None = strawberry.field(
        description="Why the collectivity refused it (for the family)."
    )
    uploaded_at: dt.datetime = strawberry.field(description="When it was uploaded.")
    reviewed_at: dt.datetime | None = strawberry.field(
        description="When it was accepted or refused."
    )

    @classmethod
    def from_row(cls, row: DocumentRow) -> Self:
        """Map a database row to the API type (never the storage key)."""
        return cls(
            pk=row.id,
            family_pk=row.family_id,
            child_pk=row.child_id,
            type=row.type,
            type_label=label(row.type),
            filename=row.filename,
            content_type=row.content_type,
            size_bytes=row.size_bytes,
            sha256=row.sha256,
            status=row.status,
            status_label=label(row.status),
            refusal_reason=row.refusal_reason,
            uploaded_at=row.uploaded_at,
            reviewed_at=row.reviewed_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        return nodes_of(await actions.documents_by_id(info.context, keys), cls.from_row)

    @strawberry.field(
        description="Relative URL of the file: GET it with the same `Authorization: Bearer` "
        "header (the family and staff only)."
    )
    def download_url(self, info: strawberry.Info) -> str:
        global_id = str(relay.GlobalID("Document", str(self.pk)))
        return actions.download_path(info.context.tenant.slug, global_id)

    @strawberry.field(description="The child the document is about (null: the whole family).")
    async def child(
        self, info: strawberry.Info
    ) -> Annotated[Child, strawberry.lazy("schema.family")] | None:
        if self.child_pk is None:
            return None
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None

    @strawberry.field(description="The family file the document belongs to.")
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family")] | None:
        (row,) = await family_reads.families_by_id(info.context, [self.family_pk])
        return Family.from_row(row) if row is not None else None


async def family_documents(info: strawberry.Info, family_pk: int) -> list[Document]:
    """``Family.documents``: newest first, batched across families."""
    return [Document.from_row(r) for r in await actions.documents_of(info.context, family_pk)]


async def child_photo(info: strawberry.Info, child_pk: int) -> Document | None:
    """``Child.photo``: the latest accepted photo of the child."""
    row = await actions.child_photo_of(info.context, child_pk)
    return Document.from_row(row) if row is not None else None
