"""The client examples run against a live demo server and print what the guide shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tests.e2e.conftest import LiveServer

EXAMPLES = Path(__file__).resolve().parents[2] / "client-examples"


def test_python_catalogue_example_walks_every_page(live_server: LiveServer) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "python" / "catalogue.py"), live_server.base_url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
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
        ["bash", str(EXAMPLES / "curl" / "catalogue.sh"), live_server.base_url],
        capture_output=True,
        timeout=60,
        check=False,
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
