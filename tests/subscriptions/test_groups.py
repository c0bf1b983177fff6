"""Subscription groups over a real WebSocket (the app on uvicorn in this process): one
execution per group of subscribers sharing the operation and the visibility, the same
bytes as the per-subscriber path, and every member still re-checked at each event."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from domain.requests.history import record_step
from kernel.settings import Settings
from models import Account, Family, Request
from models.account import StaffEstablishment
from models.base import utcnow
from models.request import HistoryStep, RequestStatus, RequestType
from resolvers import change_requests
from server.app import create_app
from subscriptions.groups import SharedPayloads
from subscriptions.hub import Delivery, Hub
from subscriptions.log import encode_cursor
from subscriptions.stream import deliveries
from tests import factories
from tests.factories import family as ff
from tests.server.notification_delivery._fakes import serve
from tests.subscriptions.conftest import World, until_subscribed
from tests.subscriptions.support import REQUEST_EVENTS, STAFF_INBOX, WSClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@asynccontextmanager
async def served(
    database_url: str, tmp_path: Path, world: World, *, groups: bool
) -> AsyncIterator[tuple[str, Hub]]:
    """The app (groups on or off) on uvicorn; the WebSocket URL of the world's tenant and
    the app's hub."""
    app = create_app(
        Settings(
            environment="test",
            database_url=database_url,
            var_dir=tmp_path / "var",
            mail_sender_in_process=False,
            subscription_groups=groups,
        )
    )
    async with serve(app, lifespan=True) as url:
        yield url.replace("http://", "ws://") + f"/{world.tenant.slug}/graphql", app.state.hub


async def second_parent(world: World, family: Family | None = None) -> tuple[int, str]:
    """Another guardian of the family (the world's by default) with a parent account:
    the account's id and its token."""
    async with world.sessions() as session, session.begin():
        guardian = await ff.make_guardian(session, family or world.family, rank=2)
        account, token = await ff.make_parent_account_with_token(
            session, world.tenant, guardian=guardian
        )
    return account.id, token


async def request_about(world: World, activity_id: int | None) -> int:
    """Commit a new request of the world's family about an activity (one event)."""
    async with world.sessions() as session, session.begin():
        world._reference += 1
        request = Request(
            tenant_id=world.tenant.id,
            family_id=world.family.id,
            reference=world._reference,
            type=RequestType.RESERVATION,
            status=RequestStatus.PENDING,
            activity_id=activity_id,
        )
        session.add(request)
        await session.flush()
        record_step(
            session,
            request,
            HistoryStep.CREATED,
            RequestStatus.PENDING,
            actor_account_id=None,
            now=utcnow(),
        )
        return request.id


@pytest.mark.parametrize("groups", [True, False])
async def test_two_parents_of_a_family_share_one_execution_and_others_see_nothing(
    world: World, database_url: str, tmp_path: Path, groups: bool
) -> None:
    _, second_token = await second_parent(world)
    _, other_token = await second_parent(world, world.other_family)
    async with served(database_url, tmp_path, world, groups=groups) as (url, hub):
        first = await WSClient.open(url, world.parent_token)
        second = await WSClient.open(url, second_token)
        other = await WSClient.open(url, other_token)
        try:
            ops = [await c.subscribe(REQUEST_EVENTS) for c in (first, second, other)]
            await until_subscribed(hub, 3)
            before = hub.payloads.executions
            await world.request_step(world.family)
            got = [
                (await c.next(op))["payload"] for c, op in zip((first, second), ops, strict=False)
            ]
            assert got[0] == got[1]
            assert got[0]["data"]["requestStatusChanged"]["stepLabel"] == "Création de demande"
            # One execution for the family's group (none at all with the groups off).
            assert hub.payloads.executions - before == (1 if groups else 0)
            assert await other.silent(ops[2], 1.0)

            # The other family's own event: its own group, only for it.
            await world.request_step(world.other_family)
            mine = (await other.data(ops[2]))["requestStatusChanged"]
            assert mine["request"]["id"] != got[0]["data"]["requestStatusChanged"]["request"]["id"]
            assert await first.silent(ops[0], 0.5)
            assert await second.silent(ops[1], 0.5)
        finally:
            for client in (first, second, other):
                await client.close()


@pytest.mark.parametrize("groups", [True, False])
async def test_a_guardian_removed_between_two_events_stops_receiving(
    world: World, database_url: str, tmp_path: Path, groups: bool
) -> None:
    second_account, second_token = await second_parent(world)
    async with served(database_url, tmp_path, world, groups=groups) as (url, hub):
        first = await WSClient.open(url, world.parent_token)
        second = await WSClient.open(url, second_token)
        try:
            ops = [await c.subscribe(REQUEST_EVENTS) for c in (first, second)]
            await until_subscribed(hub, 2)
            await world.request_step(world.family)
            for client, op in zip((first, second), ops, strict=True):
                await client.data(op)
            async with world.sessions() as session, session.begin():
                await session.execute(
                    update(Account).where(Account.id == second_account).values(guardian_id=None)
                )
            await world.request_step(world.family)
            assert (await first.data(ops[0]))["requestStatusChanged"]["status"] == "PENDING"
            assert await second.silent(ops[1], 1.0)
        finally:
            await first.close()
            await second.close()


