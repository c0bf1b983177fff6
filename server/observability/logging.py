"""Log set-up: ``CRENEAU_LOG_FORMAT=json`` writes one JSON object per line (timestamp,
level, logger, message, and the request fields a line carries); ``text`` one readable line.

Request fields are passed as ``extra={"fields": {...}}`` (see ``server.observability.requests``)
and appear as top-level keys in JSON, as ``key=value`` pairs after the message in text.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Mapping
from typing import Any

import orjson

from kernel.settings import Settings

# Attribute of a LogRecord holding the structured fields of the line.
FIELDS = "fields"


def _fields(record: logging.LogRecord) -> Mapping[str, Any]:
    fields = getattr(record, FIELDS, None)
    return fields if isinstance(fields, Mapping) else {}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``ts`` (UTC, ISO 8601 with milliseconds), ``level``,
    ``logger``, ``message``, the record's fields, and ``exc`` (the traceback) if any."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in _fields(record).items():
            if key not in line and value is not None:
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exc"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(line, default=str).decode()


class TextFormatter(logging.Formatter):
    """``LEVEL logger message key=value…`` (the fields of request lines after the message)."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        pairs = " ".join(f"{k}={v}" for k, v in _fields(record).items() if v is not None)
        if not pairs:
            return text
        first, newline, rest = text.partition("\n")
        return f"{first} {pairs}{newline}{rest}"


def formatter_for(log_format: str) -> logging.Formatter:
    """The formatter of a ``CRENEAU_LOG_FORMAT`` value."""
    return JsonFormatter() if log_format == "json" else TextFormatter()


def configure_logging(settings: Settings) -> None:
    """Root logger on stderr at ``CRENEAU_LOG_LEVEL`` with the configured format (uvicorn's
    loggers propagate to it: ``creneau serve`` does not let uvicorn install its own).

    Like ``logging.basicConfig``, a root logger that already has handlers (an embedding
    program, the test runner) keeps them; only its level is set."""
    root = logging.getLogger()
    root.setLevel(settings.log_level.upper())
    # Alembic announces each of its plugins at INFO whenever migrations are loaded.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter_for(settings.log_format))
    root.addHandler(handler)
