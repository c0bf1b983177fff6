"""The town's offer: which channels it uses for each kind of notification, and its quiet hours.

Stored in ``tenant.settings["notifications"]``::

    {"channels": {"REQUEST_DECIDED": ["MAIL", "PUSH"], ...},
     "quietHours": {"start": "20:00", "end": "08:00"}}   # null: no quiet hours

A kind absent from ``channels`` has the default offer: mail and Web Push (both free for the
town); SMS is offered only once the town turns it on (each SMS is paid, and needs a provider
configured). A channel the town does not offer is never used, whatever the preference.
``ACCOUNT`` notifications are always mail only, and ``TOWN_NOTICE`` always includes mail:
neither can be configured away. Quiet hours default to 20:00–08:00 local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from domain.notifications.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from models import Tenant
from models.notification import NotificationChannel, NotificationKind

SETTINGS_KEY: Final = "notifications"
CHANNELS_KEY: Final = "channels"
QUIET_HOURS_KEY: Final = "quietHours"

MAIL, SMS, PUSH = NotificationChannel.MAIL, NotificationChannel.SMS, NotificationChannel.PUSH
# The kinds a town and a parent choose channels for (ACCOUNT is always mail only).
CONFIGURABLE_KINDS: Final[tuple[NotificationKind, ...]] = tuple(
    k for k in NotificationKind if k is not NotificationKind.ACCOUNT
)
DEFAULT_CHANNELS: Final = frozenset({MAIL, PUSH})
# Channels a kind always has, whatever the town and the parent choose.
MANDATORY_CHANNELS: Final[Mapping[NotificationKind, frozenset[NotificationChannel]]] = {
    NotificationKind.ACCOUNT: frozenset({MAIL}),
    NotificationKind.TOWN_NOTICE: frozenset({MAIL}),
}


@dataclass(frozen=True, slots=True)
class TownOffer:
    """What a town offers: the channels of each kind and its quiet hours (None: none)."""

    channels: Mapping[NotificationKind, frozenset[NotificationChannel]]
    quiet_hours: QuietHours | None

    def offered(self, kind: NotificationKind) -> frozenset[NotificationChannel]:
        """The channels ``kind`` may travel on in this town."""
        if kind is NotificationKind.ACCOUNT:
            return MANDATORY_CHANNELS[kind]
        return self.channels.get(kind, DEFAULT_CHANNELS) | MANDATORY_CHANNELS.get(kind, frozenset())

    def offers(self, kind: NotificationKind, channel: NotificationChannel) -> bool:
        """Whether the town sends ``kind`` on ``channel`` to those who want it."""
        return channel in self.offered(kind)


def _time(raw: object) -> dt.time | None:
    if not isinstance(raw, str):
        return None
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        return None


def _quiet_hours(stored: Mapping[str, Any]) -> QuietHours | None:
    if QUIET_HOURS_KEY not in stored:
        return DEFAULT_QUIET_HOURS
    raw = stored[QUIET_HOURS_KEY]
    if not isinstance(raw, Mapping):
        return None
    start, end = _time(raw.get("start")), _time(raw.get("end"))
    if start is None or end is None:
        return DEFAULT_QUIET_HOURS
    return QuietHours(start, end)


def read_offer(tenant: Tenant) -> TownOffer:
    """The town's offer as stored, with the defaults for what it never set; unknown kinds
    or channels in the stored JSON are ignored rather than failing a notification."""
    stored = (tenant.settings or {}).get(SETTINGS_KEY)
    if not isinstance(stored, Mapping):
        stored = {}
    channels: dict[NotificationKind, frozenset[NotificationChannel]] = {}
    raw_channels = stored.get(CHANNELS_KEY)
    if isinstance(raw_channels, Mapping):
        for raw_kind, raw_list in raw_channels.items():
            if raw_kind not in NotificationKind.__members__ or not isinstance(raw_list, list):
                continue
            channels[NotificationKind(raw_kind)] = frozenset(
                NotificationChannel(c) for c in raw_list if c in NotificationChannel.__members__
            )
    return TownOffer(channels=channels, quiet_hours=_quiet_hours(stored))


def stored_offer(offer: TownOffer) -> dict[str, Any]:
    """The JSON ``read_offer`` reads back: every configurable kind written out."""
    quiet = offer.quiet_hours
    return {
        CHANNELS_KEY: {
            kind.value: sorted(c.value for c in offer.offered(kind)) for kind in CONFIGURABLE_KINDS
        },
        QUIET_HOURS_KEY: None
        if quiet is None
        else {"start": f"{quiet.start:%H:%M}", "end": f"{quiet.end:%H:%M}"},
    }
