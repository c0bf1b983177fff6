"""Staff accounts: staffAccounts (staff), staffInvite, staffRoleChange, staffDisable,
staffEnable, staffEstablishmentsSet (administrators), and staffInvitationAccept (the
invitee, with the token of the invitation mail)."""

from __future__ import annotations

from typing import Annotated, Self

import strawberry
from strawberry import relay

from domain.accounts.staff import StaffAccount as StaffAccountView
from domain.accounts.staff_codes import (
    StaffDisableErrorCode,
    StaffEnableErrorCode,
    StaffEstablishmentsSetErrorCode,
    StaffInvitationAcceptErrorCode,
    StaffInviteErrorCode,
    StaffRoleChangeErrorCode,
)
from kernel.results import DomainFailure
from models.account import Civility, Role
from resolvers.administration import staff as actions
from schema.accounts import Account
from schema.catalogue.types import Establishment
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.permissions import Admin, Public, Staff


@strawberry.type(description="A staff, administrator or reporting account of the collectivity.")
class StaffAccount:
    view: strawberry.Private[StaffAccountView]

    @strawberry.field(description="The account (role, status, name, email).")
    def account(self) -> Account:
        return Account.from_row(self.view.account)

    @strawberry.field(
        description="The establishments an agent is limited to (empty: every establishment)."
    )
    async def establishments(self, info: strawberry.Info) -> list[Establishment]:
        ids = self.view.establishment_ids
        if not ids:
            return []
        rows = await info.context.loaders.establishment.load_many(list(ids))
        return [Establishment.from_row(row) for row in rows if row is not None]

    @classmethod
    def of(cls, view: StaffAccountView | None) -> Self | None:
        """The API type (None passes through, for payloads with errors)."""
        return cls(view=view) if view is not None else None


def _pks(ids: list[relay.GlobalID]) -> list[int | None]:
    return [input_pk(i, "Establishment") for i in ids]


# --- staffInvite ---------------------------------------------------------------------


@strawberry.input(description="Invite a staff, administrator or reporting account by mail.")
class StaffInviteInput:
    email: str = strawberry.field(description="Email address (the login).")
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    civility: Civility | None = strawberry.field(default=None, description="Civilité.")
    role: Role = strawberry.field(description="STAFF, ADMIN or REPORTING.")
    establishments: list[relay.GlobalID] = strawberry.field(
        default_factory=list,
        description="Establishments an agent is limited to (empty: every establishment).",
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="A key of the client's choosing: a retry with the same key returns the "
        "first result and invites nobody twice.",
    )


error_code_enum(StaffInviteErrorCode, description="Why staffInvite was refused.")


@strawberry.type(description="A problem with staffInvite's input.")
class StaffInviteError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffInviteErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffInvite.")
class StaffInvitePayload:
    staff_account: StaffAccount | None = strawberry.field(
        description="The invited account (PENDING_ACTIVATION until the invitation is "
        "accepted); null when there are errors."
    )
    errors: list[StaffInviteError] = strawberry.field(description=ERRORS_DOC)


# --- staffRoleChange -----------------------------------------------------------------


@strawberry.input(description="Give a staff account another role.")
class StaffRoleChangeInput:
    account: relay.GlobalID = strawberry.field(description="The account.")
    role: Role = strawberry.field(description="STAFF, ADMIN or REPORTING.")


error_code_enum(StaffRoleChangeErrorCode, description="Why staffRoleChange was refused.")


@strawberry.type(description="A problem with staffRoleChange's input.")
class StaffRoleChangeError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffRoleChangeErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffRoleChange.")
class StaffRoleChangePayload:
    staff_account: StaffAccount | None = strawberry.field(
        description="The account; null when there are errors."
    )
    errors: list[StaffRoleChangeError] = strawberry.field(description=ERRORS_DOC)


# --- staffDisable / staffEnable ------------------------------------------------------


@strawberry.input(description="A staff account.")
class StaffDisableInput:
    account: relay.GlobalID = strawberry.field(description="The account.")


error_code_enum(StaffDisableErrorCode, description="Why staffDisable was refused.")


