"""What a push subscription may point the worker at: a push service's https URL, never an
address of the town's own network (the worker POSTs to it); loopback only outside
production, for a local push service. Keys are a P-256 point and a 16-byte secret."""

from __future__ import annotations

import base64

import pytest

from domain.notifications.push_subscriptions import endpoint_problem, key_problems


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/dXz",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
        "https://web.push.apple.com/QGuQ",
        "https://93.184.215.14/push/abc",
    ],
)
def test_push_services_are_accepted(endpoint: str) -> None:
    assert endpoint_problem(endpoint) is None


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/dXz",  # not https
        "https://10.0.0.5/internal",  # the town's network
        "https://192.168.1.1/admin",
        "https://169.254.169.254/latest/meta-data",  # a cloud's metadata service
        "https://[fd00::1]/x",
        "https://127.0.0.1:8000/saint-ismier/graphql",
        "https://localhost/x",
        "ftp://push.example/x",
        "https://",
        "push.example/x",
        "https://push.example/" + "x" * 1000,
    ],
)
def test_other_addresses_are_refused(endpoint: str) -> None:
    problem = endpoint_problem(endpoint)
    assert problem is not None
    assert (problem.code, problem.field) == ("INVALID_ENDPOINT", ("endpoint",))


def test_loopback_only_when_allowed_and_then_over_http_too() -> None:
    assert endpoint_problem("http://127.0.0.1:8765/push/a", allow_loopback=True) is None
    assert endpoint_problem("http://localhost:8765/push/a", allow_loopback=True) is None
    assert endpoint_problem("http://127.0.0.1:8765/push/a") is not None
    assert endpoint_problem("http://10.0.0.5/push/a", allow_loopback=True) is not None


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_keys_must_be_a_curve_point_and_a_16_byte_secret() -> None:
    # The P-256 generator: a valid point.
    point = bytes.fromhex(
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
        "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
    )
    assert key_problems(_b64(point), _b64(b"0123456789abcdef")) == []
    off_curve = point[:-1] + bytes([point[-1] ^ 1])
    refused = key_problems(_b64(off_curve), "not base64!")
    assert [(p.code, p.field) for p in refused] == [
        ("INVALID_KEY", ("keys", "p256dh")),
        ("INVALID_KEY", ("keys", "auth")),
    ]
