"""Authentication of the plain HTTP endpoints (downloads, exports), shared by all of them.

They take the same ``Authorization: Bearer`` token as the GraphQL endpoint (a token is
never put in a URL, where logs and browser history would keep it) and answer the same way:
an unknown tenant 404, anonymous 401 (with ``WWW-Authenticate: Bearer``), a token of
another tenant 403. Each endpoint then answers 404 alike for what does not exist and
what the viewer may not see.
"""

from __future__ import annotations

from collections.abc import Callable

from cross_web import HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response

from domain.accounts import WrongTenant, authenticate, authenticate_reading_version
from kernel.tenancy import TenantDirectory, TenantRef
from kernel.viewer import Viewer
from models.base import utcnow
from resolvers.database import RequestDatabase
from schema.ids import pk_from_text
from server.http_errors import DATABASE_UNAVAILABLE_ERRORS, ServiceUnavailable, json_error


async def authenticate_bearer(
    sessions: async_sessionmaker[AsyncSession],
    tenant_id: int,
    token: str,
    *,
    db: RequestDatabase | None = None,
) -> Viewer:
    """The viewer of a bearer token on a tenant's endpoint: 401 when the token is invalid
    or expired, 403 when it belongs to another tenant (never treated as anonymous).

    With ``db`` (a GraphQL request's database) the check runs on the request's own
    session, which the request's reads then go on using, instead of a session of its own,
    and leaves there the data version it read with it (PostgreSQL: the response cache's).
    """

    async def check(session: AsyncSession) -> Viewer | None:
        return await authenticate(session, tenant_id=tenant_id, token=token, now=utcnow())

    async def check_reading_version(session: AsyncSession) -> Viewer | None:
        assert db is not None
        viewer, db.data_version = await authenticate_reading_version(
            session, tenant_id=tenant_id, token=token, now=utcnow()
        )
        return viewer

    try:
        if db is not None:
            viewer = await db.run(check_reading_version)
        else:
            async with sessions() as session, session.begin():
                viewer = await check(session)
    except WrongTenant as exc:
        raise HTTPException(403, "Ce jeton appartient à une autre collectivité.") from exc
    except DATABASE_UNAVAILABLE_ERRORS as exc:
        raise ServiceUnavailable from exc
    if viewer is None:
        raise HTTPException(401, "Session expirée ou invalide : reconnectez-vous.")
    return viewer


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header (None when absent)."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "En-tête Authorization invalide : « Bearer <jeton> » attendu.")
    return token.strip()


def global_pk(global_id: str, type_name: str) -> int | None:
    """The key inside a global ID of ``type_name``; None for anything else (malformed,
    another type, not a number), so a bad ID reads as "not found"."""
    return pk_from_text(global_id, type_name)


def anyone_signed_in(viewer: Viewer) -> bool:
    """Any authenticated viewer (what they may see is decided per object)."""
    return not viewer.is_anonymous


def staff(viewer: Viewer) -> bool:
    """The collectivity's staff (cash office files: direct debits, treasury exports)."""
    return viewer.is_staff


def reporting(viewer: Viewer) -> bool:
    """Reporting accounts and staff (aggregates), like the ``reports`` root field."""
    return viewer.is_reporting


def not_found() -> Response:
    """What an endpoint answers for what does not exist and what the viewer may not see."""
    return json_error("Introuvable.", "NOT_FOUND", 404)


async def authenticate_request(
    request: Request,
    tenants: TenantDirectory,
    sessions: async_sessionmaker[AsyncSession],
    *,
    may_call: Callable[[Viewer], bool] = anyone_signed_in,
    refused: Callable[[], Response] = not_found,
) -> tuple[TenantRef, Viewer] | Response:
    """The tenant of the path and the viewer of the bearer token, or the error response
    to send instead (404 unknown tenant, 401 anonymous or expired, 403 other tenant).

    ``may_call`` declares who may call the endpoint (as permission classes do for the
    GraphQL root fields); a viewer it refuses gets ``refused()`` (404 by default: such an
    endpoint does not tell a viewer what exists that they may not see).
    """
    slug = request.path_params["tenant"]
    tenant = await tenants.get(slug)
    if tenant is None:
        return json_error(f"Collectivité inconnue : « {slug} ».", "UNKNOWN_TENANT", 404)
    try:
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            raise HTTPException(401, "Vous devez être connecté.")
        viewer = await authenticate_bearer(sessions, tenant.id, token)
    except HTTPException as exc:
        code = "FORBIDDEN" if exc.status_code == 403 else "UNAUTHENTICATED"
        response = json_error(exc.reason, code, exc.status_code)
        if exc.status_code == 401:
            response.headers["www-authenticate"] = "Bearer"
        return response
    if not may_call(viewer):
        return refused()
    return tenant, viewer
