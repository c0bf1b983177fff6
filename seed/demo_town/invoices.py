"""Invoices: monthly billing runs from the bookings, invoice lines, payments."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from domain.calendar.french_calendar import add_working_days, public_holidays
from models.billing import (
    BillingRun,
    BillingRunStatus,
    Invoice,
    InvoiceLineKind,
    InvoiceStatus,
    LateAbsenceCharge,
    PaymentIntent,
    PaymentIntentStatus,
    PaymentMethod,
    UnbookedPresenceCharge,
)
from models.booking import Attendance, BookingStatus
from seed import builders
from seed.demo_town.activity_data import ACTIVITIES
from seed.demo_town.constants import _ONE_DAY
from seed.demo_town.dates import _add_months, _at
from seed.demo_town.family_data import FAMILIES
from seed.demo_town.people_data import FamilyData
from seed.demo_town.pricing import _Pricing, _round_cents
from seed.demo_town.story_data import (
    FIRST_INVOICE_SEQUENCE,
    GUIDE_OPERATION_NUMBER,
    GUIDE_PAYMENT_FAMILY,
    GUIDE_TRANSACTION,
    INVOICE_STORIES,
    USUAL_PAYMENT,
)
from seed.demo_town.town_data import CALENDAR_START, INVOICE_ISSUER


class _Invoices(_Pricing):
    """Monthly invoices of every billed month, and each family's payment story."""

    def _invoice_lines(
        self, family: str, month: dt.date
    ) -> list[tuple[str, str, InvoiceLineKind, str, int, int]]:
        """(child, activity, kind, label, quantity, unit price) for a family's month."""
        quantities: dict[tuple[str, str, InvoiceLineKind, int], int] = defaultdict(int)
        for (child, code, day), draft in self.bookings.items():
            if self.child_family[child] != family or (day.year, day.month) != (
                month.year,
                month.month,
            ):
                continue
            price = self.activity_data[code].price
            unit = self._unit_price(child, code, day)
            present = draft.attendance is Attendance.PRESENT
            if draft.status is BookingStatus.RESERVED and present:
                quantities[child, code, InvoiceLineKind.ATTENDANCE, unit] += 1
                rank = self._child_rank(child, code)
                reductions = [bp for since, bp in price.sibling_reductions if since <= rank]
                if reductions:
                    reduction = -_round_cents(Decimal(unit) * max(reductions) / 10000)
                    quantities[child, code, InvoiceLineKind.REDUCTION, reduction] += 1
            elif draft.status is BookingStatus.UNBOOKED and present:
                quantities[child, code, InvoiceLineKind.ATTENDANCE, unit] += 1
                if price.unbooked_charge is UnbookedPresenceCharge.FIXED_FEE:
                    penalty = price.unbooked_fee_cents
                elif price.unbooked_charge is UnbookedPresenceCharge.SURCHARGE_RATE:
                    penalty = _round_cents(Decimal(unit) * price.unbooked_rate_bp / 10000)
                else:
                    penalty = 0
                if penalty:
                    quantities[child, code, InvoiceLineKind.PENALTY, penalty] += 1
            elif draft.status is BookingStatus.ABSENT_BILLED and not draft.justified:
                if price.late_absence_charge is LateAbsenceCharge.FULL_PRICE:
                    charge = unit
                elif price.late_absence_charge is LateAbsenceCharge.FIXED_FEE:
                    charge = price.late_absence_fee_cents
                else:
                    charge = _round_cents(Decimal(unit) * price.late_absence_rate_bp / 10000)
                quantities[child, code, InvoiceLineKind.BILLED_ABSENCE, charge] += 1

        child_order = {c.key: i for i, c in enumerate(self.family_data[family].children)}
        activity_order = {a.code: i for i, a in enumerate(ACTIVITIES)}
        kind_order = list(InvoiceLineKind)
        lines = []
        for (child, code, kind, unit), quantity in sorted(
            quantities.items(),
            key=lambda kv: (
                child_order[kv[0][0]],
                activity_order[kv[0][1]],
                kind_order.index(kv[0][2]),
                kv[0][3],
            ),
        ):
            name = self.activity_data[code].name
            first_name = self.child_data[child].first_name
            label = {
                InvoiceLineKind.ATTENDANCE: f"{name} – {first_name}",
                InvoiceLineKind.BILLED_ABSENCE: f"{name} – absence facturée – {first_name}",
                InvoiceLineKind.PENALTY: f"{name} – présence sans réservation – {first_name}",
                InvoiceLineKind.REDUCTION: f"{name} – réduction fratrie – {first_name}",
                InvoiceLineKind.ADJUSTMENT: f"{name} – régularisation – {first_name}",
            }[kind]
            lines.append((child, code, kind, label, quantity, unit))
        return lines

    def _billing_months(self) -> list[tuple[dt.date, dt.date, dt.date]]:
        """(month, issued on, due on) of every month already billed by "today"."""
        holidays = {d for year in (2025, 2026, 2027) for d in public_holidays(year)}
        months: list[tuple[dt.date, dt.date, dt.date]] = []
        month = CALENDAR_START.replace(day=1)
        while True:
            following = _add_months(month, 1)
            issued = add_working_days(following.replace(day=5) - _ONE_DAY, 1, holidays)
            if issued > self.today:
                return months
            due = following.replace(day=calendar.monthrange(following.year, following.month)[1])
            months.append((month, issued, due))
            month = following

    async def _billing(self) -> None:
        months = self._billing_months()
        sequence = FIRST_INVOICE_SEQUENCE
        operation = GUIDE_OPERATION_NUMBER + 1
        for index, (month, issued, due) in enumerate(months):
            run = BillingRun(
                tenant_id=self.tenant_id,
                month=month,
                status=BillingRunStatus.COMPLETED,
                started_at=_at(issued, 6),
                finished_at=_at(issued, 6, 2),
            )
            self.session.add(run)
            await self.session.flush()
            invoices = 0
            for family in FAMILIES:
                lines = self._invoice_lines(family.key, month)
                total = sum(quantity * unit for *_, quantity, unit in lines)
                if not lines or total <= 0:
                    continue
                story = INVOICE_STORIES[family.key]
                age = len(months) - 1 - index  # 0 for the latest billed month
                chapter = story[age] if age < len(story) else USUAL_PAYMENT[family.key]
                payer = next(g for g in family.guardians if g.is_payer)
                invoice = builders.invoice_row(
                    self.families[family.key],
                    payer_guardian_id=self.guardians[payer.key].id,
                    billing_run_id=run.id,
                    number=f"{month:%Y-%m}-{sequence:04d}",
                    period_start=month,
                    period_end=_add_months(month, 1) - _ONE_DAY,
                    issued_on=issued,
                    due_on=due,
                    issuer=INVOICE_ISSUER,
                    total_cents=total,
                    status=InvoiceStatus.ISSUED,
                    created_at=_at(issued, 6, 1),
                )
                sequence += 1
                invoices += 1
                self.session.add(invoice)
                await self.session.flush()
                self.session.add_all(
                    builders.invoice_line_row(
                        invoice,
                        child=self.children[child],
                        activity=self.activities[code],
                        kind=kind,
                        label=label,
                        quantity=quantity,
                        unit_price_cents=unit,
                    )
                    for child, code, kind, label, quantity, unit in lines
                )
                operation = self._settle(invoice, family, chapter, operation)
            run.invoice_count = invoices

    def _settle(self, invoice: Invoice, family: FamilyData, chapter: str, operation: int) -> int:
        """Apply a payment story to an issued invoice; returns the next operation number."""
        total = invoice.total_cents
        if chapter == "TRANSMITTED":
            if invoice.due_on < self.today:
                invoice.status = InvoiceStatus.TRANSMITTED_TO_TREASURY
                invoice.transmitted_on = min(invoice.due_on + dt.timedelta(days=15), self.today)
            return operation
        if chapter == "ISSUED":
            return operation
        amount = total
        method = PaymentMethod.CARD
        provider_reference: str | None = None
        guide = family.key == GUIDE_PAYMENT_FAMILY and not self.guide_payment_made
        if chapter == "PAID_CARD" and guide:
            self.guide_payment_made = True
            paid_on = invoice.issued_on + dt.timedelta(days=4)
            number = str(GUIDE_OPERATION_NUMBER)
            provider_reference = GUIDE_TRANSACTION
        else:
            number = str(operation)
            operation += 1
            if chapter == "PAID_CARD":
                paid_on = invoice.issued_on + dt.timedelta(days=6)
                provider_reference = f"{(0x7A41C2 + 0x1B3F * operation) & 0xFFFFFF:06x}"
            elif chapter == "PAID_CHEQUE":
                paid_on = invoice.issued_on + dt.timedelta(days=9)
                method = PaymentMethod.CHEQUE
            elif chapter == "PAID_DEBIT":
                paid_on = invoice.issued_on + dt.timedelta(days=10)
                method = PaymentMethod.DIRECT_DEBIT
            else:
                assert chapter == "PARTIALLY_PAID", chapter
                paid_on = invoice.issued_on + dt.timedelta(days=12)
                method = PaymentMethod.CASH
                amount = total // 200 * 100  # about half, in whole euros
        if paid_on > self.today or not 0 < amount <= total:
            return operation
        if method is PaymentMethod.CARD:
            description = f"Règlement en ligne - Transaction n° {provider_reference}"
            self.session.add(
                PaymentIntent(
                    tenant_id=self.tenant_id,
                    invoice_id=invoice.id,
                    provider="payfip",
                    provider_reference=provider_reference,
                    amount_cents=amount,
                    status=PaymentIntentStatus.SUCCEEDED,
                    created_at=_at(paid_on, 20, 14),
                    completed_at=_at(paid_on, 20, 16),
                )
            )
        elif method is PaymentMethod.CHEQUE:
            description = f"Chèque n° {4872153 + operation % 1000} remis en mairie"
        elif method is PaymentMethod.DIRECT_DEBIT:
            assert family.bank_account is not None
            description = f"Prélèvement SEPA – mandat {family.bank_account.mandate_reference}"
        else:
            description = "Règlement en espèces à la régie"
        self.session.add(
            builders.payment_row(
                invoice,
                method=method,
                amount_cents=amount,
                paid_on=paid_on,
                operation_number=number,
                description=description,
                provider_reference=provider_reference,
                created_at=_at(paid_on, 20, 16),
            )
        )
        invoice.status = InvoiceStatus.PAID if amount == total else InvoiceStatus.PARTIALLY_PAID
        return operation
