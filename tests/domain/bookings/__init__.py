"""Bookings in the domain: the parents' requests and the staff's decisions."""
