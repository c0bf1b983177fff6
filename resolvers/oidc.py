"""OpenID Connect (FranceConnect) actions: start a login, complete it, link and unlink
identities — each step's transactions, with the provider called between them.

Completing a login takes three steps so that what must stay written stays written: the
login state is used (and a failure counted) in a first transaction, committed whatever
follows, so a replayed state is refused even if this request then fails; the provider is
called with no transaction open; the session (or the link offer) is written in a second one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from authlib.common.security import generate_token
from authlib.common.urls import add_params_to_uri
from sqlalchemy import select

from domain import accounts
from domain.accounts import oidc_links, oidc_login
from domain.accounts.identity import PortalLinks
from domain.accounts.oidc_config import (
    DEFAULT_PROVIDER_NAME,
    SETTINGS_KEY,
    OidcClientConfig,
    check_redirect_uri,
    client_config,
)
from domain.accounts.oidc_login import LinkOffered, LoginStarted
from domain.accounts.oidc_tokens import (
    UnknownSigningKey,
    person_claims,
    verify_id_token,
    verify_userinfo,
)
from domain.accounts.sessions import IssuedSession
from domain.tenants.settings import portal_base
from kernel.results import DomainFailure, fail
from models import AccountIdentity, Tenant
from models.base import utcnow
from resolvers import oidc_provider
from resolvers.accounts import client_address
from resolvers.context import Context
from resolvers.oidc_provider import CodeRefused, ProviderMetadata, ProviderUnavailable

UNAVAILABLE_MESSAGE = (
    "Le service d'identification est momentanément indisponible. "
    "Réessayez dans quelques minutes ou connectez-vous avec votre mot de passe."
)


def client_secret(secrets_dir: Path, tenant_slug: str) -> str | None:
    """The town's client secret: the file ``<secrets_dir>/<slug>`` (None when absent)."""
    path = secrets_dir / tenant_slug
    try:
        secret = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return secret or None


async def _tenant(ctx: Context) -> Tenant:
    # A session of its own, closed at once: no connection is held while the provider answers.
    async with ctx.sessions() as session:
        return await session.get_one(Tenant, ctx.tenant.id)


def _config(ctx: Context, tenant: Tenant, *field: str) -> OidcClientConfig:
    secret = client_secret(ctx.settings.oidc_secrets_path, ctx.tenant.slug)
    return client_config(tenant.settings, secret, *field)


def _portal(ctx: Context, tenant: Tenant) -> str:
    return portal_base(tenant, ctx.settings.portal_links_base(ctx.tenant.slug))


def _user_agent(ctx: Context) -> str | None:
    return ctx.request.headers.get("user-agent") if ctx.request is not None else None


