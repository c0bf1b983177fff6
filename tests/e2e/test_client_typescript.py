"""The TypeScript client kit (client-examples/typescript) builds and walks the guide.

Skipped when ``node`` or ``npm`` is missing. Otherwise:

1. ``npm ci`` from the committed lockfile, in the kit's own ``node_modules`` (gitignored),
   skipped on later runs while the lockfile is unchanged (a stamp records its SHA-256);
2. ``npm run codegen`` in a copy of the kit (temporary directory, same layout, the
   committed SDL): the generated types and the trusted-documents manifest must equal the
   committed ones (src/gql/), and ``npm run build`` (strict ``tsc --noEmit``) must pass;
3. a server of its own (fresh database, migrate + demo) in
   ``CRENEAU_TRUSTED_DOCUMENTS_MODE=require`` with the generated manifest runs
   ``npm run walkthrough`` with ``CRENEAU_USE_DOCUMENT_IDS=1``: it exits 0 and prints
   the decision and the booked date received live, and the decision replayed on resuming
   with ``after:``; the same walk sending documents' text is refused.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import (
    REPO_ROOT,
    LiveServer,
    _run_cli_step,
    _server_env,
    _start_server,
    _stop,
    _tail,
    _wait_healthy,
)

KIT = REPO_ROOT / "client-examples" / "typescript"
GENERATED = ("gql.ts", "graphql.ts", "index.ts", "persisted-documents.json")
STAMP = ".creneau-lockfile-sha256"

NPM_CI_TIMEOUT_S = 600.0
STEP_TIMEOUT_S = 180.0

NODE = shutil.which("node")
NPM = shutil.which("npm")
pytestmark = pytest.mark.skipif(
    NODE is None or NPM is None, reason="node and npm are needed for the TypeScript kit"
)


def _npm_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "npm_config_fund": "false",
            "npm_config_audit": "false",
            "npm_config_update_notifier": "false",
            "npm_config_progress": "false",
        }
    )
    for name in ("CRENEAU_URL", "CRENEAU_USE_DOCUMENT_IDS"):
        env.pop(name, None)
    return env


def _npm(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> str:
    """Run ``npm ARGS``; fail with its output unless it exits 0. Returns stdout."""
    assert NPM is not None
    try:
        result = subprocess.run(
            [NPM, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`npm {' '.join(args)}` did not finish within {timeout:.0f} s", False)
    if result.returncode != 0:
        pytest.fail(
            f"`npm {' '.join(args)}` exited with {result.returncode}\n"
            f"--- stdout ---\n{_tail(result.stdout)}\n--- stderr ---\n{_tail(result.stderr)}",
            pytrace=False,
        )
    return result.stdout


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """The kit's dependencies, installed with ``npm ci`` unless the lockfile is unchanged."""
    lock_sha = hashlib.sha256((KIT / "package-lock.json").read_bytes()).hexdigest()
    installed = KIT / "node_modules"
    stamp = installed / STAMP
    if not (stamp.is_file() and stamp.read_text().strip() == lock_sha):
        _npm(["ci", "--no-audit", "--no-fund"], KIT, _npm_env(), NPM_CI_TIMEOUT_S)
        stamp.write_text(lock_sha + "\n")
    return installed


@pytest.fixture(scope="module")
def built_kit(node_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the kit, regenerated from the committed SDL and type-checked."""
    root = tmp_path_factory.mktemp("ts-kit")
    shutil.copy(REPO_ROOT / "schema.graphql", root / "schema.graphql")
    kit = root / "client-examples" / "typescript"
    kit.mkdir(parents=True)
    for name in ("package.json", "package-lock.json", "codegen.ts", "tsconfig.json"):
        shutil.copy(KIT / name, kit / name)
    shutil.copytree(KIT / "src", kit / "src", ignore=shutil.ignore_patterns("gql"))
    (kit / "node_modules").symlink_to(node_modules, target_is_directory=True)
    env = _npm_env()
    _npm(["run", "codegen"], kit, env, STEP_TIMEOUT_S)
    _npm(["run", "build"], kit, env, STEP_TIMEOUT_S)
    return kit


def test_codegen_output_is_committed(built_kit: Path) -> None:
    """The committed src/gql/ is what codegen makes of the committed SDL and operations."""
    stale = [
        name
        for name in GENERATED
        if (built_kit / "src" / "gql" / name).read_bytes()
        != (KIT / "src" / "gql" / name).read_bytes()
    ]
    assert not stale, (
        f"client-examples/typescript/src/gql/ is out of date ({', '.join(stale)}): "
        "run `npm run codegen` in client-examples/typescript and commit the result"
    )


@pytest.fixture(scope="module")
def trusted_server(
    built_kit: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A demo server of its own that runs only the kit's registered documents."""
    var_dir = tmp_path_factory.mktemp("creneau-ts-kit")
    env = _server_env(var_dir)
    _run_cli_step(["migrate"], env)
    _run_cli_step(["demo"], env)
    env["CRENEAU_TRUSTED_DOCUMENTS"] = str(built_kit / "src" / "gql" / "persisted-documents.json")
    env["CRENEAU_TRUSTED_DOCUMENTS_MODE"] = "require"
    server = _start_server(var_dir, env, 1)
    problem = _wait_healthy(server)
    if problem:
        _stop(server.process)
        pytest.fail(f"server did not start: {problem}\n{server.log_tail()}", pytrace=False)
    try:
        yield server
    finally:
        _stop(server.process)


def _walk(kit: Path, server: LiveServer, *, document_ids: bool) -> subprocess.CompletedProcess[str]:
    assert NPM is not None
    env = _npm_env()
    env["CRENEAU_URL"] = server.graphql_url
    if document_ids:
        env["CRENEAU_USE_DOCUMENT_IDS"] = "1"
    return subprocess.run(
        [NPM, "run", "--silent", "walkthrough"],
        cwd=kit,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT_S,
        check=False,
    )


def test_walkthrough_by_document_id_receives_the_live_decision(
    built_kit: Path, trusted_server: LiveServer
) -> None:
    result = _walk(built_kit, trusted_server, document_ids=True)
    shown = f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    if result.returncode == 1 and "aucune date à réserver" in result.stderr:
        # The demo's school year is over (or nearly): nothing left to reserve.
        pytest.skip(result.stderr.strip())
    assert result.returncode == 0, f"{shown}\n--- server ---\n{trusted_server.log_tail()}"
    lines = result.stdout.splitlines()
    assert "Connecté : Élodie DEVAILLÉ (PARENT)" in lines, shown
    assert any(line.startswith("Planning du ") for line in lines), shown
    assert any(line.startswith("Aperçu — ") for line in lines), shown
    assert any(
        line.startswith("Décision en direct : Demande n° ") and "Décision — Acceptée" in line
        for line in lines
    ), shown
    assert any(
        line.startswith("Planning en direct : ") and line.endswith("— Activité réservée")
        for line in lines
    ), shown
    assert any("décision rejouée" in line for line in lines), shown
    assert any(line.startswith("Factures : ") for line in lines), shown
    assert lines[-1] == "Parcours terminé.", shown


def test_walkthrough_sending_documents_text_is_refused(
    built_kit: Path, trusted_server: LiveServer
) -> None:
    """In ``require`` mode a parent cannot send free-form text: the ids above were used."""
    result = _walk(built_kit, trusted_server, document_ids=False)
    assert result.returncode == 1, result.stdout
    assert "PERSISTED_DOCUMENT_REQUIRED" in result.stderr, result.stderr
