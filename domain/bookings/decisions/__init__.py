"""Staff's side of reservation and absence requests: decisions on lines, waiting-list
promotion, attendance marking, and the messages' read state of « Mes demandes ».

Submodules are imported explicitly (``domain.bookings.decisions.decide`` …): this package's
``__init__`` stays empty so that ``domain.labels`` can import the list's state groups
without importing the decision code (which itself uses the labels).
"""
