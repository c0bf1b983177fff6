"""The client examples run against a live demo server and print what the guide shows.

They take the server from CRENEAU_URL and need nothing installed beyond what
client-examples/python/requirements.txt pins: the Python ones run here without the
project's site-packages (``python -S``), with only ``websockets`` made importable for the
subscription example.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import websockets

from tests.e2e.conftest import LiveServer
from tests.subscriptions.support import PARENT, STAFF, Api

EXAMPLES = Path(__file__).resolve().parents[2] / "client-examples"


def _env(live_server: LiveServer, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["CRENEAU_URL"] = live_server.graphql_url
    env.update(extra)
    return env


def test_python_catalogue_example_walks_every_page(live_server: LiveServer) -> None:
    # -I -S: no site-packages, no PYTHONPATH: the standard library only.
    result = subprocess.run(
        [sys.executable, "-I", "-S", str(EXAMPLES / "python" / "catalogue.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=_env(live_server),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("Garderie Matin" in line and "07:30–08:05" in line for line in lines)
    assert any("Mercredi Après-Midi" in line and "13:30–18:00" in line for line in lines)
    assert sum("Repas" in line and "MONDAY" in line for line in lines) >= 1


def test_curl_catalogue_example(live_server: LiveServer) -> None:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    result = subprocess.run(
        ["bash", str(EXAMPLES / "curl" / "catalogue.sh")],
        capture_output=True,
        timeout=60,
        check=False,
        env=_env(live_server),
    )
    assert result.returncode == 0, result.stderr
    body = orjson.loads(result.stdout)
    assert body["data"]["collectivity"]["name"] == "Mairie de Saint-Ismier"
    names = {
        activity["name"]
        for edge in body["data"]["establishments"]["edges"]
        for activity in edge["node"]["activities"]
    }
    assert {"Garderie Matin", "Repas", "Etude Surveillée"} <= names


def test_python_subscription_example_needs_only_websockets(
    live_server: LiveServer, tmp_path: Path
) -> None:
    """subscribe_requests.py with the standard library and ``websockets`` alone (what
    requirements.txt installs), following the demo parent's new request."""
    only = tmp_path / "site"
    only.mkdir()
    (only / "websockets").symlink_to(Path(websockets.__file__).parent, target_is_directory=True)
    example = subprocess.Popen(
        [sys.executable, "-S", str(EXAMPLES / "python" / "subscribe_requests.py"), "--count", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(live_server, PYTHONPATH=str(only)),
    )
    request_id = None
    try:
        assert example.stdout is not None
        first = example.stdout.readline()
        assert "Abonné" in first, example.stderr.read() if example.stderr else first
        time.sleep(1.0)  # the server registers the subscription (the protocol has no ack)
        request_id = Api(live_server.graphql_url, PARENT).ask_guardian_change()
        out, err = example.communicate(timeout=30)
    finally:
        if example.poll() is None:
            example.kill()
        if request_id is not None:  # leave no pending change for the other tests
            Api(live_server.graphql_url, STAFF).accept(request_id)
    assert example.returncode == 0, err
    assert "Création de demande — En cours d'instruction" in out, out
    assert "[curseur " in out, out
