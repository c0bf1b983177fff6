"""GraphQL of bookings: reservation and absence requests and their previews (``requests``,
``preview``), staff decisions, waiting list and attendance (``decisions``)."""
