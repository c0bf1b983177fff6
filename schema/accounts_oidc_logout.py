"""``oidcLogout``: end a session opened with the identity provider (FranceConnect) here and
at the provider — FranceConnect asks its partners to send the browser to its logout
endpoint (``end_session_endpoint`` with ``id_token_hint``, ``state`` and
``post_logout_redirect_uri``), so that leaving the portal also ends the FranceConnect
session on a shared computer."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.accounts.oidc_codes import OidcLogoutErrorCode
from kernel.results import DomainFailure
from resolvers import oidc as actions
from schema.errors import ERRORS_DOC, FIELD_DOC, MESSAGE_DOC, error_code_enum, payload_errors
from schema.permissions import Authenticated

error_code_enum(OidcLogoutErrorCode, description="Why a provider logout was not started.")


@strawberry.type(description="A problem with oidcLogout.")
class OidcLogoutError:
    field: list[str] = strawberry.field(description=FIELD_DOC)
    message: str = strawberry.field(description=MESSAGE_DOC)
    code: OidcLogoutErrorCode = strawberry.field(description="Stable code.")


@strawberry.input(description="Where the provider sends the browser after its logout.")
class OidcLogoutInput:
    post_logout_redirect_uri: str = strawberry.field(
        description="A portal page the collectivity allows (as oidcLoginStart's redirectUri)."
    )


@strawberry.type(description="Result of oidcLogout.")
class OidcLogoutPayload:
    logout_url: str | None = strawberry.field(
        description="Send the browser there to end the provider's session too (null: the "
        "provider has no logout endpoint, or there were errors)."
    )
    errors: list[OidcLogoutError] = strawberry.field(description=ERRORS_DOC)


@strawberry.type(description="Provider logout.")
class OidcLogoutMutations:
    @strawberry.mutation(
        description="Log out of a session opened with the identity provider: the session "
        "token stops working and the provider's logout URL is returned. A session opened "
        "otherwise uses `logout`.",
        permission_classes=[Authenticated],
    )
    async def oidc_logout(
        self,
        info: strawberry.Info,
        input: Annotated[OidcLogoutInput, strawberry.argument(description="The form.")],
    ) -> OidcLogoutPayload:
        try:
            url = await actions.logout(info.context, input.post_logout_redirect_uri)
        except DomainFailure as failure:
            return OidcLogoutPayload(
                logout_url=None,
                errors=payload_errors(failure, OidcLogoutError, OidcLogoutErrorCode),
            )
        return OidcLogoutPayload(logout_url=url, errors=[])
