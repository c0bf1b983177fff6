"""The collectivity's settings: read them (staff) and change them (administrators), in one
transaction (the schema checked the viewer's role; the tenant is the endpoint's)."""

from __future__ import annotations

from domain.tenants import settings as tenant_settings
from domain.tenants.settings import CollectivitySettings, SettingsChanges
from kernel.tenancy import TenantDirectory
from models import Tenant
from resolvers.context import Context


async def collectivity_settings(ctx: Context) -> CollectivitySettings:
    """collectivitySettings: the endpoint's tenant only."""
    async with ctx.db.transaction() as session:
        tenant = await session.get_one(Tenant, ctx.tenant.id)
        return tenant_settings.read_settings(tenant)


async def update_collectivity_settings(
    ctx: Context, changes: SettingsChanges
) -> CollectivitySettings:
    """collectivitySettingsUpdate; the service name is cached with the tenant, so the
    cache forgets it (this process: at once; others: within the cache's 30 seconds)."""
    async with ctx.db.transaction() as session:
        updated = await tenant_settings.update_settings(
            session,
            tenant_id=ctx.tenant.id,
            actor_account_id=ctx.viewer.account_id,
            changes=changes,
        )
    directory = _tenant_directory(ctx)
    if directory is not None:
        directory.forget(ctx.tenant.slug)
    return updated


def _tenant_directory(ctx: Context) -> TenantDirectory | None:
    state = getattr(getattr(ctx.request, "app", None), "state", None)
    directory = getattr(state, "tenants", None)
    return directory if isinstance(directory, TenantDirectory) else None
