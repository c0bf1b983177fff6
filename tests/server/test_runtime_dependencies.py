"""The server runs on the runtime dependencies alone: httpx is a development extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_builds_without_httpx(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["httpx"] = None  # import httpx now raises ImportError
        from kernel.settings import Settings
        import server.app
        import server.cli
        app = server.app.create_app(
            Settings(
                environment="test",
                database_url="sqlite+aiosqlite:///{tmp_path / "db.sqlite3"}",
                var_dir=__import__("pathlib").Path({str(tmp_path / "var")!r}),
            )
        )
        assert "httpx" not in {{m for m, v in sys.modules.items() if v is not None}}
        print("built", type(app).__name__)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "built Starlette" in done.stdout
