"""Notifications: everything a family is told, on the channels it chose (docs/NOTIFICATIONS.md).

The package, one module per purpose:
- ``dispatch``: ``notify`` (and ``notify_many`` for bulk runs) — the one path a domain change
  takes to tell someone something: a ``Notification`` row and one outbox row per channel;
- ``recipients``: recipients from an account or a family's guardians, the portal's links;
- ``channels``: which channels a recipient gets a kind on (the town's offer × preferences ×
  consents × push subscriptions);
- ``town_offer`` and ``offer_update``: the tenant setting (channels offered per kind, quiet
  hours), read and changed; ``quiet_hours``: when SMS and push rows created at night go;
- ``preferences``, ``consents``: what a parent reads and changes; ``codes``, ``labels``: their
  error codes and the enums' French labels;
- ``short_text`` and ``gsm7``: the SMS/push texts of ``short_texts/`` and their 160-septet
  check;
- ``push_subscriptions``: the browsers a parent's app registered for Web Push.
"""
