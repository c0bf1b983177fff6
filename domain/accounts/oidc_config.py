"""A town's OpenID Connect client (FranceConnect or another provider): what it registered.

Each town registers its own client with the provider (FranceConnect's partner space) and
keeps its settings in ``tenant.settings["openidConnect"]``:

- ``issuer`` (required): the provider's issuer URL; its ``/.well-known/openid-configuration``
  gives every endpoint;
- ``clientId`` (required);
- ``scopes``: default ``openid given_name family_name email birthdate``;
- ``acrValues``: the eIDAS level asked for (default ``eidas1``); an ID token must carry
  that level or a higher one (``eidas2``, ``eidas3``); ``[]`` asks for none;
- ``redirectUris``: the portal pages the provider may send the browser back to (registered
  with the provider too); absent, any page under the town's portal URL;
- ``tokenEndpointAuthMethod``: ``client_secret_post`` (default) or ``client_secret_basic``;
- ``providerName``: shown to families (default « FranceConnect »).

The client secret is never in the database (a dump, a backup or an administrator's screen
would show it): the server reads it from ``CRENEAU_OIDC_SECRETS_DIR/<tenant slug>``, one
file per town, as container secrets are mounted (see docs/DEPLOYMENT.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from kernel.results import fail

SETTINGS_KEY: Final = "openidConnect"
DEFAULT_SCOPES: Final = ("openid", "given_name", "family_name", "email", "birthdate")
DEFAULT_ACR_VALUES: Final = ("eidas1",)
DEFAULT_PROVIDER_NAME: Final = "FranceConnect"
TOKEN_AUTH_METHODS: Final = ("client_secret_post", "client_secret_basic")
# FranceConnect's levels of assurance, lowest first: a higher level satisfies a lower one.
EIDAS_LEVELS: Final = ("eidas1", "eidas2", "eidas3")
NOT_CONFIGURED_MESSAGE: Final = (
    "La connexion avec FranceConnect n'est pas proposée par cette collectivité."
)


@dataclass(frozen=True, slots=True)
class OidcClientConfig:
    """A town's registered client, with its secret."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    acr_values: tuple[str, ...] = DEFAULT_ACR_VALUES
    redirect_uris: tuple[str, ...] = ()
    token_auth_method: str = "client_secret_post"
    provider_name: str = DEFAULT_PROVIDER_NAME


def _texts(raw: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if raw is None:
        return default
    if isinstance(raw, str):
        return tuple(raw.split())
    if isinstance(raw, list | tuple):
        return tuple(str(item) for item in raw if str(item).strip())
    return default


def client_config(
    tenant_settings: Mapping[str, Any] | None, client_secret: str | None, *field: str
) -> OidcClientConfig:
    """The town's client; OIDC_NOT_CONFIGURED when it has none (or no secret on this
    server), so that a town that did not register never shows a half-working button."""
    raw = (tenant_settings or {}).get(SETTINGS_KEY)
    if not isinstance(raw, Mapping) or not client_secret:
        raise fail("OIDC_NOT_CONFIGURED", NOT_CONFIGURED_MESSAGE, *field)
    issuer = str(raw.get("issuer") or "").rstrip("/")
    client_id = str(raw.get("clientId") or "")
    if not issuer.startswith(("https://", "http://")) or not client_id:
        raise fail("OIDC_NOT_CONFIGURED", NOT_CONFIGURED_MESSAGE, *field)
    method = str(raw.get("tokenEndpointAuthMethod") or "client_secret_post")
    scopes = _texts(raw.get("scopes"), DEFAULT_SCOPES)
    return OidcClientConfig(
        issuer=issuer,
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes if "openid" in scopes else ("openid", *scopes),
        acr_values=_texts(raw.get("acrValues"), DEFAULT_ACR_VALUES),
        redirect_uris=_texts(raw.get("redirectUris"), ()),
        token_auth_method=method if method in TOKEN_AUTH_METHODS else "client_secret_post",
        provider_name=str(raw.get("providerName") or DEFAULT_PROVIDER_NAME),
    )


def check_redirect_uri(
    config: OidcClientConfig, redirect_uri: str, portal_base: str, field: str = "redirectUri"
) -> str:
    """The redirect URI if the town allows it: one of its ``redirectUris``, or (none listed)
    a page of its portal. Anything else could send the code to someone else's site."""
    uri = redirect_uri.strip()
    parts = urlsplit(uri)
    allowed = (
        uri in config.redirect_uris
        if config.redirect_uris
        else (
            parts.scheme in {"http", "https"}
            and not parts.fragment
            and uri.startswith(portal_base.rstrip("/") + "/")
            and "/../" not in parts.path
        )
    )
    if not allowed or len(uri) > 500:
        raise fail(
            "REDIRECT_URI_NOT_ALLOWED",
            "Cette adresse de retour n'est pas autorisée par la collectivité.",
            field,
        )
    return uri


def acr_satisfies(requested: tuple[str, ...], given: object) -> bool:
    """Whether the ``acr`` of an ID token meets the level asked for: none asked, the same
    value, or a higher eIDAS level than the lowest one asked for."""
    if not requested:
        return True
    if not isinstance(given, str):
        return False
    if given in requested:
        return True
    asked = [EIDAS_LEVELS.index(level) for level in requested if level in EIDAS_LEVELS]
    return bool(asked) and given in EIDAS_LEVELS and EIDAS_LEVELS.index(given) >= min(asked)


def settings_entry(
    *,
    issuer: str,
    client_id: str,
    redirect_uris: tuple[str, ...] = (),
    acr_values: tuple[str, ...] = DEFAULT_ACR_VALUES,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
    token_auth_method: str = "client_secret_post",
    provider_name: str = DEFAULT_PROVIDER_NAME,
) -> dict[str, Any]:
    """The ``openidConnect`` entry of a town's settings, checked: an https issuer (http only
    on the loopback, for tests and development), a client id, http(s) redirect URIs, a known
    client authentication method. ValueError names every problem (a command-line tool's
    refusal, not an API error)."""
    problems: list[str] = []
    issuer = issuer.strip().rstrip("/")
    parts = urlsplit(issuer)
    loopback = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if not (parts.scheme == "https" or (parts.scheme == "http" and loopback)) or not parts.netloc:
        problems.append("issuer: an https:// URL is expected")
    if not client_id.strip():
        problems.append("client id: required")
    for uri in redirect_uris:
        if urlsplit(uri).scheme not in {"http", "https"} or len(uri) > 500:
            problems.append(f"redirect URI: {uri!r} is not an http(s) URL")
    if token_auth_method not in TOKEN_AUTH_METHODS:
        problems.append(f"token endpoint auth method: one of {', '.join(TOKEN_AUTH_METHODS)}")
    if problems:
        raise ValueError("; ".join(problems))
    return {
        "issuer": issuer,
        "clientId": client_id.strip(),
        "redirectUris": list(redirect_uris),
        "acrValues": list(acr_values),
        "scopes": list(scopes if "openid" in scopes else ("openid", *scopes)),
        "tokenEndpointAuthMethod": token_auth_method,
        "providerName": provider_name,
    }
