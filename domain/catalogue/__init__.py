"""The catalogue's administration: establishments, activities and their rules, slots,
capacities and dated price lists, written by the town's administrators.

Every function here checks its input and raises ``DomainFailure`` (French messages, codes
of ``codes.py``) before the database could refuse it, writes an audit entry in the same
transaction, and never deletes what bookings or invoices already point at.
"""
