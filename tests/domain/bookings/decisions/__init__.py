"""Staff's side of reservations and absences in the domain.

Each action runs in its own transaction, as the resolvers run it, so a refused action is
checked to leave nothing behind.
"""
