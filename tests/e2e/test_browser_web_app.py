"""The web app (client-examples/web, served at /{tenant}/app/) in a real browser.

Skipped when ``node``/``npm`` or Chromium (Debian's ``/usr/bin/chromium``; ``.ci/run``
installs it) is missing. Otherwise ``npm ci`` installs the app's devDependencies
(``playwright-core`` among them; no browser is downloaded), skipped on later runs while
the lockfile is unchanged, and:

1. a demo server of its own, in ``CRENEAU_TRUSTED_DOCUMENTS_MODE=require`` with the app's
   manifest (the app sends documentIds), runs ``tests/browser.mjs``: an agent opens the
   live inbox; a parent logs in on a phone-width page, the month planning renders, she
   reserves a day
   (the preview shows its outcome and price, she confirms); the request arrives in the
   agent's inbox without a reload, the agent accepts its line and it leaves the inbox; the
   parent's « Mes demandes », open since before the decision, shows « Acceptée » with no
   reload. Then the rest of the app once: a message on the request, the invoices (a PDF
   downloaded) and an online payment through the sandbox (last month is billed first, so
   one is payable when the demo has bookings then), an absence's preview, a slot's
   history, the family file's pending changes, the agent marking a child present on a
   recent day (the agent logs in with the keyboard only). Each step's screenshot is kept in
   ``var/test-artefacts/browser/`` (printed) and checked by axe-core (no serious or critical
   WCAG 2.1 A/AA violation); the time from page load to the first planning render is
   printed (``-s``);
2. the committed build (server/static/web) and generated types (src/gql) are what
   ``npm run codegen`` and ``npm run build`` make of the committed SDL and sources.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    DEMO_TENANT,
    REPO_ROOT,
    LiveServer,
    _run_cli_step,
    _server_env,
    _start_server,
    _stop,
    _tail,
    _wait_healthy,
)

APP = REPO_ROOT / "client-examples" / "web"
BUILT = REPO_ROOT / "server" / "static" / "web"
ARTEFACTS = REPO_ROOT / "var" / "test-artefacts" / "browser"
STAMP = ".creneau-lockfile-sha256"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # as tests/browser.mjs reads it
NPM_CI_TIMEOUT_S = 600.0
STEP_TIMEOUT_S = 240.0
# tests/browser.mjs: nothing left to reserve on the demo in the next three months.
NOTHING_TO_RESERVE = 3

NODE = shutil.which("node")
NPM = shutil.which("npm")
pytestmark = pytest.mark.skipif(
    NODE is None or NPM is None, reason="node and npm are needed for the web app"
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
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> str:
    """Run a command; fail with its output unless it exits 0. Returns stdout."""
    try:
        result = subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`{' '.join(args)}` did not finish within {timeout:.0f} s", False)
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(args)}` exited with {result.returncode}\n"
            f"--- stdout ---\n{_tail(result.stdout)}\n--- stderr ---\n{_tail(result.stderr)}",
            pytrace=False,
        )
    return result.stdout


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """The app's dependencies, installed with ``npm ci`` unless the lockfile is unchanged."""
    assert NPM is not None
    lock_sha = hashlib.sha256((APP / "package-lock.json").read_bytes()).hexdigest()
    installed = APP / "node_modules"
    stamp = installed / STAMP
    if not (stamp.is_file() and stamp.read_text().strip() == lock_sha):
        _run([NPM, "ci", "--no-audit", "--no-fund"], APP, _npm_env(), NPM_CI_TIMEOUT_S)
        stamp.write_text(lock_sha + "\n")
    return installed


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A demo server of its own (the scenario books and decides, others may count rows),
    running only the app's trusted documents."""
    var_dir = tmp_path_factory.mktemp("creneau-web-app")
    env = _server_env(var_dir)
    _run_cli_step(["migrate"], env)
    _run_cli_step(["demo"], env)
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    _run_cli_step(["bill", "--month", last_month, "--tenant", DEMO_TENANT], env)
    # Only registered operations run (the app's manifest): the page tells the app, which
    # sends each operation's documentId; a text the app did not register would be refused.
    env["CRENEAU_TRUSTED_DOCUMENTS"] = str(APP / "src" / "gql" / "persisted-documents.json")
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


@pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
)
def test_parent_reserves_staff_accepts_and_the_parent_sees_it_live(
    node_modules: Path, demo_server: LiveServer
) -> None:
    assert NODE is not None
    if ARTEFACTS.exists():
        shutil.rmtree(ARTEFACTS)
    env = _npm_env()
    env.update(
        {
            "CRENEAU_URL": demo_server.graphql_url,
            "WEB_TEST_ARTEFACTS": str(ARTEFACTS),
            "CHROMIUM": CHROMIUM,
        }
    )
    result = subprocess.run(
        [NODE, "tests/browser.mjs"],
        cwd=APP,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT_S,
        check=False,
    )
    shown = f"--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
    if result.returncode == NOTHING_TO_RESERVE:
        pytest.skip(result.stderr.strip())  # the demo's school year is over (or nearly)
    assert result.returncode == 0, f"{shown}\n--- server ---\n{demo_server.log_tail()}"
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])

    assert "Activité réservée" in " ".join(seen["legend"]), seen["legend"]
    assert "Absence facturée" in " ".join(seen["legend"]), seen["legend"]
    assert "En attente de validation" in seen["preview"] and "€" in seen["preview"], seen
    assert seen["statusBefore"] == "En cours d'instruction", seen
    assert seen["inboxArrived"] and seen["inboxLeft"], seen
    assert seen["statusAfter"] == "Acceptée", seen
    assert seen["sameDocument"] is True, "the parent's page was reloaded"
    assert seen["keyboardFocus"] == "email", "the login page does not focus its first field"
    assert seen["messagePosted"] is True, seen
    if "absencePreview" in seen:  # a booked day left in the month to declare absent
        assert "facturée" in seen["absencePreview"], seen["absencePreview"]
    if "pdf" in seen:  # the family has invoices: one PDF downloaded with the token
        assert seen["pdf"]["name"].startswith("facture-"), seen["pdf"]
        assert seen["pdf"]["magic"] == "%PDF-" and seen["pdf"]["bytes"] > 1_000, seen["pdf"]
    if "paidInvoice" in seen:  # an invoice of last month could be paid online
        assert seen["paymentPage"] == "Merci, votre paiement a été accepté.", seen
        assert seen["returnedTo"] == f"/{DEMO_TENANT}/app/#/factures", seen
        assert "Payée" in seen["paidInvoice"]["row"], seen["paidInvoice"]
        assert "Carte bancaire" in seen["paidInvoice"]["row"], seen["paidInvoice"]
    if "slotHistory" in seen:  # a planning slot's page: its history, or that there is none
        assert seen["slotHistory"], seen
    assert seen["pendingChanges"] > 0, "the demo family's pending changes are not shown"
    if "attendance" in seen:  # a school day with a meal booked in the last two weeks
        assert seen["attendance"]["status"] == "Enfant présent", seen["attendance"]
    assert seen["pageErrors"] == [], seen["pageErrors"]
    assert seen["a11y"] == [], json.dumps(seen["a11y"], ensure_ascii=False, indent=1)
    shots = [Path(shot["path"]) for shot in seen["screenshots"]]
    assert len(shots) >= 9 and all(p.is_file() and p.stat().st_size > 5_000 for p in shots)
    print(f"\nscreenshots in {ARTEFACTS}:")
    for shot in seen["screenshots"]:
        print(f"  {Path(shot['path']).name}: {shot['description']}")
    runs = ", ".join(str(ms) for ms in seen["planningRenderRunsMs"])
    print(f"page load → first planning render: median {seen['planningRenderMs']} ms ({runs})")


def test_committed_build_is_what_the_sources_make(node_modules: Path, tmp_path: Path) -> None:
    """server/static/web and src/gql are rebuilt from the committed SDL and sources in a
    copy of the app: they must be byte-identical to the committed ones."""
    assert NPM is not None
    shutil.copy(REPO_ROOT / "schema.graphql", tmp_path / "schema.graphql")
    app = tmp_path / "client-examples" / "web"
    app.mkdir(parents=True)
    for name in (
        "package.json",
        "package-lock.json",
        "codegen.ts",
        "tsconfig.json",
        "vite.config.ts",
        "index.html",
    ):
        shutil.copy(APP / name, app / name)
    shutil.copytree(APP / "src", app / "src", ignore=shutil.ignore_patterns("gql"))
    (app / "node_modules").symlink_to(node_modules, target_is_directory=True)
    env = _npm_env()
    _run([NPM, "run", "codegen"], app, env, STEP_TIMEOUT_S)
    _run([NPM, "run", "build"], app, env, STEP_TIMEOUT_S)

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    assert files(app / "src" / "gql") == files(APP / "src" / "gql"), (
        "client-examples/web/src/gql is out of date: run `npm run codegen` there and commit it"
    )
    rebuilt = files(tmp_path / "server" / "static" / "web")
    committed = files(BUILT)
    assert sorted(rebuilt) == sorted(committed), (
        "server/static/web is out of date: run `npm run build` in client-examples/web and "
        f"commit it (built {sorted(rebuilt)}, committed {sorted(committed)})"
    )
    assert rebuilt == committed, "server/static/web differs from a fresh `npm run build`"
    sizes = {name: (len(data), len(gzip.compress(data, 9))) for name, data in committed.items()}
    print("\nbundle (bytes, gzip -9):")
    for name, (raw, packed) in sizes.items():
        print(f"  {name}: {raw:,} ({packed:,})")
    print(f"  total: {sum(r for r, _ in sizes.values()):,} ({sum(p for _, p in sizes.values()):,})")
