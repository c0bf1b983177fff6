"""The response cache (server/response_cache.py): a repeated read is answered from memory,
never once the data, the minute or the viewer differ, and never for a write or an error.

That an answer is never stale is checked on both databases. That a repeated read *is* a hit
is checked where it is certain: on SQLite. On PostgreSQL the data version is the server's
snapshot, which other databases' transactions move too (the other test workers' among
them): there a repeated read may be a miss, never a stale answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from starlette.applications import Starlette
from strawberry.relay import to_base64

from models import Establishment, Family, Tenant
from models.account import Role
from models.base import utcnow
from models.engine import is_sqlite
from server import cached_responses
from tests import factories
from tests.observability.test_metrics import sample
from tests.support.graphql_client import StatementCounter

CATALOGUE = "{ establishments { edges { node { name } } } }"
FAMILY = "{ viewer { family { name } } }"


class Client:
    """Posts to the tenant's endpoint and tells whether the answer came from the cache."""

    def __init__(self, http: httpx.AsyncClient, tenant: Tenant, token: str | None = None):
        self.http = http
        self.url = f"/{tenant.slug}/graphql"
        self.headers = {"authorization": f"Bearer {token}"} if token else {}

    async def post(self, query: str, **variables: Any) -> tuple[Any, bool]:
        response = await self.http.post(
            self.url, json={"query": query, "variables": variables}, headers=self.headers
        )
        return response.json(), response.headers.get("x-creneau-cache") == "hit"


@pytest.fixture
def http(app_http: tuple[httpx.AsyncClient, AsyncEngine]) -> httpx.AsyncClient:
    return app_http[0]


@pytest.fixture
def certain(database_url: str) -> bool:
    """Whether a repeated read with nothing written in between must be a hit (SQLite)."""
    return is_sqlite(database_url)


async def parent_of(session: AsyncSession, tenant: Tenant, name: str) -> tuple[Family, str]:
    family, guardians, _ = await factories.make_family_with_members(session, tenant, name=name)
    _, token = await factories.make_parent_account_with_token(
        session, tenant, guardian=guardians[0]
    )
    await session.commit()
    return family, token


def names(body: Any) -> list[str]:
    return [e["node"]["name"] for e in body["data"]["establishments"]["edges"]]


async def test_a_repeated_read_is_served_as_first_sent(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant, certain: bool
) -> None:
    await factories.make_establishment(session, tenant, name="École du Bourg")
    await session.commit()
    client = Client(http, tenant)
    first = await http.post(client.url, json={"query": CATALOGUE})
    again = await http.post(client.url, json={"query": CATALOGUE})
    assert "x-creneau-cache" not in first.headers
    assert again.headers.get("x-creneau-cache") == "hit" or not certain
    assert again.content == first.content
    varying = {"x-creneau-cache", "x-request-id", "content-length", "date"}
    assert [(k, v) for k, v in again.headers.items() if k not in varying] == [
        (k, v) for k, v in first.headers.items() if k not in varying
    ]


async def test_a_write_from_anywhere_is_seen_at_once(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant, certain: bool
) -> None:
    school = await factories.make_establishment(session, tenant, name="École du Bourg")
    await session.commit()
    client = Client(http, tenant)
    assert names((await client.post(CATALOGUE))[0]) == ["École du Bourg"]
    assert (await client.post(CATALOGUE))[1] or not certain
    # Written by another connection than the app's (another process, a command line).
    await session.execute(
        update(Establishment).where(Establishment.id == school.id).values(name="École Neuve")
    )
    await session.commit()
    body, hit = await client.post(CATALOGUE)
    assert (names(body), hit) == (["École Neuve"], False)


async def test_a_mutation_is_never_kept_and_its_change_is_read_next(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant, certain: bool
) -> None:
    school = await factories.make_establishment(session, tenant, name="École du Bourg")
    _, token = await factories.make_account_with_token(session, tenant, role=Role.ADMIN)
    await session.commit()
    admin = Client(http, tenant, token)
    await admin.post(CATALOGUE)
    assert (await admin.post(CATALOGUE))[1] or not certain
    rename = (
        "mutation($input: EstablishmentUpdateInput!) { establishmentUpdate(input: $input) "
        "{ establishment { name } errors { code } } }"
    )
    change = {"establishment": to_base64("Establishment", school.id), "name": "École Neuve"}
    for _ in range(2):
        body, hit = await admin.post(rename, input=change)
        assert (body["data"]["establishmentUpdate"]["errors"], hit) == ([], False)
    body, hit = await admin.post(CATALOGUE)
    assert (names(body), hit) == (["École Neuve"], False)


