"""The demo town, loaded once per test on the test database."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tests.server.demo_town._helpers import _load


@pytest.fixture
async def demo(engine: AsyncEngine, session: AsyncSession) -> AsyncSession:
    """A session on a database holding the demo town of the reference date."""
    await _load(engine)
    return session
