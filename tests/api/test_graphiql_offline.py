"""GraphiQL renders with no network: its page names no other host, and every script and
style it loads is served by the app itself, pinned, with a long cache."""

from __future__ import annotations

from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from kernel.settings import Settings
from models import Tenant
from server.app import create_app

JS_TYPES = {"text/javascript", "application/javascript"}


class _Assets(HTMLParser):
    """The URLs of the page's scripts and stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.scripts.append(str(values["src"]))
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.styles.append(str(values["href"]))


@pytest.fixture
async def development_http(database_url: str, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The app in development mode (GraphiQL is served there only)."""
    app = create_app(
        Settings(environment="development", database_url=database_url, var_dir=tmp_path / "var")
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
    await app.state.engine.dispose()


async def test_graphiql_loads_nothing_from_another_host(
    development_http: httpx.AsyncClient, tenant: Tenant
) -> None:
    page_url = f"http://testserver/{tenant.slug}/graphql"
    page = await development_http.get(page_url, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "unpkg.com" not in page.text
    assert "jsdelivr" not in page.text

    assets = _Assets()
    assets.feed(page.text)
    # React, ReactDOM, js-cookie, GraphiQL and its explorer plugin; their two stylesheets.
    assert len(assets.scripts) == 5
    assert len(assets.styles) == 2
    for url, types in [(u, JS_TYPES) for u in assets.scripts] + [
        (u, {"text/css"}) for u in assets.styles
    ]:
        absolute = urljoin(page_url, url)
        assert urlsplit(absolute).netloc == "testserver", url
        assert urlsplit(absolute).path.startswith("/static/graphiql/"), url
        response = await development_http.get(absolute)
        assert response.status_code == 200, url
        assert response.headers["content-type"].split(";")[0] in types, url
        assert "max-age=31536000" in response.headers["cache-control"], url
        assert len(response.content) > 500, url


async def test_the_assets_are_the_pinned_files(development_http: httpx.AsyncClient) -> None:
    react = await development_http.get("/static/graphiql/react-18.2.0/react.production.min.js")
    assert react.status_code == 200
    assert b"18.2.0" in react.content
    missing = await development_http.get("/static/graphiql/nothing-1.0.0/x.js")
    assert missing.status_code == 404
    escape = await development_http.get("/static/graphiql/../../app.py")
    assert escape.status_code == 404