@pytest.mark.parametrize("groups", [True, False])
async def test_staff_limited_to_an_establishment_do_not_get_another_ones_request(
    world: World, database_url: str, tmp_path: Path, groups: bool
) -> None:
    async with world.sessions() as session, session.begin():
        year = await factories.make_school_year(session, world.tenant)
        school = await factories.make_establishment(session, world.tenant)
        elsewhere = await factories.make_establishment(session, world.tenant)
        ours = await factories.make_activity(session, school, year)
        theirs = await factories.make_activity(session, elsewhere, year)
        limited, limited_token = await ff.make_staff_account_with_token(session, world.tenant)
        session.add(
            StaffEstablishment(
                tenant_id=world.tenant.id, account_id=limited.id, establishment_id=school.id
            )
        )
        _, free_token = await ff.make_staff_account_with_token(session, world.tenant)
        ours_id, theirs_id = ours.id, theirs.id
    async with served(database_url, tmp_path, world, groups=groups) as (url, hub):
        agent = await WSClient.open(url, limited_token)
        everyone = await WSClient.open(url, free_token)
        try:
            agent_op = await agent.subscribe(STAFF_INBOX)
            everyone_op = await everyone.subscribe(STAFF_INBOX)
            await until_subscribed(hub, 2)
            await request_about(world, theirs_id)
            assert (await everyone.data(everyone_op))["staffInbox"]["step"] == "CREATED"
            assert await agent.silent(agent_op, 1.0)
            await request_about(world, ours_id)
            seen = (await agent.data(agent_op))["staffInbox"]
            also = (await everyone.data(everyone_op))["staffInbox"]
            assert seen == also
        finally:
            await agent.close()
            await everyone.close()


async def test_the_grouped_payload_is_the_same_bytes_as_strawberrys(
    world: World, database_url: str, tmp_path: Path
) -> None:
    await world.request_step(world.family)
    frames: list[str] = []
    for groups in (True, False):
        async with served(database_url, tmp_path, world, groups=groups) as (url, _):
            client = await WSClient.open(url, world.parent_token)
            try:
                await client.subscribe(REQUEST_EVENTS, after=encode_cursor(0))
                frames.append(str(await asyncio.wait_for(client.ws.recv(), 10)))
            finally:
                await client.close()
    assert frames[0] == frames[1]
    assert '"type":"next"' in frames[0]
    assert "Création de demande" in frames[0]


async def test_a_member_leaving_does_not_cancel_the_payload_for_the_others() -> None:
    payloads = SharedPayloads()
    release = asyncio.Event()
    calls = 0

    async def compute() -> str:
        nonlocal calls
        calls += 1
        await release.wait()
        return '{"data":{}}'

    first = asyncio.create_task(payloads.payload("k", compute))
    second = asyncio.create_task(payloads.payload("k", compute))
    await asyncio.sleep(0)
    first.cancel()
    release.set()
    assert await second == '{"data":{}}'
    assert await payloads.payload("k", compute) == '{"data":{}}'
    assert (calls, payloads.executions) == (1, 1)
    with pytest.raises(asyncio.CancelledError):
        await first


async def test_a_payload_that_failed_is_computed_again() -> None:
    payloads = SharedPayloads()
    outcomes: list[str | None] = [None, "ok"]

    async def compute() -> str:
        outcome = outcomes.pop(0)
        if outcome is None:
            raise RuntimeError("boom")
        return outcome

    with pytest.raises(RuntimeError):
        await payloads.payload("k", compute)
    assert await payloads.payload("k", compute) == "ok"
    assert payloads.executions == 2


async def test_clients_resumed_from_different_cursors_share_the_live_events(
    world: World, database_url: str, tmp_path: Path
) -> None:
    await world.request_step(world.family)
    _, second_token = await second_parent(world)
    async with served(database_url, tmp_path, world, groups=True) as (url, hub):
        first = await WSClient.open(url, world.parent_token)
        second = await WSClient.open(url, second_token)
        try:
            resumed = await first.subscribe(REQUEST_EVENTS, after=encode_cursor(0))
            replayed = (await first.data(resumed))["requestStatusChanged"]
            live = await second.subscribe(REQUEST_EVENTS, after=replayed["cursor"])
            await until_subscribed(hub, 2)
            before = hub.payloads.executions
            await world.request_step(world.family)
            got = [(await first.next(resumed))["payload"], (await second.next(live))["payload"]]
            assert got[0] == got[1]
            assert hub.payloads.executions - before == 1
        finally:
            await first.close()
            await second.close()


async def test_the_feed_prepares_a_delivery_before_waking_its_subscriber(
    world: World, hub: Hub
) -> None:
    ready: list[int] = []

    async def compute(seq: int) -> str:
        await asyncio.sleep(0.05)
        ready.append(seq)
        return "payload"

    def prepare(delivery: Delivery) -> Awaitable[str] | None:
        return asyncio.ensure_future(compute(delivery.event.seq))

    stream = deliveries(hub, world.parent, after=None, accepts=lambda _: True, prepare=prepare)
    first = asyncio.ensure_future(anext(stream))
    await until_subscribed(hub, 1)
    await world.request_step(world.family)
    delivery = await asyncio.wait_for(first, 10)
    assert ready == [delivery.event.seq]  # computed before the subscriber got it
    await stream.aclose()


async def test_an_unexpected_error_is_masked_the_same_way(
    world: World, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(change_requests, "requests_by_id", broken)
    await world.request_step(world.family)
    payloads: list[dict[str, Any]] = []
    for groups in (True, False):
        async with served(database_url, tmp_path, world, groups=groups) as (url, _):
            client = await WSClient.open(url, world.parent_token)
            try:
                op = await client.subscribe(REQUEST_EVENTS, after=encode_cursor(0))
                payloads.append((await client.next(op))["payload"])
            finally:
                await client.close()
    for payload in payloads:
        (error,) = payload["errors"]
        assert error["extensions"].pop("requestId")
        assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
        assert "boom" not in error["message"]
        assert payload["data"]["requestStatusChanged"]["request"] is None
    assert payloads[0] == payloads[1]