async def test_one_viewer_is_never_served_another_ones_answer(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant, certain: bool
) -> None:
    _, martin = await parent_of(session, tenant, "MARTIN")
    _, durand = await parent_of(session, tenant, "DURAND")
    first, _ = await Client(http, tenant, martin).post(FAMILY)
    assert first["data"]["viewer"]["family"]["name"] == "MARTIN"
    assert (await Client(http, tenant, martin).post(FAMILY))[1] or not certain
    other, hit = await Client(http, tenant, durand).post(FAMILY)
    assert (other["data"]["viewer"]["family"]["name"], hit) == ("DURAND", False)
    anonymous, hit = await Client(http, tenant).post(FAMILY)
    assert (anonymous["data"]["viewer"]["family"], hit) == (None, False)


async def test_the_next_minute_reads_again(
    http: httpx.AsyncClient,
    session: AsyncSession,
    tenant: Tenant,
    monkeypatch: pytest.MonkeyPatch,
    certain: bool,
) -> None:
    await factories.make_establishment(session, tenant)
    await session.commit()
    client = Client(http, tenant)
    at = utcnow().replace(second=5)
    monkeypatch.setattr(cached_responses, "utcnow", lambda: at)
    await client.post(CATALOGUE)
    monkeypatch.setattr(cached_responses, "utcnow", lambda: at + dt.timedelta(seconds=50))
    assert (await client.post(CATALOGUE))[1] or not certain
    monkeypatch.setattr(cached_responses, "utcnow", lambda: at + dt.timedelta(seconds=60))
    assert not (await client.post(CATALOGUE))[1]


async def test_errors_and_other_variables_are_not_served_from_memory(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant, certain: bool
) -> None:
    client = Client(http, tenant)
    wrong = "{ establishments { edges { node { nope } } } }"
    assert "errors" in (await client.post(wrong))[0]
    assert not (await client.post(wrong))[1]  # not kept: it had errors
    paged = "query($n: Int) { establishments(first: $n) { edges { node { name } } } }"
    await client.post(paged, n=1)
    assert not (await client.post(paged, n=2))[1]
    assert (await client.post(paged, n=1))[1] or not certain


async def test_off_when_configured(app: Starlette, http: httpx.AsyncClient, tenant: Tenant) -> None:
    app.state.graphql.response_cache = None  # what CRENEAU_RESPONSE_CACHE_MB=0 builds
    client = Client(http, tenant)
    await client.post(CATALOGUE)
    assert not (await client.post(CATALOGUE))[1]


async def test_metrics_show_hits_and_misses(
    http: httpx.AsyncClient, tenant: Tenant, certain: bool
) -> None:
    client = Client(http, tenant)
    for _ in range(3):
        await client.post(CATALOGUE)
    text = (await http.get("/metrics")).text
    hits = sample(text, "creneau_response_cache", measure="hits")
    misses = sample(text, "creneau_response_cache", measure="misses")
    assert hits is not None and misses is not None
    assert (hits, misses) == (2, 1) or (not certain and hits + misses == 3)
    assert (sample(text, "creneau_response_cache", measure="entries") or 0) >= 1
    assert (sample(text, "creneau_response_cache", measure="bytes") or 0) > 0


async def test_the_token_check_reads_the_data_version_on_postgresql(
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    session: AsyncSession,
    tenant: Tenant,
    database_url: str,
) -> None:
    _, token = await parent_of(session, tenant, "MARTIN")
    counter = StatementCounter(app_http[1])
    with counter.counting() as seen:
        body, _ = await Client(app_http[0], tenant, token).post(FAMILY)
    assert body["data"]["viewer"]["family"]["name"] == "MARTIN"
    versions = [s for s in seen if "pg_current_snapshot" in s or "data_version" in s]
    if is_sqlite(database_url):
        assert versions == ["PRAGMA data_version"]
    else:  # no round trip of its own: the token check's statement reads it
        assert len(versions) == 1 and "FROM session" in versions[0], versions


async def test_a_get_that_holds_the_answer_gets_a_304(
    http: httpx.AsyncClient, session: AsyncSession, tenant: Tenant
) -> None:
    school = await factories.make_establishment(session, tenant, name="École du Bourg")
    await session.commit()
    url = f"/{tenant.slug}/graphql"
    first = await http.get(url, params={"query": CATALOGUE})
    etag = first.headers["etag"]
    assert (first.status_code, first.headers["cache-control"]) == (200, "private, no-cache")
    same = await http.get(url, params={"query": CATALOGUE}, headers={"if-none-match": etag})
    assert (same.status_code, same.content, same.headers["etag"]) == (304, b"", etag)
    other = await http.get(url, params={"query": CATALOGUE}, headers={"if-none-match": '"x"'})
    assert (other.status_code, other.content) == (200, first.content)
    # POST has no conditional form: the tag is given, the body always sent.
    posted = await http.post(url, json={"query": CATALOGUE}, headers={"if-none-match": etag})
    assert posted.status_code == 200 and posted.headers["etag"] == etag
    await session.execute(
        update(Establishment).where(Establishment.id == school.id).values(name="École Neuve")
    )
    await session.commit()
    changed = await http.get(url, params={"query": CATALOGUE}, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert names(changed.json()) == ["École Neuve"]
