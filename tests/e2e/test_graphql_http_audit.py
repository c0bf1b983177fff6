"""GraphQL-over-HTTP conformance of the live server.

The main test runs the official ``graphql-http`` audit (pinned in
``graphql_http_audit/package.json``) with Node against the demo tenant's endpoint
and requires that no MUST-level audit fails. Warnings (SHOULD) and notices (MAY)
are printed by ``audit.mjs`` but do not fail the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import httpx

    from tests.e2e.conftest import LiveServer

pytestmark = pytest.mark.e2e

AUDIT_DIR = Path(__file__).resolve().parent / "graphql_http_audit"
NPM_CI_TIMEOUT_S = 300.0
AUDIT_TIMEOUT_S = 180.0
# graphql-http's audit relies on the global fetch() of Node 18+.
MIN_NODE_MAJOR = 18

# npm's ways of saying "I could not reach the registry" (npm 6 prints `npm ERR!`,
# npm 7+ `npm error`).
_NPM_NETWORK_FAILURE = re.compile(
    r"npm (?:ERR!|error) code (?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT"
    r"|ESOCKETTIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOTCACHED|ERR_SOCKET_TIMEOUT|E5\d\d)\b"
    r"|npm (?:ERR!|error) network\b"
    r"|\bFetchError\b"
    r"|request to \S+ failed",
    re.IGNORECASE,
)


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"`{name}` is not installed: the graphql-http audit needs Node.js and npm")
    return path


def _node_major(node: str) -> int:
    out = subprocess.run(
        [node, "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.strip()
    match = re.match(r"v?(\d+)\.", out)
    return int(match.group(1)) if match else 0


def _installed_matches_lock() -> bool:
    """True when node_modules holds exactly the versions package-lock.json pins."""
    lock = json.loads((AUDIT_DIR / "package-lock.json").read_text())
    for name in ("graphql-http", "graphql"):
        locked = lock["packages"][f"node_modules/{name}"]["version"]
        manifest = AUDIT_DIR / "node_modules" / name / "package.json"
        if not manifest.is_file():
            return False
        if json.loads(manifest.read_text()).get("version") != locked:
            return False
    return True


def _ensure_audit_installed(npm: str) -> None:
    if _installed_matches_lock():
        return
    cmd = [npm, "ci", "--no-audit", "--no-fund"]
    try:
        proc = subprocess.run(
            cmd,
            cwd=AUDIT_DIR,
            capture_output=True,
            text=True,
            timeout=NPM_CI_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.skip(
            f"`npm ci` did not finish within {NPM_CI_TIMEOUT_S:.0f} s (npm registry unreachable?)"
        )
    if proc.returncode != 0:
        output = f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
        if _NPM_NETWORK_FAILURE.search(output):
            pytest.skip(f"`npm ci` could not reach the npm registry:\n{output[-2000:]}")
        pytest.fail(f"`npm ci` failed with exit code {proc.returncode}\n{output}", pytrace=False)
    if not _installed_matches_lock():
        pytest.fail("`npm ci` succeeded but node_modules does not match package-lock.json")


def test_graphql_http_audit_has_no_error(live_server: LiveServer) -> None:
    node = _require_tool("node")
    npm = _require_tool("npm")
    if _node_major(node) < MIN_NODE_MAJOR:
        pytest.skip(f"Node.js >= {MIN_NODE_MAJOR} is required by the graphql-http audit")
    _ensure_audit_installed(npm)

    proc = subprocess.run(
        [node, "audit.mjs", live_server.graphql_url],
        cwd=AUDIT_DIR,
        capture_output=True,
        text=True,
        timeout=AUDIT_TIMEOUT_S,
    )
    output = f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
    if proc.returncode != 0:
        pytest.fail(
            f"graphql-http audit of {live_server.graphql_url} exited with {proc.returncode} "
            f"(1: a MUST audit failed, 2: the audit could not run)\n{output}\n"
            f"--- server stderr (tail) ---\n{live_server.log_tail()}",
            pytrace=False,
        )
    assert "graphql-http audit summary:" in proc.stdout, output
    # Warnings and notices do not fail the test; `pytest -rP` (or -s) shows them.
    print(output)


def test_post_typename_returns_query(live_server: LiveServer, http_client: httpx.Client) -> None:
    response = http_client.post(
        live_server.graphql_url,
        json={"query": "{ __typename }"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert "application/json" in response.headers.get("content-type", ""), response.headers
    body = response.json()
    assert body["data"] == {"__typename": "Query"}
    assert body["extensions"]["cost"]["estimated"] == 0


def test_unknown_tenant_is_404_json(live_server: LiveServer, http_client: httpx.Client) -> None:
    response = http_client.get(live_server.graphql_url_for("nope"))
    assert response.status_code == 404, response.text
    assert "json" in response.headers.get("content-type", ""), response.headers
    try:
        response.json()
    except ValueError as exc:  # pragma: no cover - only on failure
        pytest.fail(f"404 body is not JSON: {response.text!r} ({exc})")
