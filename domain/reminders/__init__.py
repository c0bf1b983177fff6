"""Reminders computed by the worker (issue 16, item 3): one module per rule, one runner.

Each rule reads, at an instant ``now`` and in the tenant's time zone, who must be reminded
of what and returns ``ReminderIntent`` values (pure reads, nothing written); the runner
(``runner.run_reminders``) sends each through ``domain.notifications.dispatch.notify`` with
a dedupe key ``<rule>:<thing>:<date>:<recipient>``, so a second run, or a second worker at
the same moment, writes nothing more. The rules:

- ``booking_deadline``: next week's booking deadline is tomorrow and nothing is booked;
- ``absence_justification``: a billed absence can still be justified for a day or two;
- ``invoice_due``: an invoice is due within five days and something is left to pay;
- ``document_missing``: a document staff refused has not been sent again.
"""
