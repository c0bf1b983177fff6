"""The ``reports`` root through the API: who may read it, tenant isolation, statement counts,
and the CSV export over HTTP and from the CLI."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from strawberry.relay import to_base64

from models.account import Role
from tests.factories.family import make_account_with_token
from tests.factories.reporting import ReportTown, make_report_town
from tests.support.graphql_client import GraphQLClient, StatementCounter

ATTENDANCE = """query($where: ReportFilter, $groupBy: [ReportDimension!]) {
  reports { attendance(where: $where, groupBy: $groupBy) {
    groups { keys { activity { id name } activityName grade status statusLabel }
             count children sum { present absent absentBilled presentWithoutBooking }
             attendanceRate }
    suppressedGroups minGroupSize } } }"""

EVERYTHING = """query {
  reports {
    occupancy(groupBy: [MONTH]) { groups { count sum { reserved capacity waitingList }
      max { reserved occupancyRate } } suppressedGroups }
    requests(groupBy: [REQUEST_TYPE]) { groups { keys { requestType requestTypeLabel } count
      processingHours { median p90 } decidedWithin48hShare } suppressedGroups }
    billing(groupBy: [ACTIVITY]) { groups { keys { activity { name } } sum { invoicedCents
      paidCents remainingCents transmittedCents } } suppressedGroups }
    payments(groupBy: [PAYMENT_METHOD]) { groups { keys { paymentMethodLabel }
      sum { amountCents } } suppressedGroups }
    children(groupBy: [QF_BRACKET]) { groups { keys { qfBracket { minimum maximum label } }
      count families } suppressedGroups }
    caf(year: 2026, groupBy: [AGE_BAND]) { year groups { keys { ageBand } count
      sum { hours } } suppressedGroups }
  } }"""


@pytest.fixture
async def town(session: AsyncSession) -> ReportTown:
    town = await make_report_town(session)
    await session.commit()
    return town


async def _token(session: AsyncSession, town: ReportTown, role: Role) -> str:
    _, token = await make_account_with_token(session, town.tenant, role=role)
    await session.commit()
    return token


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def test_reporting_staff_and_admin_read_reports(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    for role in (Role.REPORTING, Role.STAFF, Role.ADMIN):
        token = await _token(session, town, role)
        body = await api.post(
            ATTENDANCE,
            {"groupBy": ["ACTIVITY"], "where": {"from": "2026-03-01", "to": "2026-03-31"}},
            headers=_auth(token),
        )
        assert "errors" not in body, body
        groups = body["data"]["reports"]["attendance"]["groups"]
        by_name = {g["keys"]["activity"]["name"]: g for g in groups}
        assert by_name["Cantine"]["sum"]["present"] == 12
        assert by_name["Garderie"]["count"] == 22
        assert body["data"]["reports"]["attendance"]["minGroupSize"] == 5


async def test_every_report_answers_through_the_api(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    token = await _token(session, town, Role.REPORTING)
    body = await api.post(EVERYTHING, headers=_auth(token))
    assert "errors" not in body, body
    reports = body["data"]["reports"]
    assert reports["occupancy"]["groups"][0]["sum"]["capacity"] == 20
    assert reports["caf"]["year"] == 2026
    # Six families: three paid by card or cheque, one group per method has < 5 families.
    assert reports["payments"]["groups"] == []
    assert reports["payments"]["suppressedGroups"] == 2
    assert reports["children"]["groups"] == []  # two children per QF bracket: all suppressed
    assert reports["children"]["suppressedGroups"] == 6


async def test_parents_and_visitors_are_refused(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    parent = await _token(session, town, Role.PARENT)
    body = await api.post(ATTENDANCE, {}, headers=_auth(parent))
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert body["data"] is None
    anonymous = await api.post(ATTENDANCE, {})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_town_never_sees_another_towns_numbers(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    other = await make_report_town(session)
    await session.commit()
    http = app_http[0]
    own_token = await _token(session, town, Role.REPORTING)
    other_token = await _token(session, other, Role.STAFF)
    # Staff of the other town, on their endpoint: their numbers only (same size town).
    body = await GraphQLClient(http, other.tenant.slug).post(
        ATTENDANCE, {"groupBy": []}, headers=_auth(other_token)
    )
    (group,) = body["data"]["reports"]["attendance"]["groups"]
    assert group["count"] == len(other.bookings)
    # A token of town A on town B's endpoint is refused, never answered with B's data.
    crossed = await GraphQLClient(http, other.tenant.slug).post(
        ATTENDANCE, {}, headers=_auth(own_token)
    )
    assert crossed.get("data") is None or crossed["data"]["reports"] is None
    # Filtering on the other town's activity gives nothing in one's own town.
    foreign = to_base64("Activity", other.care.id)
    body = await GraphQLClient(http, town.tenant.slug).post(
        ATTENDANCE,
        {"groupBy": ["ACTIVITY"], "where": {"activityIds": [foreign]}},
        headers=_auth(own_token),
    )
    assert body["data"]["reports"]["attendance"]["groups"] == []
    assert body["data"]["reports"]["attendance"]["suppressedGroups"] == 0


async def test_statement_count_does_not_grow_with_the_data(
    session: AsyncSession,
    town: ReportTown,
    app_http: tuple[httpx.AsyncClient, AsyncEngine],
    statements: StatementCounter,
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    token = await _token(session, town, Role.REPORTING)
    variables: dict[str, Any] = {"groupBy": ["ACTIVITY", "STATUS"]}
    with statements.counting() as small:
        body = await api.post(ATTENDANCE, variables, headers=_auth(token))
    assert "errors" not in body
    small_count = len(small)
    # More data: a second activity's worth of bookings in the same town (the other town's
    # rows are invisible, so build one more town and read it with its own token).
    bigger = await make_report_town(session)
    await make_report_town(session)
    await session.commit()
    big_token = await _token(session, bigger, Role.REPORTING)
    big_api = GraphQLClient(app_http[0], bigger.tenant.slug)
    with statements.counting() as large:
        body = await big_api.post(
            ATTENDANCE, {"groupBy": ["ACTIVITY", "STATUS", "GRADE"]}, headers=_auth(big_token)
        )
    assert "errors" not in body
    assert len(large) == small_count
    # authentication + tenant settings + the report + one batched activity load
    assert small_count <= 5, small


async def test_bad_arguments_are_client_errors(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    api = GraphQLClient(app_http[0], town.tenant.slug)
    token = await _token(session, town, Role.REPORTING)
    body = await api.post(
        "query { reports { payments(groupBy: [GRADE]) { suppressedGroups } } }",
        headers=_auth(token),
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "regroupé" in body["errors"][0]["message"]


async def test_csv_endpoint(
    session: AsyncSession, town: ReportTown, app_http: tuple[httpx.AsyncClient, AsyncEngine]
) -> None:
    http = app_http[0]
    token = await _token(session, town, Role.REPORTING)
    url = f"/{town.tenant.slug}/reports/attendance.csv"
    response = await http.get(
        url,
        params={"groupBy": "ACTIVITY", "from": "2026-03-01", "to": "2026-03-31"},
        headers=_auth(token),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-suppressed-groups"] == "0"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = text.removeprefix("\ufeff").strip().split("\r\n")
    assert header.startswith("Activité;Réservations;Enfants;Présents;Absents")
    assert sorted(r.split(";")[0] for r in rows) == ["Cantine", "Garderie"]

    parent = await _token(session, town, Role.PARENT)
    assert (await http.get(url, headers=_auth(parent))).status_code == 403
    assert (await http.get(url)).status_code == 401
    bad = await http.get(url, params={"groupBy": "NOPE"}, headers=_auth(token))
    assert bad.status_code == 400
    unknown = await http.get(f"/{town.tenant.slug}/reports/people.csv", headers=_auth(token))
    assert unknown.status_code == 404


ROOT = Path(__file__).resolve().parents[2]


async def test_cli_report(database_url: str, town: ReportTown, tmp_path: Path) -> None:
    output = tmp_path / "caf.csv"
    env = {**os.environ, "CRENEAU_DATABASE_URL": database_url, "CRENEAU_LOG_LEVEL": "warning"}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "server.cli",
        "report",
        "caf",
        "--tenant",
        town.tenant.slug,
        "--year",
        "2026",
        "--group-by",
        "AGE_BAND",
        "--output",
        str(output),
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, stderr.decode()
    text = output.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffTranche d'âge;Présences;Enfants;Heures")
    assert "suppressed" in stderr.decode()
