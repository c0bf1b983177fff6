"""Tenant resolution: the first path segment names the collectivity (``/saint-ismier/…``)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from models import Tenant


@dataclass(frozen=True, slots=True)
class TenantRef:
    """What a request needs to know about its tenant, detached from any session."""

    id: int
    slug: str
    name: str
    service_name: str
    timezone: str


class TenantDirectory:
    """Looks tenants up by slug, with a short cache (a hot path: every request needs one).

    Unknown slugs are cached too (briefly), so a scan of random paths costs no queries.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], ttl_seconds: float = 30.0):
        self._sessions = sessions
        self._ttl = ttl_seconds
        self._cache: dict[str, tuple[float, TenantRef | None]] = {}

    async def get(self, slug: str) -> TenantRef | None:
        """The tenant for ``slug``, or None when no such tenant exists."""
        now = time.monotonic()
        cached = self._cache.get(slug)
        if cached is not None and cached[0] > now:
            return cached[1]
        ref = await self._load(slug)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[slug] = (now + self._ttl, ref)
        return ref

    def forget(self, slug: str) -> None:
        """Drop a cached answer (after a tenant is created or renamed)."""
        self._cache.pop(slug, None)

    async def _load(self, slug: str) -> TenantRef | None:
        if not slug or len(slug) > 63:
            return None
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(
                        Tenant.id, Tenant.slug, Tenant.name, Tenant.service_name, Tenant.timezone
                    ).where(Tenant.slug == slug)
                )
            ).one_or_none()
        if row is None:
            return None
        return TenantRef(
            id=row.id,
            slug=row.slug,
            name=row.name,
            service_name=row.service_name,
            timezone=row.timezone,
        )
