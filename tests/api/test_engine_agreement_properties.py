"""Property (hypothesis): what the planning says about a date is what a request for that
date does, made right after — for generated towns.

Each example builds, in the API's tenant, a fresh establishment with an activity whose
rules are drawn (auto-acceptance, waiting list, capacity, eligibility by grade,
exclusivity group with a second activity, at most N days a month, booking and
cancellation deadlines, late absences billed or not), a closed day maybe, a child of a
drawn grade with drawn bookings and pending lines around the target date, and other
children taking places. Then, for a drawn Wednesday and action:

- reserve: ``canReserve`` false ⇔ the request refuses the date, with ``reserveBlocker`` as
  its code; true ⇒ accepted (auto-acceptance, a place free), waiting list
  (``reserveWouldWaitList``) or waiting for staff;
- absence: ``canCancel`` false ⇔ refused with ``cancelBlocker`` (STARTED is the request's
  DEADLINE_PASSED); ``absenceWouldBeBilled`` ⇔ the absence is billed;
- the preview of the same request answers the same as the request.

Dates are relative to today (the API runs on the real clock), so the school year of the
generated towns is built around it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from models import Tenant
from models.activity import DeadlineKind
from models.booking import BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Grade
from models.registration import RegistrationStatus
from models.request import RequestLineAction, RequestLineStatus, RequestStatus, RequestType
from seed import builders
from tests import factories
from tests.api.test_booking_requests import call, gid
from tests.factories.family import make_account_with_token, make_child, make_family, make_guardian
from tests.support.graphql_client import GraphQLClient

_numbers = itertools.count(1)
TODAY = dt.date.today()
# The Wednesdays of the next ten weeks (deadlines of up to 40 days fall on both sides of now).
WEDNESDAYS = [
    TODAY + dt.timedelta(days=d)
    for d in range(1, 71)
    if (TODAY + dt.timedelta(days=d)).isoweekday() == 3
]

PLANNING = """query($from: Date!, $to: Date!, $children: [ID!], $activities: [ID!]) {
  planning(range: {gte: $from, lte: $to}, children: $children, activities: $activities) {
    occurrences { date slotId status canReserve reserveBlocker reserveWouldWaitList
                  canCancel cancelBlocker absenceWouldBeBilled } } }"""
LINES = "lines { date outcome code message absenceWouldBeBilled } errors { code }"
CREATE_LINES = "lines { date outcome code message } errors { code }"
MUTATIONS = {
    RequestType.RESERVATION: (
        f"""mutation($input: ReservationRequestCreateInput!) {{
          reservationRequestPreview(input: $input) {{ {LINES} }} }}""",
        f"""mutation($input: ReservationRequestCreateInput!) {{
          reservationRequestCreate(input: $input) {{ {CREATE_LINES} }} }}""",
    ),
    RequestType.ABSENCE: (
        f"""mutation($input: AbsenceRequestCreateInput!) {{
          absenceRequestPreview(input: $input) {{ {LINES} }} }}""",
        f"""mutation($input: AbsenceRequestCreateInput!) {{
          absenceRequestCreate(input: $input) {{ {CREATE_LINES} }} }}""",
    ),
}

deadlines = st.one_of(
    st.just((DeadlineKind.NONE, 0)),
    st.tuples(st.just(DeadlineKind.CALENDAR_DAYS_BEFORE), st.integers(0, 75)),
)
# Each example puts one rule at stake (the others drawn, mostly out of the way), so that
# a few examples cover every rule.
FOCI = ("free", "eligibility", "exclusive", "monthly", "full", "deadline", "closed", "pending",
        "absence", "absence")  # fmt: skip


OWN_STATUSES = [
    BookingStatus.RESERVED,
    BookingStatus.WAITING_LIST,
    BookingStatus.CANCELLED,
    BookingStatus.ABSENT,
]


def maybe(strategy: st.SearchStrategy[Any], benign: Any) -> st.SearchStrategy[Any]:
    """Mostly ``benign``, sometimes (one in four) anything ``strategy`` draws."""
    return st.one_of(st.just(benign), st.just(benign), st.just(benign), strategy)


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, Any]:
    focus = draw(st.sampled_from(FOCI))
    target = draw(st.sampled_from(WEDNESDAYS))
    month_days = [d for d in WEDNESDAYS if d.month == target.month and d != target]
    w: dict[str, Any] = {
        "target": target,
        "action": RequestType.ABSENCE if focus == "absence" else RequestType.RESERVATION,
        "auto_accept": draw(st.booleans()),
        "waiting_list_enabled": draw(st.booleans()),
        "capacity": draw(maybe(st.sampled_from([1, 2]), None)),
        "min_grade": draw(maybe(st.just(Grade.CE1), None)),
        "grade": draw(st.sampled_from([Grade.CP, Grade.CM1])),
        "grouped": draw(st.booleans()),
        "group_taken": draw(maybe(st.booleans(), False)),
        "max_days": draw(maybe(st.sampled_from([1, 2]), None)),
        "month_held": draw(st.lists(st.sampled_from(month_days or [target]), max_size=2)),
        "booking": draw(maybe(deadlines, (DeadlineKind.NONE, 0))),
        "cancellation": draw(deadlines),
        "late_billed": draw(st.booleans()),
        "closed": False,
        "own": draw(maybe(st.sampled_from(OWN_STATUSES), None)),
        "pending": draw(maybe(st.just(RequestLineAction.RESERVE), None)),
        "others": draw(maybe(st.integers(1, 2), 0)),
    }
    if focus not in ("free", "pending", "absence"):
        w.update(own=None, pending=None)  # let the rule at stake speak
    if focus == "eligibility":
        w.update(min_grade=Grade.CE1, grade=Grade.CP)
    elif focus == "exclusive":
        w.update(grouped=True, group_taken=True)
    elif focus == "monthly":
        w.update(max_days=draw(st.sampled_from([1, 2])), month_held=month_days[:2])
    elif focus == "full":
        w.update(capacity=1, others=draw(st.integers(1, 2)))
    elif focus == "deadline":
        w.update(booking=(DeadlineKind.CALENDAR_DAYS_BEFORE, draw(st.integers(0, 75))))
    elif focus == "closed":
        w.update(closed=True)
    elif focus == "pending":
        w.update(pending=RequestLineAction.RESERVE)
    elif focus == "absence":
        own = [BookingStatus.RESERVED, BookingStatus.RESERVED, BookingStatus.WAITING_LIST]
        w.update(own=draw(st.sampled_from(own)))
    return w


async def _town(session: AsyncSession, tenant: Tenant, w: dict[str, Any]) -> dict[str, Any]:
    n = next(_numbers)
    year = await factories.make_school_year(
        session,
        tenant,
        label=f"Propriété {n}",
        start_date=TODAY - dt.timedelta(days=40),
        end_date=TODAY + dt.timedelta(days=120),
    )
    school = await factories.make_establishment(session, tenant)
    group = f"soir-{n}" if w["grouped"] else None
    activity = await factories.make_activity(
        session,
        school,
        year,
        auto_accept=w["auto_accept"],
        waiting_list_enabled=w["waiting_list_enabled"],
        capacity=w["capacity"],
        min_grade=w["min_grade"],
        exclusivity_group=group,
        max_days_per_month=w["max_days"],
        booking_deadline_kind=w["booking"][0],
        booking_deadline_offset=w["booking"][1],
        booking_deadline_time=dt.time(12),
        cancellation_deadline_kind=w["cancellation"][0],
        cancellation_deadline_offset=w["cancellation"][1],
        cancellation_deadline_time=dt.time(12),
        late_absence_billed=w["late_billed"],
    )
    slot = await factories.make_slot(
        session, activity, weekday=3, start_time=dt.time(16, 30), end_time=dt.time(18),
        valid_from=year.start_date,
    )  # fmt: skip
    if w["closed"]:
        await factories.make_calendar_period(
            session, tenant, kind=CalendarPeriodKind.CLOSURE, label="Fermeture",
            start_date=w["target"], end_date=w["target"], establishment_id=school.id,
        )  # fmt: skip
    family = await make_family(session, tenant)
    guardian = await make_guardian(session, family)
    child = await make_child(session, family, grade=w["grade"])
    _, token = await make_account_with_token(session, tenant, guardian=guardian)
    span = {"start_date": year.start_date, "end_date": year.end_date}
    await builders.add_registration(
        session, child, activity, status=RegistrationStatus.ACTIVE, **span
    )
    target = w["target"]
    if group is not None and w["group_taken"]:
        other = await factories.make_activity(session, school, year, exclusivity_group=group)
        other_slot = await factories.make_slot(
            session, other, weekday=3, start_time=dt.time(17), end_time=dt.time(18),
            valid_from=year.start_date,
        )  # fmt: skip
        await builders.add_booking(
            session, child, other_slot, target, status=BookingStatus.RESERVED
        )
    for day in set(w["month_held"]) - {target}:
        await builders.add_booking(session, child, slot, day, status=BookingStatus.RESERVED)
    if w["own"] is not None:
        waiting = dt.datetime.now(dt.UTC) if w["own"] is BookingStatus.WAITING_LIST else None
        await builders.add_booking(
            session, child, slot, target, status=w["own"], waiting_since=waiting
        )
    if w["pending"] is not None:
        request = await builders.add_request(
            session, family, reference=900_000_000 + n, type=RequestType.RESERVATION,
            status=RequestStatus.PENDING, child_id=child.id, activity_id=activity.id,
        )  # fmt: skip
        await builders.add_request_line(
            session, request, child, slot, target,
            action=w["pending"], status=RequestLineStatus.PENDING,
        )  # fmt: skip
    if w["others"]:
        neighbours = await make_family(session, tenant)
        for _ in range(w["others"]):
            kid = await make_child(session, neighbours)
            await builders.add_booking(session, kid, slot, target, status=BookingStatus.RESERVED)
    await session.commit()
    return {"token": token, "child": child, "activity": activity, "slot": slot}


def _expected_outcome(occurrence: dict[str, Any], action: RequestType, auto: bool) -> Any:
    """What the planning announces for the request: (outcome, code)."""
    if action is RequestType.RESERVATION:
        if not occurrence["canReserve"]:
            return "REJECTED", occurrence["reserveBlocker"]
        if not auto:
            return "CREATED", None
        return ("WAITING_LIST" if occurrence["reserveWouldWaitList"] else "ACCEPTED"), None
    if not occurrence["canCancel"]:
        blocker = occurrence["cancelBlocker"]
        return "REJECTED", "DEADLINE_PASSED" if blocker == "STARTED" else blocker
    return ("ACCEPTED" if auto else "CREATED"), None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(w=worlds())
async def test_the_planning_announces_what_the_request_does(
    api: GraphQLClient, session: AsyncSession, tenant: Tenant, w: dict[str, Any]
) -> None:
    made = await _town(session, tenant, w)
    target = w["target"].isoformat()
    token, child, activity = made["token"], made["child"], made["activity"]
    body = await call(
        api, token, PLANNING, **{"from": target, "to": target},
        children=[gid("Child", child.id)], activities=[gid("Activity", activity.id)],
    )  # fmt: skip
    occurrences = body["data"]["planning"]["occurrences"]
    asked = {
        "children": [gid("Child", child.id)],
        "activity": gid("Activity", activity.id),
        "date": target,
    }
    preview_query, create_query = MUTATIONS[w["action"]]
    preview = await call(api, token, preview_query, input=asked)
    created = await call(api, token, create_query, input=asked)
    (preview_payload,) = preview["data"].values()
    (created_payload,) = created["data"].values()
    (predicted,) = preview_payload["lines"]
    (line,) = created_payload["lines"]
    got = (line["outcome"], line["code"])
    event(f"{w['action'].value} {got[0]} {got[1] or ''}")
    assert (predicted["outcome"], predicted["code"], predicted["message"]) == (
        *got,
        line["message"],
    )
    if not occurrences:  # the planning shows no occurrence: a closed day
        assert w["closed"] and got == ("REJECTED", "CLOSED_DAY")
        return
    (occurrence,) = occurrences
    assert got == _expected_outcome(occurrence, w["action"], w["auto_accept"])
    if w["action"] is RequestType.ABSENCE and occurrence["canCancel"]:
        billed = "facturée" in line["message"] and "non facturée" not in line["message"]
        assert occurrence["absenceWouldBeBilled"] == predicted["absenceWouldBeBilled"] == billed
