"""An in-process GraphQL client (httpx over ASGI) and a SQL statement counter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass
class GraphQLClient:
    """Posts GraphQL documents to ``/{tenant}/graphql`` of an app, in process."""

    http: httpx.AsyncClient
    tenant: str

    async def post(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        """The decoded JSON response (any status)."""
        tenant = kw.pop("tenant", self.tenant)
        response = await self.http.post(
            f"/{tenant}/graphql", json={"query": query, "variables": variables or {}}, **kw
        )
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        """The ``data`` of a response that must have no errors."""
        body = await self.post(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]


@dataclass
class StatementCounter:
    """Counts the SQL statements an engine executes inside ``counting()``."""

    engine: AsyncEngine
    statements: list[str] = field(default_factory=list)

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        """Record every statement executed while the block runs."""
        self.statements.clear()

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            self.statements.append(statement)

        event.listen(self.engine.sync_engine, "before_cursor_execute", record)
        try:
            yield self.statements
        finally:
            event.remove(self.engine.sync_engine, "before_cursor_execute", record)
