"""GraphQL of requests: « Mes demandes » and the staff inbox (``lists``), request lines and
bookings (``lines``)."""
