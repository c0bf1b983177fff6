"""GraphiQL without a CDN: Strawberry's page pointing at our vendored copies of its assets,
and the route that serves them with a year-long cache (their names carry their version)."""

from __future__ import annotations

import os
from pathlib import Path

from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope
from strawberry.http.ides import get_graphql_ide_html

# GraphiQL's assets: the CDN URLs of Strawberry's template → our copies (same bytes: the
# template's SRI ``integrity`` attributes still hold). Pinned with strawberry-graphql.
GRAPHIQL_STATIC_DIR = Path(__file__).parent / "static" / "graphiql"
GRAPHIQL_STATIC_PATH = "/static/graphiql"
GRAPHIQL_ASSETS = {
    "https://unpkg.com/react@18.2.0/umd/react.production.min.js": (
        "react-18.2.0/react.production.min.js"
    ),
    "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": (
        "react-dom-18.2.0/react-dom.production.min.js"
    ),
    "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js-cookie-3.0.5/js.cookie.min.js",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql-3.8.3/graphiql.min.css",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql-3.8.3/graphiql.min.js",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": (
        "graphiql-plugin-explorer-1.0.2/style.css"
    ),
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": (
        "graphiql-plugin-explorer-1.0.2/index.umd.js"
    ),
}
# Versioned file names: browsers may keep them for a year without asking again.
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"


def offline_graphiql_html() -> str:
    """Strawberry's GraphiQL page with every asset served by us (a path relative to
    ``/{tenant}/graphql``, so that it also works under a reverse proxy's path prefix)."""
    html = get_graphql_ide_html(graphql_ide="graphiql")
    for cdn_url, local in GRAPHIQL_ASSETS.items():
        html = html.replace(cdn_url, f"..{GRAPHIQL_STATIC_PATH}/{local}")
    if "unpkg.com" in html or "cdn.jsdelivr" in html:
        raise RuntimeError(
            "Strawberry's GraphiQL template loads an asset not vendored under "
            "server/static/graphiql/ (see its README): update GRAPHIQL_ASSETS."
        )
    return html


class ImmutableStaticFiles(StaticFiles):
    """Static files with a long ``Cache-Control`` (their names carry their version)."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = IMMUTABLE_CACHE
        return response


def graphiql_assets() -> Mount:
    """The route serving GraphiQL's vendored assets under ``/static/graphiql/``."""
    return Mount(
        GRAPHIQL_STATIC_PATH,
        app=ImmutableStaticFiles(directory=GRAPHIQL_STATIC_DIR),
        name="graphiql-assets",
    )
