"""Billing: monthly invoices September to February, their lines, payments and intents."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from models.activity import ActivityCategory
from models.billing import (
    BillingRunStatus,
    InvoiceKind,
    InvoiceLineKind,
    InvoiceStatus,
    LateAbsenceCharge,
    PaymentIntentStatus,
    PaymentMethod,
    UnbookedPresenceCharge,
)
from models.booking import Attendance, BookingStatus
from seed.synthetic.base import _BuilderBase
from seed.synthetic.constants import (
    _ONE_DAY,
    BILLED_MONTHS,
    BILLING_END,
    REFERENCE_TODAY,
    TOWN_NAME,
)
from seed.synthetic.names import _words
from seed.synthetic.plan import _Activity, _Child, _Family
from seed.synthetic.values import _at, _pick_status


class _Billing(_BuilderBase):
    """Invoices computed from the pointed bookings, and how each one was paid."""

    def _invoices(self) -> None:
        """Monthly invoices September to February from the pointed bookings, and payments."""
        rng = self.rng
        month_of: dict[dt.date, dt.date] = {}
        counts: dict[tuple[int, int, dt.date], list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in self.bookings:
            day = row["date"]
            if day >= BILLING_END:
                continue
            status = row["status"]
            month = month_of.get(day)
            if month is None:
                month = month_of[day] = day.replace(day=1)
            if status is BookingStatus.ABSENT_BILLED:
                counts[(row["child_id"], row["activity_id"], month)][1] += 1
            elif row["attendance"] is Attendance.PRESENT:
                entry = counts[(row["child_id"], row["activity_id"], month)]
                entry[0] += 1
                if status is BookingStatus.UNBOOKED:
                    entry[2] += 1
        activities = sorted(self.activities, key=lambda a: a.row["sort_order"])
        # Sibling rank per family and activity: eldest first.
        ranks: dict[tuple[int, int], int] = {}
        for family in self.families:
            eldest_first = sorted(family.children, key=lambda c: c.birth_date)
            for activity in activities:
                rank = 0
                for child in eldest_first:
                    if activity.id in child.registrations:
                        rank += 1
                        ranks[(child.id, activity.id)] = rank
        month_names = _words(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        )
        payment_seq = 0
        issuer = f"Régie Enfance – Mairie de {TOWN_NAME}"
        for month in BILLED_MONTHS:
            next_month = (month + dt.timedelta(days=32)).replace(day=1)
            issued = next_month.replace(day=5)
            due = issued + dt.timedelta(days=30)
            run_id = self._id("billing_run")
            invoice_count = 0
            for family in self.families:
                qf = family.quotient_on(month)
                lines: list[dict[str, Any]] = []
                for child in family.children:
                    for activity in activities:
                        found = counts.get((child.id, activity.id, month))
                        if found is None:
                            continue
                        present, billed, unbooked = found
                        price = activity.price
                        pai = child.pai and activity.category is ActivityCategory.MEAL
                        unit = price.unit(qf, family.resident, pai)
                        if present:
                            lines.append(
                                self._line(
                                    child, activity, InvoiceLineKind.ATTENDANCE, present, unit
                                )
                            )
                        if billed:
                            if price.late_charge is LateAbsenceCharge.FIXED_FEE:
                                fee = price.late_fee
                            elif price.late_charge is LateAbsenceCharge.RATE:
                                fee = (unit * price.late_rate_bp + 5000) // 10000
                            else:
                                fee = unit
                            lines.append(
                                self._line(
                                    child, activity, InvoiceLineKind.BILLED_ABSENCE, billed, fee
                                )
                            )
                        if unbooked and price.unbooked_charge is not UnbookedPresenceCharge.NONE:
                            if price.unbooked_charge is UnbookedPresenceCharge.FIXED_FEE:
                                fee = price.unbooked_fee
                            else:
                                fee = (unit * price.unbooked_rate_bp + 5000) // 10000
                            lines.append(
                                self._line(child, activity, InvoiceLineKind.PENALTY, unbooked, fee)
                            )
                        reduction = price.sibling_reduction
                        rank = ranks.get((child.id, activity.id), 0)
                        if present and reduction is not None and rank >= reduction[0] and not pai:
                            lines.append(
                                self._line(
                                    child,
                                    activity,
                                    InvoiceLineKind.REDUCTION,
                                    present,
                                    -((unit * reduction[1] + 5000) // 10000),
                                )
                            )
                total = sum(line["amount_cents"] for line in lines)
                if total <= 0:
                    continue
                invoice_count += 1
                invoice_id = self._id("invoice")
                for line in lines:
                    line["id"] = self._id("invoice_line")
                    line["tenant_id"] = self.tenant_id
                    line["invoice_id"] = invoice_id
                self.rows["invoice_line"].extend(lines)
                status, paid = self._invoice_outcome(family, total, due)
                self.rows["invoice"].append(
                    {
                        "id": invoice_id,
                        "tenant_id": self.tenant_id,
                        "family_id": family.id,
                        "payer_guardian_id": family.payer_guardian_id,
                        "billing_run_id": run_id,
                        "kind": InvoiceKind.INVOICE,
                        "credited_invoice_id": None,
                        "number": f"{month.year}-{month.month:02d}-{invoice_count:04d}",
                        "period_start": month,
                        "period_end": next_month - _ONE_DAY,
                        "issued_on": issued,
                        "due_on": due,
                        "issuer": issuer,
                        "total_cents": total,
                        "status": status,
                        "transmitted_on": due + dt.timedelta(days=30)
                        if status is InvoiceStatus.TRANSMITTED_TO_TREASURY
                        else None,
                        "created_at": _at(issued, 2, 10),
                    }
                )
                for amount, method in paid:
                    payment_seq += 1
                    self._payment(
                        family,
                        invoice_id,
                        amount,
                        method,
                        issued,
                        due,
                        payment_seq,
                        f"{month_names[month.month - 1]} {month.year}",
                    )
                if (
                    status is InvoiceStatus.ISSUED
                    and not family.direct_debit
                    and rng.random() < 0.1
                ):
                    payment_seq += 1
                    self._add(
                        "payment_intent",
                        invoice_id=invoice_id,
                        provider="payfip",
                        provider_reference=f"payfip-{self.slug}-{payment_seq:07d}",
                        amount_cents=total,
                        status=rng.choice(
                            (PaymentIntentStatus.FAILED, PaymentIntentStatus.EXPIRED)
                        ),
                        created_at=_at(min(due, REFERENCE_TODAY - _ONE_DAY), 21),
                        completed_at=_at(min(due, REFERENCE_TODAY - _ONE_DAY), 21, 20),
                    )
            self.rows["billing_run"].append(
                {
                    "id": run_id,
                    "tenant_id": self.tenant_id,
                    "month": month,
                    "status": BillingRunStatus.COMPLETED,
                    "started_at": _at(issued, 2),
                    "finished_at": _at(issued, 2, 25),
                    "invoice_count": invoice_count,
                }
            )

    @staticmethod
    def _line(
        child: _Child, activity: _Activity, kind: InvoiceLineKind, quantity: int, unit: int
    ) -> dict[str, Any]:
        label = {
            InvoiceLineKind.ATTENDANCE: "",
            InvoiceLineKind.BILLED_ABSENCE: "Absences facturées ",
            InvoiceLineKind.PENALTY: "Majoration présence sans réservation ",
            InvoiceLineKind.REDUCTION: "Réduction fratrie ",
        }[kind] + f"{activity.name} – {child.first_name}"
        return {
            "child_id": child.id,
            "activity_id": activity.id,
            "kind": kind,
            "label": label[:200],
            "quantity": quantity,
            "unit_price_cents": unit,
            "amount_cents": quantity * unit,
        }

    def _invoice_outcome(
        self, family: _Family, total: int, due: dt.date
    ) -> tuple[InvoiceStatus, list[tuple[int, PaymentMethod]]]:
        """Invoice status and payments: most paid, some partly, some unpaid or with the treasury."""
        rng = self.rng
        if family.direct_debit:
            if due < REFERENCE_TODAY and rng.random() < 0.97:
                return InvoiceStatus.PAID, [(total, PaymentMethod.DIRECT_DEBIT)]
            late = due + dt.timedelta(days=30) < REFERENCE_TODAY
            if due < REFERENCE_TODAY and late:
                return InvoiceStatus.TRANSMITTED_TO_TREASURY, []
            return InvoiceStatus.ISSUED, []
        method = _pick_status(
            rng,
            (
                (PaymentMethod.CARD, 60),
                (PaymentMethod.CHEQUE, 20),
                (PaymentMethod.TRANSFER, 8),
                (PaymentMethod.CASH, 6),
                (PaymentMethod.CESU, 6),
            ),
        )
        if due < REFERENCE_TODAY:
            draw = rng.random()
            if draw < 0.88:
                return InvoiceStatus.PAID, [(total, method)]
            if draw < 0.93 and total > 1:
                part = max(1, total * rng.randint(30, 70) // 100)
                return InvoiceStatus.PARTIALLY_PAID, [(part, method)]
            if draw < 0.97 and due + dt.timedelta(days=30) < REFERENCE_TODAY:
                return InvoiceStatus.TRANSMITTED_TO_TREASURY, []
            return InvoiceStatus.ISSUED, []
        draw = rng.random()
        if draw < 0.55:
            return InvoiceStatus.PAID, [(total, method)]
        if draw < 0.60 and total > 1:
            return InvoiceStatus.PARTIALLY_PAID, [(max(1, total // 2), method)]
        return InvoiceStatus.ISSUED, []

    def _payment(
        self,
        family: _Family,
        invoice_id: int,
        amount: int,
        method: PaymentMethod,
        issued: dt.date,
        due: dt.date,
        seq: int,
        month_label: str,
    ) -> None:
        rng = self.rng
        if method is PaymentMethod.DIRECT_DEBIT:
            paid_on = due
        else:
            last = min(due, REFERENCE_TODAY - _ONE_DAY)
            paid_on = issued + dt.timedelta(days=rng.randint(0, max(0, (last - issued).days)))
        descriptions = {
            PaymentMethod.CARD: "Paiement en ligne par carte bancaire",
            PaymentMethod.DIRECT_DEBIT: "Prélèvement SEPA",
            PaymentMethod.CHEQUE: f"Chèque n° {rng.randrange(10**7):07d}",
            PaymentMethod.CASH: "Espèces – régie",
            PaymentMethod.CESU: "Chèques emploi service universel (CESU)",
            PaymentMethod.TRANSFER: "Virement bancaire",
        }
        reference = f"payfip-{self.slug}-{seq:07d}" if method is PaymentMethod.CARD else None
        self._add(
            "payment",
            invoice_id=invoice_id,
            family_id=family.id,
            method=method,
            amount_cents=amount,
            paid_on=paid_on,
            operation_number=f"{paid_on:%Y%m%d}-{seq:07d}",
            description=f"{descriptions[method]} – facture {month_label}",
            provider_reference=reference,
            recorded_by_account_id=None if method is PaymentMethod.CARD else self.staff_account_id,
            created_at=_at(paid_on, 12),
        )
        if reference is not None:
            self._add(
                "payment_intent",
                invoice_id=invoice_id,
                provider="payfip",
                provider_reference=reference,
                amount_cents=amount,
                status=PaymentIntentStatus.SUCCEEDED,
                created_at=_at(paid_on, 11, 55),
                completed_at=_at(paid_on, 11, 58),
            )