def _unavailable() -> DomainFailure:
    return fail("SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE)


async def start_login(ctx: Context, redirect_uri: str) -> LoginStarted:
    """oidcLoginStart: the provider's authorization URL for this login."""
    tenant = await _tenant(ctx)
    config = _config(ctx, tenant)
    uri = check_redirect_uri(config, redirect_uri, _portal(ctx, tenant))
    try:
        provider = await oidc_provider.metadata(config.issuer)
    except ProviderUnavailable as exc:
        raise _unavailable() from exc
    async with ctx.db.transaction() as session:
        return await oidc_login.start_login(
            session,
            tenant_id=ctx.tenant.id,
            config=config,
            authorization_endpoint=provider.authorization_endpoint,
            redirect_uri=uri,
            now=utcnow(),
        )


async def _record_failure(ctx: Context, now: dt.datetime) -> None:
    async with ctx.db.transaction() as session:
        oidc_login.record_failure(
            session, tenant_id=ctx.tenant.id, remote_address=client_address(ctx), now=now
        )


async def _checked_claims(
    config: OidcClientConfig, provider: ProviderMetadata, id_token: str, nonce: str
) -> dict[str, Any]:
    keys = await oidc_provider.signing_keys(provider)
    try:
        return verify_id_token(id_token, keys, config=config, nonce=nonce, now=utcnow())
    except UnknownSigningKey:
        keys = await oidc_provider.signing_keys(provider, refresh=True)
    try:
        return verify_id_token(id_token, keys, config=config, nonce=nonce, now=utcnow())
    except UnknownSigningKey as exc:
        raise fail(
            "TOKEN_INVALID", "La réponse du fournisseur d'identité n'a pas pu être vérifiée."
        ) from exc


async def _person(
    config: OidcClientConfig,
    provider: ProviderMetadata,
    access_token: str | None,
    claims: dict[str, Any],
) -> dict[str, Any]:
    """What the provider says of the person: the ID token's claims, completed by the
    userinfo endpoint (FranceConnect gives names and birth date only there)."""
    subject = str(claims["sub"])
    person = person_claims(claims, subject)
    if provider.userinfo_endpoint is None or access_token is None:
        return person
    answer = await oidc_provider.userinfo(provider, access_token)
    if isinstance(answer, str):
        keys = await oidc_provider.signing_keys(provider)
        try:
            extra = verify_userinfo(answer, keys, config=config, subject=subject)
        except UnknownSigningKey as exc:
            raise fail("TOKEN_INVALID", "Les informations d'identité sont invalides.") from exc
    else:
        extra = person_claims(answer, subject)
    return {**person, **extra}


async def complete_login(ctx: Context, code: str, state: str) -> IssuedSession | LinkOffered:
    """oidcLoginComplete: a session for a linked identity, a link offer for a new one."""
    now = utcnow()
    tenant = await _tenant(ctx)
    config = _config(ctx, tenant)
    address = client_address(ctx)
    refused: DomainFailure | None = None
    async with ctx.db.transaction() as session:
        if await oidc_login.throttled(
            session, tenant_id=ctx.tenant.id, remote_address=address, now=now
        ):
            raise fail(
                "THROTTLED",
                "Trop de tentatives de connexion. Réessayez dans quelques minutes.",
            )
        try:
            login_state = await oidc_login.consume_state(
                session, tenant_id=ctx.tenant.id, state=state, issuer=config.issuer, now=now
            )
        except DomainFailure as failure:
            oidc_login.record_failure(
                session, tenant_id=ctx.tenant.id, remote_address=address, now=now
            )
            refused = failure
    if refused is not None:
        raise refused
    try:
        provider = await oidc_provider.metadata(config.issuer)
        answer = await oidc_provider.exchange_code(
            config,
            provider,
            code=code,
            redirect_uri=login_state.redirect_uri,
            code_verifier=login_state.code_verifier,
        )
        claims = await _checked_claims(config, provider, answer.id_token, login_state.nonce)
        person = await _person(config, provider, answer.access_token, claims)
    except ProviderUnavailable as exc:
        raise _unavailable() from exc
    except CodeRefused as exc:
        await _record_failure(ctx, now)
        raise fail(
            "CODE_REFUSED",
            "Le fournisseur d'identité a refusé cette connexion : recommencez depuis le portail.",
            "code",
        ) from exc
    except DomainFailure:
        await _record_failure(ctx, now)
        raise
    async with ctx.db.transaction() as session:
        return await oidc_login.finish_login(
            session,
            tenant_id=ctx.tenant.id,
            state=login_state,
            subject=str(claims["sub"]),
            claims=person,
            id_token=answer.id_token,
            remote_address=address,
            user_agent=_user_agent(ctx),
            now=utcnow(),
        )


async def request_link(ctx: Context, link_token: str, email: str) -> str:
    """oidcIdentityLink: mail the account a link; the provider's name for the answer."""
    tenant = await _tenant(ctx)
    raw = (tenant.settings or {}).get(SETTINGS_KEY)
    provider_name = str(
        (raw.get("providerName") if isinstance(raw, dict) else None) or DEFAULT_PROVIDER_NAME
    )
    async with ctx.db.transaction() as session:
        await oidc_links.request_link(
            session,
            ctx.tenant,
            PortalLinks(_portal(ctx, tenant)),
            link_token=link_token,
            email=email,
            provider_name=provider_name,
            now=utcnow(),
        )
    return provider_name


async def confirm_link(ctx: Context, token: str, link_token: str) -> IssuedSession:
    """oidcIdentityLinkConfirm: link the identity, open a session."""
    async with ctx.db.transaction() as session:
        return await oidc_links.confirm_link(
            session,
            tenant_id=ctx.tenant.id,
            token=token,
            link_token=link_token,
            remote_address=client_address(ctx),
            user_agent=_user_agent(ctx),
            now=utcnow(),
        )


async def identities(ctx: Context) -> list[AccountIdentity]:
    """accountIdentities: the viewer's own linked identities."""
    if ctx.viewer.account_id is None:
        return []
    return await ctx.db.scalars(
        select(AccountIdentity)
        .where(
            AccountIdentity.tenant_id == ctx.tenant.id,
            AccountIdentity.account_id == ctx.viewer.account_id,
        )
        .order_by(AccountIdentity.id)
    )


async def visible_identities(ctx: Context, ids: list[int]) -> dict[int, AccountIdentity]:
    """Identities the viewer may see by ID: their own, or any of the tenant for staff."""
    if ctx.viewer.is_anonymous or not ids:
        return {}
    statement = select(AccountIdentity).where(
        AccountIdentity.tenant_id == ctx.tenant.id, AccountIdentity.id.in_(ids)
    )
    if not ctx.viewer.is_staff:
        statement = statement.where(AccountIdentity.account_id == ctx.viewer.account_id)
    return {row.id: row for row in await ctx.db.scalars(statement)}


async def unlink(ctx: Context, identity_id: int | None) -> None:
    """oidcIdentityUnlink: only the viewer's own identity."""
    account_id = ctx.viewer.account_id
    if account_id is None:
        raise fail("NOT_FOUND", "Cette identité n'est pas liée à votre compte.", "identity")
    async with ctx.db.transaction() as session:
        await oidc_links.unlink_identity(
            session, tenant_id=ctx.tenant.id, account_id=account_id, identity_id=identity_id
        )


async def logout(ctx: Context, post_logout_redirect_uri: str) -> str | None:
    """oidcLogout: end the session here and give the provider's logout URL (None when the
    provider publishes none); nothing changes when any check fails."""
    tenant = await _tenant(ctx)
    config = _config(ctx, tenant)
    uri = check_redirect_uri(
        config, post_logout_redirect_uri, _portal(ctx, tenant), "postLogoutRedirectUri"
    )
    async with ctx.db.transaction() as session:
        id_token = await oidc_login.provider_logout_hint(session, session_id=ctx.viewer.session_id)
    try:
        provider = await oidc_provider.metadata(config.issuer)
    except ProviderUnavailable as exc:
        raise _unavailable() from exc
    async with ctx.db.transaction() as session:
        assert ctx.viewer.session_id is not None
        await accounts.logout(session, session_id=ctx.viewer.session_id, now=utcnow())
    if provider.end_session_endpoint is None:
        return None
    return str(
        add_params_to_uri(
            provider.end_session_endpoint,
            [
                ("id_token_hint", id_token),
                ("state", generate_token(32)),
                ("post_logout_redirect_uri", uri),
            ],
        )
    )
