"""Billing: prices, the monthly billing run, invoices, credit notes (invoicing) and
payments, direct debit, treasury, certificates (payments)."""
