"""Inputs, payloads and error codes of the document mutations (documentUpload,
documentAccept, documentRefuse, absenceJustificationUpload), apart from the resolvers so
that each module keeps one purpose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.file_uploads import Upload

from domain.documents.absence_justification import AbsenceJustificationUploadErrorCode
from domain.documents.files import (
    DocumentAcceptErrorCode,
    DocumentRefuseErrorCode,
    DocumentUploadErrorCode,
)
from models.document import DocumentType
from schema.documents.types import Document
from schema.errors import error_code_enum

if TYPE_CHECKING:
    from schema.requests.lines import Booking


# --- documentUpload ----------------------------------------------------------------------


error_code_enum(DocumentUploadErrorCode, description="Why a document was not stored.")


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


error_code_enum(DocumentAcceptErrorCode, description="Why a document could not be accepted.")


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


error_code_enum(DocumentRefuseErrorCode, description="Why a document could not be refused.")


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


error_code_enum(
    AbsenceJustificationUploadErrorCode,
    description="Why a justification of absence was not stored.",
)


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
    booking: Annotated[Booking, strawberry.lazy("schema.requests.lines")] | None = strawberry.field(
        description="The absence, now linked to its justification."
    )
    errors: list[AbsenceJustificationUploadError] = strawberry.field(
        description="Problems, if any (then nothing was stored)."
    )
