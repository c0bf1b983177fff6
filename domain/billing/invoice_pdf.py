"""The PDF of an invoice or credit note (fpdf2): the tenant's header, the family, French
dates (« 5 janvier 2026 ») and euros (« 1 234,56 € »), the lines and the totals.

A Unicode TrueType font (DejaVu Sans) is used when the system has one; otherwise the PDF
falls back to Helvetica, whose Latin-1 encoding lacks « € », « – » and narrow spaces, so
those are written « EUR », « - » and plain spaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from domain.billing.formatting import date_long, euros

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)
_LATIN1_FALLBACK = {
    "€": "EUR",
    "–": "-",
    "—": "-",
    "−": "-",
    "\u202f": " ",
    "’": "'",
    "œ": "oe",
    "Œ": "OE",
    "…": "...",
}


@dataclass(frozen=True, slots=True)
class PdfLine:
    """A printed line."""

    label: str
    quantity: int
    unit_price_cents: int
    amount_cents: int


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    """Everything printed on an invoice, detached from the database."""

    tenant_name: str
    service_name: str
    tenant_address: str | None
    issuer: str
    is_credit_note: bool
    number: str
    credited_number: str | None
    credit_reason: str | None
    issued_on: dt.date
    due_on: dt.date
    period_start: dt.date
    period_end: dt.date
    family_name: str
    subscriber_code: str | None
    payer_name: str | None
    payer_address: tuple[str, ...]
    lines: tuple[PdfLine, ...]
    total_cents: int
    paid_cents: int
    credited_cents: int
    status_label: str

    @property
    def remaining_cents(self) -> int:
        """What is left to pay (0 for a credit note)."""
        if self.is_credit_note:
            return 0
        return max(self.total_cents - self.paid_cents - self.credited_cents, 0)


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        font = next((p for p in FONT_CANDIDATES if p.exists()), None)
        self.unicode = font is not None
        if font is not None:
            self.add_font("body", "", str(font))
            bold = font.with_name("DejaVuSans-Bold.ttf")
            self.add_font("body", "B", str(bold if bold.exists() else font))
            self.family_name = "body"
        else:
            self.family_name = "helvetica"

    def text_of(self, value: str) -> str:
        if self.unicode:
            return value
        for char, replacement in _LATIN1_FALLBACK.items():
            value = value.replace(char, replacement)
        return value.encode("latin-1", "replace").decode("latin-1")

    def write_cell(
        self, width: float, text: str, *, bold: bool = False, size: int = 10, align: str = "L"
    ) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.cell(width, 6, self.text_of(text), align=align)

    def fitted(self, text: str, width: float, size: int = 9) -> str:
        """``text`` shortened with « … » to fit ``width`` mm at ``size`` points."""
        self.set_font(self.family_name, "", size)
        value = self.text_of(text)
        if self.get_string_width(value) <= width:
            return text
        while text and self.get_string_width(self.text_of(text + "…")) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def write_line(self, text: str, *, bold: bool = False, size: int = 10) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.multi_cell(0, 5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")


def _money(cents: int) -> str:
    return euros(cents)


def render_invoice_pdf(doc: InvoiceDocument, *, compress: bool = True) -> bytes:
    """The PDF bytes of an invoice or a credit note (``compress=False``: readable streams,
    for tests)."""
    pdf = _Pdf()
    pdf.set_compression(compress)
    pdf.set_title(f"{'Avoir' if doc.is_credit_note else 'Facture'} {doc.number}")
    pdf.set_author(doc.tenant_name)
    pdf.set_creator("Créneau")
    pdf.set_creation_date(dt.datetime.combine(doc.issued_on, dt.time(12), dt.UTC))
    pdf.add_page()
    pdf.set_auto_page_break(auto=True, margin=20)

    # Header: the collectivity and its cash office.
    pdf.write_line(doc.tenant_name, bold=True, size=14)
    pdf.write_line(doc.service_name)
    if doc.tenant_address:
        pdf.write_line(doc.tenant_address)
    pdf.write_line(doc.issuer)
    pdf.ln(6)

    # Addressee.
    pdf.set_x(110)
    pdf.write_line(f"Famille {doc.family_name}", bold=True)
    for text in (doc.payer_name, *doc.payer_address):
        if text:
            pdf.set_x(110)
            pdf.write_line(text)
    if doc.subscriber_code:
        pdf.set_x(110)
        pdf.write_line(f"Code abonné : {doc.subscriber_code}")
    pdf.ln(6)

    title = "AVOIR" if doc.is_credit_note else "FACTURE"
    pdf.write_line(f"{title} n° {doc.number}", bold=True, size=16)
    if doc.is_credit_note and doc.credited_number:
        pdf.write_line(f"Sur la facture n° {doc.credited_number}")
    if doc.credit_reason:
        pdf.write_line(f"Motif : {doc.credit_reason}")
    pdf.write_line(f"Date d'émission : {date_long(doc.issued_on)}")
    if not doc.is_credit_note:
        pdf.write_line(f"Date d'échéance : {date_long(doc.due_on)}")
    pdf.write_line(f"Période : du {date_long(doc.period_start)} au {date_long(doc.period_end)}")
    pdf.write_line(f"Statut : {doc.status_label}")
    pdf.ln(4)

    widths = (100, 20, 35, 35)
    for width, heading, align in zip(
        widths, ("Désignation", "Quantité", "Prix unitaire", "Montant"), "LRRR", strict=True
    ):
        pdf.write_cell(width, heading, bold=True, align=align)
    pdf.ln(7)
    for line in doc.lines:
        pdf.write_cell(widths[0], pdf.fitted(line.label, widths[0] - 2), size=9)
        pdf.write_cell(widths[1], str(line.quantity), align="R", size=9)
        pdf.write_cell(widths[2], _money(line.unit_price_cents), align="R", size=9)
        pdf.write_cell(widths[3], _money(line.amount_cents), align="R", size=9)
        pdf.ln(6)
    pdf.ln(4)

    totals: list[tuple[str, int]] = [("Total", doc.total_cents)]
    if not doc.is_credit_note:
        totals += [
            ("Déjà réglé", doc.paid_cents),
            ("Avoirs", doc.credited_cents),
            ("Reste à payer", doc.remaining_cents),
        ]
    for caption, cents in totals:
        pdf.set_x(110)
        pdf.write_cell(45, caption, bold=caption in ("Total", "Reste à payer"))
        pdf.write_cell(35, _money(cents), bold=caption in ("Total", "Reste à payer"), align="R")
        pdf.ln(6)
    pdf.ln(6)
    if not doc.is_credit_note:
        pdf.write_line(
            "Règlement en ligne depuis votre Espace Famille avant la date d'échéance, par "
            "prélèvement, ou auprès de la régie (chèque, espèces, CESU). Passé l'échéance, "
            "la facture est transmise au Trésor public.",
            size=9,
        )
    return bytes(pdf.output())


def document_lines(
    lines: Sequence[tuple[str, int, int, int]],
) -> tuple[PdfLine, ...]:
    """(label, quantity, unit price, amount) tuples as printed lines."""
    return tuple(PdfLine(*line) for line in lines)
