"""The parents' and staff web app (client-examples/web, built into ``server/static/web/``)
served under ``/{tenant}/app/``, so ``make run`` shows it with no network and no Node.

- ``/{tenant}/app/assets/<name>``: the build's hashed files, with a year-long immutable
  cache (a new build gives new names);
- any other path under ``/{tenant}/app/``: ``index.html`` (the app routes with the URL's
  hash; a reload or an old link lands on the app), never cached, with a Content-Security-
  Policy that allows only this origin (the build has no inline script or style).

The page's asset URLs stay relative (``./assets/…`` at the app's root, ``../assets/…`` one
level deeper, …), so the app also works behind a reverse proxy's path prefix. The tenant
is the one of the path: an unknown one gets the API's 404. When the server runs only
trusted documents (``CRENEAU_TRUSTED_DOCUMENTS_MODE=require``), the page says so in a
``<meta>`` and the app sends each operation's ``documentId`` instead of its text (the
manifest must then include the app's, client-examples/web/src/gql/persisted-documents.json).
"""

from __future__ import annotations

import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from kernel.settings import Settings
from kernel.tenancy import TenantDirectory
from server.graphiql import IMMUTABLE_CACHE
from server.http_errors import DATABASE_UNAVAILABLE_ERRORS, service_unavailable

WEB_APP_DIR = Path(__file__).resolve().parent / "static" / "web"
ASSET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
ASSET_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
# Scripts, styles and images of this origin only; the API over HTTP and WebSocket on this
# origin ('self' covers ws:/wss: to the same host in CSP 3); PDFs opened as blob: URLs.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "cache-control": "no-cache",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


@lru_cache(maxsize=1)
def _index_html(mtime_ns: int) -> str:
    """The built page (re-read when a rebuild changes it: the mtime is part of the key)."""
    del mtime_ns
    return (WEB_APP_DIR / "index.html").read_text(encoding="utf-8")


TRUSTED_DOCUMENTS_META = '<meta name="creneau-trusted-documents" content="require" />'


def page_for(rest: str, *, documents_required: bool = False) -> str:
    """``index.html`` with its ``./assets/`` URLs made relative to the requested path
    (``rest`` is what follows ``/{tenant}/app/``), and the trusted-documents ``<meta>``
    when the server runs only registered operations."""
    index = WEB_APP_DIR / "index.html"
    html = _index_html(index.stat().st_mtime_ns)
    depth = rest.count("/")
    if depth:
        html = html.replace('="./assets/', f'="{"../" * depth}assets/')
    if documents_required:
        html = html.replace("</head>", f"  {TRUSTED_DOCUMENTS_META}\n  </head>", 1)
    return html


def _not_built() -> Response:
    return JSONResponse(
        {
            "errors": [
                {
                    "message": "L'application web n'est pas construite : lancez "
                    "`npm run build` dans client-examples/web.",
                    "extensions": {"code": "NOT_FOUND"},
                }
            ]
        },
        status_code=404,
    )


class WebApp:
    """The endpoint of ``/{tenant}/app`` and everything under it."""

    def __init__(self, tenants: TenantDirectory, settings: Settings) -> None:
        self.tenants = tenants
        self.documents_required = settings.trusted_documents_mode == "require"

    async def respond(self, request: Request) -> Response:
        """Serve an asset, the page, or redirect ``/{tenant}/app`` to ``/{tenant}/app/``."""
        slug = request.path_params["tenant"]
        try:
            tenant = await self.tenants.get(slug)
        except DATABASE_UNAVAILABLE_ERRORS as exc:
            return service_unavailable(exc)
        if tenant is None:
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": f"Collectivité inconnue : « {slug} ».",
                            "extensions": {"code": "UNKNOWN_TENANT"},
                        }
                    ]
                },
                status_code=404,
            )
        rest = request.path_params.get("rest")
        if rest is None:
            return RedirectResponse(request.url.path + "/", status_code=308)
        if not (WEB_APP_DIR / "index.html").is_file():
            return _not_built()
        if rest.startswith("assets/") or "/assets/" in rest:
            return self._asset(rest.rsplit("/assets/", 1)[-1].removeprefix("assets/"))
        return Response(
            page_for(rest, documents_required=self.documents_required),
            media_type="text/html; charset=utf-8",
            headers=PAGE_HEADERS,
        )

    def _asset(self, name: str) -> Response:
        """A hashed build file, or 404 (never the page: a missing script is an error)."""
        path = WEB_APP_DIR / "assets" / name
        if not ASSET_NAME.match(name) or not path.is_file():
            return JSONResponse(
                {
                    "errors": [
                        {"message": "Fichier introuvable.", "extensions": {"code": "NOT_FOUND"}}
                    ]
                },
                status_code=404,
            )
        media_type = ASSET_TYPES.get(path.suffix) or mimetypes.guess_type(name)[0]
        return FileResponse(
            path,
            media_type=media_type or "application/octet-stream",
            headers={"cache-control": IMMUTABLE_CACHE, "x-content-type-options": "nosniff"},
        )


def web_app_routes(tenants: TenantDirectory, settings: Settings) -> list[Route]:
    """The routes of the web app, for the application's route list."""
    endpoint = WebApp(tenants, settings).respond  # a bound method: Starlette passes it a Request
    return [
        Route("/{tenant}/app", endpoint, methods=["GET", "HEAD"]),
        Route("/{tenant}/app/{rest:path}", endpoint, methods=["GET", "HEAD"]),
    ]
