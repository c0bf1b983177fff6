"""Application services of « Mes demandes » and the staff inbox: request lists and
messages (``lists``), request lines and bookings (``lines``)."""
