"""Reservations and absences: places on slots, the booking rules, and parents' requests.

Modules (import them directly; this package imports nothing, so that ``domain.labels`` and
the staff side can use its pieces without cycles):

- ``capacity``: ``take_place`` / ``free_place``, the one path to a place (slot locked);
- ``codes``: rule codes (NOT_REGISTERED, CLOSED_DAY, DEADLINE_PASSED…) and outcomes;
- ``periods``: the days a request asks for, and the limits of one request;
- ``engine``: THE ordered list of booking rules (``RULES``), evaluated by request
  creation, its preview and the planning; ``rule_checks``: each rule's check and French
  sentence; ``state``: the facts and the occasion they judge; ``facts``: the rules' view
  of an activity, child and slot (and the one ``DeadlineRule`` builder);
  the calendar facts come from ``domain.calendar.facts`` (the one calendar loader);
- ``loading``: the facts the rules need, read in the request's transaction;
- ``rules``: shared pieces (French formats, eligibility, what an absence does);
- ``judging``: every date of a request judged by the engine (creation and preview);
- ``preview`` / ``preview_prices``: the dry run of a request, priced by the billing run;
- ``recording``: writing the dates that pass (pending, or applied at once);
- ``reports``: the date-by-date answer, kept for idempotent retries;
- ``mails``: the « Accusé d'enregistrement électronique »;
- ``requests``: ``create_booking_request``; ``cancel``: ``cancel_booking_request``;
- ``decisions/``: the staff side — inbox, accept/refuse, waiting list, attendance.
"""
