"""The document mutations: a family's upload (« Mes documents ») and the justification of a
billed absence (parents and staff), the collectivity's review (staff).

Contents are never part of the graph: uploads come as GraphQL multipart requests and
downloads go through ``GET /{tenant}/documents/{id}``.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry import relay

from domain.documents.absence_justification import AbsenceJustificationUploadErrorCode
from domain.documents.files import (
    DocumentAcceptErrorCode,
    DocumentRefuseErrorCode,
    DocumentUploadErrorCode,
    IncomingFile,
)
from kernel.results import DomainFailure
from resolvers import documents as actions
from schema.documents.payloads import (
    AbsenceJustificationUploadError,
    AbsenceJustificationUploadInput,
    AbsenceJustificationUploadPayload,
    DocumentAcceptError,
    DocumentAcceptInput,
    DocumentAcceptPayload,
    DocumentRefuseError,
    DocumentRefuseInput,
    DocumentRefusePayload,
    DocumentUploadError,
    DocumentUploadInput,
    DocumentUploadPayload,
)
from schema.documents.types import Document
from schema.errors import PublicError, payload_errors
from schema.ids import decode_pk, input_pk
from schema.permissions import ParentOrStaff, Staff
from schema.requests.lines import Booking


def _document_pk(global_id: relay.GlobalID) -> int:
    pk = decode_pk(global_id, "Document", "document")
    assert pk is not None  # a required argument
    return pk


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
        "from the content; the document awaits review by the collectivity.",
        permission_classes=[ParentOrStaff],
    )
    async def document_upload(
        self,
        info: strawberry.Info,
        input: Annotated[DocumentUploadInput, strawberry.argument(description="The document.")],
    ) -> DocumentUploadPayload:
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
        "with documentAccept (the absence becomes free) or documentRefuse (it stays billed).",
        permission_classes=[ParentOrStaff],
    )
    async def absence_justification_upload(
        self,
        info: strawberry.Info,
        input: Annotated[
            AbsenceJustificationUploadInput,
            strawberry.argument(description="The absence and the file."),
        ],
    ) -> AbsenceJustificationUploadPayload:
        booking_pk = input_pk(input.booking, "Booking")
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
        "absence: the absence becomes free, ABSENT instead of ABSENT_BILLED).",
        permission_classes=[Staff],
    )
    async def document_accept(
        self,
        info: strawberry.Info,
        input: Annotated[DocumentAcceptInput, strawberry.argument(description="The document.")],
    ) -> DocumentAcceptPayload:
        try:
            row = await actions.accept_document(info.context, _document_pk(input.document))
        except DomainFailure as failure:
            return DocumentAcceptPayload(
                document=None,
                errors=payload_errors(failure, DocumentAcceptError, DocumentAcceptErrorCode),
            )
        return DocumentAcceptPayload(document=Document.from_row(row), errors=[])

    @strawberry.mutation(
        description="Staff: refuse a submitted document, with the reason shown to the family.",
        permission_classes=[Staff],
    )
    async def document_refuse(
        self,
        info: strawberry.Info,
        input: Annotated[
            DocumentRefuseInput, strawberry.argument(description="The document and reason.")
        ],
    ) -> DocumentRefusePayload:
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
