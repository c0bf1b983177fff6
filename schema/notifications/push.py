"""Web Push for the parent's app: ``webPushPublicKey`` (the key to subscribe with),
``pushSubscriptionRegister`` (what ``PushManager.subscribe`` returned) and
``pushSubscriptionUnregister``.

The app subscribes with ``applicationServerKey: webPushPublicKey`` and registers the
result; pushes then carry a JSON payload ``{title, body, link, kind, notificationId}``
(docs/NOTIFICATIONS.md). A null key means this server sends no Web Push.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from domain.notifications.push_subscriptions import (
    PushSubscriptionRegisterErrorCode,
    PushSubscriptionUnregisterErrorCode,
)
from kernel.results import DomainFailure
from models import PushSubscription as PushSubscriptionRow
from resolvers.notifications import push as actions
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.permissions import Parent, Public

error_code_enum(
    PushSubscriptionRegisterErrorCode, description="Why a push subscription was refused."
)
error_code_enum(
    PushSubscriptionUnregisterErrorCode, description="Why a push subscription could not end."
)


@strawberry.type(description="A browser or phone the parent's app registered for Web Push.")
class PushSubscription:
    endpoint: str = strawberry.field(description="The push service URL of the subscription.")
    user_agent: str | None = strawberry.field(description="The browser that registered it.")
    created_at: dt.datetime = strawberry.field(description="When it was first registered.")
    revoked_at: dt.datetime | None = strawberry.field(
        description="When it ended (unregistered, or gone from the push service); null: live."
    )

    @classmethod
    def from_row(cls, row: PushSubscriptionRow) -> PushSubscription:
        """The API view of a stored subscription."""
        return cls(
            endpoint=row.endpoint,
            user_agent=row.user_agent,
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )


@strawberry.input(description="The keys of a push subscription (``subscription.toJSON().keys``).")
class PushSubscriptionKeysInput:
    p256dh: str = strawberry.field(
        description="The browser's P-256 public key, base64url (65 bytes, uncompressed)."
    )
    auth: str = strawberry.field(description="The browser's auth secret, base64url (16 bytes).")


@strawberry.input(description="What ``PushManager.subscribe`` returned, to register.")
class PushSubscriptionRegisterInput:
    endpoint: str = strawberry.field(description="The push service URL (https).")
    keys: PushSubscriptionKeysInput = strawberry.field(description="Its encryption keys.")
    user_agent: str | None = strawberry.field(
        default=None, description="A label of the browser (default: the request's User-Agent)."
    )


@strawberry.type(description="A problem with pushSubscriptionRegister's input.")
class PushSubscriptionRegisterError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: PushSubscriptionRegisterErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of pushSubscriptionRegister.")
class PushSubscriptionRegisterPayload:
    subscription: PushSubscription | None = strawberry.field(
        description="The subscription, live (created, or updated when already registered)."
    )
    errors: list[PushSubscriptionRegisterError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="The subscription to end.")
class PushSubscriptionUnregisterInput:
    endpoint: str = strawberry.field(description="Its push service URL, as registered.")


@strawberry.type(description="A problem with pushSubscriptionUnregister.")
class PushSubscriptionUnregisterError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: PushSubscriptionUnregisterErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of pushSubscriptionUnregister.")
class PushSubscriptionUnregisterPayload:
    subscription: PushSubscription | None = strawberry.field(
        description="The subscription, ended (« revokedAt » set)."
    )
    errors: list[PushSubscriptionUnregisterError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Web Push queries.")
class PushQueries:
    @strawberry.field(
        description="The server's VAPID public key (base64url), the ``applicationServerKey`` "
        "the parent's app subscribes with; null when this server sends no Web Push.",
        permission_classes=[Public],
    )
    def web_push_public_key(self, info: strawberry.Info) -> str | None:
        return actions.public_key(info.context)


@strawberry.type(description="Web Push mutations.")
class PushMutations:
    @strawberry.mutation(
        description="Parent: register this browser for Web Push (idempotent per endpoint: "
        "registering again updates the keys). Records the dated consent to Web Push; "
        "notifications then reach the browser according to the preferences.",
        permission_classes=[Parent],
    )
    async def push_subscription_register(
        self,
        info: strawberry.Info,
        input: Annotated[
            PushSubscriptionRegisterInput, strawberry.argument(description="The subscription.")
        ],
    ) -> PushSubscriptionRegisterPayload:
        try:
            row = await actions.register(
                info.context,
                endpoint=input.endpoint,
                p256dh=input.keys.p256dh,
                auth=input.keys.auth,
                user_agent=input.user_agent,
            )
        except DomainFailure as failure:
            return PushSubscriptionRegisterPayload(
                subscription=None,
                errors=payload_errors(
                    failure, PushSubscriptionRegisterError, PushSubscriptionRegisterErrorCode
                ),
            )
        return PushSubscriptionRegisterPayload(
            subscription=PushSubscription.from_row(row), errors=[]
        )

    @strawberry.mutation(
        description="Parent: stop Web Push to this browser (its subscription ends; ending "
        "an ended one changes nothing).",
        permission_classes=[Parent],
    )
    async def push_subscription_unregister(
        self,
        info: strawberry.Info,
        input: Annotated[
            PushSubscriptionUnregisterInput, strawberry.argument(description="The subscription.")
        ],
    ) -> PushSubscriptionUnregisterPayload:
        try:
            row = await actions.unregister(info.context, endpoint=input.endpoint)
        except DomainFailure as failure:
            return PushSubscriptionUnregisterPayload(
                subscription=None,
                errors=payload_errors(
                    failure, PushSubscriptionUnregisterError, PushSubscriptionUnregisterErrorCode
                ),
            )
        return PushSubscriptionUnregisterPayload(
            subscription=PushSubscription.from_row(row), errors=[]
        )
