"""The collectivity's notification offer: ``notificationSettings`` (staff) and
``notificationSettingsUpdate`` (administrators) — which channels each kind of message may
travel on, and the quiet hours during which SMS and push wait."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from domain.labels import label
from domain.notifications.codes import NotificationSettingsUpdateErrorCode
from domain.notifications.offer_update import KEEP, Keep, KindOffer
from domain.notifications.quiet_hours import QuietHours as QuietHoursValue
from domain.notifications.town_offer import CONFIGURABLE_KINDS, MANDATORY_CHANNELS, TownOffer
from kernel.results import DomainFailure
from models.notification import NotificationChannel, NotificationKind
from resolvers.notifications import settings as actions
from schema.administration.partial import UNSET_DOC
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.notifications.enums import published
from schema.permissions import Admin, Staff

published(NotificationChannel, "How a notification travels: mail, SMS or Web Push.")
published(NotificationKind, "What a notification is about (the unit of preferences).")
error_code_enum(
    NotificationSettingsUpdateErrorCode,
    description="Why notificationSettingsUpdate was refused.",
)


@strawberry.type(description="The channels the collectivity offers for one kind of message.")
class NotificationKindOffer:
    kind: NotificationKind = strawberry.field(description="What the messages are about.")
    kind_label: str = strawberry.field(description="« Demande traitée », « Rappel »…")
    channels: list[NotificationChannel] = strawberry.field(
        description="The channels families may choose for it."
    )
    mandatory_channels: list[NotificationChannel] = strawberry.field(
        description="Those always used (a notice of the town always goes by mail)."
    )


@strawberry.type(description="When SMS and push wait (local time); mail is never delayed.")
class QuietHours:
    start: dt.time = strawberry.field(description="Start (« 20:00 »).")
    end: dt.time = strawberry.field(description="End (« 08:00 »), the next day when earlier.")


@strawberry.type(description="How the collectivity notifies families.")
class NotificationSettings:
    offer: list[NotificationKindOffer] = strawberry.field(
        description="Per kind of message, the channels offered (SMS is off until turned on: "
        "each SMS is paid, and the server needs an SMS provider)."
    )
    quiet_hours: QuietHours | None = strawberry.field(
        description="Quiet hours (null: none; default 20:00–08:00)."
    )

    @classmethod
    def from_offer(cls, offer: TownOffer) -> NotificationSettings:
        """The API view of the town's offer."""
        quiet = offer.quiet_hours
        return cls(
            offer=[
                NotificationKindOffer(
                    kind=kind,
                    kind_label=label(kind),
                    channels=sorted(offer.offered(kind)),
                    mandatory_channels=sorted(MANDATORY_CHANNELS.get(kind, frozenset())),
                )
                for kind in CONFIGURABLE_KINDS
            ],
            quiet_hours=None if quiet is None else QuietHours(start=quiet.start, end=quiet.end),
        )


@strawberry.input(description="The channels offered for one kind of message.")
class NotificationKindOfferInput:
    kind: NotificationKind = strawberry.field(description="What the messages are about.")
    channels: list[NotificationChannel] = strawberry.field(
        description="Every channel offered (the notices of the town must include MAIL)."
    )


@strawberry.input(description="Quiet hours, local time.")
class QuietHoursInput:
    start: dt.time = strawberry.field(description="Start (« 20:00 »).")
    end: dt.time = strawberry.field(description="End (« 08:00 »): different from the start.")


@strawberry.input(description="Changes to the notification settings.")
class NotificationSettingsUpdateInput:
    offer: list[NotificationKindOfferInput] = strawberry.field(
        default_factory=list,
        description="The kinds whose channels change (the others stay as they are).",
    )
    quiet_hours: QuietHoursInput | None = strawberry.field(
        default=strawberry.UNSET, description="Quiet hours (null: none)" + UNSET_DOC + "."
    )

    def quiet(self) -> QuietHoursValue | Keep | None:
        """The domain's value: KEEP when absent, None to turn them off."""
        if self.quiet_hours is strawberry.UNSET:
            return KEEP
        if self.quiet_hours is None:
            return None
        return QuietHoursValue(self.quiet_hours.start, self.quiet_hours.end)


@strawberry.type(description="A problem with notificationSettingsUpdate's input.")
class NotificationSettingsUpdateError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: NotificationSettingsUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of notificationSettingsUpdate.")
class NotificationSettingsUpdatePayload:
    settings: NotificationSettings | None = strawberry.field(
        description="The settings after the update; null when there are errors."
    )
    errors: list[NotificationSettingsUpdateError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Reading the notification settings.")
class NotificationSettingsQueries:
    @strawberry.field(
        description="How the collectivity notifies families: channels per kind, quiet hours.",
        permission_classes=[Staff],
    )
    async def notification_settings(self, info: strawberry.Info) -> NotificationSettings:
        return NotificationSettings.from_offer(await actions.notification_settings(info.context))


@strawberry.type(description="Changing the notification settings.")
class NotificationSettingsMutations:
    @strawberry.mutation(
        description="Administrators: change the channels offered per kind of message and "
        "the quiet hours (nothing is written if one is invalid); recorded in the audit trail.",
        permission_classes=[Admin],
    )
    async def notification_settings_update(
        self,
        info: strawberry.Info,
        input: Annotated[
            NotificationSettingsUpdateInput, strawberry.argument(description="The changes.")
        ],
    ) -> NotificationSettingsUpdatePayload:
        kinds = [KindOffer(o.kind, frozenset(o.channels)) for o in input.offer]
        try:
            offer = await actions.update_notification_settings(info.context, kinds, input.quiet())
        except DomainFailure as failure:
            return NotificationSettingsUpdatePayload(
                settings=None,
                errors=payload_errors(
                    failure, NotificationSettingsUpdateError, NotificationSettingsUpdateErrorCode
                ),
            )
        return NotificationSettingsUpdatePayload(
            settings=NotificationSettings.from_offer(offer), errors=[]
        )
