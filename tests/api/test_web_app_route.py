"""``/{tenant}/app/`` serves the committed build of the web app (server/static/web): the
page, never cached, with a same-origin Content-Security-Policy; its hashed assets with
their types and a year-long cache; any other path under the app falls back to the page,
with asset URLs that still resolve; an unknown tenant is a 404. No Node needed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from kernel.settings import Settings
from models import Tenant
from server.app import create_app
from server.web_app import TRUSTED_DOCUMENTS_META, WEB_APP_DIR

pytestmark = pytest.mark.skipif(
    not (WEB_APP_DIR / "index.html").is_file(), reason="server/static/web is not built"
)


class _Assets(HTMLParser):
    """The page's script and stylesheet URLs, and whether it has an inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("src"):
                self.urls.append(("script", str(values["src"])))
            else:
                self.inline_scripts += 1
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.urls.append(("style", str(values["href"])))


async def _page_and_assets(http: httpx.AsyncClient, url: str) -> list[tuple[str, str]]:
    page = await http.get(url)
    assert page.status_code == 200, page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-cache"
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert '<div id="app">' in page.text
    assets = _Assets()
    assets.feed(page.text)
    assert assets.inline_scripts == 0  # the CSP allows none
    assert {kind for kind, _ in assets.urls} == {"script", "style"}
    return [(kind, urljoin(url, src)) for kind, src in assets.urls]


async def test_the_page_and_its_assets(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant
) -> None:
    http = app_http[0]
    url = f"http://testserver/{tenant.slug}/app/"
    for kind, asset_url in await _page_and_assets(http, url):
        assert urlsplit(asset_url).path.startswith(f"/{tenant.slug}/app/assets/"), asset_url
        response = await http.get(asset_url)
        assert response.status_code == 200, asset_url
        expected = "text/javascript" if kind == "script" else "text/css"
        assert response.headers["content-type"].split(";")[0] == expected
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert len(response.content) > 1000


@pytest.mark.parametrize("path", ["planning", "demandes/17", "a/b/c/"])
async def test_unknown_paths_fall_back_to_the_page(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant, path: str
) -> None:
    http = app_http[0]
    url = f"http://testserver/{tenant.slug}/app/{path}"
    for _, asset_url in await _page_and_assets(http, url):
        response = await http.get(asset_url)  # relative URLs resolved from the deep path
        assert response.status_code == 200, asset_url
        assert response.headers["cache-control"].endswith("immutable")


async def test_app_without_slash_redirects(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant
) -> None:
    response = await app_http[0].get(f"/{tenant.slug}/app")
    assert response.status_code == 308
    assert response.headers["location"] == f"/{tenant.slug}/app/"


async def test_missing_asset_and_unknown_tenant_are_404(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant
) -> None:
    http = app_http[0]
    missing = await http.get(f"/{tenant.slug}/app/assets/index-nothere.js")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/json")
    traversal = await http.get(f"/{tenant.slug}/app/assets/..%2F..%2F..%2Fapp.py")
    assert traversal.status_code == 404
    unknown = await http.get("/no-such-town/app/")
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["extensions"]["code"] == "UNKNOWN_TENANT"


def test_the_committed_build_stays_small() -> None:
    """The build is committed (``make run`` needs no Node): a dependency that bloats it
    shows here first (today about 94 KB, 26 KB gzipped)."""
    files = [p for p in WEB_APP_DIR.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} <= {".html", ".js", ".css"}, files
    assert len([p for p in files if p.suffix == ".js"]) == 1, "one script chunk expected"
    assert sum(p.stat().st_size for p in files) < 250_000


async def test_a_server_running_only_trusted_documents_tells_the_page(
    database_url: str, tmp_path: Path, tenant: Tenant
) -> None:
    """In ``require`` mode the page carries the ``<meta>`` that makes the app send each
    operation's documentId (the browser test runs the whole app that way)."""
    manifest = WEB_APP_DIR.parents[2] / "client-examples/web/src/gql/persisted-documents.json"
    settings = Settings(
        environment="test",
        database_url=database_url,
        var_dir=tmp_path / "var",
        trusted_documents=manifest,
        trusted_documents_mode="require",
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            page = await http.get(f"/{tenant.slug}/app/demandes")
    finally:
        await app.state.engine.dispose()
    assert page.status_code == 200
    assert TRUSTED_DOCUMENTS_META in page.text
    assert page.text.index(TRUSTED_DOCUMENTS_META) < page.text.index("</head>")


async def test_by_default_the_page_sends_documents_text(
    app_http: tuple[httpx.AsyncClient, AsyncEngine], tenant: Tenant
) -> None:
    page = await app_http[0].get(f"/{tenant.slug}/app/")
    assert "creneau-trusted-documents" not in page.text
