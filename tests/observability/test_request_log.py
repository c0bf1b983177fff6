"""Request ids and structured request log lines (issue 13): ``X-Request-ID`` taken from a
sane client value or generated, echoed in the response, and one line per request with the
tenant, the GraphQL operation, the duration and the outcome; ``CRENEAU_LOG_FORMAT=json``
writes every log line as one JSON object."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kernel.settings import Settings
from models import Tenant
from server.observability.logging import JsonFormatter, TextFormatter
from tests.observability.conftest import AppClient

HELLO = "query Hello { __typename }"


def request_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "creneau.request"]


async def test_a_sane_request_id_is_kept_and_echoed(
    app_client: AppClient, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="creneau.request")
    async with app_client() as (http, _app):
        response = await http.post(
            f"/{tenant.slug}/graphql",
            json={"query": HELLO},
            headers={"X-Request-ID": "lb-1234.abc"},
        )
    assert response.headers["x-request-id"] == "lb-1234.abc"
    [record] = request_records(caplog)
    fields = record.fields  # type: ignore[attr-defined]
    assert fields["request_id"] == "lb-1234.abc"
    assert fields["tenant"] == tenant.slug
    assert fields["operation"] == "Hello"
    assert fields["operation_type"] == "query"
    assert fields["outcome"] == "ok"
    assert fields["status"] == 200
    assert isinstance(fields["duration_ms"], float)


@pytest.mark.parametrize("given", [None, "", "has spaces", "x" * 200, "a;b", "a\tb"])
async def test_an_absent_or_odd_request_id_is_replaced(
    given: str | None, app_client: AppClient
) -> None:
    headers = {} if given is None else {"X-Request-ID": given}
    async with app_client() as (http, _app):
        response = await http.get("/healthz", headers=headers)
        again = await http.get("/healthz", headers=headers)
    generated = response.headers["x-request-id"]
    assert len(generated) == 32 and int(generated, 16) >= 0
    assert again.headers["x-request-id"] != generated


async def test_errors_and_refusals_give_their_code_as_outcome(
    app_client: AppClient, tenant: Tenant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="creneau.request")
    async with app_client() as (http, _app):
        await http.post(
            f"/{tenant.slug}/graphql",
            json={"query": 'query Node { node(id: "Rm9vOjE=") { id } }'},
        )
        await http.post("/nowhere/graphql", json={"query": HELLO})
    node, unknown = (r.fields for r in request_records(caplog))  # type: ignore[attr-defined]
    assert node["operation"] == "Node" and node["outcome"] not in (None, "ok")
    assert unknown["outcome"] == "UNKNOWN_TENANT" and unknown["status"] == 404
    assert unknown["tenant"] is None


async def test_a_masked_error_carries_the_request_id_of_the_header(
    app_client: AppClient, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resolvers import catalogue

    async def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(catalogue, "establishments_page", broken)
    async with app_client() as (http, _app):
        response = await http.post(
            f"/{tenant.slug}/graphql",
            json={"query": "query Schools { establishments { totalCount } }"},
            headers={"X-Request-ID": "trace-42"},
        )
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "trace-42"}
    assert response.headers["x-request-id"] == "trace-42"


def test_json_formatter_writes_one_object_per_line() -> None:
    record = logging.LogRecord(
        "creneau.request", logging.INFO, __file__, 1, "POST %s", ("/x",), None
    )
    record.fields = {"request_id": "r1", "tenant": "t", "duration_ms": 1.5, "absent": None}
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "INFO" and data["logger"] == "creneau.request"
    assert data["message"] == "POST /x"
    assert data["request_id"] == "r1" and data["tenant"] == "t" and data["duration_ms"] == 1.5
    assert "absent" not in data
    assert data["ts"].endswith("+00:00")
    try:
        raise ValueError("bad")
    except ValueError:
        failing = logging.LogRecord(
            "creneau", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    data = json.loads(JsonFormatter().format(failing))
    assert "ValueError: bad" in data["exc"]


def test_text_formatter_appends_the_fields() -> None:
    record = logging.LogRecord(
        "creneau.request", logging.INFO, __file__, 1, "GET /healthz", (), None
    )
    record.fields = {"status": 200, "tenant": None}
    assert TextFormatter().format(record) == "INFO creneau.request GET /healthz status=200"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "text"),
        ({"CRENEAU_ENV": "production"}, "json"),
        ({"CRENEAU_ENV": "production", "CRENEAU_LOG_FORMAT": "text"}, "text"),
        ({"CRENEAU_LOG_FORMAT": "JSON"}, "json"),
    ],
)
def test_log_format_setting(
    environ: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRENEAU_PAYMENT_SANDBOX_SECRET", "x" * 32)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().log_format == expected


def test_a_bad_log_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRENEAU_LOG_FORMAT", "xml")
    with pytest.raises(ValueError, match="CRENEAU_LOG_FORMAT"):
        Settings.from_env()


def test_the_cli_logs_json_lines(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CRENEAU_LOG_FORMAT": "json",
        "CRENEAU_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "server.cli", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines, "migrate logs its upgrades"
    for line in lines:
        data = json.loads(line)
        assert {"ts", "level", "logger", "message"} <= data.keys()
