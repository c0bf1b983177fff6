"""The payments capability (régie): payments recorded against invoices (``ledger``), online
payment through a provider, SEPA direct debit, transmission to the treasury, childcare
certificates."""
