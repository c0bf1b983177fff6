"""Reservation and absence requests in the domain, with an explicit ``now`` so that
deadlines are meaningful."""
