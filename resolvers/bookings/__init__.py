"""Application services of bookings: parents' reservation and absence requests
(``requests``) and staff decisions, waiting list and attendance (``decisions``)."""
