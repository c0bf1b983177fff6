"""The childcare certificate as a PDF (fpdf2): the tenant's header, the child, the amount
paid for childcare in the year, the invoices it comes from, in French formatting.

A Unicode font (DejaVu Sans, from the system) is used when present so « € » and accents
print as such; otherwise the built-in Helvetica is used with « EUR » for the euro sign.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from fpdf import FPDF

from domain.billing.formatting import date_long, euros
from domain.payments.certificates import Certificate
from models import Tenant

FONT_DIRS: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)


def _font_file(name: str) -> Path | None:
    for directory in FONT_DIRS:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


class _Document(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        regular, bold = _font_file("DejaVuSans.ttf"), _font_file("DejaVuSans-Bold.ttf")
        self.unicode = regular is not None and bold is not None
        if regular is not None and bold is not None:
            self.add_font("dejavu", "", str(regular))
            self.add_font("dejavu", "B", str(bold))
            self.family_name = "dejavu"
        else:
            self.family_name = "helvetica"
        self.set_auto_page_break(auto=True, margin=20)

    def text_of(self, value: str) -> str:
        if self.unicode:
            return value
        value = value.replace("€", "EUR").replace("\u202f", " ").replace("−", "-")
        return value.replace("’", "'").replace("–", "-").replace("«", '"').replace("»", '"')

    def write_line(self, value: str, *, size: float = 10, bold: bool = False, h: float = 6) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.multi_cell(0, h, self.text_of(value), new_x="LMARGIN", new_y="NEXT")


def certificate_pdf(
    certificate: Certificate, tenant: Tenant, *, payer_name: str | None, issued_on_label: str
) -> bytes:
    """The PDF bytes of one child's certificate for ``certificate.year``."""
    pdf = _Document()
    pdf.set_title(f"Attestation de frais de garde {certificate.year}")
    pdf.set_author(tenant.name)
    pdf.add_page()
    pdf.write_line(tenant.name, size=14, bold=True)
    pdf.write_line(tenant.service_name, size=11)
    if tenant.postal_address:
        pdf.write_line(tenant.postal_address, size=9)
    pdf.ln(10)
    pdf.write_line(
        f"Attestation de frais de garde – année {certificate.year}", size=15, bold=True, h=8
    )
    pdf.ln(4)
    child = certificate.child
    born = date_long(child.birth_date)
    who = f"{payer_name} " if payer_name else ""
    pdf.write_line(
        f"{tenant.service_name} de {tenant.name} atteste que la famille {who}a réglé, au cours "
        f"de l'année {certificate.year}, pour la garde de l'enfant {child.first_name} "
        f"{child.last_name}, né(e) le {born}, la somme de :",
        size=11,
    )
    pdf.ln(3)
    pdf.write_line(euros(certificate.amount_cents), size=16, bold=True, h=9)
    pdf.ln(3)
    pdf.write_line(
        "Montant des frais de garde effectivement payés dans l'année (accueils périscolaires "
        "et de loisirs), hors frais de repas et pénalités, pour un enfant de moins de 6 ans au "
        f"1er janvier {certificate.year}. Attestation délivrée pour servir et valoir ce que de "
        "droit (crédit d'impôt pour frais de garde).",
        size=9,
    )
    pdf.ln(6)
    if certificate.invoices:
        pdf.write_line("Détail par facture", size=11, bold=True)
        widths = (45, 45, 50, 50)
        heads = ("Facture", "Date", "Frais de garde", "Payé dans l'année")
        pdf.set_font(pdf.family_name, "B", 9)
        for width, head in zip(widths, heads, strict=True):
            pdf.cell(width, 7, pdf.text_of(head), border=1)
        pdf.ln()
        pdf.set_font(pdf.family_name, "", 9)
        for invoice in certificate.invoices:
            cells = (
                invoice.number,
                f"{invoice.issued_on:%d/%m/%Y}",
                euros(invoice.childcare_cents),
                euros(invoice.counted_cents),
            )
            for index, (width, value) in enumerate(zip(widths, cells, strict=True)):
                pdf.cell(width, 6, pdf.text_of(value), border=1, align="R" if index >= 2 else "L")
            pdf.ln()
    else:
        pdf.write_line("Aucun frais de garde réglé sur l'année.", size=10)
    pdf.ln(10)
    pdf.write_line(f"Fait le {issued_on_label}.", size=10)
    pdf.write_line(tenant.service_name, size=10)
    return bytes(pdf.output())
