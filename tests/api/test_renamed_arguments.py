"""ID arguments named after their entity (issue 15, item 7): ``invoicePaymentStart`` and
``paymentRecord`` take ``invoice`` (``invoiceId`` deprecated), ``ReportFilter`` takes
``establishments``/``activities`` (``establishmentIds``/``activityIds`` deprecated) and
``planningChanged`` takes ``children`` (``childIds`` deprecated). Each works under both
names; both at once with different values is refused (French ``BAD_USER_INPUT``); the SDL
marks the old names deprecated without any breaking change."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from graphql import GraphQLInputObjectType, build_schema, find_breaking_changes
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import GlobalID

from kernel.settings import Settings
from models import Payment, PaymentIntent, Tenant
from models.account import Role
from schema import build_schema as build_app_schema
from schema.errors import PublicError
from schema.payments.arguments import renamed, renamed_required
from tests.factories.family import (
    make_account_with_token,
    make_parent_account_with_token,
    make_staff_account_with_token,
)
from tests.factories.payments import CREDITOR, make_billed_invoice, make_paying_family
from tests.factories.reporting import ReportTown, make_report_town
from tests.support.graphql_client import GraphQLClient

ROOT = Path(__file__).resolve().parents[2]
# The last commit before the renaming: its SDL snapshot is the "old" schema.
BEFORE_RENAMING = "9011d00be6c299b0dcd8b802179933b88979348a"
TODAY = dt.datetime.now(ZoneInfo("Europe/Paris")).date()

START = """mutation($input: InvoicePaymentStartInput!) {
  invoicePaymentStart(input: $input) {
    paymentUrl intent { amountCents } errors { field message code } } }"""
RECORD = """mutation($input: PaymentRecordInput!) {
  paymentRecord(input: $input) {
    payment { amountCents } invoice { paidCents } errors { field message code } } }"""
ATTENDANCE = """query($where: ReportFilter) {
  reports { attendance(where: $where, groupBy: [ACTIVITY]) {
    groups { keys { activity { name } } count } } } }"""


def gid(type_name: str, pk: int) -> str:
    return str(GlobalID(type_name, str(pk)))


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def _invoice(session: AsyncSession, tenant: Tenant) -> tuple[int, str, str]:
    """An open invoice of 68,60 €, its family's parent token and a staff token."""
    tenant.settings = {"sepaCreditor": CREDITOR}
    paying = await make_paying_family(session, tenant)
    invoice = await make_billed_invoice(
        session,
        paying,
        issued_on=TODAY - dt.timedelta(days=20),
        due_on=TODAY + dt.timedelta(days=10),
    )
    _, parent = await make_parent_account_with_token(session, tenant, guardian=paying.payer)
    _, staff = await make_staff_account_with_token(session, tenant)
    await session.commit()
    return invoice.id, parent, staff


