"""CSV export of any report, for French spreadsheets.

Format: UTF-8 with a byte-order mark (so Excel detects the encoding), ``;`` as separator
and decimal commas (French Excel's defaults), CRLF line ends, one header line in French,
then one line per group (suppressed groups are not written: their number is given apart,
as the ``X-Suppressed-Groups`` HTTP header or on the CLI's standard error). Keys come first
(dates ISO 8601, weeks « 2026-W03 », months « 2026-03 », names and French labels), then
the count and the measures; amounts in euros with two decimals.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from domain.labels import LABELS
from domain.reporting.query import Dimension, QfBracket, ReportGroup, ReportResult
from models.billing import InvoiceStatus, PaymentMethod
from models.booking import BookingStatus
from models.request import RequestStatus, RequestType

BOM = "\ufeff"

KEY_HEADERS = {
    Dimension.DAY: "Jour",
    Dimension.WEEK: "Semaine ISO",
    Dimension.MONTH: "Mois",
    Dimension.ACTIVITY: "Activité",
    Dimension.ESTABLISHMENT: "Établissement",
    Dimension.GRADE: "Niveau",
    Dimension.STATUS: "Statut",
    Dimension.QF_BRACKET: "Tranche de QF",
    Dimension.REQUEST_TYPE: "Type de demande",
    Dimension.PAYMENT_METHOD: "Moyen de paiement",
    Dimension.AGE_BAND: "Tranche d'âge",
}

# Per report: (header of count, [(measure, header, kind)]) — kind: int, rate, hours, euros.
COLUMNS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "occupancy": (
        "Occurrences",
        [
            ("reserved", "Places réservées", "int"),
            ("capacity", "Capacité", "int"),
            ("waiting_list", "Liste d'attente", "int"),
            ("occupancy_rate", "Taux d'occupation", "rate"),
            ("max_reserved", "Pic de réservations", "int"),
            ("max_waiting_list", "Pic de liste d'attente", "int"),
            ("max_occupancy_rate", "Taux d'occupation maximal", "rate"),
        ],
    ),
    "attendance": (
        "Réservations",
        [
            ("children", "Enfants", "int"),
            ("present", "Présents", "int"),
            ("absent", "Absents", "int"),
            ("absent_billed", "Absences facturées", "int"),
            ("present_without_booking", "Présents sans réservation", "int"),
            ("attendance_rate", "Taux de présence", "rate"),
        ],
    ),
    "requests": (
        "Demandes",
        [
            ("families", "Familles", "int"),
            ("in_progress", "En cours", "int"),
            ("accepted", "Acceptées", "int"),
            ("partially_accepted", "Partiellement acceptées", "int"),
            ("refused", "Refusées", "int"),
            ("cancelled", "Annulées", "int"),
            ("decided", "Traitées", "int"),
            ("decided_within_48h", "Traitées en 48 h", "int"),
            ("decided_within_48h_share", "Part traitée en 48 h", "rate"),
            ("median_hours", "Délai médian (h)", "hours"),
            ("p90_hours", "Délai 90e centile (h)", "hours"),
        ],
    ),
    "billing": (
        "Factures",
        [
            ("families", "Familles", "int"),
            ("invoiced_cents", "Facturé (€)", "euros"),
            ("paid_cents", "Payé (€)", "euros"),
            ("remaining_cents", "Reste à payer (€)", "euros"),
            ("transmitted_cents", "Transmis au Trésor public (€)", "euros"),
        ],
    ),
    "payments": (
        "Règlements",
        [("families", "Familles", "int"), ("amount_cents", "Montant (€)", "euros")],
    ),
    "children": ("Enfants", [("families", "Familles", "int")]),
    "caf": ("Présences", [("children", "Enfants", "int"), ("hours", "Heures", "hours")]),
}

_STATUS_ENUMS: dict[str, type] = {
    "attendance": BookingStatus,
    "requests": RequestStatus,
    "billing": InvoiceStatus,
}


def _number(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "euros":
        cents = int(value)
        sign = "-" if cents < 0 else ""
        return f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"
    if kind in ("rate", "hours"):
        return f"{float(value):.4f}".rstrip("0").rstrip(".").replace(".", ",") or "0"
    return str(int(value))


def _label(enum_cls: type | None, value: str) -> str:
    if enum_cls is None:
        return value
    return LABELS.get(enum_cls, {}).get(value, value)


def _key(report: str, dimension: Dimension, group: ReportGroup) -> str:
    value = group.keys.get(dimension)
    if value is None:
        return ""
    if dimension is Dimension.WEEK:
        year, week, _ = value.isocalendar()
        return f"{year}-W{week:02d}"
    if dimension is Dimension.MONTH:
        return f"{value:%Y-%m}"
    if dimension is Dimension.DAY:
        return str(value.isoformat())
    if dimension in (Dimension.ACTIVITY, Dimension.ESTABLISHMENT):
        return group.names.get(dimension) or str(value)
    if isinstance(value, QfBracket):
        return value.label
    if dimension is Dimension.STATUS:
        return _label(_STATUS_ENUMS.get(report), str(value))
    if dimension is Dimension.REQUEST_TYPE:
        return _label(RequestType, str(value))
    if dimension is Dimension.PAYMENT_METHOD:
        return _label(PaymentMethod, str(value))
    return _label(type(value), str(value.value)) if hasattr(value, "value") else str(value)


def to_csv(result: ReportResult) -> str:
    """The report as a French-Excel-friendly CSV document (BOM included)."""
    count_header, measures = COLUMNS[result.name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [KEY_HEADERS[d] for d in result.group_by] + [count_header] + [h for _, h, _ in measures]
    )
    for group in result.groups:
        writer.writerow(
            [_key(result.name, d, group) for d in result.group_by]
            + [str(group.count)]
            + [_number(group.values.get(m), kind) for m, _, kind in measures]
        )
    return BOM + buffer.getvalue()
