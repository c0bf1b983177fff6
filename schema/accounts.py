"""Accounts: the ``viewer``, the ``Account`` node, and the account mutations
(accountCreate, accountActivate, login, logout, passwordResetRequest, passwordReset)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from domain.accounts import LoginRefused
from domain.accounts.codes import (
    AccountCreateErrorCode,
    LoginErrorCode,
    PasswordResetErrorCode,
    TokenErrorCode,
)
from kernel.results import DomainFailure
from models import Account as AccountRow
from models.account import AccountStatus, Civility, Role
from resolvers import accounts as actions
from resolvers.requests.lists import viewer_unread_count
from schema.errors import error_code_enum, payload_errors
from schema.family import viewer_family
from schema.nodes import ScopedNode
from schema.permissions import Authenticated, Public

if TYPE_CHECKING:
    from schema.family import Family

RoleEnum = strawberry.enum(Role, description="What an account may do.")
AccountStatusEnum = strawberry.enum(
    AccountStatus, description="An account is usable once its email address is confirmed."
)


@strawberry.type(description="A login of the collectivity (parent, agent, administrator…).")
class Account(ScopedNode):
    pk: relay.NodeID[int]
    email: str = strawberry.field(description="Login email address.")
    civility: Civility | None = strawberry.field(description="Civilité.")
    first_name: str = strawberry.field(description="First name.")
    last_name: str = strawberry.field(description="Last name.")
    role: Role = strawberry.field(description="Role of the account.")
    status: AccountStatus = strawberry.field(description="Activation state.")
    created_at: dt.datetime = strawberry.field(description="When the account was created.")
    activated_at: dt.datetime | None = strawberry.field(description="When it was activated.")
    last_login_at: dt.datetime | None = strawberry.field(description="Last successful login.")

    @classmethod
    def from_row(cls, row: AccountRow) -> Self:
        """Map a database row to the API type (never the password hash)."""
        return cls(
            pk=row.id,
            email=row.email,
            civility=row.civility,
            first_name=row.first_name,
            last_name=row.last_name,
            role=row.role,
            status=row.status,
            created_at=row.created_at,
            activated_at=row.activated_at,
            last_login_at=row.last_login_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        found = await actions.visible_accounts(info.context, keys)
        return [cls.from_row(found[key]) if key in found else None for key in keys]


@strawberry.type(description="Who is asking: the logged-in account and its roles.")
class Viewer:
    account_pk: strawberry.Private[int | None]
    is_authenticated: bool = strawberry.field(description="False for anonymous visitors.")
    roles: list[Role] = strawberry.field(description="Roles of the account (empty: anonymous).")

    @strawberry.field(
        description="The family the account belongs to (null: anonymous, staff, or a parent "
        "whose family file is not linked yet)."
    )
    async def family(
        self, info: strawberry.Info
    ) -> Annotated[Family, strawberry.lazy("schema.family")] | None:
        return await viewer_family(info)

    @strawberry.field(
        description="Messages not read yet, all requests together (a parent: from the "
        "collectivity to the family; staff: from families). 0 for anonymous visitors."
    )
    async def unread_message_count(self, info: strawberry.Info) -> int:
        return await viewer_unread_count(info.context)

    @strawberry.field(description="The logged-in account (null: anonymous).")
    async def account(self, info: strawberry.Info) -> Account | None:
        if self.account_pk is None:
            return None
        found = await actions.visible_accounts(info.context, [self.account_pk])
        row = found.get(self.account_pk)
        return Account.from_row(row) if row is not None else None


def viewer_of(info: strawberry.Info) -> Viewer:
    """The ``Viewer`` object of the request."""
    viewer = info.context.viewer
    return Viewer(
        account_pk=viewer.account_id,
        is_authenticated=not viewer.is_anonymous,
        roles=list(viewer.roles),
    )


@strawberry.type(description="Entry points about the viewer.")
class AccountQueries:
    @strawberry.field(
        description="The account making the request, its roles and family.",
        permission_classes=[Public],
    )
    def viewer(self, info: strawberry.Info) -> Viewer:
        return viewer_of(info)


# --- accountCreate -------------------------------------------------------------------


error_code_enum(AccountCreateErrorCode, description="Why an account could not be created.")


@strawberry.type(description="A problem with accountCreate's input.")
class AccountCreateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: AccountCreateErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The account creation form.")
class AccountCreateInput:
    email: str = strawberry.field(description="Email address (the login).")
    password: str = strawberry.field(
        description="At least 10 characters mixing three kinds of characters."
    )
    civility: Civility | None = strawberry.field(default=None, description="Civilité.")
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")


@strawberry.type(description="Result of accountCreate.")
class AccountCreatePayload:
    message: str | None = strawberry.field(
        description="What happens next, in French (null when there are errors)."
    )
    errors: list[AccountCreateError] = strawberry.field(description="Problems, if any.")


# --- accountActivate -----------------------------------------------------------------


error_code_enum(TokenErrorCode, description="Why an activation or reset link was refused.")


@strawberry.type(description="A problem with accountActivate's token.")
class AccountActivateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: TokenErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The token of an activation link.")
class AccountActivateInput:
    token: str = strawberry.field(description="The token from the activation mail.")


@strawberry.type(description="Result of accountActivate.")
class AccountActivatePayload:
    account: Account | None = strawberry.field(description="The activated account.")
    errors: list[AccountActivateError] = strawberry.field(description="Problems, if any.")


# --- login / logout --------------------------------------------------------------------


error_code_enum(LoginErrorCode, description="Why a login was refused.")


@strawberry.type(description="A problem with login.")
class LoginError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: LoginErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="Credentials.")
class LoginInput:
    email: str = strawberry.field(description="Email address.")
    password: str = strawberry.field(description="Password.")


@strawberry.type(description="Result of login.")
class LoginPayload:
    token: str | None = strawberry.field(
        description="Session token: send it as `Authorization: Bearer <token>` (HTTP) or "
        "`connectionParams.authToken` (WebSocket). Shown once."
    )
    expires_at: dt.datetime | None = strawberry.field(description="When the session ends.")
    account: Account | None = strawberry.field(description="The account logged in.")
    errors: list[LoginError] = strawberry.field(description="Problems, if any.")


@strawberry.type(description="Result of logout.")
class LogoutPayload:
    ok: bool = strawberry.field(description="The session token no longer works.")


# --- password reset --------------------------------------------------------------------


@strawberry.input(description="Ask for a password-reset link.")
class PasswordResetRequestInput:
    email: str = strawberry.field(description="Email address of the account.")


@strawberry.type(description="Result of passwordResetRequest (the same for every address).")
class PasswordResetRequestPayload:
    message: str = strawberry.field(description="What happens next, in French.")


error_code_enum(PasswordResetErrorCode, description="Why a password reset was refused.")


@strawberry.type(description="A problem with passwordReset.")
class PasswordResetError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: PasswordResetErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="A new password, with the token of the reset link.")
class PasswordResetInput:
    token: str = strawberry.field(description="The token from the reset mail.")
    password: str = strawberry.field(description="The new password.")


@strawberry.type(description="Result of passwordReset.")
class PasswordResetPayload:
    account: Account | None = strawberry.field(
        description="The account, now with its new password."
    )
    errors: list[PasswordResetError] = strawberry.field(description="Problems, if any.")


@strawberry.type(description="Account mutations.")
class AccountMutations:
    @strawberry.mutation(
        description="Create a parent account; an activation link valid 24 hours is mailed.",
        permission_classes=[Public],
    )
    async def account_create(
        self,
        info: strawberry.Info,
        input: Annotated[AccountCreateInput, strawberry.argument(description="The form.")],
    ) -> AccountCreatePayload:
        try:
            await actions.create_account(
                info.context,
                email=input.email,
                password=input.password,
                civility=input.civility,
                first_name=input.first_name,
                last_name=input.last_name,
            )
        except DomainFailure as failure:
            return AccountCreatePayload(
                message=None,
                errors=payload_errors(failure, AccountCreateError, AccountCreateErrorCode),
            )
        return AccountCreatePayload(
            message=(
                f"Un e-mail de confirmation a été envoyé à {input.email.strip()} "
                "(pensez à vérifier vos courriers indésirables). Cliquez sur le lien "
                "d'activation qu'il contient : il est valable 24 heures."
            ),
            errors=[],
        )

    @strawberry.mutation(
        description="Confirm an account's email with its activation token.",
        permission_classes=[Public],
    )
    async def account_activate(
        self,
        info: strawberry.Info,
        input: Annotated[AccountActivateInput, strawberry.argument(description="The form.")],
    ) -> AccountActivatePayload:
        try:
            row = await actions.activate_account(info.context, input.token)
        except DomainFailure as failure:
            return AccountActivatePayload(
                account=None,
                errors=payload_errors(failure, AccountActivateError, TokenErrorCode),
            )
        return AccountActivatePayload(account=Account.from_row(row), errors=[])

    @strawberry.mutation(
        description="Log in: returns an opaque session token.", permission_classes=[Public]
    )
    async def login(
        self,
        info: strawberry.Info,
        input: Annotated[LoginInput, strawberry.argument(description="The form.")],
    ) -> LoginPayload:
        outcome = await actions.login(info.context, input.email, input.password)
        if isinstance(outcome, LoginRefused):
            return LoginPayload(
                token=None,
                expires_at=None,
                account=None,
                errors=payload_errors(outcome.problem, LoginError, LoginErrorCode),
            )
        return LoginPayload(
            token=outcome.token,
            expires_at=outcome.expires_at,
            account=Account.from_row(outcome.account),
            errors=[],
        )

    @strawberry.mutation(
        description="Log out: the session token stops working.",
        permission_classes=[Authenticated],
    )
    async def logout(self, info: strawberry.Info) -> LogoutPayload:
        await actions.logout(info.context)
        return LogoutPayload(ok=True)

    @strawberry.mutation(
        description="Ask for a password-reset link (valid 1 hour); the answer never tells "
        "whether the address has an account.",
        permission_classes=[Public],
    )
    async def password_reset_request(
        self,
        info: strawberry.Info,
        input: Annotated[PasswordResetRequestInput, strawberry.argument(description="The form.")],
    ) -> PasswordResetRequestPayload:
        await actions.request_password_reset(info.context, input.email)
        return PasswordResetRequestPayload(
            message=(
                "Si un compte actif correspond à cette adresse, un e-mail contenant un lien "
                "de réinitialisation (valable 1 heure) vient de lui être envoyé."
            )
        )

    @strawberry.mutation(
        description="Set a new password with the token of a reset link.",
        permission_classes=[Public],
    )
    async def password_reset(
        self,
        info: strawberry.Info,
        input: Annotated[PasswordResetInput, strawberry.argument(description="The form.")],
    ) -> PasswordResetPayload:
        try:
            row = await actions.reset_password(info.context, input.token, input.password)
        except DomainFailure as failure:
            return PasswordResetPayload(
                account=None,
                errors=payload_errors(failure, PasswordResetError, PasswordResetErrorCode),
            )
        return PasswordResetPayload(account=Account.from_row(row), errors=[])