async def test_invoice_payment_start_under_both_names(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    invoice_id, parent, _ = await _invoice(session, tenant)
    own = gid("Invoice", invoice_id)
    for name in ("invoice", "invoiceId"):
        body = await api.post(START, {"input": {name: own}}, headers=auth(parent))
        result = body["data"]["invoicePaymentStart"]
        assert result["errors"] == [], result
        assert result["intent"]["amountCents"] == 6860

    # A payload error names the field the client sent.
    unknown = gid("Invoice", invoice_id + 1000)
    for name in ("invoice", "invoiceId"):
        body = await api.post(START, {"input": {name: unknown}}, headers=auth(parent))
        [error] = body["data"]["invoicePaymentStart"]["errors"]
        assert (error["code"], error["field"]) == ("NOT_FOUND", [name])

    intents = await session.scalar(select(func.count()).select_from(PaymentIntent))  # reused
    # Both names with different values: refused, nothing created.
    body = await api.post(
        START, {"input": {"invoice": own, "invoiceId": unknown}}, headers=auth(parent)
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "« invoice » et « invoiceId »" in body["errors"][0]["message"]
    # The same value under both names is no contradiction.
    body = await api.post(
        START, {"input": {"invoice": own, "invoiceId": own}}, headers=auth(parent)
    )
    assert body["data"]["invoicePaymentStart"]["errors"] == []
    # Neither: refused as a missing value.
    body = await api.post(START, {"input": {}}, headers=auth(parent))
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["message"] == "« invoice » est obligatoire."
    assert await session.scalar(select(func.count()).select_from(PaymentIntent)) == intents


async def test_payment_record_under_both_names(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant
) -> None:
    invoice_id, _, staff = await _invoice(session, tenant)
    own = gid("Invoice", invoice_id)
    base = {"method": "CASH", "amountCents": 1000, "paidOn": TODAY.isoformat()}
    paid = 0
    for name in ("invoice", "invoiceId"):
        body = await api.post(RECORD, {"input": {**base, name: own}}, headers=auth(staff))
        result = body["data"]["paymentRecord"]
        assert result["errors"] == [], result
        paid += 1000
        assert result["invoice"]["paidCents"] == paid

    too_much = {**base, "amountCents": 999_999}
    for name in ("invoice", "invoiceId"):
        body = await api.post(RECORD, {"input": {**too_much, name: own}}, headers=auth(staff))
        [error] = body["data"]["paymentRecord"]["errors"]
        assert error["code"] == "AMOUNT_EXCEEDS_REMAINING"

    other = gid("Invoice", invoice_id + 1000)
    body = await api.post(
        RECORD, {"input": {**base, "invoice": own, "invoiceId": other}}, headers=auth(staff)
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await api.post(RECORD, {"input": base}, headers=auth(staff))
    assert body["errors"][0]["message"] == "« invoice » est obligatoire."
    assert await session.scalar(select(func.count()).select_from(Payment)) == 2


@pytest.fixture
async def town(session: AsyncSession) -> ReportTown:
    town = await make_report_town(session)
    await session.commit()
    return town


async def test_report_filter_under_both_names(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    _, token = await make_account_with_token(session, town.tenant, role=Role.REPORTING)
    await session.commit()

    async def names(where: dict[str, object]) -> set[str]:
        body = await api.post(ATTENDANCE, {"where": where}, headers=auth(token))
        assert "errors" not in body, body
        groups = body["data"]["reports"]["attendance"]["groups"]
        return {g["keys"]["activity"]["name"] for g in groups}

    everything = await names({})
    assert {"Cantine", "Garderie"} <= everything
    care = gid("Activity", town.care.id)
    assert await names({"activities": [care]}) == {"Garderie"}
    assert await names({"activityIds": [care]}) == {"Garderie"}
    # The new name wins when both say the same; different values are refused.
    assert await names({"activities": [care], "activityIds": [care]}) == {"Garderie"}
    meal = gid("Activity", town.meal.id)
    body = await api.post(
        ATTENDANCE, {"where": {"activities": [care], "activityIds": [meal]}}, headers=auth(token)
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "« activities » et « activityIds »" in body["errors"][0]["message"]

    places = [gid("Establishment", e.id) for e in town.establishments]
    assert await names({"establishments": places}) == everything
    assert await names({"establishmentIds": places}) == everything
    body = await api.post(
        ATTENDANCE,
        {"where": {"establishments": places[:1], "establishmentIds": places}},
        headers=auth(token),
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # A malformed ID is reported under the name the client used.
    body = await api.post(ATTENDANCE, {"where": {"establishments": [care]}}, headers=auth(token))
    assert "« establishments »" in body["errors"][0]["message"]
    body = await api.post(ATTENDANCE, {"where": {"establishmentIds": [care]}}, headers=auth(token))
    assert "« establishmentIds »" in body["errors"][0]["message"]


def test_the_helpers_read_the_new_name_first() -> None:
    assert renamed(["a"], None, "children", "childIds") == ["a"]
    assert renamed(None, ["b"], "children", "childIds") == ["b"]
    assert renamed(["a"], ["a"], "children", "childIds") == ["a"]
    assert renamed(None, None, "children", "childIds") is None
    with pytest.raises(PublicError, match="« children » et « childIds »"):
        renamed(["a"], ["b"], "children", "childIds")
    with pytest.raises(PublicError, match="obligatoire"):
        renamed_required(None, None, "invoice", "invoiceId")


def test_the_sdl_deprecates_the_old_names_without_breaking_anything() -> None:
    new = build_schema(build_app_schema(Settings()).as_str())
    renamed_fields = {
        ("InvoicePaymentStartInput", "invoiceId"): "invoice",
        ("PaymentRecordInput", "invoiceId"): "invoice",
        ("ReportFilter", "establishmentIds"): "establishments",
        ("ReportFilter", "activityIds"): "activities",
    }
    for (type_name, old_name), new_name in renamed_fields.items():
        input_type = new.get_type(type_name)
        assert isinstance(input_type, GraphQLInputObjectType)
        assert input_type.fields[old_name].deprecation_reason == f"Use `{new_name}`."
        assert input_type.fields[new_name].deprecation_reason is None
    assert new.subscription_type is not None
    planning = new.subscription_type.fields["planningChanged"]
    assert planning.args["childIds"].deprecation_reason == "Use `children`."
    assert planning.args["children"].deprecation_reason is None

    committed = subprocess.run(
        ["git", "show", f"{BEFORE_RENAMING}:schema.graphql"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if committed.returncode != 0:
        pytest.skip("no git history here")
    assert find_breaking_changes(build_schema(committed.stdout), new) == []
