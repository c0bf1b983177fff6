"""Outbox delivery: SMTP and file backends, the sender loop and its settings."""
