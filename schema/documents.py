"""Family documents (« Mes documents »): the ``Document`` node and the mutations
documentUpload (GraphQL multipart request), documentAccept and documentRefuse, and
absenceJustificationUpload (the justification of a billed absence, reviewed like any
document: accepting it makes the absence free).

Contents are never part of the graph: a document exposes ``downloadUrl``, served by
``GET /{tenant}/documents/{id}`` with the same bearer token.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Self

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from domain.documents import IncomingFile
from domain.labels import label
from kernel.results import DomainFailure
from models import Document as DocumentRow
from models.document import DocumentStatus, DocumentType
from resolvers import documents as actions
from resolvers import family as family_reads
from resolvers.nodes import parse_pk, rows_for_nodes
from schema.errors import PublicError, forbidden, payload_errors, unauthenticated
from schema.inputs import decode_pk

if TYPE_CHECKING:
    from schema.family import Child, Family
    from schema.request_lines import Booking

DocumentTypeEnum = strawberry.enum(
    DocumentType, description="Kind of document (RIB, attestation CAF, carnet de vaccination…)."
)
DocumentStatusEnum = strawberry.enum(
    DocumentStatus, description="Review of a document by the collectivity."
)


@strawberry.type(description="A document uploaded to a family file (« Mes documents »).")
class Document(relay.Node):
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
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: strawberry.Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Self | None]:
        rows = await rows_for_nodes(
            node_ids, lambda ids: actions.documents_by_id(info.context, ids)
        )
        return [cls.from_row(row) if row is not None else None for row in rows]

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
        from schema.family import Child

        if self.child_pk is None:
            return None
        (row,) = await family_reads.children_by_id(info.context, [self.child_pk])
        return Child.from_row(row) if row is not None else None

    @strawberry.field(description="The family file the document belongs to.")
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family")] | None:
        from schema.family import Family

        (row,) = await family_reads.families_by_id(info.context, [self.family_pk])
        return Family.from_row(row) if row is not None else None


async def family_documents(info: strawberry.Info, family_pk: int) -> list[Document]:
    """``Family.documents``: newest first, batched across families."""
    return [Document.from_row(r) for r in await actions.documents_of(info.context, family_pk)]


async def child_photo(info: strawberry.Info, child_pk: int) -> Document | None:
    """``Child.photo``: the latest accepted photo of the child."""
    row = await actions.child_photo_of(info.context, child_pk)
    return Document.from_row(row) if row is not None else None


def _staff_only(info: strawberry.Info) -> None:
    viewer = info.context.viewer
    if viewer.is_anonymous:
        raise unauthenticated()
    if not viewer.is_staff:
        raise forbidden()


def _document_pk(global_id: relay.GlobalID) -> int:
    pk = decode_pk(global_id, "Document", "document")
    assert pk is not None  # a required argument
    return pk


# --- documentUpload ----------------------------------------------------------------------


@strawberry.enum(description="Why a document was not stored.")
class DocumentUploadErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    CHILD_REQUIRED = "CHILD_REQUIRED"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"
    EMPTY_FILE = "EMPTY_FILE"


@strawberry.type(description="A problem with documentUpload's input.")
class DocumentUploadError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: DocumentUploadErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="A document to add to a family file.")
class DocumentUploadInput:
    family: relay.GlobalID = strawberry.field(
        description="The family file (a parent: their own; staff: any of the collectivity)."
    )
    child: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The child it is about, for child documents (required for a photo).",
    )
    type: DocumentType = strawberry.field(description="Kind of document.")
    file: Upload = strawberry.field(
        description="The file, sent as a GraphQL multipart request (with the "
        "`x-creneau-csrf: 1` header): PDF, JPEG or PNG, at most the configured size "
        "(10 MiB by default)."
    )


@strawberry.type(description="Result of documentUpload.")
class DocumentUploadPayload:
    document: Document | None = strawberry.field(description="The stored document.")
    errors: list[DocumentUploadError] = strawberry.field(description="Problems, if any.")


# --- documentAccept / documentRefuse -------------------------------------------------------


@strawberry.enum(description="Why a document could not be accepted.")
class DocumentAcceptErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"


@strawberry.type(description="A problem with documentAccept.")
class DocumentAcceptError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: DocumentAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The document to accept.")
class DocumentAcceptInput:
    document: relay.GlobalID = strawberry.field(description="A submitted document.")


@strawberry.type(description="Result of documentAccept.")
class DocumentAcceptPayload:
    document: Document | None = strawberry.field(description="The accepted document.")
    errors: list[DocumentAcceptError] = strawberry.field(description="Problems, if any.")


@strawberry.enum(description="Why a document could not be refused.")
class DocumentRefuseErrorCode(enum.Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID_STATE = "INVALID_STATE"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"


@strawberry.type(description="A problem with documentRefuse.")
class DocumentRefuseError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: DocumentRefuseErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The document to refuse, and why.")
class DocumentRefuseInput:
    document: relay.GlobalID = strawberry.field(description="A submitted document.")
    reason: str = strawberry.field(
        description="Why, in French, for the family (at most 1,000 characters)."
    )


@strawberry.type(description="Result of documentRefuse.")
class DocumentRefusePayload:
    document: Document | None = strawberry.field(description="The refused document.")
    errors: list[DocumentRefuseError] = strawberry.field(description="Problems, if any.")


# --- absenceJustificationUpload ----------------------------------------------------------


@strawberry.enum(description="Why a justification of absence was not stored.")
class AbsenceJustificationUploadErrorCode(enum.Enum):
    ALREADY_SUBMITTED = "ALREADY_SUBMITTED"
    DEADLINE_PASSED = "DEADLINE_PASSED"
    EMPTY_FILE = "EMPTY_FILE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    JUSTIFICATION_NOT_ACCEPTED = "JUSTIFICATION_NOT_ACCEPTED"
    NOT_BILLED = "NOT_BILLED"
    NOT_FOUND = "NOT_FOUND"
    UNSUPPORTED_FILE_TYPE = "UNSUPPORTED_FILE_TYPE"


@strawberry.type(description="A problem with absenceJustificationUpload's input.")
class AbsenceJustificationUploadError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AbsenceJustificationUploadErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The justification of a billed absence (medical certificate).")
class AbsenceJustificationUploadInput:
    booking: relay.GlobalID = strawberry.field(
        description="The billed absence (a Booking ABSENT_BILLED; the planning's "
        "occurrence gives its ID)."
    )
    file: Upload = strawberry.field(
        description="The file, sent as a GraphQL multipart request (with the "
        "`x-creneau-csrf: 1` header): PDF, JPEG or PNG."
    )


@strawberry.type(description="Result of absenceJustificationUpload.")
class AbsenceJustificationUploadPayload:
    document: Document | None = strawberry.field(
        description="The stored justification, awaiting review (documentAccept makes the "
        "absence free, documentRefuse leaves it billed)."
    )
    booking: Annotated[Booking, strawberry.lazy("schema.request_lines")] | None = strawberry.field(
        description="The absence, now linked to its justification."
    )
    errors: list[AbsenceJustificationUploadError] = strawberry.field(
        description="Problems, if any (then nothing was stored)."
    )


def _incoming_file(value: Any) -> IncomingFile:
    if not callable(getattr(value, "read", None)):
        raise PublicError(
            "« file » doit être un fichier envoyé en requête multipart (GraphQL multipart request)."
        )
    incoming: IncomingFile = value
    return incoming


@strawberry.type(description="Document mutations.")
class DocumentMutations:
    @strawberry.mutation(
        description="Upload a document to a family file (« Mes documents »): a GraphQL "
        "multipart request carrying the `x-creneau-csrf: 1` header. The format is checked "
        "from the content; the document awaits review by the collectivity."
    )
    async def document_upload(
        self,
        info: strawberry.Info,
        input: Annotated[DocumentUploadInput, strawberry.argument(description="The document.")],
    ) -> DocumentUploadPayload:
        viewer = info.context.viewer
        if viewer.is_anonymous:
            raise unauthenticated()
        if not (viewer.is_parent or viewer.is_staff):
            raise forbidden()
        family_pk = decode_pk(input.family, "Family", "family")
        assert family_pk is not None  # a required argument
        child_pk = decode_pk(input.child, "Child", "child")
        file = _incoming_file(input.file)
        try:
            row = await actions.upload_document(
                info.context,
                family_id=family_pk,
                child_id=child_pk,
                document_type=input.type,
                file=file,
            )
        except DomainFailure as failure:
            return DocumentUploadPayload(
                document=None,
                errors=payload_errors(failure, DocumentUploadError, DocumentUploadErrorCode),
            )
        return DocumentUploadPayload(document=Document.from_row(row), errors=[])

    @strawberry.mutation(
        description="Send the justification of a billed absence (absence declared after the "
        "cancellation deadline), within the activity's delay after the absent date: a GraphQL "
        "multipart request carrying the `x-creneau-csrf: 1` header. Staff then review it "
        "with documentAccept (the absence becomes free) or documentRefuse (it stays billed)."
    )
    async def absence_justification_upload(
        self,
        info: strawberry.Info,
        input: Annotated[
            AbsenceJustificationUploadInput,
            strawberry.argument(description="The absence and the file."),
        ],
    ) -> AbsenceJustificationUploadPayload:
        from schema.request_lines import Booking

        viewer = info.context.viewer
        if viewer.is_anonymous:
            raise unauthenticated()
        if not (viewer.is_parent or viewer.is_staff):
            raise forbidden()
        booking_pk = (
            parse_pk(input.booking.node_id) if input.booking.type_name == "Booking" else None
        )
        file = _incoming_file(input.file)
        try:
            submitted = await actions.submit_justification(info.context, booking_pk, file)
        except DomainFailure as failure:
            return AbsenceJustificationUploadPayload(
                document=None,
                booking=None,
                errors=payload_errors(
                    failure, AbsenceJustificationUploadError, AbsenceJustificationUploadErrorCode
                ),
            )
        return AbsenceJustificationUploadPayload(
            document=Document.from_row(submitted.document),
            booking=Booking.from_row(submitted.booking),
            errors=[],
        )

    @strawberry.mutation(
        description="Staff: accept a submitted document (for the justification of a billed "
        "absence: the absence becomes free, ABSENT instead of ABSENT_BILLED)."
    )
    async def document_accept(
        self,
        info: strawberry.Info,
        input: Annotated[DocumentAcceptInput, strawberry.argument(description="The document.")],
    ) -> DocumentAcceptPayload:
        _staff_only(info)
        try:
            row = await actions.accept_document(info.context, _document_pk(input.document))
        except DomainFailure as failure:
            return DocumentAcceptPayload(
                document=None,
                errors=payload_errors(failure, DocumentAcceptError, DocumentAcceptErrorCode),
            )
        return DocumentAcceptPayload(document=Document.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: refuse a submitted document, with the reason shown to the family."
    )
    async def document_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[
            DocumentRefuseInput, strawberry.argument(description="The document and reason.")
        ],
    ) -> DocumentRefusePayload:
        _staff_only(info)
        try:
            row = await actions.refuse_document(
                info.context, _document_pk(input.document), input.reason
            )
        except DomainFailure as failure:
            return DocumentRefusePayload(
                document=None,
                errors=payload_errors(failure, DocumentRefuseError, DocumentRefuseErrorCode),
            )
        return DocumentRefusePayload(document=Document.from_row(row), errors=[])
