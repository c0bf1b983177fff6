"""Reservations and absences: places on slots, the booking rules, and parents' requests.

Modules (import them directly; this package imports nothing, so that ``domain.labels`` and
the staff side can use its pieces without cycles):

- ``capacity``: ``take_place`` / ``free_place``, the one path to a place (slot locked);
- ``codes``: rule codes (NOT_REGISTERED, CLOSED_DAY, DEADLINE_PASSED…) and outcomes;
- ``periods``: the days a request asks for, and the limits of one request;
- ``loading``: the facts the rules need, read in the request's transaction;
- ``rules``: the rules themselves, pure, with their French explanations;
- ``recording``: writing the dates that pass (pending, or applied at once);
- ``reports``: the date-by-date answer, kept for idempotent retries;
- ``mails``: the « Accusé d'enregistrement électronique »;
- ``requests``: ``create_booking_request``; ``cancel``: ``cancel_booking_request``.
"""
