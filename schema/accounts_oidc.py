"""OpenID Connect (FranceConnect) login: ``oidcLoginStart``, ``oidcLoginComplete``,
``oidcIdentityLink``, ``oidcIdentityLinkConfirm``, ``oidcIdentityUnlink`` and the
``accountIdentities`` query (see domain/accounts/oidc_login.py for the flow)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Self

import strawberry
from strawberry import relay

from domain.accounts.oidc_codes import (
    OidcIdentityLinkConfirmErrorCode,
    OidcIdentityLinkErrorCode,
    OidcIdentityUnlinkErrorCode,
    OidcLoginCompleteErrorCode,
    OidcLoginStartErrorCode,
)
from domain.accounts.oidc_login import LinkOffered
from kernel.results import DomainFailure
from models import AccountIdentity as AccountIdentityRow
from resolvers import oidc as actions
from schema.accounts import Account
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.ids import input_pk
from schema.nodes import ScopedNode
from schema.permissions import Authenticated, Public

TOKEN_DOC = (
    "Session token: send it as `Authorization: Bearer <token>` (HTTP) or "
    "`connectionParams.authToken` (WebSocket). Shown once."
)


@strawberry.type(
    description="An identity of an OpenID Connect provider (FranceConnect) "
    "linked to an account: logging in with it opens that account."
)
class AccountIdentity(ScopedNode):
    pk: relay.NodeID[int]
    issuer: str = strawberry.field(description="The provider's issuer URL.")
    created_at: dt.datetime = strawberry.field(description="When it was linked.")
    last_login_at: dt.datetime | None = strawberry.field(
        description="Last login with this identity."
    )

    @classmethod
    def from_row(cls, row: AccountIdentityRow) -> Self:
        """Map a database row to the API type (the provider's subject is not shown)."""
        return cls(
            pk=row.id,
            issuer=row.issuer,
            created_at=row.created_at,
            last_login_at=row.last_login_at,
        )

    @classmethod
    async def load_nodes(cls, info: strawberry.Info, keys: list[int]) -> Sequence[Self | None]:
        found = await actions.visible_identities(info.context, keys)
        return [cls.from_row(found[key]) if key in found else None for key in keys]


@strawberry.type(description="Entry points about the viewer's provider identities.")
class OidcQueries:
    @strawberry.field(
        description="The identities (FranceConnect…) linked to the logged-in account.",
        permission_classes=[Authenticated],
    )
    async def account_identities(self, info: strawberry.Info) -> list[AccountIdentity]:
        return [AccountIdentity.from_row(row) for row in await actions.identities(info.context)]


# --- oidcLoginStart ---------------------------------------------------------------------

error_code_enum(OidcLoginStartErrorCode, description="Why a provider login could not start.")


@strawberry.type(description="A problem with oidcLoginStart.")
class OidcLoginStartError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcLoginStartErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="Start a login with the collectivity's identity provider.")
class OidcLoginStartInput:
    redirect_uri: str = strawberry.field(
        description="The portal page the provider sends the browser back to (with `code` "
        "and `state`); one the collectivity allows."
    )


@strawberry.type(description="Result of oidcLoginStart.")
class OidcLoginStartPayload:
    authorization_url: str | None = strawberry.field(
        description="Send the browser there (the provider's login page)."
    )
    expires_at: dt.datetime | None = strawberry.field(
        description="The login must be completed before then."
    )
    errors: list[OidcLoginStartError] = strawberry.field(description=ERRORS_DOC)


# --- oidcLoginComplete ------------------------------------------------------------------

error_code_enum(
    OidcLoginCompleteErrorCode, description="Why the provider's answer opened no session."
)


@strawberry.type(description="A problem with oidcLoginComplete.")
class OidcLoginCompleteError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcLoginCompleteErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="What the provider sent the browser back with.")
class OidcLoginCompleteInput:
    code: str = strawberry.field(description="The `code` parameter of the return URL.")
    state: str = strawberry.field(description="The `state` parameter of the return URL.")


