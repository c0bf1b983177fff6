"""One builder per row kind, shared by the demo town and the test factories.

Each builder takes its parent rows (a child's family, a slot's activity…), derives what
follows from them (``tenant_id``, the activity of a slot, an invoice line's amount), adds
the row with the caller's ``values`` and flushes, so the row has its id when it returns.
Builders hold no defaults of their own beyond those derived fields and the rows a kind
always comes with (a child's authorizations and health record, a price list's brackets):
the demo states every value, the factories add test defaults on top. ``*_row``
functions build the same rows without writing them, for callers that write many rows in
one flush (the demo town).
"""

from __future__ import annotations

from seed.builders.billing import (
    add_invoice,
    add_invoice_line,
    add_payment,
    invoice_line_row,
    invoice_row,
    payment_row,
)
from seed.builders.bookings import (
    add_booking,
    add_message,
    add_registration,
    add_request,
    add_request_line,
    message_row,
    registration_row,
    request_line_row,
    request_row,
)
from seed.builders.catalogue import (
    activity_row,
    add_activity,
    add_calendar_period,
    add_establishment,
    add_price_list,
    add_school_year,
    add_slot,
    add_tenant,
    calendar_period_row,
    establishment_row,
    school_year_row,
    slot_row,
)
from seed.builders.families import (
    account_row,
    add_account,
    add_bank_account,
    add_child,
    add_family,
    add_guardian,
    add_quotient,
    bank_account_row,
    child_file_rows,
    child_row,
    family_row,
    guardian_row,
    quotient_row,
)
from seed.builders.rows import add

__all__ = [
    "account_row",
    "activity_row",
    "add",
    "add_account",
    "add_activity",
    "add_bank_account",
    "add_booking",
    "add_calendar_period",
    "add_child",
    "add_establishment",
    "add_family",
    "add_guardian",
    "add_invoice",
    "add_invoice_line",
    "add_message",
    "add_payment",
    "add_price_list",
    "add_quotient",
    "add_registration",
    "add_request",
    "add_request_line",
    "add_school_year",
    "add_slot",
    "add_tenant",
    "bank_account_row",
    "calendar_period_row",
    "child_file_rows",
    "child_row",
    "establishment_row",
    "family_row",
    "guardian_row",
    "invoice_line_row",
    "invoice_row",
    "message_row",
    "payment_row",
    "quotient_row",
    "registration_row",
    "request_line_row",
    "request_row",
    "school_year_row",
    "slot_row",
]
