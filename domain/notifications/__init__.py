"""Notifications: everything a family is told, on the channels it chose (docs/NOTIFICATIONS.md).

The package, one module per purpose:
- ``dispatch``: ``notify`` (and ``notify_many`` for bulk runs) — the one path a domain change
  takes to tell someone something: a ``Notification`` row and one outbox row per channel;
- ``channels``: which channels a recipient gets a kind on (the town's offer × preferences ×
  consents × push subscriptions);
- ``town_offer``: the tenant setting (channels offered per kind, quiet hours);
- ``quiet_hours``: when SMS and push rows created at night are sent;
- ``preferences``, ``consents``: what a parent reads and changes;
- ``short_text`` and ``gsm7``: the SMS/push texts of ``short_texts/`` and their 160-char check;
- ``history``: what was sent to a family, for staff.
"""
