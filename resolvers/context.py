"""The per-request context: tenant, viewer, database session and DataLoaders.

A context lives for one HTTP request (or one WebSocket connection); its loaders are never
shared between requests, so a cached row can never leak from one viewer to another.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kernel.settings import Settings
from kernel.tenancy import TenantRef
from kernel.viewer import Viewer
from resolvers.catalogue_reads import CatalogueReads
from resolvers.database import RequestDatabase
from resolvers.loaders import Loaders


@dataclass
class Context:
    """Everything a resolver may use; built once per request by the GraphQL view."""

    tenant: TenantRef
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    viewer: Viewer
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    # The process's fair gate to the pool for HTTP requests' reads (models.engine.read_gate).
    read_gate: asyncio.Semaphore | None = None

    @cached_property
    def db(self) -> RequestDatabase:
        """The request's serialized database access, opened on first use."""
        return RequestDatabase(self.sessions, self.read_gate)

    @cached_property
    def loaders(self) -> Loaders:
        """This request's DataLoaders (scoped to the tenant)."""
        return Loaders(self.db, self.tenant.id)

    @cached_property
    def catalogue(self) -> CatalogueReads:
        """This request's batched catalogue reads (scoped to the tenant)."""
        return CatalogueReads(self.db, self.tenant.id)

    async def close(self) -> None:
        """Release the database connection at the end of the request."""
        if "db" in self.__dict__:
            await self.db.close()
