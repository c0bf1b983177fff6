"""The SMS provider adapter: Brevo's transactional SMS REST API.

Documented at https://developers.brevo.com/docs/transactional-sms-endpoints (send:
``POST /v3/transactionalSMS/send``, header ``api-key``, JSON body ``sender`` — at most 11
letters and digits —, ``recipient`` — the number with its country code, no ``+`` —,
``content``, ``type`` (``transactional``: sent at any hour, unlike marketing SMS in
France), ``tag``; answer ``201`` with ``{"messageId": …}``; errors as ``{"code", "message"}``).
Brevo is a French company and a common choice of French towns' providers.

Outcomes: 2xx sent; 408, 429 and 5xx (and any network error) are retried with the
outbox's backoff; any other 4xx (a refused number, a bad key, no credits left) fails the
SMS at once, with the provider's code and message in ``last_error`` — after fixing the
account, ``creneau notifications retry`` sends them again.
"""

from __future__ import annotations

import logging
from typing import Final

import aiohttp

from server.notification_delivery.errors import PermanentDeliveryError
from server.notification_delivery.sms import OutgoingSms

logger = logging.getLogger("creneau.sms")

SEND_PATH: Final = "/v3/transactionalSMS/send"
RETRIED_STATUSES: Final = frozenset({408, 429})


class SmsProviderError(Exception):
    """The provider answered with an error worth retrying (5xx, 408, 429)."""


class BrevoSmsBackend:
    """Sends each SMS with one ``POST /v3/transactionalSMS/send``."""

    def __init__(self, *, base_url: str, api_key: str, sender: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.sender = sender
        self.timeout = timeout

    async def send(self, sms: OutgoingSms) -> None:
        """Post the SMS; raise ``PermanentDeliveryError`` on a refusal, another error to
        have it retried."""
        body = {
            "sender": self.sender,
            "recipient": sms.to_address.removeprefix("+"),
            "content": sms.text,
            "type": "transactional",
            "tag": f"creneau-outbox-{sms.id}",
        }
        headers = {"api-key": self.api_key, "accept": "application/json"}
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout)) as client,
            client.post(self.base_url + SEND_PATH, json=body, headers=headers) as response,
        ):
            text = await response.text()
            status = response.status
        if 200 <= status < 300:
            logger.info("sms %d to %s accepted by the provider: %s", sms.id, sms.to_address, text)
            return
        detail = f"HTTP {status}: {text.strip()[:500]}"
        if 400 <= status < 500 and status not in RETRIED_STATUSES:
            raise PermanentDeliveryError(detail)
        raise SmsProviderError(detail)
