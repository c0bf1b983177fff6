"""Where the parent's browser goes back after an online payment (« Retour à … »).

A client (the web app, a town's own portal) may ask for its own page — the invoices
it paid from — instead of the portal's base. That address ends up as a link on the
provider's return page, so it must never be a way to send a parent elsewhere (an open
redirect: a phishing page « confirming » the payment). It is accepted only when its origin
is one the town's server already trusts: the portal's own address or an origin of
``CRENEAU_ALLOWED_ORIGINS`` (the front ends allowed to call the API); checked when the
payment starts (RETURN_URL_NOT_ALLOWED) and again when the return page shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

from kernel.results import fail

RETURN_URL_NOT_ALLOWED: Final = "RETURN_URL_NOT_ALLOWED"
MAX_RETURN_URL_LENGTH: Final = 500
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an absolute http(s) URL, lower-cased and without its
    default port; None for anything else (relative, another scheme, credentials in it,
    a malformed port, whitespace or a backslash that browsers read differently)."""
    if not url or len(url) > MAX_RETURN_URL_LENGTH or "\\" in url:
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in _DEFAULT_PORTS or not host or parts.username or parts.password:
        return None
    if "@" in parts.netloc:
        return None
    shown_port = "" if port in (None, _DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{host}{shown_port}"


def trusted_origins(portal_url: str, allowed_origins: Iterable[str]) -> frozenset[str]:
    """The origins a return URL may point to: the portal's and the allowed front ends'."""
    origins = (origin_of(url) for url in (portal_url, *allowed_origins))
    return frozenset(origin for origin in origins if origin is not None)


def is_allowed_return_url(url: str, origins: frozenset[str]) -> bool:
    """Whether ``url`` may be offered as the way back (its origin is a trusted one)."""
    origin = origin_of(url)
    return origin is not None and origin in origins


def checked_return_url(url: str | None, origins: frozenset[str]) -> str | None:
    """``url`` (None: the portal's base), or RETURN_URL_NOT_ALLOWED when it points anywhere
    but the trusted origins."""
    if url is None or url == "":
        return None
    if not is_allowed_return_url(url, origins):
        raise fail(
            RETURN_URL_NOT_ALLOWED,
            "L'adresse de retour après le paiement n'est pas une adresse de votre espace famille.",
            "returnUrl",
        )
    return url
