"""The payment callback reads at most 4 KiB of a notification: a larger body is refused
with a 413 on its declared length, or as soon as the streamed body passes the limit,
without being read to its end."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from domain.payments.provider import SIGNATURE_HEADER
from models import Tenant
from server.payment_sandbox import NOTIFICATION_MAX_BYTES

MIB = 1024 * 1024


async def test_a_one_mebibyte_notification_is_refused_with_a_413(
    app_http: tuple[httpx.AsyncClient, object], tenant: Tenant
) -> None:
    http = app_http[0]
    callback = f"/{tenant.slug}/payments/notify/sandbox"
    declared = await http.post(callback, content=b"x" * MIB, headers={SIGNATURE_HEADER: "0" * 64})
    assert declared.status_code == 413
    assert declared.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    # No Content-Length (chunked): the body is read only until it passes the limit.
    pulled: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(MIB // 1024):
            pulled.append(1024)
            yield b"x" * 1024

    streamed = await http.post(callback, content=chunks(), headers={SIGNATURE_HEADER: "0" * 64})
    assert streamed.status_code == 413
    assert sum(pulled) <= NOTIFICATION_MAX_BYTES + 2 * 1024

    # At the limit, the notification is read and judged on its signature (a 400 here).
    small = await http.post(
        callback, content=b"x" * NOTIFICATION_MAX_BYTES, headers={SIGNATURE_HEADER: "0" * 64}
    )
    assert small.status_code == 400
    assert small.json()["errors"][0]["extensions"]["code"] == "BAD_NOTIFICATION"
