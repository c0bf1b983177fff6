"""SMS: the ``SmsBackend`` interface and the sandbox (``file``) backend.

The sandbox appends one JSON object per SMS to ``<var>/sms/sms.jsonl``: what would have
been sent (recipient, sender, text, its length and GSM-7 segments), so a developer or a
test reads the SMS a family would have received without a provider account.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

logger = logging.getLogger("creneau.sms")


@dataclass(frozen=True, slots=True)
class OutgoingSms:
    """A claimed outbox SMS: the E.164 mobile number and the text (already ≤ 160 GSM-7)."""

    id: int
    tenant_id: int
    to_address: str
    text: str
    created_at: dt.datetime


class SmsBackend(Protocol):
    """Something that sends one SMS or raises; ``PermanentDeliveryError`` ends retries."""

    async def send(self, sms: OutgoingSms) -> None:
        """Send ``sms``; raise on failure."""
        ...


class FileSmsBackend:
    """Sandbox: each SMS becomes one JSON line of ``<directory>/sms.jsonl`` (never sent).

    A line is written with one ``write`` in append mode, so concurrent sends (and several
    workers) never interleave two lines.
    """

    def __init__(self, directory: Path, sender: str) -> None:
        self.directory = directory
        self.sender = sender

    @property
    def path(self) -> Path:
        """The JSON lines file."""
        return self.directory / "sms.jsonl"

    async def send(self, sms: OutgoingSms) -> None:
        """Append what would be sent and log one line with the recipient."""
        record = {
            "id": sms.id,
            "tenantId": sms.tenant_id,
            "to": sms.to_address,
            "sender": self.sender,
            "text": sms.text,
            "length": len(sms.text),
            "sentAt": dt.datetime.now(dt.UTC).isoformat(),
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        await asyncio.to_thread(self._append, line)
        logger.info("sms %d to %s (written to %s)", sms.id, sms.to_address, self.path)

    def _append(self, line: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line)
