"""requestMessagePost: staff write to a family on a request, the family replies; each side
sees the other's message as unread; the family is mailed; retries with the same key write
nothing new; nobody writes on another family's or another tenant's request."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Message, OutboxMessage
from models.account import Role
from tests.api.test_booking_decisions import MONDAY, Town, _request, call, data, gid, town
from tests.factories import family as ff
from tests.support.graphql_client import GraphQLClient

__all__ = ["town"]

POST = """mutation($input: RequestMessagePostInput!) { requestMessagePost(input: $input) {
  message { body fromStaff subject } request { id unreadMessageCount messages { body fromStaff } }
  errors { field message code } } }"""
UNREAD = "{ viewer { unreadMessageCount } }"


async def _count(session: AsyncSession, model: type) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def post(api: GraphQLClient, token: str | None, **values: Any) -> Any:
    return (await data(api, token, POST, {"input": values}))["requestMessagePost"]


async def test_staff_write_the_family_replies(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    request_id = gid("Request", request.id)

    sent = await post(api, town.staff, request=request_id, body="  Merci de rappeler le service. ")
    assert sent["errors"] == []
    assert sent["message"]["body"] == "Merci de rappeler le service."
    assert sent["message"]["fromStaff"] is True
    assert sent["message"]["subject"].startswith("Demande n° ")
    mails = list(await session.scalars(select(OutboxMessage)))
    mail = next(m for m in mails if m.template == "request_message_posted")
    assert mail.to_address == town.parent_email
    assert "Merci de rappeler le service." in mail.text_body
    assert mail.subject.startswith("Nouveau message – demande n° ")
    assert (await data(api, town.parent, UNREAD, {}))["viewer"]["unreadMessageCount"] == 1
    assert (await data(api, town.staff, UNREAD, {}))["viewer"]["unreadMessageCount"] == 0

    reply = await post(api, town.parent, request=request_id, body="C'est noté, merci.")
    assert reply["errors"] == []
    assert reply["message"]["fromStaff"] is False
    assert [(m["body"], m["fromStaff"]) for m in reply["request"]["messages"]] == [
        ("Merci de rappeler le service.", True),
        ("C'est noté, merci.", False),
    ]
    assert reply["request"]["unreadMessageCount"] == 1  # the staff's, for the parent
    assert (await data(api, town.staff, UNREAD, {}))["viewer"]["unreadMessageCount"] == 1
    # A reply does not mail the family itself.
    templates = [m.template for m in await session.scalars(select(OutboxMessage))]
    assert templates.count("request_message_posted") == 1


async def test_retries_with_the_same_key_write_once(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    values = {"request": gid("Request", request.id), "body": "Bonjour", "idempotencyKey": "k-1"}
    first = await post(api, town.staff, **values)
    again = await post(api, town.staff, **values)
    assert first["errors"] == again["errors"] == []
    assert await _count(session, Message) == 1
    other = await post(api, town.staff, **{**values, "body": "Autre chose"})
    assert [e["code"] for e in other["errors"]] == ["IDEMPOTENCY_KEY_REUSED"]
    assert await _count(session, Message) == 1


async def test_bad_input_is_reported_in_french(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    blank = await post(api, town.staff, request=gid("Request", request.id), body="   ")
    assert [(e["code"], e["field"], e["message"]) for e in blank["errors"]] == [
        ("REQUIRED", ["body"], "Écrivez votre message.")
    ]
    long = await post(api, town.parent, request=gid("Request", request.id), body="x" * 5001)
    assert [e["code"] for e in long["errors"]] == ["TOO_LONG"]
    assert await _count(session, Message) == 0


async def test_nobody_writes_on_someone_elses_request(
    session: AsyncSession, api: GraphQLClient, town: Town
) -> None:
    request, _ = await _request(session, town, town.child_ids[0], [MONDAY])
    values = {"input": {"request": gid("Request", request.id), "body": "Bonjour"}}
    other_family = await post(api, town.other_parent, **values["input"])
    assert [e["code"] for e in other_family["errors"]] == ["NOT_FOUND"]
    foreign = await call(api, town.foreign_staff, POST, values, tenant=town.foreign_slug)
    assert [e["code"] for e in foreign["data"]["requestMessagePost"]["errors"]] == ["NOT_FOUND"]
    wrong_type = await post(api, town.staff, request=gid("Child", town.child_ids[0]), body="x")
    assert [e["code"] for e in wrong_type["errors"]] == ["NOT_FOUND"]
    anonymous = await call(api, None, POST, values)
    assert anonymous["data"] is None and anonymous["errors"]
    _, reporting = await ff.make_account_with_token(session, town.tenant, role=Role.REPORTING)
    await session.commit()
    refused = await call(api, reporting, POST, values)
    assert refused["data"] is None and refused["errors"]
    assert await _count(session, Message) == 0
    assert await _count(session, OutboxMessage) == 0