@strawberry.type(description="A problem with staffDisable's input.")
class StaffDisableError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffDisableErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffDisable.")
class StaffDisablePayload:
    staff_account: StaffAccount | None = strawberry.field(
        description="The account, DISABLED; null when there are errors."
    )
    errors: list[StaffDisableError] = strawberry.field(description=ERRORS_DOC)


@strawberry.input(description="A staff account.")
class StaffEnableInput:
    account: relay.GlobalID = strawberry.field(description="The account.")


error_code_enum(StaffEnableErrorCode, description="Why staffEnable was refused.")


@strawberry.type(description="A problem with staffEnable's input.")
class StaffEnableError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffEnableErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffEnable.")
class StaffEnablePayload:
    staff_account: StaffAccount | None = strawberry.field(
        description="The account (ACTIVE, or PENDING_ACTIVATION if never activated); null "
        "when there are errors."
    )
    errors: list[StaffEnableError] = strawberry.field(description=ERRORS_DOC)


# --- staffEstablishmentsSet ----------------------------------------------------------


@strawberry.input(description="The establishments an agent is limited to.")
class StaffEstablishmentsSetInput:
    account: relay.GlobalID = strawberry.field(description="The account.")
    establishments: list[relay.GlobalID] = strawberry.field(
        description="The establishments (empty: every establishment)."
    )


error_code_enum(
    StaffEstablishmentsSetErrorCode, description="Why staffEstablishmentsSet was refused."
)


@strawberry.type(description="A problem with staffEstablishmentsSet's input.")
class StaffEstablishmentsSetError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffEstablishmentsSetErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffEstablishmentsSet.")
class StaffEstablishmentsSetPayload:
    staff_account: StaffAccount | None = strawberry.field(
        description="The account; null when there are errors."
    )
    errors: list[StaffEstablishmentsSetError] = strawberry.field(description=ERRORS_DOC)


# --- staffInvitationAccept -----------------------------------------------------------


@strawberry.input(description="Accept an invitation: the token of the mail and a password.")
class StaffInvitationAcceptInput:
    token: str = strawberry.field(description="The token from the invitation mail.")
    password: str = strawberry.field(
        description="At least 10 characters mixing three kinds of characters."
    )


error_code_enum(
    StaffInvitationAcceptErrorCode, description="Why staffInvitationAccept was refused."
)


@strawberry.type(description="A problem with staffInvitationAccept's input.")
class StaffInvitationAcceptError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: StaffInvitationAcceptErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of staffInvitationAccept.")
class StaffInvitationAcceptPayload:
    account: Account | None = strawberry.field(
        description="The account, now ACTIVE: log in with its email and the new password."
    )
    errors: list[StaffInvitationAcceptError] = strawberry.field(description=ERRORS_DOC)


# --- root fields ---------------------------------------------------------------------


@strawberry.type(description="Reading the staff accounts.")
class StaffQueries:
    @strawberry.field(
        description="The collectivity's staff, administrator and reporting accounts, by name.",
        permission_classes=[Staff],
    )
    async def staff_accounts(self, info: strawberry.Info) -> list[StaffAccount]:
        return [StaffAccount(view=view) for view in await actions.staff_accounts(info.context)]