@strawberry.type(
    description="An identity the provider vouched for that no account is linked to yet: "
    "ask for the link with `oidcIdentityLink(linkToken, email)`."
)
class OidcLinkOffer:
    link_token: str = strawberry.field(description="Valid 30 minutes, once.")
    expires_at: dt.datetime = strawberry.field(description="When the link token expires.")
    given_name: str | None = strawberry.field(description="Prénom(s), as the provider says.")
    family_name: str | None = strawberry.field(description="Nom, as the provider says.")
    email: str | None = strawberry.field(description="The provider's email for the person.")
    birthdate: str | None = strawberry.field(description="Date de naissance (YYYY-MM-DD).")

    @classmethod
    def of(cls, offer: LinkOffered) -> Self:
        """The offer as the API shows it."""
        claims = offer.claims
        return cls(
            link_token=offer.link_token,
            expires_at=offer.expires_at,
            given_name=claims.get("given_name"),
            family_name=claims.get("family_name"),
            email=claims.get("email"),
            birthdate=claims.get("birthdate"),
        )


@strawberry.type(description="Result of oidcLoginComplete: a session, or a link offer.")
class OidcLoginCompletePayload:
    token: str | None = strawberry.field(description=TOKEN_DOC)
    expires_at: dt.datetime | None = strawberry.field(description="When the session ends.")
    account: Account | None = strawberry.field(description="The account logged in.")
    link: OidcLinkOffer | None = strawberry.field(
        description="Set when no account is linked to this identity yet."
    )
    errors: list[OidcLoginCompleteError] = strawberry.field(description=ERRORS_DOC)


# --- oidcIdentityLink / oidcIdentityLinkConfirm / oidcIdentityUnlink ------------------------

error_code_enum(OidcIdentityLinkErrorCode, description="Why a link could not be asked for.")
error_code_enum(OidcIdentityLinkConfirmErrorCode, description="Why the mailed link linked nothing.")
error_code_enum(OidcIdentityUnlinkErrorCode, description="Why an identity was not unlinked.")


@strawberry.type(description="A problem with oidcIdentityLink.")
class OidcIdentityLinkError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcIdentityLinkErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="Ask to link a provider identity to the account of an email.")
class OidcIdentityLinkInput:
    link_token: str = strawberry.field(description="From oidcLoginComplete's `link`.")
    email: str = strawberry.field(description="The email (login) of the account to link.")


@strawberry.type(description="Result of oidcIdentityLink (the same for every address).")
class OidcIdentityLinkPayload:
    message: str | None = strawberry.field(description="What happens next, in French.")
    errors: list[OidcIdentityLinkError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="A problem with oidcIdentityLinkConfirm.")
class OidcIdentityLinkConfirmError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcIdentityLinkConfirmErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The token of a link mail.")
class OidcIdentityLinkConfirmInput:
    token: str = strawberry.field(description="The token from the mail.")
    link_token: str = strawberry.field(
        description=(
            "The linkToken that oidcLoginComplete gave this browser: the link is confirmed"
            " only where the provider login was made (keep it, e.g. in sessionStorage)."
        )
    )


@strawberry.type(description="Result of oidcIdentityLinkConfirm: the identity is linked.")
class OidcIdentityLinkConfirmPayload:
    token: str | None = strawberry.field(description=TOKEN_DOC)
    expires_at: dt.datetime | None = strawberry.field(description="When the session ends.")
    account: Account | None = strawberry.field(description="The account now linked.")
    errors: list[OidcIdentityLinkConfirmError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="A problem with oidcIdentityUnlink.")
class OidcIdentityUnlinkError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcIdentityUnlinkErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="The identity to unlink from the logged-in account.")
class OidcIdentityUnlinkInput:
    identity: relay.GlobalID = strawberry.field(description="An AccountIdentity.")


@strawberry.type(description="Result of oidcIdentityUnlink.")
class OidcIdentityUnlinkPayload:
    unlinked_id: relay.GlobalID | None = strawberry.field(
        description="The ID of the identity unlinked."
    )
    errors: list[OidcIdentityUnlinkError] = strawberry.field(description=ERRORS_DOC)


def _link_message(provider_name: str) -> str:
    return (
        "Si un compte actif correspond à cette adresse, un e-mail contenant un lien "
        f"(valable 1 heure) vient de lui être envoyé pour le lier à {provider_name}."
    )


