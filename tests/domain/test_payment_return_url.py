"""The origins a payment's return URL may point to (``domain.payments.return_url``)."""

from __future__ import annotations

import pytest

from domain.payments.return_url import (
    checked_return_url,
    is_allowed_return_url,
    origin_of,
    trusted_origins,
)
from kernel.results import DomainFailure

TRUSTED = trusted_origins("https://famille.ville.fr/", ["http://localhost:5173", "*"])


def test_origins_are_normalised() -> None:
    assert frozenset({"https://famille.ville.fr", "http://localhost:5173"}) == TRUSTED
    assert origin_of("HTTPS://Famille.Ville.FR:443/x") == "https://famille.ville.fr"
    assert origin_of("http://h:8080/") == "http://h:8080"
    assert origin_of("http://h:99999/") is None


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://famille.ville.fr/saint-ismier/app/#/factures", True),
        ("https://famille.ville.fr:443/x", True),
        ("http://localhost:5173/saint-ismier/app/", True),
        ("http://famille.ville.fr/x", False),
        ("https://famille.ville.fr.evil.example/x", False),
        ("https://famille.ville.fr@evil.example/x", False),
        ("https://user:pw@famille.ville.fr/x", False),
        ("https://evil.example/?https://famille.ville.fr", False),
        ("//famille.ville.fr/x", False),
        ("/saint-ismier/app/", False),
        ("javascript://famille.ville.fr/%0aalert(1)", False),
        ("https://famille.ville.fr\\@evil.example/", False),
        ("https://famille.ville.fr/\nx", False),
        ("", False),
    ],
)
def test_allowed_return_urls(url: str, allowed: bool) -> None:
    assert is_allowed_return_url(url, TRUSTED) is allowed


def test_checked_return_url() -> None:
    assert checked_return_url(None, TRUSTED) is None
    assert checked_return_url("", TRUSTED) is None
    url = "https://famille.ville.fr/app/"
    assert checked_return_url(url, TRUSTED) == url
    with pytest.raises(DomainFailure) as refused:
        checked_return_url("https://evil.example/", TRUSTED)
    (problem,) = refused.value.problems
    assert (problem.code, problem.field) == ("RETURN_URL_NOT_ALLOWED", ("returnUrl",))
