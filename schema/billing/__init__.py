"""GraphQL of billing: invoices and credit notes (``types``), billing runs, credit notes and
certificates (``invoicing``); the payments are their own slice, ``schema.payments``."""