@strawberry.type(description="Managing the staff accounts.")
class StaffMutations:
    @strawberry.mutation(
        description="Administrators: invite a staff, administrator or reporting account. It "
        "is created PENDING_ACTIVATION and mailed a link (valid 7 days) to choose its "
        "password. An address already used in the collectivity is refused.",
        permission_classes=[Admin],
    )
    async def staff_invite(
        self,
        info: strawberry.Info,
        input: Annotated[StaffInviteInput, strawberry.argument(description="The invitation.")],
    ) -> StaffInvitePayload:
        try:
            view = await actions.invite(
                info.context,
                email=input.email,
                first_name=input.first_name,
                last_name=input.last_name,
                civility=input.civility,
                role=input.role,
                establishment_ids=_pks(input.establishments),
                idempotency_key=input.idempotency_key,
            )
        except DomainFailure as failure:
            return StaffInvitePayload(
                staff_account=None,
                errors=payload_errors(failure, StaffInviteError, StaffInviteErrorCode),
            )
        return StaffInvitePayload(staff_account=StaffAccount.of(view), errors=[])

    @strawberry.mutation(
        description="Administrators: give a staff account another role (from its next "
        "request). The last active administrator cannot be demoted (LAST_ADMIN).",
        permission_classes=[Admin],
    )
    async def staff_role_change(
        self,
        info: strawberry.Info,
        input: Annotated[StaffRoleChangeInput, strawberry.argument(description="The change.")],
    ) -> StaffRoleChangePayload:
        try:
            view = await actions.change_role(
                info.context, input_pk(input.account, "Account"), input.role
            )
        except DomainFailure as failure:
            return StaffRoleChangePayload(
                staff_account=None,
                errors=payload_errors(failure, StaffRoleChangeError, StaffRoleChangeErrorCode),
            )
        return StaffRoleChangePayload(staff_account=StaffAccount.of(view), errors=[])

    @strawberry.mutation(
        description="Administrators: disable a staff account; its sessions end at once. The "
        "last active administrator cannot be disabled (LAST_ADMIN).",
        permission_classes=[Admin],
    )
    async def staff_disable(
        self,
        info: strawberry.Info,
        input: Annotated[StaffDisableInput, strawberry.argument(description="The account.")],
    ) -> StaffDisablePayload:
        try:
            view = await actions.disable(info.context, input_pk(input.account, "Account"))
        except DomainFailure as failure:
            return StaffDisablePayload(
                staff_account=None,
                errors=payload_errors(failure, StaffDisableError, StaffDisableErrorCode),
            )
        return StaffDisablePayload(staff_account=StaffAccount.of(view), errors=[])

    @strawberry.mutation(
        description="Administrators: enable a disabled staff account again.",
        permission_classes=[Admin],
    )
    async def staff_enable(
        self,
        info: strawberry.Info,
        input: Annotated[StaffEnableInput, strawberry.argument(description="The account.")],
    ) -> StaffEnablePayload:
        try:
            view = await actions.enable(info.context, input_pk(input.account, "Account"))
        except DomainFailure as failure:
            return StaffEnablePayload(
                staff_account=None,
                errors=payload_errors(failure, StaffEnableError, StaffEnableErrorCode),
            )
        return StaffEnablePayload(staff_account=StaffAccount.of(view), errors=[])

    @strawberry.mutation(
        description="Administrators: limit an agent to some establishments (their inbox, "
        "planning and attendance then show only those); an empty list lifts the limit.",
        permission_classes=[Admin],
    )
    async def staff_establishments_set(
        self,
        info: strawberry.Info,
        input: Annotated[
            StaffEstablishmentsSetInput, strawberry.argument(description="The limits.")
        ],
    ) -> StaffEstablishmentsSetPayload:
        try:
            view = await actions.set_establishments(
                info.context, input_pk(input.account, "Account"), _pks(input.establishments)
            )
        except DomainFailure as failure:
            return StaffEstablishmentsSetPayload(
                staff_account=None,
                errors=payload_errors(
                    failure, StaffEstablishmentsSetError, StaffEstablishmentsSetErrorCode
                ),
            )
        return StaffEstablishmentsSetPayload(staff_account=StaffAccount.of(view), errors=[])

    @strawberry.mutation(
        description="The invitee: choose a password with the token of the invitation mail, "
        "which activates the account.",
        permission_classes=[Public],
    )
    async def staff_invitation_accept(
        self,
        info: strawberry.Info,
        input: Annotated[StaffInvitationAcceptInput, strawberry.argument(description="The token.")],
    ) -> StaffInvitationAcceptPayload:
        try:
            row = await actions.accept_invitation(info.context, input.token, input.password)
        except DomainFailure as failure:
            return StaffInvitationAcceptPayload(
                account=None,
                errors=payload_errors(
                    failure, StaffInvitationAcceptError, StaffInvitationAcceptErrorCode
                ),
            )
        return StaffInvitationAcceptPayload(account=Account.from_row(row), errors=[])
