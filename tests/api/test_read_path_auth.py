"""The token check on the request's own database session (issue 14): the same viewer and
the same refusals as the check in a session of its own, with one statement, and the
request's later reads on the same session."""

from __future__ import annotations

from typing import Any

import pytest
from cross_web import HTTPException
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from models import Tenant
from models.account import Role
from models.engine import create_session_factory
from resolvers.database import RequestDatabase
from server.http_auth import authenticate_bearer, authenticate_in_request
from tests import factories


async def test_same_viewer_as_in_a_session_of_its_own(
    engine: AsyncEngine, session: AsyncSession, tenant: Tenant
) -> None:
    family = await factories.make_family(session, tenant)
    guardian = await factories.make_guardian(session, family)
    _, parent = await factories.make_account_with_token(session, tenant, guardian=guardian)
    _, agent = await factories.make_account_with_token(session, tenant, role=Role.STAFF)
    await session.commit()
    sessions = create_session_factory(engine)
    counted: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        counted.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    for token in (parent, agent):
        expected = await authenticate_bearer(sessions, tenant.id, token)
        db = RequestDatabase(sessions)
        try:
            counted.clear()
            viewer = await authenticate_in_request(db, tenant.id, token)
            assert await db.scalar(select(Tenant.slug).where(Tenant.id == tenant.id))
            assert viewer == expected
            selects = [s for s in counted if s.lstrip().upper().startswith("SELECT")]
            assert len(selects) == 2  # the check, then the request's read
        finally:
            await db.close()
    event.remove(engine.sync_engine, "before_cursor_execute", record)
    db = RequestDatabase(sessions)
    try:
        assert (await authenticate_in_request(db, tenant.id, parent)).family_id == family.id
    finally:
        await db.close()


async def test_same_refusals(engine: AsyncEngine, session: AsyncSession, tenant: Tenant) -> None:
    other = await factories.make_tenant(session)
    _, elsewhere = await factories.make_account_with_token(session, other, role=Role.STAFF)
    await session.commit()
    db = RequestDatabase(create_session_factory(engine))
    try:
        with pytest.raises(HTTPException) as wrong_tenant:
            await authenticate_in_request(db, tenant.id, elsewhere)
        assert wrong_tenant.value.status_code == 403
        with pytest.raises(HTTPException) as unknown:
            await authenticate_in_request(db, tenant.id, "not-a-token")
        assert unknown.value.status_code == 401
    finally:
        await db.close()
