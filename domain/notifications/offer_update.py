"""notificationSettingsUpdate: an administrator changes the town's offer and quiet hours.

Partial like the other settings: the kinds given replace their channels, the others keep
theirs; quiet hours are changed only when given (``None`` turns them off). Everything is
checked before anything is written, and one audit entry
« collectivity.notification_settings_changed » records what changed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import diff, record_change
from domain.notifications.quiet_hours import QuietHours
from domain.notifications.town_offer import (
    CONFIGURABLE_KINDS,
    MANDATORY_CHANNELS,
    SETTINGS_KEY,
    TownOffer,
    read_offer,
    stored_offer,
)
from kernel.results import DomainFailure, Problem
from models import Tenant
from models.notification import NotificationChannel, NotificationKind


class Keep(enum.Enum):
    """Quiet hours not given: left as they are."""

    KEEP = "KEEP"


KEEP: Final = Keep.KEEP


@dataclass(frozen=True, slots=True)
class KindOffer:
    """The channels the town offers for one kind."""

    kind: NotificationKind
    channels: frozenset[NotificationChannel]


def _problems(kinds: Sequence[KindOffer], quiet_hours: QuietHours | Keep | None) -> list[Problem]:
    problems = []
    seen: set[NotificationKind] = set()
    for index, item in enumerate(kinds):
        field = ("offer", str(index))
        if item.kind not in CONFIGURABLE_KINDS:
            problems.append(
                Problem(
                    "NOT_CONFIGURABLE",
                    "Les messages du compte (activation, mot de passe) partent toujours par mail.",
                    (*field, "kind"),
                )
            )
        elif item.kind in seen:
            problems.append(
                Problem("DUPLICATE_KIND", "Ce type de message est donné deux fois.", field)
            )
        elif not MANDATORY_CHANNELS.get(item.kind, frozenset()) <= item.channels:
            problems.append(
                Problem(
                    "MAIL_REQUIRED",
                    "Les informations de la commune partent toujours au moins par mail.",
                    (*field, "channels"),
                )
            )
        seen.add(item.kind)
    if isinstance(quiet_hours, QuietHours) and quiet_hours.start == quiet_hours.end:
        problems.append(
            Problem(
                "INVALID_QUIET_HOURS",
                "Le début et la fin des heures calmes doivent être différents.",
                ("quietHours",),
            )
        )
    return problems


def _as_dict(offer: TownOffer) -> Mapping[str, Any]:
    stored = stored_offer(offer)
    return {**stored["channels"], "quietHours": stored["quietHours"]}


async def update_offer(
    session: AsyncSession,
    *,
    tenant_id: int,
    actor_account_id: int | None,
    kinds: Sequence[KindOffer] = (),
    quiet_hours: QuietHours | Keep | None = KEEP,
) -> TownOffer:
    """Check, then write the offer (``kinds``) and ``quiet_hours`` (``KEEP``: unchanged,
    None: none) with an audit entry of what changed. DomainFailure: nothing written."""
    problems = _problems(kinds, quiet_hours)
    if problems:
        raise DomainFailure(problems)
    tenant = await session.get_one(Tenant, tenant_id, with_for_update=True)
    before = read_offer(tenant)
    channels = {kind: before.offered(kind) for kind in CONFIGURABLE_KINDS}
    channels.update({item.kind: item.channels for item in kinds})
    quiet = before.quiet_hours if isinstance(quiet_hours, Keep) else quiet_hours
    after = TownOffer(channels=channels, quiet_hours=quiet)
    tenant.settings = {**(tenant.settings or {}), SETTINGS_KEY: stored_offer(after)}
    old, new = diff(_as_dict(before), _as_dict(after))
    if new:
        record_change(
            session,
            tenant_id=tenant_id,
            actor_account_id=actor_account_id,
            action="collectivity.notification_settings_changed",
            object_type="Tenant",
            object_id=tenant_id,
            before=old,
            after=new,
        )
    await session.flush()
    return after