@strawberry.type(description="OpenID Connect (FranceConnect) mutations.")
class OidcMutations:
    @strawberry.mutation(
        description="Start a login with the collectivity's identity provider (FranceConnect): "
        "the URL to send the browser to (authorization code with PKCE, state, nonce).",
        permission_classes=[Public],
    )
    async def oidc_login_start(
        self,
        info: strawberry.Info,
        input: Annotated[OidcLoginStartInput, strawberry.argument(description="The form.")],
    ) -> OidcLoginStartPayload:
        try:
            started = await actions.start_login(info.context, input.redirect_uri)
        except DomainFailure as failure:
            return OidcLoginStartPayload(
                authorization_url=None,
                expires_at=None,
                errors=payload_errors(failure, OidcLoginStartError, OidcLoginStartErrorCode),
            )
        return OidcLoginStartPayload(
            authorization_url=started.authorization_url, expires_at=started.expires_at, errors=[]
        )

    @strawberry.mutation(
        description="Complete a provider login with the `code` and `state` the browser came "
        "back with: a session (as `login` gives), or a link offer for a new identity.",
        permission_classes=[Public],
    )
    async def oidc_login_complete(
        self,
        info: strawberry.Info,
        input: Annotated[OidcLoginCompleteInput, strawberry.argument(description="The form.")],
    ) -> OidcLoginCompletePayload:
        try:
            outcome = await actions.complete_login(info.context, input.code, input.state)
        except DomainFailure as failure:
            return OidcLoginCompletePayload(
                token=None,
                expires_at=None,
                account=None,
                link=None,
                errors=payload_errors(failure, OidcLoginCompleteError, OidcLoginCompleteErrorCode),
            )
        if isinstance(outcome, LinkOffered):
            return OidcLoginCompletePayload(
                token=None, expires_at=None, account=None, link=OidcLinkOffer.of(outcome), errors=[]
            )
        return OidcLoginCompletePayload(
            token=outcome.token,
            expires_at=outcome.expires_at,
            account=Account.from_row(outcome.account),
            link=None,
            errors=[],
        )

    @strawberry.mutation(
        description="Ask to link a new provider identity to an existing account: a link "
        "(valid 1 hour) is mailed to the account's address; the answer never tells whether "
        "the address has an account.",
        permission_classes=[Public],
    )
    async def oidc_identity_link(
        self,
        info: strawberry.Info,
        input: Annotated[OidcIdentityLinkInput, strawberry.argument(description="The form.")],
    ) -> OidcIdentityLinkPayload:
        try:
            provider = await actions.request_link(info.context, input.link_token, input.email)
        except DomainFailure as failure:
            return OidcIdentityLinkPayload(
                message=None,
                errors=payload_errors(failure, OidcIdentityLinkError, OidcIdentityLinkErrorCode),
            )
        return OidcIdentityLinkPayload(message=_link_message(provider), errors=[])

    @strawberry.mutation(
        description="Link the identity with the token of the link mail, and log in.",
        permission_classes=[Public],
    )
    async def oidc_identity_link_confirm(
        self,
        info: strawberry.Info,
        input: Annotated[
            OidcIdentityLinkConfirmInput, strawberry.argument(description="The form.")
        ],
    ) -> OidcIdentityLinkConfirmPayload:
        try:
            issued = await actions.confirm_link(info.context, input.token, input.link_token)
        except DomainFailure as failure:
            return OidcIdentityLinkConfirmPayload(
                token=None,
                expires_at=None,
                account=None,
                errors=payload_errors(
                    failure, OidcIdentityLinkConfirmError, OidcIdentityLinkConfirmErrorCode
                ),
            )
        return OidcIdentityLinkConfirmPayload(
            token=issued.token,
            expires_at=issued.expires_at,
            account=Account.from_row(issued.account),
            errors=[],
        )

    @strawberry.mutation(
        description="Unlink one of the logged-in account's provider identities.",
        permission_classes=[Authenticated],
    )
    async def oidc_identity_unlink(
        self,
        info: strawberry.Info,
        input: Annotated[OidcIdentityUnlinkInput, strawberry.argument(description="The form.")],
    ) -> OidcIdentityUnlinkPayload:
        try:
            await actions.unlink(info.context, input_pk(input.identity, "AccountIdentity"))
        except DomainFailure as failure:
            return OidcIdentityUnlinkPayload(
                unlinked_id=None,
                errors=payload_errors(
                    failure, OidcIdentityUnlinkError, OidcIdentityUnlinkErrorCode
                ),
            )
        return OidcIdentityUnlinkPayload(unlinked_id=input.identity, errors=[])
