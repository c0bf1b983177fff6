"""The pain.008 file of a SEPA direct debit: the creditor (the town's régie), each
debit's entry (mandate reference, sequence type, end-to-end id) and the export validated
against the XSD.

The creditor comes from the tenant's settings:
``{"sepaCreditor": {"name": …, "iban": …, "bic": …, "creditorId": "FR12ZZZ123456"}}``.

Separate from ``direct_debit`` (which invoices are debited, the batch, its mails and
payments) because this is the bank's format: functions of the settings, the family's
account and sepaxml, with no session, which can be read and tested without the workflow.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sepaxml
from sepaxml import SepaDD
from sepaxml.validation import ValidationError

from domain.payments.sepa_pretty import pretty_file
from models import BankAccount, Family, Invoice, Tenant

SEPA_SCHEMA = "pain.008.001.02"


@dataclass(frozen=True, slots=True)
class Creditor:
    """The régie as a SEPA creditor."""

    name: str
    iban: str
    bic: str
    creditor_id: str


def creditor_of(tenant: Tenant) -> Creditor | None:
    """The tenant's SEPA creditor settings, None when incomplete."""
    raw = (tenant.settings or {}).get("sepaCreditor")
    if not isinstance(raw, dict):
        return None
    values = [raw.get(k) for k in ("name", "iban", "bic", "creditorId")]
    if not all(isinstance(v, str) and v.strip() for v in values):
        return None
    name, iban, bic, creditor_id = (str(v).strip() for v in values)
    return Creditor(name, iban.replace(" ", "").upper(), bic.upper(), creditor_id.upper())


def mandate_reference(family: Family, account: BankAccount) -> str:
    """The stored mandate reference, else « subscriber code-bank account id »."""
    if account.mandate_reference:
        return account.mandate_reference
    return f"{family.subscriber_code or family.id}-{account.id}"[:35]


def _end_to_end_id(invoice: Invoice) -> str:
    return re.sub(r"[^A-Za-z0-9-]", "", f"FACT-{invoice.number}")[:35]


def add_debit(
    sepa: SepaDD,
    invoice: Invoice,
    account: BankAccount,
    *,
    mandate: str,
    amount_cents: int,
    first: bool,
    collection_date: dt.date,
    tenant_name: str,
) -> None:
    """Add to the file the debit of ``amount_cents`` for ``invoice`` from ``account`` under
    ``mandate`` — FRST for the mandate's first debit (``first``), RCUR after — described
    and identified by the invoice's number, so that the family's bank statement and the
    bank's return name the invoice."""
    payment: dict[str, Any] = {
        "name": account.holder_name,
        "IBAN": account.iban.replace(" ", "").upper(),
        "amount": amount_cents,
        "type": "FRST" if first else "RCUR",
        "collection_date": collection_date,
        "mandate_id": mandate,
        "mandate_date": account.mandate_signed_on or account.created_at.date(),
        "description": f"Facture {invoice.number} - {tenant_name}",
        "endtoend_id": _end_to_end_id(invoice),
    }
    if account.bic:
        payment["BIC"] = account.bic.upper()
    sepa.add_payment(payment)


@functools.cache
def _schema() -> Any:
    """The pain.008 XSD sepaxml validates against, loaded once per process (imported
    here, as sepaxml does: xmlschema patches ElementTree when imported)."""
    import xmlschema

    path = Path(sepaxml.__file__).parent / "schemas" / f"{SEPA_SCHEMA}.xsd"
    return xmlschema.XMLSchema(str(path))


def export_file(sepa: SepaDD) -> bytes:
    """The file as ``sepa.export(validate=True, pretty_print=True)`` writes it (the same
    bytes), validated against the same XSD — loaded once per process instead of once per
    file, and given the parsed tree rather than the text. Raises like sepaxml does.

    The indentation is written from sepaxml's tree (``sepa_pretty``) rather than by
    parsing the serialised file into a DOM and writing that back."""
    import xmlschema

    serialised = cast(bytes, sepa.export(validate=False, pretty_print=False))
    xml = pretty_file(sepa._xml, serialised)
    try:
        _schema().validate(ET.fromstring(xml))
    except xmlschema.XMLSchemaValidationError as exc:
        raise ValidationError("The output SEPA file contains validation errors.") from exc
    return xml
