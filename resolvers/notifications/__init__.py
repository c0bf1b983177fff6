"""Application services of notifications: Web Push subscriptions (``push``)."""
