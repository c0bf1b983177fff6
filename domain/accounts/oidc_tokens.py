"""Checking what the provider sends back: the ID token (and a signed userinfo answer).

An ID token is believed only when its signature checks against the provider's published
keys (JWKS) with an asymmetric algorithm (RS256 or ES256: never ``none``, never a secret
shared with the client), it was issued by the town's provider (``iss``) for the town's
client (``aud``, ``azp``), it has not expired (``exp``, a minute of clock skew allowed),
it carries the ``nonce`` of the login that asked for it (so a token stolen from another
login cannot be replayed into this one) and the level of assurance asked for (``acr``).
Each failure has its own code, so that a town's support can tell a clock problem from a
forgery; the parent reads the same advice: start again.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Mapping
from typing import Any, Final

from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from domain.accounts.oidc_config import OidcClientConfig, acr_satisfies
from kernel.results import fail

ALGORITHMS: Final = ("RS256", "ES256")
CLOCK_SKEW: Final = dt.timedelta(seconds=60)
# What the provider says of the person that a link request shows back (nothing else kept).
KEPT_CLAIMS: Final = ("given_name", "family_name", "preferred_username", "email", "birthdate")
_RETRY: Final = " Recommencez la connexion depuis le portail."


class UnknownSigningKey(Exception):
    """The token names a key the JWKS at hand lacks (the provider rotated its keys): the
    caller fetches the JWKS again, once, and retries."""


def _decode(token: str, jwks: Mapping[str, Any]) -> dict[str, Any]:
    try:
        key_set = KeySet.import_key_set(dict(jwks))  # type: ignore[arg-type]
        decoded = jwt.decode(token, key_set, algorithms=list(ALGORITHMS))
    except InvalidKeyIdError as exc:
        raise UnknownSigningKey from exc
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise fail(
            "TOKEN_INVALID",
            "La réponse du fournisseur d'identité n'a pas pu être vérifiée." + _RETRY,
        ) from exc
    return dict(decoded.claims)


def _audience_ok(claims: Mapping[str, Any], client_id: str) -> bool:
    audience = claims.get("aud")
    if isinstance(audience, str):
        return audience == client_id
    if not isinstance(audience, list) or client_id not in audience:
        return False
    return len(audience) == 1 or claims.get("azp") == client_id


def _seconds(claims: Mapping[str, Any], name: str) -> float:
    value = claims.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("TOKEN_INVALID", "La réponse du fournisseur d'identité est incomplète." + _RETRY)
    return float(value)


def verify_id_token(
    id_token: str,
    jwks: Mapping[str, Any],
    *,
    config: OidcClientConfig,
    nonce: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """The claims of a valid ID token; DomainFailure with the reason otherwise, or
    UnknownSigningKey when its key is not in ``jwks``."""
    claims = _decode(id_token, jwks)
    if claims.get("iss") != config.issuer:
        raise fail(
            "WRONG_ISSUER", "La réponse ne vient pas du fournisseur d'identité attendu." + _RETRY
        )
    if not _audience_ok(claims, config.client_id):
        raise fail("WRONG_AUDIENCE", "La réponse n'était pas destinée à ce portail." + _RETRY)
    expires = _seconds(claims, "exp")
    _seconds(claims, "iat")
    if expires + CLOCK_SKEW.total_seconds() <= now.timestamp():
        raise fail("TOKEN_EXPIRED", "La réponse du fournisseur d'identité a expiré." + _RETRY)
    if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise fail("NONCE_MISMATCH", "La réponse ne correspond pas à cette connexion." + _RETRY)
    if not acr_satisfies(config.acr_values, claims.get("acr")):
        raise fail(
            "ACR_TOO_LOW",
            "Le niveau de sécurité de cette identification est insuffisant pour ce portail.",
        )
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise fail("TOKEN_INVALID", "La réponse du fournisseur d'identité est incomplète." + _RETRY)
    return claims


def verify_userinfo(
    signed: str, jwks: Mapping[str, Any], *, config: OidcClientConfig, subject: str
) -> dict[str, Any]:
    """The claims of a signed userinfo answer (FranceConnect signs it): same keys, same
    issuer and audience when given, and the same person as the ID token."""
    claims = _decode(signed, jwks)
    if "iss" in claims and claims["iss"] != config.issuer:
        raise fail(
            "WRONG_ISSUER", "La réponse ne vient pas du fournisseur d'identité attendu." + _RETRY
        )
    if "aud" in claims and not _audience_ok(claims, config.client_id):
        raise fail("WRONG_AUDIENCE", "La réponse n'était pas destinée à ce portail." + _RETRY)
    return person_claims(claims, subject)


def person_claims(claims: Mapping[str, Any], subject: str) -> dict[str, Any]:
    """What the provider says of the person (the identity's ``sub`` must match): the claims
    a link request shows back, as short strings."""
    if claims.get("sub") != subject:
        raise fail("TOKEN_INVALID", "Les informations d'identité ne correspondent pas." + _RETRY)
    return {
        name: str(claims[name])[:200]
        for name in KEPT_CLAIMS
        if isinstance(claims.get(name), str | int)
    }
